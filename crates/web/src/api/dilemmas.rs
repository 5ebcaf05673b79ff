//! Dilemmas and their threads over the API.

use super::dilemma_dto::*;
use crate::{
    ApiError,
    auth::{ReaderOf, SignedIn},
    error::ErrorBody,
};
use actix_web::{HttpResponse, delete, get, post, put, web};
use meent_app::{
    AppContext, collectives,
    use_cases::{dilemmas, likes, likes::Likeable, thread},
};
use meent_domain::{DilemmaStatus, Theme};

/// The fixed list of themes, with Dutch and English labels.
#[utoipa::path(tag = "dilemmas", responses((status = 200, body = Vec<ThemeInfo>)))]
#[get("/themes")]
pub async fn list_themes() -> web::Json<Vec<ThemeInfo>> {
    web::Json(Theme::ALL.into_iter().map(ThemeInfo::from).collect())
}

/// Dilemmas, newest first. Without `collective`, only public ones; with it, what you may see
/// of that collective.
#[utoipa::path(
    tag = "dilemmas",
    params(
        ("collective" = Option<String>, Query, description = "a local collective's handle"),
        ("status" = Option<String>, Query, description = "open, solved or closed"),
        ("limit" = Option<i64>, Query, description = "at most 100; default 20"),
        ("offset" = Option<i64>, Query, description = "for paging")
    ),
    responses((status = 200, body = Vec<Dilemma>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[get("/dilemmas")]
pub async fn list_dilemmas(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    query: web::Query<ListQuery>,
) -> Result<web::Json<Vec<Dilemma>>, ApiError> {
    let collective = match &query.collective {
        Some(name) => Some(collectives::local_by_name(&ctx, name).await?),
        None => None,
    };
    let status = query
        .status
        .as_deref()
        .map(str::parse::<DilemmaStatus>)
        .transpose()
        .map_err(meent_app::AppError::from)?;
    let rows = dilemmas::list(
        &ctx,
        &reader,
        collective.as_ref(),
        status,
        query.limit.unwrap_or(20),
        query.offset.unwrap_or(0),
    )
    .await?;
    Ok(web::Json(rows.into_iter().map(Dilemma::from).collect()))
}

/// Post a dilemma for a collective you belong to.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "the collective's handle")),
    request_body = DilemmaInput,
    responses(
        (status = 201, body = Dilemma),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/collectives/{name}/dilemmas")]
pub async fn create_dilemma(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    name: web::Path<String>,
    body: web::Json<DilemmaInput>,
) -> Result<HttpResponse, ApiError> {
    let row = dilemmas::create(&ctx, &reader, &name, body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(Dilemma::from(row)))
}

/// A dilemma with its solutions (accepted first, then most confirmed, then newest) and comments.
#[utoipa::path(
    tag = "dilemmas",
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = DilemmaThread), (status = 404, body = ErrorBody))
)]
#[get("/dilemmas/{id}")]
pub async fn get_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<DilemmaThread>, ApiError> {
    let mut answer: DilemmaThread = thread::thread(&ctx, &reader, *id).await?.into();
    answer.documents = meent_app::documents::of_dilemma(&ctx, answer.dilemma.id)
        .await?
        .iter()
        .map(|d| super::Document::new(&ctx, d))
        .collect();
    Ok(web::Json(answer))
}

/// Change a dilemma (its author or a coordinator).
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    request_body = DilemmaInput,
    responses(
        (status = 200, body = Dilemma),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[put("/dilemmas/{id}")]
pub async fn edit_dilemma(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<DilemmaInput>,
) -> Result<web::Json<Dilemma>, ApiError> {
    Ok(web::Json(
        dilemmas::edit(&ctx, &reader, *id, body.into_inner().into())
            .await?
            .into(),
    ))
}

/// Delete a dilemma (its author or a coordinator).
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 204, description = "deleted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/dilemmas/{id}")]
pub async fn delete_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    dilemmas::delete(&ctx, &reader, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Mark which solutions worked (the author or a coordinator): exactly these become accepted,
/// and the dilemma is solved (open again if none).
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    request_body = AcceptInput,
    responses(
        (status = 200, body = Dilemma),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/dilemmas/{id}/accept")]
pub async fn accept_solutions(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<AcceptInput>,
) -> Result<web::Json<Dilemma>, ApiError> {
    Ok(web::Json(
        dilemmas::accept(&ctx, &reader, *id, &body.solution_ids)
            .await?
            .into(),
    ))
}

/// Close a dilemma (the author or a coordinator).
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = Dilemma), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[post("/dilemmas/{id}/close")]
pub async fn close_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<Dilemma>, ApiError> {
    Ok(web::Json(
        dilemmas::set_closed(&ctx, &reader, *id, true).await?.into(),
    ))
}

/// Reopen a dilemma (the author or a coordinator).
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = Dilemma), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[post("/dilemmas/{id}/reopen")]
pub async fn reopen_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<Dilemma>, ApiError> {
    Ok(web::Json(
        dilemmas::set_closed(&ctx, &reader, *id, false)
            .await?
            .into(),
    ))
}

/// Like a dilemma.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = LikeCount), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[post("/dilemmas/{id}/like")]
pub async fn like_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<LikeCount>, ApiError> {
    let likes = likes::set_like(&ctx, &reader, Likeable::Dilemma(*id), true).await?;
    Ok(web::Json(LikeCount { likes }))
}

/// Take back a like of a dilemma.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = LikeCount), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/dilemmas/{id}/like")]
pub async fn unlike_dilemma(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<LikeCount>, ApiError> {
    let likes = likes::set_like(&ctx, &reader, Likeable::Dilemma(*id), false).await?;
    Ok(web::Json(LikeCount { likes }))
}
