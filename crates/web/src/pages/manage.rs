//! Coordinator pages: approve followers, manage members and their roles, invite people, and
//! approve registrations.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError,
    accounts::{self, PendingRegistration},
    collectives, follows,
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
}

async fn page(ctx: &AppContext, ui: &Ui, invite: Option<String>) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(ui);
    };
    let load = async {
        let mut managed = Vec::new();
        for c in collectives::list_local(ctx).await? {
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
        Ok::<_, AppError>((managed, registrations))
    };
    match load.await {
        Ok((managed, _)) if managed.is_empty() && !ui.is_admin() => problem::failure(
            ui,
            AppError::Forbidden("only coordinators manage collectives"),
        ),
        Ok((managed, registrations)) => problem::render(
            StatusCode::OK,
            &ManagePage {
                ui,
                domain: &ctx.instance.domain,
                managed,
                registrations,
                invite,
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
