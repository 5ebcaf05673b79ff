use crate::{
    FederationError,
    objects::{ApCollective, ApDilemma, ApMeeting, ApMember, ApNote, ApProgramme},
};
use activitypub_federation::error::Error as ApError;
use activitypub_federation::{
    config::FederationConfig, fetch::object_id::ObjectId, fetch::webfinger::webfinger_resolve_actor,
};
use async_trait::async_trait;
use meent_app::{AppContext, AppError, Fetched, RemoteResolver, Resolved};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::ActorRef;
use url::Url;

/// Largest answer accepted from another instance's network search.
const MAX_JSON: usize = 1024 * 1024;

/// Finds remote collectives by WebFinger or URL, fetching them with a signed request.
pub struct Resolver {
    pub config: FederationConfig<AppContext>,
    /// The same HTTP client the library uses (timeouts, private addresses refused).
    pub client: reqwest_middleware::ClientWithMiddleware,
}

/// What a failed lookup means for the person who asked: an address that is not allowed
/// (private or loopback) or not valid is theirs to fix (403, 400), a name the other server
/// does not know is "not found"; only an unreachable or misbehaving server is a 502.
fn app_error(e: FederationError) -> AppError {
    match e {
        FederationError::App(e) => e,
        FederationError::Protocol(
            ApError::DomainResolveError(_) | ApError::ResolveInternalIpError(..),
        ) => AppError::Forbidden("this address is not allowed"),
        FederationError::Protocol(ApError::UrlVerificationError(why)) => {
            AppError::Invalid(format!("this address is not allowed: {why}"))
        }
        FederationError::Protocol(ApError::UrlParse(e)) => {
            AppError::Invalid(format!("not a valid address: {e}"))
        }
        FederationError::Protocol(
            ApError::NotFound | ApError::ObjectDeleted(_) | ApError::WebfingerResolveFailed(_),
        ) => AppError::NotFound("that name or address"),
        FederationError::Protocol(ApError::Reqwest(e)) if e.is_builder() => {
            AppError::Invalid(format!("not a valid address: {e}"))
        }
        // A host name that does not exist is a name no server knows (outside debug mode the
        // library's own address check says the same, before any request).
        FederationError::Protocol(ApError::Reqwest(e)) if names_no_host(&e) => {
            AppError::NotFound("that name or address")
        }
        FederationError::Protocol(ApError::ReqwestMiddleware(e)) if names_no_host(&e) => {
            AppError::NotFound("that name or address")
        }
        e => AppError::Remote(e.to_string()),
    }
}

/// Whether `e` (or what caused it) is a failed DNS lookup: no such host.
fn names_no_host(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        let text = c.to_string();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return true;
        }
        cause = c.source();
    }
    false
}

impl Resolver {
    /// [`app_error`], after asking again how a WebFinger lookup that did not parse was
    /// answered: the library reads the body whatever the status, so a server that does not
    /// know the name (404, 410) would otherwise read as a server that misbehaves.
    async fn explain(&self, e: FederationError) -> AppError {
        if let FederationError::Protocol(ApError::ParseFetchedObject(_, url, _)) = &e
            && url.path() == "/.well-known/webfinger"
            && let Ok(answer) = self.client.get(url.clone()).send().await
            && matches!(answer.status().as_u16(), 404 | 410)
        {
            return AppError::NotFound("that name or address");
        }
        app_error(e)
    }
}

#[async_trait]
impl RemoteResolver for Resolver {
    async fn resolve_collective(&self, reference: &ActorRef) -> Result<CollectiveRow, AppError> {
        let data = self.config.to_request_data();
        let found = match reference {
            ActorRef::Acct { name, host } => {
                webfinger_resolve_actor::<AppContext, ApCollective>(
                    &format!("{name}@{host}"),
                    &data,
                )
                .await
            }
            ActorRef::Url(url) => {
                ObjectId::<ApCollective>::from(url.clone())
                    .dereference(&data)
                    .await
            }
        };
        match found {
            Ok(c) => Ok(c.row),
            // Not found as a Group: when it is a person, say so (only collectives can be
            // followed) instead of "not found" or "the server does not answer properly".
            Err(e) => {
                let e = self.explain(e).await;
                if !matches!(e, AppError::NotFound(_) | AppError::Remote(_)) {
                    return Err(e);
                }
                let person = match reference {
                    ActorRef::Acct { name, host } => {
                        let acct = format!("{name}@{host}");
                        webfinger_resolve_actor::<AppContext, ApMember>(&acct, &data)
                            .await
                            .is_ok()
                    }
                    ActorRef::Url(url) => ObjectId::<ApMember>::from(url.clone())
                        .dereference(&data)
                        .await
                        .is_ok(),
                };
                Err(if person {
                    AppError::NotACollective(reference.to_string(), "person".into())
                } else {
                    e
                })
            }
        }
    }

    async fn resolve_any(&self, reference: &ActorRef) -> Result<Resolved, AppError> {
        let data = self.config.to_request_data();
        // Handles and URLs say nothing of the kind of thing they name: try each kind, the
        // most likely first. A wrong kind fails at parsing, before anything is stored.
        match reference {
            ActorRef::Acct { name, host } => {
                let acct = format!("{name}@{host}");
                match webfinger_resolve_actor::<AppContext, ApCollective>(&acct, &data).await {
                    Ok(c) => Ok(Resolved::Collective(c.row)),
                    Err(_) => {
                        match webfinger_resolve_actor::<AppContext, ApMember>(&acct, &data).await {
                            Ok(m) => Ok(Resolved::Member(m.row)),
                            Err(e) => Err(self.explain(e).await),
                        }
                    }
                }
            }
            ActorRef::Url(url) => {
                if let Ok(d) = ObjectId::<ApDilemma>::from(url.clone())
                    .dereference(&data)
                    .await
                {
                    return Ok(Resolved::Dilemma(d.row));
                }
                if let Ok(m) = ObjectId::<ApMeeting>::from(url.clone())
                    .dereference(&data)
                    .await
                {
                    return Ok(Resolved::Meeting(m.row));
                }
                if let Ok(p) = ObjectId::<ApProgramme>::from(url.clone())
                    .dereference(&data)
                    .await
                {
                    return Ok(Resolved::Programme(p.row));
                }
                if let Ok(c) = ObjectId::<ApCollective>::from(url.clone())
                    .dereference(&data)
                    .await
                {
                    return Ok(Resolved::Collective(c.row));
                }
                if let Ok(m) = ObjectId::<ApMember>::from(url.clone())
                    .dereference(&data)
                    .await
                {
                    return Ok(Resolved::Member(m.row));
                }
                // A solution or comment (with its thread, fetched as needed).
                ObjectId::<ApNote>::from(url.clone())
                    .dereference(&data)
                    .await
                    .map_err(app_error)
                    .and_then(|n| match n.row {
                        crate::objects::NoteRow::Reply(r) => Ok(Resolved::Reply(r)),
                        _ => Err(AppError::NotFound("that name or address")),
                    })
            }
        }
    }

    async fn get_json(&self, url: &Url) -> Result<String, AppError> {
        let remote = |e: &dyn std::fmt::Display| AppError::Remote(format!("{url}: {e}"));
        let response = self
            .client
            .get(url.clone())
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| remote(&e))?;
        if !response.status().is_success() {
            return Err(remote(&response.status()));
        }
        let body = crate::fetch::read_limited(response, MAX_JSON)
            .await
            .map_err(|e| remote(&e))?;
        String::from_utf8(body).map_err(|e| remote(&e))
    }

    async fn fetch_signed(&self, url: &Url) -> Result<Fetched, AppError> {
        let data = self.config.to_request_data();
        crate::fetch::signed_get_with(&self.client, &data, url)
            .await
            .map_err(app_error)
    }
}
