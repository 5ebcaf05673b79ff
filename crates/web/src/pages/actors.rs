use super::{failure, render};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, collectives, follows, members};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};
use meent_domain::CollectiveKind;

#[derive(Template)]
#[template(path = "collective.html")]
struct CollectivePage<'a> {
    instance_name: &'a str,
    domain: &'a str,
    ap_id: String,
    name: String,
    display_name: String,
    summary: String,
    kind_label: &'static str,
    municipality: Option<String>,
    neighbourhood: Option<String>,
    open: bool,
    follower_count: i64,
    members: Vec<(MemberRow, bool)>,
}

fn kind_label(kind: &str) -> &'static str {
    match kind.parse::<CollectiveKind>() {
        Ok(CollectiveKind::ResidentsCollective) => "Bewonerscollectief",
        Ok(CollectiveKind::TenantsCommittee) => "Bewonerscommissie",
        Ok(CollectiveKind::ResidentsInitiative) => "Bewonersinitiatief",
        Ok(CollectiveKind::CoreGroup) => "Kerngroep",
        Ok(CollectiveKind::SupportOrganisation) => "Ondersteuningsorganisatie",
        Err(_) => "Collectief",
    }
}

pub(super) async fn collective(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> HttpResponse {
    let instance_name = &ctx.instance.name;
    let load = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        let follower_count = follows::follower_count(&ctx, &c).await?;
        let members = collectives::members(&ctx, &c).await?;
        Ok::<_, AppError>((c, follower_count, members))
    };
    match load.await {
        Ok((c, follower_count, members)) => render(
            StatusCode::OK,
            &CollectivePage {
                instance_name,
                domain: &ctx.instance.domain,
                kind_label: kind_label(&c.kind),
                ap_id: c.ap_id,
                name: c.name,
                display_name: c.display_name,
                summary: c.summary,
                municipality: c.municipality,
                neighbourhood: c.neighbourhood,
                open: c.open,
                follower_count,
                members: members
                    .into_iter()
                    .map(|(m, role)| (m, role == meent_domain::Role::Coordinator))
                    .collect(),
            },
        ),
        Err(e) => failure(instance_name, e),
    }
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage<'a> {
    instance_name: &'a str,
    domain: &'a str,
    ap_id: String,
    name: String,
    display_name: String,
    collectives: Vec<CollectiveRow>,
}

pub(super) async fn member(ctx: web::Data<AppContext>, name: web::Path<String>) -> HttpResponse {
    let instance_name = &ctx.instance.name;
    let load = async {
        let m = members::local_by_name(&ctx, &name).await?;
        let collectives = members::collectives_of(&ctx, &m).await?;
        Ok::<_, AppError>((m, collectives))
    };
    match load.await {
        Ok((m, collectives)) => render(
            StatusCode::OK,
            &MemberPage {
                instance_name,
                domain: &ctx.instance.domain,
                ap_id: m.ap_id,
                name: m.name,
                display_name: m.display_name,
                collectives: collectives.into_iter().map(|(c, _)| c).collect(),
            },
        ),
        Err(e) => failure(instance_name, e),
    }
}
