//! Following collectives on other instances: paste a handle (`@name@host`) or a URL, see
//! the collectives one follows or asked to follow, and stop following any of them.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, follows};
use meent_db::queries::{collectives::CollectiveRow, follows::FollowRow};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "follow.html")]
struct FollowPage<'a> {
    ui: &'a Ui,
    following: Vec<(FollowRow, CollectiveRow)>,
    target: String,
    error: Option<String>,
    done: bool,
    stopped: bool,
}

async fn page(
    ctx: &AppContext,
    ui: &Ui,
    status: StatusCode,
    target: String,
    error: Option<String>,
    (done, stopped): (bool, bool),
) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(ui);
    };
    match follows::follows_of(ctx, member).await {
        Ok(following) => problem::render(
            status,
            &FollowPage {
                ui,
                following,
                target,
                error,
                done,
                stopped,
            },
        ),
        Err(e) => problem::failure(ui, e),
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
    #[serde(default)]
    stopped: String,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<DoneQuery>,
) -> HttpResponse {
    page(
        &ctx,
        &ui,
        StatusCode::OK,
        String::new(),
        None,
        (!q.done.is_empty(), !q.stopped.is_empty()),
    )
    .await
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    target: String,
}

pub(super) async fn submit(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    let target = form.target.trim().to_owned();
    let result = async {
        let collective = follows::resolve_collective(&ctx, &target).await?;
        follows::follow(&ctx, member, &collective).await?;
        Ok::<_, AppError>(())
    }
    .await;
    let key = match result {
        Ok(()) => return problem::see_other("/follow?done=1"),
        Err(AppError::Invalid(_)) => "error-follow-target",
        Err(AppError::NotFound(_)) => "error-follow-not-found",
        Err(AppError::NotACollective(..)) => "error-follow-not-a-collective",
        Err(AppError::Forbidden(why)) => {
            tracing::info!(why, %target, "following refused");
            "error-follow-not-allowed"
        }
        Err(AppError::Remote(why)) => {
            tracing::info!(%why, %target, "following failed");
            "error-follow-remote"
        }
        Err(e) => return problem::failure(&ui, e),
    };
    let error = Some(ui.t(key));
    page(
        &ctx,
        &ui,
        StatusCode::UNPROCESSABLE_ENTITY,
        target,
        error,
        (false, false),
    )
    .await
}

#[derive(Deserialize)]
pub struct StopForm {
    /// The collective's number here, from the member's own list.
    collective: i64,
}

/// Stops following a collective from "Wie je volgt", here or elsewhere (its server is sent
/// an `Undo` of the `Follow`). Only a follow of the member's own list can be stopped.
pub(super) async fn stop(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<StopForm>,
) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    let result = async {
        let (_, collective) = follows::follows_of(&ctx, member)
            .await?
            .into_iter()
            .find(|(_, c)| c.id == form.collective)
            .ok_or(AppError::NotFound("follow"))?;
        follows::unfollow(&ctx, member, &collective).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match result {
        Ok(()) => problem::see_other("/follow?stopped=1"),
        Err(e) => problem::failure(&ui, e),
    }
}
