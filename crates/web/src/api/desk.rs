//! A support organisation's desk over the API.

use super::{dilemma_dto::Dilemma, dto::Collective, search_dto::SearchHit};
use crate::{ApiError, auth::SignedIn, error::ErrorBody};
use actix_web::{get, web};
use meent_app::{AppContext, use_cases::desk};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize)]
pub struct DeskQuery {
    theme: Option<String>,
    municipality: Option<String>,
}

/// An open dilemma on the desk.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeskItem {
    pub dilemma: Dilemma,
    pub collective: Collective,
    /// Solutions and comments so far.
    pub answers: usize,
    /// UTC, RFC 3339: its last answer, or when it was asked if it has none.
    pub waiting_since: String,
    pub invitations: usize,
    pub sessions: usize,
}

/// The desk of a support organisation (its coordinators): the open public dilemmas of the
/// collectives its members follow, longest without an answer first.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(
        ("name" = String, Path, description = "the support organisation's handle"),
        ("theme" = Option<String>, Query, description = "a theme id"),
        ("municipality" = Option<String>, Query, description = "a municipality")
    ),
    responses(
        (status = 200, body = Vec<DeskItem>),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[get("/collectives/{name}/desk")]
pub async fn get_desk(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    name: web::Path<String>,
    query: web::Query<DeskQuery>,
) -> Result<web::Json<Vec<DeskItem>>, ApiError> {
    let query = query.into_inner();
    let filter = desk::DeskFilter {
        theme: query.theme,
        municipality: query.municipality,
    };
    let items = desk::desk(&ctx, &reader, &name, &filter).await?;
    Ok(web::Json(
        items
            .into_iter()
            .map(|i| DeskItem {
                dilemma: i.dilemma.into(),
                collective: i.collective.into(),
                answers: i.answers,
                waiting_since: i
                    .waiting_since
                    .and_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                invitations: i.invitations,
                sessions: i.sessions,
            })
            .collect(),
    ))
}

/// The desk's network-wide part.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct WiderDesk {
    /// Open public dilemmas not on the desk, from this instance's index (with `id`) and the
    /// instances it knows (`origin`), never answered first, then the oldest first.
    pub items: Vec<SearchHit>,
    /// Instances that did not answer in time.
    pub unreachable: Vec<String>,
}

/// The desk's network-wide part (its coordinators): open public dilemmas of collectives
/// the organisation does not follow, found by searching this instance's index and the
/// instances it knows with the same filters.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(
        ("name" = String, Path, description = "the support organisation's handle"),
        ("theme" = Option<String>, Query, description = "a theme id"),
        ("municipality" = Option<String>, Query, description = "a municipality")
    ),
    responses(
        (status = 200, body = WiderDesk),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[get("/collectives/{name}/desk/network")]
pub async fn get_desk_network(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    name: web::Path<String>,
    query: web::Query<DeskQuery>,
) -> Result<web::Json<WiderDesk>, ApiError> {
    let query = query.into_inner();
    let filter = desk::DeskFilter {
        theme: query.theme,
        municipality: query.municipality,
    };
    let wider = desk::network(&ctx, &reader, &name, &filter).await?;
    Ok(web::Json(WiderDesk {
        items: wider
            .items
            .into_iter()
            .map(|i| {
                let local = i.origin.is_none();
                let origin = i.origin.unwrap_or_else(|| ctx.instance.domain.clone());
                SearchHit::new(i.hit, &origin, local)
            })
            .collect(),
        unreachable: wider.unreachable,
    }))
}
