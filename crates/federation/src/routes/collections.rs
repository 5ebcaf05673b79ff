//! Outboxes and follower collections. Followers are counted, not listed (as Lemmy does):
//! who follows a collective is not public.

use crate::objects::ApDilemma;
use crate::{
    FederationError,
    protocol::{collection::OrderedCollection, objects::PUBLIC},
};
use activitypub_federation::traits::Object;
use activitypub_federation::{
    FEDERATION_CONTENT_TYPE, config::Data, protocol::context::WithContext,
};
use actix_web::{HttpResponse, web};
use meent_app::{AppContext, collectives, follows, members};
use meent_db::queries::dilemmas;
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

/// How many recent dilemmas a collective's outbox lists.
const OUTBOX_SIZE: i64 = 20;

/// Recent public activity of the collective: the creation of its newest public dilemmas,
/// newest first, each with the dilemma as it is now, as the collective announced it
/// (`Announce(Create(Page))`: Lemmy reads a community's outbox only in that shape, and
/// with `cc` on the Create). A new follower backfills from it. Followers-only and internal
/// dilemmas are never listed.
pub(super) async fn collective_outbox(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = collectives::local_by_name(&data, &name).await?;
    let recent = {
        let mut conn = data.db.get().await?;
        dilemmas::list(
            &mut conn.conn(),
            dilemmas::ListFilter {
                collective_id: Some(row.id),
                status: None,
                visibilities: &["public"],
                limit: OUTBOX_SIZE,
                offset: 0,
            },
        )
        .await?
    };
    let mut items = Vec::with_capacity(recent.len());
    for d in recent {
        let page = ApDilemma::new(d)?.into_json(&data).await?;
        let collective_id = data.urls().collective(&row.name);
        let published = page.published;
        items.push(serde_json::json!({
            "type": "Announce",
            "id": format!("{}#announce", page.id),
            "actor": collective_id,
            "to": [PUBLIC],
            "cc": [data.urls().collective_followers(&row.name)],
            "published": published,
            "object": {
                "type": "Create",
                "id": format!("{}#create", page.id),
                "actor": page.attributed_to,
                "to": page.to,
                "cc": [collective_id],
                "audience": page.audience,
                "object": page,
            },
        }));
    }
    let total = items.len() as i64;
    Ok(respond(collection(
        data.urls().collective_outbox(&row.name),
        total,
        Some(items),
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
