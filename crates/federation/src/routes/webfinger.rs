//! WebFinger for collectives and members, with the actor type on the `self` link as Lemmy
//! publishes it, so Lemmy shows a collective as a community.

use crate::{FederationError, objects::instance::instance_username};
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

fn is_instance_actor(reference: &ActorRef, name: &str, actor: &Url) -> bool {
    match reference {
        ActorRef::Acct { name: n, .. } => n == name,
        ActorRef::Url(url) => url == actor,
    }
}

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
    let instance_actor = data.urls().instance_actor();
    let instance_name = instance_username(&data.instance.domain);
    let (name, link) = match (collective, member) {
        (Some(c), _) => (c.name, (Url::parse(&c.ap_id)?, Some("Group"))),
        (None, Some(m)) => (m.name, (Url::parse(&m.ap_id)?, Some("Person"))),
        // The instance actor, which signs fetches: GoToSocial looks it up before it
        // answers one (see `instance_username`).
        (None, None) if is_instance_actor(&reference, instance_name, &instance_actor) => (
            instance_name.to_owned(),
            (instance_actor.clone(), Some("Application")),
        ),
        (None, None) => return Err(FederationError::NotFound("account")),
    };
    let subject = format!("acct:{name}@{}", data.instance.domain);
    let body: Webfinger = build_webfinger_response_with_type(subject, vec![link]);
    Ok(HttpResponse::Ok()
        .content_type("application/jrd+json")
        .json(body))
}
