//! Wiring: the pool, the use-case context, federation, the web server and the delivery
//! worker, in that order.

use crate::Config;
use actix_web::{App, HttpResponse, HttpServer, dev::ServerHandle, middleware, web};
use anyhow::Context;
use meent_app::{AppContext, InstanceSettings, urls::Urls};
use meent_db::DbPool;
use meent_federation::{
    FederationMiddleware, FederationSettings,
    delivery::{self, Backoff, DeliverySettings, HealthPolicy},
    routes::{InboxLimits, inbox_throttle},
};
use std::{net::TcpListener, time::Duration};
use tokio::task::JoinHandle;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// A running instance.
pub struct Instance {
    pub ctx: AppContext,
    pub addr: std::net::SocketAddr,
    server: ServerHandle,
    server_task: JoinHandle<std::io::Result<()>>,
    worker: JoinHandle<()>,
    housekeeping: JoinHandle<()>,
    mail: Option<JoinHandle<()>>,
    indexer: JoinHandle<()>,
    search_index: meent_search::SearchIndex,
}

/// The database and use-case context for `config`, with migrations applied. Admin commands
/// use this alone; `start` builds on it.
pub async fn app_context(config: &Config) -> anyhow::Result<AppContext> {
    let db = DbPool::connect(&config.database.url, config.database.max_connections)
        .await
        .with_context(|| {
            format!(
                "opening the database {}",
                meent_db::redacted_url(&config.database.url)
            )
        })?;
    Ok(AppContext::new(
        db,
        InstanceSettings {
            domain: config.instance.domain.clone(),
            name: config.instance.name.clone(),
            description: config.instance.description.clone(),
            registration: config.instance.registration,
            urls: Urls::new(config.public_url()?),
            documents_dir: config.documents.dir.clone().into(),
        },
    ))
}

/// Starts an instance. With `listener`, serves on it (tests bind port 0 first, so that the
/// domain can name the port); otherwise binds `http.bind`.
pub async fn start(config: &Config, listener: Option<TcpListener>) -> anyhow::Result<Instance> {
    let ctx = app_context(config).await?;
    let federation = meent_federation::build(
        ctx.clone(),
        &FederationSettings {
            debug: config.federation_debug(),
            request_timeout: Duration::from_secs(config.federation.request_timeout_secs),
            backfill: config.federation.backfill(),
        },
    )
    .await
    .context("setting up federation")?;
    if config.federation_debug() {
        tracing::warn!("federation debug mode: http and local addresses are allowed");
    }

    let (indexer, search_index) = crate::search::start(config, &ctx).await?;
    // Before the pages are served: they show the e-mail features only once it is installed.
    let mail = crate::mail::start(&ctx, config)?;
    let network_policy = web::Data::new(meent_web::api::NetworkSearchPolicy::new(
        config.search.answer_network,
        config.search.network_rate_per_minute,
    ));

    let throttles = web::Data::new(meent_web::throttle::Throttles::new(
        &config.limits.throttles(),
    ));
    inbox_throttle::install(
        &ctx,
        config.federation.inbox_per_actor,
        Duration::from_secs(config.federation.inbox_window_secs.max(1)),
    );
    let limits = InboxLimits {
        max_body_bytes: config.http.max_body_bytes,
    };
    let (query_config, path_config, json_config) =
        meent_web::extractor_configs(limits.max_body_bytes);
    let (ctx_for_app, fed_for_app) = (ctx.clone(), federation.clone());
    let mut server = HttpServer::new(move || {
        let (app, api) = App::new()
            .into_utoipa_app()
            .openapi(meent_web::api::ApiDoc::openapi())
            .service(
                utoipa_actix_web::scope("/api/v1")
                    .configure(meent_web::api::configure)
                    .default_service(web::to(meent_web::api::no_such_path)),
            )
            .split_for_parts();
        let api_json = web::Data::new(meent_web::api::ServedDocument(
            meent_web::api::served_document(&api),
        ));
        app.app_data(web::Data::new(ctx_for_app.clone()))
            .app_data(network_policy.clone())
            .app_data(throttles.clone())
            .app_data(query_config.clone())
            .app_data(path_config.clone())
            .app_data(json_config.clone())
            .app_data(api_json)
            .wrap(FederationMiddleware::new(fed_for_app.clone()))
            // A panic becomes a 500 inside the security headers (the page gets them too) and
            // inside the logger (logged as the 500 it became).
            .wrap(middleware::from_fn(meent_web::middleware::head_as_get))
            .wrap(middleware::from_fn(meent_web::middleware::catch_panics))
            .wrap(middleware::from_fn(meent_web::middleware::security_headers))
            // The query string stays out of the log: it can hold an invitation code, a
            // password-reset token or what someone searched for.
            .wrap(
                middleware::Logger::new("%a \"%{request}xi\" %s %b %Dms")
                    .custom_request_replace("request", |req| {
                        format!("{} {}", req.method(), req.path())
                    })
                    .log_target("meent::http"),
            )
            .route("/api/openapi.json", web::get().to(openapi_json))
            // Federation first: it answers actor URLs only when ActivityPub JSON is asked for.
            .configure(|cfg| meent_federation::routes::configure(cfg, limits))
            .configure(meent_web::pages::configure)
    })
    .disable_signals()
    .shutdown_timeout(5);
    if config.http.workers > 0 {
        server = server.workers(config.http.workers);
    }
    let server = match listener {
        Some(l) => server.listen(l)?,
        None => server
            .bind(&config.http.bind)
            .with_context(|| format!("listening on {}", config.http.bind))?,
    };
    let addr = *server
        .addrs()
        .first()
        .context("the server is not listening")?;
    let server = server.run();
    let handle = server.handle();
    let server_task = tokio::spawn(server);

    let worker = delivery::spawn(federation, delivery_settings(config));
    let housekeeping = crate::housekeeping::spawn(ctx.clone(), config, search_index.clone());
    tracing::info!(%addr, domain = %config.instance.domain, database = ctx.db.backend_name(), "Meent is running");
    Ok(Instance {
        ctx,
        addr,
        server: handle,
        server_task,
        worker,
        housekeeping,
        mail,
        indexer,
        search_index,
    })
}

fn delivery_settings(config: &Config) -> DeliverySettings {
    let f = &config.federation;
    DeliverySettings {
        per_instance: f.delivery_concurrency,
        health: HealthPolicy {
            backoff: Backoff {
                base: Duration::from_secs(f.retry_base_secs),
                max: Duration::from_secs(f.retry_max_secs),
            },
            dead_after: Duration::from_secs(f.dead_after_secs),
            dead_retry: Duration::from_secs(f.dead_retry_secs),
        },
        poll_interval: Duration::from_secs(f.poll_interval_secs.max(1)),
        batch: 500,
        lease: Duration::from_secs(f.lease_secs),
    }
}

async fn openapi_json(doc: web::Data<meent_web::api::ServedDocument>) -> HttpResponse {
    HttpResponse::Ok().json(&doc.0)
}

impl Instance {
    /// Stops serving and delivering. With `graceful`, in-flight requests finish first;
    /// without, everything stops at once, as in a crash (the outbox keeps what was queued).
    pub async fn stop(self, graceful: bool) {
        self.worker.abort();
        self.housekeeping.abort();
        if let Some(mail) = &self.mail {
            mail.abort();
        }
        self.indexer.abort();
        self.server.stop(graceful).await;
        let _ = self.server_task.await;
        self.search_index.close().await;
    }

    /// Serves until the server stops (after `stop` from another task, or a signal handled
    /// by the caller).
    pub async fn wait(self) -> anyhow::Result<()> {
        let result = self.server_task.await;
        self.worker.abort();
        self.housekeeping.abort();
        if let Some(mail) = &self.mail {
            mail.abort();
        }
        self.indexer.abort();
        self.search_index.close().await;
        result??;
        Ok(())
    }

    /// The highest change-log id this process's search index has read.
    pub fn search_cursor(&self) -> i64 {
        self.search_index.cursor()
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.clone()
    }
}
