//! Solutions, comments and confirmations over the API.

use super::dilemma_dto::*;
use crate::{
    ApiError,
    auth::{ReaderOf, SignedIn},
    error::ErrorBody,
};
use actix_web::{HttpResponse, delete, post, put, web};
use meent_app::{
    AppContext,
    use_cases::{confirmations, likes, likes::Likeable, replies},
};

/// Answer a dilemma with a solution.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    request_body = SolutionInput,
    responses(
        (status = 201, body = Reply),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/dilemmas/{id}/solutions")]
pub async fn add_solution(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<SolutionInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = replies::add_solution(
        &ctx,
        &reader,
        *id,
        replies::SolutionInput {
            body: body.body,
            from_experience: body.from_experience,
            speaks_for: body.speaks_for,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(Reply::from(row)))
}

/// Comment on a solution or on another comment.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's or comment's number")),
    request_body = TextInput,
    responses(
        (status = 201, body = Reply),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/replies/{id}/comments")]
pub async fn add_comment(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<TextInput>,
) -> Result<HttpResponse, ApiError> {
    let row = replies::add_comment(&ctx, &reader, *id, body.into_inner().body).await?;
    Ok(HttpResponse::Created().json(Reply::from(row)))
}

/// Change your solution or comment.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's or comment's number")),
    request_body = TextInput,
    responses(
        (status = 200, body = Reply),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[put("/replies/{id}")]
pub async fn edit_reply(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<TextInput>,
) -> Result<web::Json<Reply>, ApiError> {
    Ok(web::Json(
        replies::edit(&ctx, &reader, *id, body.into_inner().body)
            .await?
            .into(),
    ))
}

/// Delete a solution or comment (its author, or a coordinator of the dilemma's collective).
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's or comment's number")),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/replies/{id}")]
pub async fn delete_reply(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    replies::delete(&ctx, &reader, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Like a solution or comment.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's or comment's number")),
    responses((status = 200, body = LikeCount), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[post("/replies/{id}/like")]
pub async fn like_reply(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<LikeCount>, ApiError> {
    let likes = likes::set_like(&ctx, &reader, Likeable::Reply(*id), true).await?;
    Ok(web::Json(LikeCount { likes }))
}

/// Take back a like of a solution or comment.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's or comment's number")),
    responses((status = 200, body = LikeCount), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/replies/{id}/like")]
pub async fn unlike_reply(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<LikeCount>, ApiError> {
    let likes = likes::set_like(&ctx, &reader, Likeable::Reply(*id), false).await?;
    Ok(web::Json(LikeCount { likes }))
}

/// "This worked for us too": your collective confirms a solution to another collective's
/// dilemma, with a short account and your collective's situation.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's number")),
    request_body = ConfirmationInput,
    responses(
        (status = 201, body = Confirmation),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/solutions/{id}/confirmations")]
pub async fn confirm_solution(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<ConfirmationInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let row = confirmations::confirm(
        &ctx,
        &reader,
        *id,
        confirmations::ConfirmationInput {
            collective: body.collective,
            account: body.account,
            facets: body.facets,
        },
    )
    .await?;
    Ok(HttpResponse::Created().json(Confirmation::from(row)))
}

/// Withdraw your collective's confirmation of a solution; the other servers of the thread
/// are sent a `Delete` of it.
#[utoipa::path(
    tag = "solutions",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the solution's number"),
        ("collective" = String, Path, description = "your collective's handle")
    ),
    responses(
        (status = 204),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[delete("/solutions/{id}/confirmations/{collective}")]
pub async fn withdraw_confirmation(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, collective) = path.into_inner();
    confirmations::withdraw(&ctx, &reader, id, &collective).await?;
    Ok(HttpResponse::NoContent().finish())
}
