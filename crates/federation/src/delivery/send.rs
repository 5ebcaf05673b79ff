//! Signing and sending one delivery row.

use super::refusals::{Refusal, capturing};
use crate::{
    FederationError,
    objects::{ApCollective, ApMember},
};
use activitypub_federation::{activity_sending::SendActivityTask, config::Data, traits::Activity};
use async_trait::async_trait;
use either::Either;
use meent_app::AppContext;
use meent_db::queries::{collectives, deliveries::DeliveryRow, members};
use serde::{Serialize, Serializer};
use std::{collections::HashMap, sync::Mutex};
use url::Url;

/// An already rendered activity, for the library's signing and sending.
#[derive(Debug)]
struct Rendered {
    id: Url,
    actor: Url,
    body: serde_json::Value,
}

impl Serialize for Rendered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(s)
    }
}

#[async_trait]
impl Activity for Rendered {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }
    fn actor(&self) -> &Url {
        &self.actor
    }
    async fn verify(&self, _: &Data<AppContext>) -> Result<(), FederationError> {
        Err(FederationError::Refused(
            "outgoing activities are not received",
        ))
    }
    async fn receive(self, _: &Data<AppContext>) -> Result<(), FederationError> {
        Err(FederationError::Refused(
            "outgoing activities are not received",
        ))
    }
}

/// Local actors that sign deliveries, kept for the life of a worker: the same few sign
/// every delivery, and looking them up each time would cost two queries per request.
pub(super) type Signers = Mutex<HashMap<String, Either<ApMember, ApCollective>>>;

async fn signer(
    data: &Data<AppContext>,
    signers: &Signers,
    ap_id: &str,
) -> Result<Either<ApMember, ApCollective>, FederationError> {
    let cached = signers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(ap_id)
        .cloned();
    if let Some(s) = cached {
        return Ok(s);
    }
    let found = load_signer(data, ap_id).await?;
    signers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(ap_id.to_owned(), found.clone());
    Ok(found)
}

async fn load_signer(
    data: &Data<AppContext>,
    ap_id: &str,
) -> Result<Either<ApMember, ApCollective>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    if let Some(m) = members::by_ap_id(c, ap_id).await?.filter(|m| m.local) {
        return Ok(Either::Left(ApMember::new(m)?));
    }
    match collectives::by_ap_id(c, ap_id).await?.filter(|g| g.local) {
        Some(g) => Ok(Either::Right(ApCollective::new(g)?)),
        None => Err(FederationError::NotFound("local signer")),
    }
}

/// Sends `row`. `Ok(None)` means delivered, `Ok(Some(refusal))` refused by the receiver for
/// good (a 4xx other than 408/429), which retrying would not change.
pub(super) async fn deliver(
    data: &Data<AppContext>,
    signers: &Signers,
    row: &DeliveryRow,
) -> Result<Option<Refusal>, FederationError> {
    let (sent, refusal) = capturing(send(data, signers, row)).await;
    sent.map(|()| refusal)
}

async fn send(
    data: &Data<AppContext>,
    signers: &Signers,
    row: &DeliveryRow,
) -> Result<(), FederationError> {
    let body: serde_json::Value = serde_json::from_str(&row.payload)?;
    let id = Url::parse(body.get("id").and_then(|v| v.as_str()).unwrap_or_default())?;
    let actor = Url::parse(&row.signer_ap_id)?;
    let activity = Rendered { id, actor, body };
    let signer = signer(data, signers, &row.signer_ap_id).await?;
    let inbox = Url::parse(&row.inbox_url)?;
    let tasks = SendActivityTask::prepare(&activity, &signer, vec![inbox], data).await?;
    for task in tasks {
        task.sign_and_send(data).await?;
    }
    Ok(())
}
