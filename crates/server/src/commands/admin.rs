//! Administration from the command line: collectives, members, roles, passwords and API
//! tokens, for scripts and for administrators who prefer a terminal to the set-up page.

use clap::Subcommand;
use meent_app::{
    auth, collectives,
    collectives::NewCollective,
    members::{self, NewMember},
};
use meent_domain::{CollectiveKind, Role};
use meent_server::{Config, app_context};

#[derive(Debug, Subcommand)]
pub enum Admin {
    /// Create a collective.
    CreateCollective {
        /// Handle: lowercase letters, digits and _ (e.g. bewoners_oost).
        #[arg(long)]
        name: String,
        /// Name as people read it (e.g. "Bewonerscommissie Oost").
        #[arg(long)]
        display_name: String,
        /// residents_collective, tenants_committee, residents_initiative, core_group or
        /// support_organisation.
        #[arg(long, default_value = "residents_collective")]
        kind: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        neighbourhood: Option<String>,
        /// New followers wait for a coordinator's approval.
        #[arg(long)]
        closed: bool,
    },
    /// Create a member account, optionally in a collective.
    CreateMember {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        display_name: String,
        /// Make the member an administrator of the instance.
        #[arg(long)]
        admin: bool,
        /// Add the member to this collective.
        #[arg(long)]
        collective: Option<String>,
        /// Role in that collective: member or coordinator.
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Set (or give) a member's password for logging in to the web interface. The password
    /// is read from the environment variable MEENT_PASSWORD, or else from standard input.
    SetPassword {
        #[arg(long)]
        member: String,
    },
    /// Add an existing member to a collective, or change their role.
    AddMember {
        #[arg(long)]
        member: String,
        #[arg(long)]
        collective: String,
        #[arg(long, default_value = "member")]
        role: String,
    },
    /// Make an API token for a member (shown once).
    Token {
        #[arg(long)]
        member: String,
        #[arg(long, default_value = "cli")]
        label: String,
    },
    /// List the collectives on this instance.
    ListCollectives,
    /// List the members of this instance.
    ListMembers,
}

pub async fn run(config: &Config, cmd: Admin) -> anyhow::Result<()> {
    let ctx = app_context(config).await?;
    match cmd {
        Admin::CreateCollective {
            name,
            display_name,
            kind,
            summary,
            municipality,
            neighbourhood,
            closed,
        } => {
            let kind: CollectiveKind = kind.parse()?;
            let c = collectives::create(
                &ctx,
                NewCollective {
                    name,
                    display_name,
                    summary,
                    kind,
                    municipality,
                    neighbourhood,
                    languages: vec!["nl".into()],
                    open: !closed,
                },
            )
            .await?;
            println!(
                "created collective @{}@{} ({})",
                c.name, ctx.instance.domain, c.ap_id
            );
        }
        Admin::CreateMember {
            name,
            display_name,
            admin,
            collective,
            role,
        } => {
            let role: Role = role.parse()?;
            let target = match &collective {
                Some(c) => Some(collectives::local_by_name(&ctx, c).await?),
                None => None,
            };
            let m = members::create(
                &ctx,
                NewMember {
                    name,
                    display_name,
                    is_admin: admin,
                },
            )
            .await?;
            if let Some(c) = target {
                members::join(&ctx, &m, &c, role).await?;
            }
            println!(
                "created member @{}@{} ({})",
                m.name, ctx.instance.domain, m.ap_id
            );
        }
        Admin::AddMember {
            member,
            collective,
            role,
        } => {
            let role: Role = role.parse()?;
            let m = members::local_by_name(&ctx, &member).await?;
            let c = collectives::local_by_name(&ctx, &collective).await?;
            members::join(&ctx, &m, &c, role).await?;
            println!("{} is now {} of {}", m.name, role.as_str(), c.name);
        }
        Admin::Token { member, label } => {
            let m = members::local_by_name(&ctx, &member).await?;
            let token = auth::create_token(&ctx, &m, &label).await?;
            println!("{token}");
        }
        Admin::SetPassword { member } => {
            let m = members::local_by_name(&ctx, &member).await?;
            let password = match std::env::var("MEENT_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    eprintln!("Password for {member} (at least 10 characters), then Enter:");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\n', '\r']).to_owned()
                }
            };
            meent_app::accounts::set_password(&ctx, &m, &password)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{member} can now log in at {}login", ctx.urls().base());
        }
        Admin::ListCollectives => {
            for c in collectives::list_local(&ctx).await? {
                let access = if c.open { "open" } else { "closed" };
                println!("{}\t{}\t{}\t{access}", c.name, c.display_name, c.kind);
            }
        }
        Admin::ListMembers => {
            for m in members::list_local(&ctx).await? {
                let admin = if m.is_admin { "admin" } else { "" };
                println!("{}\t{}\t{admin}", m.name, m.display_name);
            }
        }
    }
    Ok(())
}
