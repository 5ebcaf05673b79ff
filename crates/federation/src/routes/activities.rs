//! Activities this instance sent, served by their ids. A receiver that is handed a member's
//! like by a third server (a collective passing it on) fetches it here to learn whether it
//! is genuine. Served are likes and their undoing, which carry no content (only who liked
//! which object id, as a like count shows anyway); activities about dilemmas and answers are
//! confirmed by fetching the object itself, which its own visibility rules guard.

use crate::{FederationError, delivery::like_document, protocol::context::meent_context};
use activitypub_federation::{FEDERATION_CONTENT_TYPE, config::Data};
use actix_web::{HttpResponse, web};
use meent_app::AppContext;
use meent_db::queries::outbox;
use meent_domain::OutboundActivity;
use serde_json::Value;

/// The document of `activity` as it was sent, when it is one that is served.
fn served(activity: &OutboundActivity) -> Option<Value> {
    match activity {
        OutboundActivity::Like {
            id,
            like_id,
            actor,
            object,
            audience,
            undo,
        } => Some(like_document(id, like_id, actor, object, audience, *undo)),
        _ => None,
    }
}

pub(super) async fn activity(
    path: web::Path<(String, String)>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let (kind, id) = path.into_inner();
    let url = data.urls().activity(&kind, &id);
    let row = {
        let mut conn = data.db.get().await?;
        outbox::by_activity_id(&mut conn.conn(), url.as_str()).await?
    };
    let mut body = row
        .and_then(|r| serde_json::from_str::<OutboundActivity>(&r.activity).ok())
        .as_ref()
        .and_then(served)
        .ok_or(FederationError::NotFound("activity"))?;
    if let Value::Object(map) = &mut body {
        map.insert("@context".into(), meent_context().clone());
    }
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(body))
}
