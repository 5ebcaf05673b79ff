use crate::{OutboxSignal, RemoteResolver, urls::Urls};
use meent_db::DbPool;
use std::{
    any::{Any, TypeId},
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

/// State other layers keep per instance (the federation side's backfill queue, say), by type.
type Extensions = Arc<Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>;

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
    /// Where uploaded documents are kept (see `use_cases::documents`).
    pub documents_dir: std::path::PathBuf,
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
    search: Arc<OnceLock<meent_search::SearchIndex>>,
    network: Arc<OnceLock<crate::use_cases::search::NetworkSettings>>,
    mailer: Arc<OnceLock<crate::mail::Mailer>>,
    extensions: Extensions,
}

impl AppContext {
    pub fn new(db: DbPool, instance: InstanceSettings) -> Self {
        AppContext {
            db,
            instance: Arc::new(instance),
            outbox: OutboxSignal::default(),
            resolver: Arc::new(OnceLock::new()),
            search: Arc::new(OnceLock::new()),
            network: Arc::new(OnceLock::new()),
            mailer: Arc::new(OnceLock::new()),
            extensions: Extensions::default(),
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
            search: self.search.clone(),
            network: self.network.clone(),
            mailer: self.mailer.clone(),
            extensions: self.extensions.clone(),
        }
    }

    pub fn urls(&self) -> &Urls {
        &self.instance.urls
    }

    /// Keeps `value` for this instance, replacing an earlier one of the same type.
    pub fn set_extension<T: Any + Send + Sync>(&self, value: T) {
        self.extensions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(TypeId::of::<T>(), Arc::new(value));
    }

    /// What [`set_extension`](Self::set_extension) kept of type `T`, if anything.
    pub fn extension<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let value = self
            .extensions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&TypeId::of::<T>())
            .cloned()?;
        value.downcast::<T>().ok()
    }

    /// What [`set_extension`](Self::set_extension) kept of type `T`, made with its default
    /// the first time it is asked for.
    pub fn extension_or_default<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        let mut map = self.extensions.lock().unwrap_or_else(|e| e.into_inner());
        let value = map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()))
            .clone();
        drop(map);
        value
            .downcast::<T>()
            .unwrap_or_else(|_| Arc::new(T::default()))
    }

    /// Installs the resolver; only the first call has effect.
    pub fn set_resolver(&self, resolver: Arc<dyn RemoteResolver>) {
        let _ = self.resolver.set(resolver);
    }

    pub fn resolver(&self) -> Result<&Arc<dyn RemoteResolver>, crate::AppError> {
        self.resolver
            .get()
            .ok_or_else(|| crate::AppError::Remote("federation is not running".into()))
    }

    /// Installs the search index (at start, once it is open); only the first call has effect.
    pub fn set_search(&self, index: meent_search::SearchIndex) {
        let _ = self.search.set(index);
    }

    pub(crate) fn search(&self) -> Result<&meent_search::SearchIndex, crate::AppError> {
        self.search
            .get()
            .ok_or_else(|| crate::AppError::Internal("the search index is not open".into()))
    }

    /// Installs how network search reaches other instances; only the first call has effect.
    pub fn set_network(&self, settings: crate::use_cases::search::NetworkSettings) {
        let _ = self.network.set(settings);
    }

    pub(crate) fn network(
        &self,
    ) -> Result<&crate::use_cases::search::NetworkSettings, crate::AppError> {
        self.network
            .get()
            .ok_or_else(|| crate::AppError::Invalid("network search is not configured".into()))
    }

    /// Installs mail (at start, when it is configured); only the first call has effect.
    pub fn set_mailer(&self, mailer: crate::mail::Mailer) {
        let _ = self.mailer.set(mailer);
    }

    /// Mail, if this instance sends it.
    pub fn mailer(&self) -> Option<crate::mail::Mailer> {
        self.mailer.get().cloned()
    }

    /// Whether the e-mail features are on (the pages hide them otherwise).
    pub fn mail_enabled(&self) -> bool {
        self.mailer.get().is_some()
    }

    /// Wakes the mail sender after a commit that queued mail.
    pub fn wake_mail(&self) {
        if let Some(m) = self.mailer.get() {
            m.wake();
        }
    }
}
