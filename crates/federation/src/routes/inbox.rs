//! The inboxes (shared, per collective, per member): all take the same activities.
//!
//! Order of checks, cheapest and least revealing first: size (413, by the payload limit),
//! media type (415), presence of a signature (401), its date (401), the activity's id and
//! actor (400), the signing key being the actor's (401), already seen (200, no effect),
//! then the library's digest check (400), parsing (400), actor fetch and signature
//! verification with the actor's key (401), and what the activity may do
//! (`activities::policy`: 403 not allowed, 400 inconsistent).

use super::inbox_checks;
use crate::{
    FederationError,
    activities::InboxActivity,
    objects::{ApCollective, ApMember},
};
use activitypub_federation::{actix_web::inbox::receive_activity, config::Data};
use actix_web::{HttpRequest, HttpResponse, web::Bytes};
use either::Either;
use meent_app::AppContext;
use meent_db::queries::received;

/// Limits on what an inbox accepts.
#[derive(Debug, Clone, Copy)]
pub struct InboxLimits {
    pub max_body_bytes: usize,
}

/// The library reports a Signature header it cannot parse, an expired one, or one that does
/// not cover the required headers as a generic error; for the sender that is an
/// authentication failure (401), not a fault of ours (500).
fn unverifiable_signature(e: FederationError) -> FederationError {
    match e {
        FederationError::Protocol(activitypub_federation::error::Error::Other(msg)) => {
            FederationError::Unverified(msg)
        }
        other => other,
    }
}

pub(super) async fn inbox(
    request: HttpRequest,
    body: Bytes,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let headers = request.headers();
    inbox_checks::check_media_type(headers)?;
    if !headers.contains_key("signature") {
        return Err(FederationError::MissingSignature);
    }
    inbox_checks::check_date(headers, chrono::Utc::now())?;
    let head = serde_json::from_slice::<inbox_checks::Head>(&body)
        .map_err(|e| FederationError::Invalid(format!("not an activity: {e}")))?;
    inbox_checks::check_key_owner(headers, &head)?;
    let id = head.id.clone();
    {
        let mut conn = data.db.get().await?;
        if received::seen(&mut conn.conn(), id.as_str()).await? {
            tracing::debug!(%id, "activity received before; ignored");
            return Ok(HttpResponse::Ok().finish());
        }
    }
    // Kept at hand while handling, so that a forward passes on the sender's document whole.
    let (response, recorded) = crate::activities::received::handling(
        body.clone(),
        id.to_string(),
        receive_activity::<InboxActivity, Either<ApMember, ApCollective>, AppContext>(
            request, body, &data,
        ),
    )
    .await;
    let response = response.map_err(unverifiable_signature)?;
    // Signed by its actor and accepted: the sender's server is up, whatever our delivery
    // queue to it thought.
    if let Some(actor) = head.actor_url() {
        crate::delivery::heard_from(&data, &crate::delivery::fanout::instance_key(&actor)).await?;
    }
    // Most answers record their id with what they store; the rest are recorded here.
    if !recorded {
        let mut tx = data.db.begin().await?;
        received::mark(&mut tx.conn(), id.as_str(), meent_db::now()).await?;
        tx.commit().await?;
    }
    Ok(response)
}
