//! A support organisation's desk over the API.

use super::{dilemma_dto::Dilemma, dto::Collective};
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
