//! Which server software a peer runs, read once per host from its NodeInfo and kept in
//! `instances.software`: a few documents are sent only to the kinds of peer that use them
//! (see `delivery::plan`). Learned when someone from that host follows one of our
//! collectives; failures are logged and leave it unknown (unknown peers get everything).

use crate::FederationError;
use activitypub_federation::config::Data;
use meent_app::AppContext;
use meent_db::queries::instances;
use serde_json::Value;
use url::Url;

/// Looks up and stores the software of `actor`'s host, unless it is known already.
pub async fn learn(data: &Data<AppContext>, actor: &Url) -> Result<(), FederationError> {
    let host = crate::delivery::fanout::instance_key(actor);
    {
        let mut conn = data.db.get().await?;
        if instances::get(&mut conn.conn(), &host)
            .await?
            .is_some_and(|i| i.software.is_some())
        {
            return Ok(());
        }
    }
    let mut well_known = actor.clone();
    well_known.set_path("/.well-known/nodeinfo");
    well_known.set_query(None);
    let links: Value = fetch_json(data, &well_known).await?;
    let href = links["links"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .filter_map(|l| l["href"].as_str())
                .find(|h| h.contains("nodeinfo/2."))
        })
        .ok_or(FederationError::NotFound("NodeInfo link"))?;
    let nodeinfo_url = Url::parse(href)?;
    // Only from the host itself: NodeInfo is about that host.
    if crate::delivery::fanout::instance_key(&nodeinfo_url) != host {
        return Err(FederationError::Refused("NodeInfo on another host"));
    }
    let nodeinfo = fetch_json(data, &nodeinfo_url).await?;
    let software: String = nodeinfo["software"]["name"]
        .as_str()
        .ok_or(FederationError::NotFound("NodeInfo software name"))?
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut tx = data.db.begin().await?;
    instances::set_software(&mut tx.conn(), &host, &software, meent_db::now()).await?;
    tx.commit().await?;
    tracing::info!(%host, %software, "learned a peer's software");
    Ok(())
}

/// NodeInfo is asked for as plain JSON, unsigned: GoToSocial answers 406 to a request that
/// accepts only `application/activity+json`, which left its software unknown.
async fn fetch_json(data: &Data<AppContext>, url: &Url) -> Result<Value, FederationError> {
    let body = data.resolver()?.get_json(url).await?;
    Ok(serde_json::from_str(&body)?)
}
