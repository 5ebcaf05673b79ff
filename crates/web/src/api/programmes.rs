//! Learning programmes, following them and progress over the API.

use super::programme_dto::*;
use crate::{
    ApiError,
    auth::{ReaderOf, SignedIn},
    error::ErrorBody,
};
use actix_web::{HttpResponse, delete, get, post, put, web};
use meent_app::{
    AppContext, collectives,
    use_cases::{programme_follows, programmes},
};

/// Create a learning programme (a coordinator of a support organisation). Each step's
/// target is looked up, and fetched from its instance when it is not known here.
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "the owning collective's handle")),
    request_body = ProgrammeInputBody,
    responses(
        (status = 201, body = Programme),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/collectives/{name}/programmes")]
pub async fn create_programme(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    name: web::Path<String>,
    body: web::Json<ProgrammeInputBody>,
) -> Result<HttpResponse, ApiError> {
    let row = programmes::create(&ctx, &reader, &name, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(Programme::from(row)))
}

/// The programmes a collective of this instance owns, newest first.
#[utoipa::path(
    tag = "programmes",
    params(("name" = String, Path, description = "the collective's handle")),
    responses((status = 200, body = Vec<Programme>), (status = 404, body = ErrorBody))
)]
#[get("/collectives/{name}/programmes")]
pub async fn collective_programmes(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> Result<web::Json<Vec<Programme>>, ApiError> {
    let collective = collectives::local_by_name(&ctx, &name).await?;
    let rows = programmes::of_collective(&ctx, &collective).await?;
    Ok(web::Json(rows.into_iter().map(Programme::from).collect()))
}

/// A programme known here (curated here or elsewhere), with its steps and progress.
#[utoipa::path(
    tag = "programmes",
    params(("id" = i64, Path, description = "the programme's number here")),
    responses((status = 200, body = ProgrammeDetail), (status = 404, body = ErrorBody))
)]
#[get("/programmes/{id}")]
pub async fn get_programme(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<ProgrammeDetail>, ApiError> {
    Ok(web::Json(
        programmes::view(&ctx, &reader, *id).await?.into(),
    ))
}

/// Change a programme and its steps (a coordinator of its owning collective); followers
/// receive the change.
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the programme's number")),
    request_body = ProgrammeInputBody,
    responses(
        (status = 200, body = Programme),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[put("/programmes/{id}")]
pub async fn edit_programme(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<ProgrammeInputBody>,
) -> Result<web::Json<Programme>, ApiError> {
    let row = programmes::edit(&ctx, &reader, *id, body.into_inner().into()).await?;
    Ok(web::Json(row.into()))
}

/// Delete a programme (a coordinator of its owning collective).
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the programme's number")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/programmes/{id}")]
pub async fn delete_programme(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    programmes::delete(&ctx, &reader, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Have one of your collectives follow a programme, here or on another instance.
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the programme's number here")),
    request_body = ProgrammeFollowInput,
    responses(
        (status = 204),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)
    )
)]
#[post("/programmes/{id}/followers")]
pub async fn follow_programme(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<ProgrammeFollowInput>,
) -> Result<HttpResponse, ApiError> {
    programme_follows::follow(&ctx, &reader, *id, &body.collective).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stop one of your collectives following a programme; its progress is removed.
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the programme's number here"),
        ("collective" = String, Path, description = "the handle of one of your collectives")
    ),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/programmes/{id}/followers/{collective}")]
pub async fn unfollow_programme(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, collective) = path.into_inner();
    programme_follows::unfollow(&ctx, &reader, id, &collective).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Record how far one of your collectives is with a step (from 1); the curator sees it.
#[utoipa::path(
    tag = "programmes",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the programme's number here"),
        ("position" = i64, Path, description = "the step, from 1")
    ),
    request_body = ProgressInput,
    responses(
        (status = 204),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[put("/programmes/{id}/steps/{position}/progress")]
pub async fn record_progress(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    path: web::Path<(i64, i64)>,
    body: web::Json<ProgressInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, position) = path.into_inner();
    programme_follows::record_progress(
        &ctx,
        &reader,
        id,
        &body.collective,
        position,
        body.done,
        &body.notes,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
