use crate::{FederationError, objects::ApCollective};
use activitypub_federation::{
    config::FederationConfig, fetch::object_id::ObjectId, fetch::webfinger::webfinger_resolve_actor,
};
use async_trait::async_trait;
use meent_app::{AppContext, AppError, RemoteResolver};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::ActorRef;

/// Finds remote collectives by WebFinger or URL, fetching them with a signed request.
pub struct Resolver {
    pub config: FederationConfig<AppContext>,
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
            Err(FederationError::App(e)) => Err(e),
            Err(e) => Err(AppError::Remote(e.to_string())),
        }
    }
}
