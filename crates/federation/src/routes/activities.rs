//! Activities this instance sent, served by their ids. A receiver that is handed a member's
//! like by a third server (a collective passing it on) fetches it here to learn whether it
//! is genuine; GoToSocial fetches the id of every activity a collective announces. Served
//! are likes and their undoing and deletions, which carry no content (who liked or deleted
//! which object id), and the `Create`/`Update` of an object in a public thread, with the
//! object as it is now. Those in followers-only threads are not served: the object itself
//! is, under its own visibility rules. An invitation to answer is served as its `Note`.

use crate::{
    FederationError,
    delivery::{invitation_note, like_document, object_activity},
    protocol::context::meent_context,
};
use activitypub_federation::{FEDERATION_CONTENT_TYPE, config::Data};
use actix_web::{HttpResponse, web};
use meent_app::AppContext;
use meent_db::queries::{collectives, dilemmas, invitations, members, outbox};
use meent_domain::{OutboundActivity, Verb};
use serde_json::Value;

/// The document of `activity` as it was sent, when it is one that is served.
async fn served(
    activity: &OutboundActivity,
    data: &Data<AppContext>,
) -> Result<Option<Value>, FederationError> {
    Ok(match activity {
        OutboundActivity::Like {
            id,
            like_id,
            actor,
            object,
            audience,
            undo,
        } => Some(like_document(id, like_id, actor, object, audience, *undo)),
        OutboundActivity::Object {
            id,
            verb,
            actor,
            object,
            audience,
        } => object_activity(data, id, *verb, actor, object, audience)
            .await?
            .filter(|a| a.public || *verb == Verb::Delete)
            .map(|a| a.document),
        _ => None,
    })
}

/// An invitation written here, as its `Note` (the invitations of a dilemma are public, as
/// its page shows them).
async fn invitation(
    url: &url::Url,
    data: &Data<AppContext>,
) -> Result<Option<Value>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let Some(row) = invitations::by_ap_id(c, url.as_str()).await? else {
        return Ok(None);
    };
    let (Some(d), Some(inviter)) = (
        dilemmas::by_id(c, row.dilemma_id).await?,
        members::by_id(c, row.inviter_id).await?,
    ) else {
        return Ok(None);
    };
    let Some(audience) = collectives::ap_id_by_id(c, d.collective_id).await? else {
        return Ok(None);
    };
    if !inviter.local || d.visibility != meent_domain::Visibility::Public.as_str() {
        return Ok(None);
    }
    let parse = crate::activities::policy::parse_url;
    Ok(Some(invitation_note(
        url,
        &parse(&inviter.ap_id)?,
        &parse(&row.invited)?,
        &parse(&d.ap_id)?,
        &parse(&audience)?,
    )))
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
    let sent = row.and_then(|r| serde_json::from_str::<OutboundActivity>(&r.activity).ok());
    let mut body = match &sent {
        Some(activity) => served(activity, &data).await?,
        None if kind == "invitation" => invitation(&url, &data).await?,
        None => None,
    }
    .ok_or(FederationError::NotFound("activity"))?;
    if let Value::Object(map) = &mut body {
        map.insert("@context".into(), meent_context().clone());
    }
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(body))
}
