//! Outboxes and follower collections. Followers are counted, not listed (as Lemmy does):
//! who follows a collective is not public.

use crate::{FederationError, protocol::collection::OrderedCollection};
use activitypub_federation::{
    FEDERATION_CONTENT_TYPE, config::Data, protocol::context::WithContext,
};
use actix_web::{HttpResponse, web};
use meent_app::{AppContext, collectives, follows, members};
use url::Url;

fn respond(collection: OrderedCollection) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(WithContext::new(
            collection,
            crate::protocol::context::meent_context().clone(),
        ))
}

fn collection(
    id: Url,
    total_items: i64,
    items: Option<Vec<serde_json::Value>>,
) -> OrderedCollection {
    OrderedCollection {
        kind: Default::default(),
        id,
        total_items,
        ordered_items: items,
    }
}

pub(super) async fn collective_followers(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = collectives::local_by_name(&data, &name).await?;
    let count = follows::follower_count(&data, &row).await?;
    Ok(respond(collection(
        data.urls().collective_followers(&row.name),
        count,
        None,
    )))
}

/// Recent public activity of the collective. Dilemmas are not federated yet, so it is empty.
pub(super) async fn collective_outbox(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = collectives::local_by_name(&data, &name).await?;
    Ok(respond(collection(
        data.urls().collective_outbox(&row.name),
        0,
        Some(vec![]),
    )))
}

pub(super) async fn member_followers(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = members::local_by_name(&data, &name).await?;
    Ok(respond(collection(
        data.urls().member_followers(&row.name),
        0,
        None,
    )))
}

pub(super) async fn member_outbox(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = members::local_by_name(&data, &name).await?;
    Ok(respond(collection(
        data.urls().member_outbox(&row.name),
        0,
        Some(vec![]),
    )))
}

/// The instance actor sends nothing of its own; its outbox exists because actors need one.
pub(super) async fn instance_outbox(
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let id = data.urls().base().join("/actor/outbox")?;
    Ok(respond(collection(id, 0, Some(vec![]))))
}
