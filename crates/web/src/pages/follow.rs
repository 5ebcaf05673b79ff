//! Following collectives on other instances: paste a handle (`@name@host`) or a URL, and see
//! the collectives one follows or asked to follow.

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
}

async fn page(
    ctx: &AppContext,
    ui: &Ui,
    status: StatusCode,
    target: String,
    error: Option<String>,
    done: bool,
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
            },
        ),
        Err(e) => problem::failure(ui, e),
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
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
        !q.done.is_empty(),
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
        false,
    )
    .await
}
