//! A local collective's page: profile, members, dilemmas, and the follow button.

use super::listing::{DilemmaItem, items};
use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, collectives, dilemmas, follows};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};
use meent_domain::Role;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "collective.html")]
struct CollectivePage<'a> {
    ui: &'a Ui,
    domain: &'a str,
    c: CollectiveRow,
    follower_count: i64,
    members: Vec<(MemberRow, bool)>,
    dilemmas: Vec<DilemmaItem>,
    is_member: bool,
    /// `accepted`, `pending` or empty: the visitor's follow of this collective.
    follow_state: String,
    /// Sessions it organises: (number, title, start on its clocks).
    sessions: Vec<(i64, String, chrono::NaiveDateTime)>,
    /// The visitor may organise sessions for it (a coordinator of a support organisation).
    may_organise: bool,
    /// Learning programmes it curates: (number, title).
    programmes: Vec<(i64, String)>,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    let load = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        let follower_count = follows::follower_count(&ctx, &c).await?;
        let members = collectives::members(&ctx, &c).await?;
        let rows = dilemmas::list(&ctx, &ui.reader, Some(&c), None, 50, 0).await?;
        let follow_state = match ui.member() {
            Some(m) => follows::follows_of(&ctx, m)
                .await?
                .into_iter()
                .find(|(_, col)| col.id == c.id)
                .map(|(f, _)| f.state)
                .unwrap_or_default(),
            None => String::new(),
        };
        let sessions = meent_app::use_cases::meetings::of_collective(&ctx, &c)
            .await?
            .into_iter()
            .map(|m| {
                let start = meent_domain::meeting::to_local(m.starts_at, &m.time_zone);
                (m.id, m.title, start)
            })
            .collect();
        let programmes = meent_app::use_cases::programmes::of_collective(&ctx, &c)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        Ok::<_, AppError>((
            c,
            follower_count,
            members,
            items(&ctx, rows).await?,
            follow_state,
            (sessions, programmes),
        ))
    };
    match load.await {
        Ok((c, follower_count, members, dilemmas, follow_state, (sessions, programmes))) => {
            problem::render(
                StatusCode::OK,
                &CollectivePage {
                    ui: &ui,
                    domain: &ctx.instance.domain,
                    is_member: ui.reader.is_member_of(c.id),
                    may_organise: ui.reader.coordinates(c.id)
                        && c.kind == meent_domain::CollectiveKind::SupportOrganisation.as_str(),
                    sessions,
                    programmes,
                    c,
                    follower_count,
                    members: members
                        .into_iter()
                        .map(|(m, role)| (m, role == Role::Coordinator))
                        .collect(),
                    dilemmas,
                    follow_state,
                },
            )
        }
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    follow: bool,
}

/// Follows or unfollows a local collective from its page.
pub(super) async fn follow(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    let result = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        if form.follow {
            follows::follow(&ctx, member, &c).await?;
        } else {
            follows::unfollow(&ctx, member, &c).await?;
        }
        Ok::<_, AppError>(c)
    }
    .await;
    match result {
        Ok(c) => problem::see_other(&format!("/c/{}", c.name)),
        Err(e) => problem::failure(&ui, e),
    }
}
