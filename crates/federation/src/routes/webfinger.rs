//! WebFinger for collectives and members, with the actor type on the `self` link as Lemmy
//! publishes it, so Lemmy shows a collective as a community.

use crate::FederationError;
use activitypub_federation::{
    config::Data,
    fetch::webfinger::{Webfinger, build_webfinger_response_with_type},
};
use actix_web::{HttpResponse, web};
use meent_app::AppContext;
use meent_db::queries::{collectives, members};
use meent_domain::ActorRef;
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
pub(super) struct Query {
    resource: String,
}

pub(super) async fn webfinger(
    query: web::Query<Query>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let reference = ActorRef::parse(&query.resource)
        .map_err(|_| FederationError::Invalid("resource must be acct:name@host or a URL".into()))?;
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let (collective, member) = match &reference {
        ActorRef::Acct { name, host } => {
            if host != &data.instance.domain {
                return Err(FederationError::NotFound("account on this host"));
            }
            (
                collectives::local_by_name(c, name).await?,
                members::local_by_name(c, name).await?,
            )
        }
        ActorRef::Url(url) => (
            collectives::by_ap_id(c, url.as_str())
                .await?
                .filter(|r| r.local),
            members::by_ap_id(c, url.as_str())
                .await?
                .filter(|r| r.local),
        ),
    };
    let (name, link) = match (collective, member) {
        (Some(c), _) => (c.name, (Url::parse(&c.ap_id)?, Some("Group"))),
        (None, Some(m)) => (m.name, (Url::parse(&m.ap_id)?, Some("Person"))),
        (None, None) => return Err(FederationError::NotFound("account")),
    };
    let subject = format!("acct:{name}@{}", data.instance.domain);
    let body: Webfinger = build_webfinger_response_with_type(subject, vec![link]);
    Ok(HttpResponse::Ok()
        .content_type("application/jrd+json")
        .json(body))
}
