//! Invitations to answer a dilemma (koppelen) over the API.

use crate::{
    ApiError,
    auth::{ReaderOf, SignedIn},
    error::ErrorBody,
};
use actix_web::{HttpResponse, get, post, web};
use meent_app::{AppContext, use_cases::invitations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whom to invite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationInput {
    /// `@name@host` (a person or collective on any instance) or its URL.
    pub target: String,
}

/// An invitation to answer a dilemma.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Invitation {
    /// The invitation's own id: its `Note`, served there for ActivityPub.
    pub url: String,
    /// The invited person or collective (its URL).
    pub invited: String,
    /// Its name, when known here.
    pub name: Option<String>,
    /// The invited person, or someone for the invited collective, answered in the thread.
    pub answered: bool,
    /// UTC, RFC 3339.
    pub invited_at: String,
}

impl From<invitations::InvitationView> for Invitation {
    fn from(v: invitations::InvitationView) -> Self {
        Invitation {
            url: v.row.ap_id,
            invited: v.row.invited,
            name: v.name,
            answered: v.answered,
            invited_at: v
                .row
                .created_at
                .and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

/// Invite a person or collective, here or elsewhere, to answer a public dilemma (a
/// coordinator of its collective or of a support organisation). They are told.
#[utoipa::path(
    tag = "dilemmas",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    request_body = InvitationInput,
    responses(
        (status = 201, body = Invitation),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)
    )
)]
#[post("/dilemmas/{id}/invitations")]
pub async fn invite(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<InvitationInput>,
) -> Result<HttpResponse, ApiError> {
    let row = invitations::invite(&ctx, &reader, *id, &body.target).await?;
    let shown = invitations::of_dilemma(&ctx, &reader, *id)
        .await?
        .into_iter()
        .find(|v| v.row.id == row.id)
        .map(Invitation::from);
    Ok(HttpResponse::Created().json(shown))
}

/// Who was invited to answer a dilemma, and whether they answered.
#[utoipa::path(
    tag = "dilemmas",
    params(("id" = i64, Path, description = "the dilemma's number")),
    responses((status = 200, body = Vec<Invitation>), (status = 404, body = ErrorBody))
)]
#[get("/dilemmas/{id}/invitations")]
pub async fn list(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<Invitation>>, ApiError> {
    Ok(web::Json(
        invitations::of_dilemma(&ctx, &reader, *id)
            .await?
            .into_iter()
            .map(Invitation::from)
            .collect(),
    ))
}
