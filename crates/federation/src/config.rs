//! Building the federation library's configuration from Meent's settings.

use crate::{
    FederationError,
    objects::{
        ApInstance,
        backfill_queue::{BackfillLimits, BackfillQueue},
    },
    resolver::Resolver,
};
use activitypub_federation::{config::FederationConfig, resolver::ValidatingDnsResolver};
use meent_app::{AppContext, use_cases::site};
use std::{sync::Arc, time::Duration};

#[derive(Debug, Clone)]
pub struct FederationSettings {
    /// Allows http, explicit ports and loopback or private addresses. For tests and local
    /// development only.
    pub debug: bool,
    pub request_timeout: Duration,
    /// How much thread backfill may fetch and how much may wait.
    pub backfill: BackfillLimits,
}

/// Makes the configuration, including the HTTP client every outgoing request uses, and
/// installs the remote resolver into `ctx`.
pub async fn build(
    ctx: AppContext,
    settings: &FederationSettings,
) -> Result<FederationConfig<AppContext>, FederationError> {
    let instance = ApInstance::new(site::ensure_site(&ctx).await?, &ctx)?;
    ctx.set_extension(BackfillQueue::new(settings.backfill));
    let client = reqwest::Client::builder()
        // Redirects are not followed blindly: the library validates one itself.
        .redirect(reqwest::redirect::Policy::none())
        .timeout(settings.request_timeout)
        .connect_timeout(settings.request_timeout)
        // Outside debug mode, refuse to connect to loopback, private or link-local addresses
        // at the moment of connecting, which also defeats DNS rebinding.
        .dns_resolver(Arc::new(ValidatingDnsResolver::new(
            vec![],
            !settings.debug,
        )))
        .user_agent(format!(
            "Meent/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            ctx.urls().base()
        ))
        .build()
        .map_err(|e| FederationError::Invalid(format!("HTTP client: {e}")))?;
    // Refusals of deliveries are kept for the administrator (`delivery::refusals`).
    let client = reqwest_middleware::ClientBuilder::new(client)
        .with(crate::delivery::refusals::RecordRefusals)
        .build();
    let configure = |app_data: AppContext| {
        FederationConfig::builder()
            .domain(ctx.instance.domain.clone())
            .app_data(app_data)
            .client(client.clone())
            .debug(settings.debug)
            .request_timeout(settings.request_timeout)
            .http_fetch_limit(50)
            .signed_fetch_actor(&instance)
            .clone()
    };
    let config = configure(ctx.clone())
        .build()
        .await
        .map_err(|e| FederationError::Invalid(format!("federation config: {e}")))?;
    // The resolver's own configuration holds a detached context: a context that held a
    // resolver holding the same context would never be freed (nor its database pool).
    let resolver_config = configure(ctx.detached())
        .build()
        .await
        .map_err(|e| FederationError::Invalid(format!("federation config: {e}")))?;
    ctx.set_resolver(Arc::new(Resolver {
        config: resolver_config,
        client,
    }));
    Ok(config)
}
