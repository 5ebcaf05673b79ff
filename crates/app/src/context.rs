use crate::{OutboxSignal, RemoteResolver, urls::Urls};
use meent_db::DbPool;
use std::sync::{Arc, OnceLock};

/// What the use-cases need to know about this instance.
#[derive(Debug, Clone)]
pub struct InstanceSettings {
    /// The public host (and port, for a localhost domain): what WebFinger handles end in.
    pub domain: String,
    pub name: String,
    pub description: String,
    /// How newcomers get an account.
    pub registration: meent_domain::RegistrationMode,
    pub urls: Urls,
}

/// Shared by every request and worker: the pool, the instance settings, the wake-up signal
/// of the delivery worker, and the resolver for remote actors (installed by the federation
/// side at start, so that the use-cases need not depend on it).
#[derive(Clone)]
pub struct AppContext {
    pub db: DbPool,
    pub instance: Arc<InstanceSettings>,
    pub outbox: OutboxSignal,
    resolver: Arc<OnceLock<Arc<dyn RemoteResolver>>>,
}

impl AppContext {
    pub fn new(db: DbPool, instance: InstanceSettings) -> Self {
        AppContext {
            db,
            instance: Arc::new(instance),
            outbox: OutboxSignal::default(),
            resolver: Arc::new(OnceLock::new()),
        }
    }

    /// The same context without the resolver: for the resolver itself to hold, so that the
    /// context and the resolver do not keep each other alive after the instance stops.
    pub fn detached(&self) -> Self {
        AppContext {
            db: self.db.clone(),
            instance: self.instance.clone(),
            outbox: self.outbox.clone(),
            resolver: Arc::new(OnceLock::new()),
        }
    }

    pub fn urls(&self) -> &Urls {
        &self.instance.urls
    }

    /// Installs the resolver; only the first call has effect.
    pub fn set_resolver(&self, resolver: Arc<dyn RemoteResolver>) {
        let _ = self.resolver.set(resolver);
    }

    pub(crate) fn resolver(&self) -> Result<&Arc<dyn RemoteResolver>, crate::AppError> {
        self.resolver
            .get()
            .ok_or_else(|| crate::AppError::Remote("federation is not running".into()))
    }
}
