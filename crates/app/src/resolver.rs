use crate::AppError;
use async_trait::async_trait;
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::ActorRef;

/// Finds an actor on another instance (WebFinger, then a signed fetch) and stores it.
/// Implemented by the federation side and installed into the context at start.
#[async_trait]
pub trait RemoteResolver: Send + Sync {
    async fn resolve_collective(&self, reference: &ActorRef) -> Result<CollectiveRow, AppError>;
}
