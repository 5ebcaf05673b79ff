//! Coordinator pages: approve followers, manage members and their roles, invite people, and
//! approve registrations.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError,
    accounts::{self, PendingRegistration},
    collectives, follows,
    use_cases::site,
};
use meent_db::queries::{collectives::CollectiveRow, follows::FollowRow, members::MemberRow};
use meent_domain::Role;
use serde::Deserialize;

pub struct Managed {
    pub c: CollectiveRow,
    pub requests: Vec<(FollowRow, MemberRow)>,
    pub members: Vec<(MemberRow, bool)>,
}

#[derive(Template)]
#[template(path = "manage.html")]
struct ManagePage<'a> {
    ui: &'a Ui,
    domain: &'a str,
    managed: Vec<Managed>,
    registrations: Vec<PendingRegistration>,
    /// A new invitation link, shown once.
    invite: Option<String>,
    /// For administrators: how delivery to each other server goes, refusals included.
    peers: Vec<Peer>,
    /// For administrators: every collective here, each with a link to edit its profile.
    all_collectives: Vec<CollectiveRow>,
}

/// One other server as the administrator sees it.
struct Peer {
    host: String,
    software: String,
    /// A translation key: `peer-state-healthy`, `-backing-off` or `-dead`.
    state: &'static str,
    last_success: String,
    refusals: i64,
    last_refusal: String,
    queued: i64,
}

fn when(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

impl From<site::RemoteInstanceHealth> for Peer {
    fn from(i: site::RemoteInstanceHealth) -> Self {
        let row = i.row;
        Peer {
            state: if row.dead_since.is_some() {
                "peer-state-dead"
            } else if row.retry_at.is_some() {
                "peer-state-backing-off"
            } else {
                "peer-state-healthy"
            },
            software: row.software.unwrap_or_default(),
            last_success: when(row.last_success),
            refusals: row.refusals,
            last_refusal: match (row.last_refusal_at, row.last_refusal) {
                (Some(at), Some(why)) => format!("{}: {why}", when(Some(at))),
                _ => String::new(),
            },
            queued: i.queued,
            host: row.host,
        }
    }
}

async fn page(ctx: &AppContext, ui: &Ui, invite: Option<String>) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(ui);
    };
    let load = async {
        let mut managed = Vec::new();
        let local = collectives::list_local(ctx).await?;
        let all_collectives = if member.is_admin {
            local.clone()
        } else {
            Vec::new()
        };
        for c in local {
            if !ui.reader.coordinates(c.id) {
                continue;
            }
            let requests = follows::pending_requests(ctx, member, &c).await?;
            let members = collectives::members(ctx, &c)
                .await?
                .into_iter()
                .map(|(m, r)| (m, r == Role::Coordinator))
                .collect();
            managed.push(Managed {
                c,
                requests,
                members,
            });
        }
        let registrations = accounts::pending_registrations(ctx, &ui.reader).await?;
        let peers = if member.is_admin {
            site::remote_instances(ctx, member)
                .await?
                .into_iter()
                .map(Peer::from)
                .collect()
        } else {
            Vec::new()
        };
        Ok::<_, AppError>((managed, registrations, (peers, all_collectives)))
    };
    match load.await {
        Ok((managed, _, _)) if managed.is_empty() && !ui.is_admin() => problem::failure(
            ui,
            AppError::Forbidden("only coordinators manage collectives"),
        ),
        Ok((managed, registrations, (peers, all_collectives))) => problem::render(
            StatusCode::OK,
            &ManagePage {
                ui,
                domain: &ctx.instance.domain,
                managed,
                registrations,
                invite,
                peers,
                all_collectives,
            },
        ),
        Err(e) => problem::failure(ui, e),
    }
}

pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui) -> HttpResponse {
    page(&ctx, &ui, None).await
}

#[derive(Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    approve: bool,
}

pub(super) async fn decide_follow(
    ctx: web::Data<AppContext>,
    ui: Ui,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    let (name, follow_id) = path.into_inner();
    let result = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        follows::decide(&ctx, member, &c, follow_id, form.approve).await
    }
    .await;
    match result {
        Ok(()) => problem::see_other("/manage"),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    /// `member`, `coordinator` or `remove`.
    role: String,
}

pub(super) async fn set_role(
    ctx: web::Data<AppContext>,
    ui: Ui,
    path: web::Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let (name, member_id) = path.into_inner();
    let result = async {
        let role = match form.role.as_str() {
            "remove" => None,
            other => Some(other.parse::<Role>()?),
        };
        let c = collectives::local_by_name(&ctx, &name).await?;
        collectives::set_member_role(&ctx, &ui.reader, &c, member_id, role).await
    }
    .await;
    match result {
        Ok(()) => problem::see_other("/manage"),
        Err(AppError::Conflict(_)) => problem::page(
            &ui,
            StatusCode::CONFLICT,
            "problem-invalid-title",
            "error-last-coordinator",
        ),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub(super) async fn invite(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        accounts::create_invite(&ctx, &ui.reader, &c).await
    }
    .await;
    match result {
        Ok(code) => {
            let link = format!("{}register?invite={code}", ctx.urls().base());
            page(&ctx, &ui, Some(link)).await
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn decide_registration(
    ctx: web::Data<AppContext>,
    ui: Ui,
    member_id: web::Path<i64>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match accounts::decide_registration(&ctx, &ui.reader, *member_id, form.approve).await {
        Ok(()) => problem::see_other("/manage"),
        Err(e) => problem::failure(&ui, e),
    }
}
