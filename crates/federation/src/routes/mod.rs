//! The federation side's HTTP endpoints. `configure` must be registered before the web
//! side's routes: actor URLs are shared, and these resources answer only requests that ask
//! for ActivityPub JSON (see [`wants_activitypub`]); everything else falls through to HTML.

mod activities;
mod actors;
mod collections;
mod host_meta;
mod inbox;
mod inbox_checks;
pub mod inbox_throttle;
mod nodeinfo;
mod objects;
mod signed_get;
mod webfinger;

use actix_web::{guard, web};

pub use inbox::InboxLimits;

/// True when the request's `Accept` header asks for ActivityPub JSON.
pub fn wants_activitypub(ctx: &guard::GuardContext<'_>) -> bool {
    ctx.head()
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            accept.contains("application/activity+json") || accept.contains("application/ld+json")
        })
}

pub fn configure(cfg: &mut web::ServiceConfig, limits: InboxLimits) {
    let ap = || guard::fn_guard(wants_activitypub);
    cfg.app_data(web::PayloadConfig::new(limits.max_body_bytes))
        .route(
            "/.well-known/webfinger",
            web::get().to(webfinger::webfinger),
        )
        .route("/.well-known/nodeinfo", web::get().to(nodeinfo::links))
        .route("/nodeinfo/2.1", web::get().to(nodeinfo::nodeinfo))
        .route(
            "/.well-known/host-meta",
            web::get().to(host_meta::host_meta),
        )
        .route("/inbox", web::post().to(inbox::inbox))
        .route("/c/{name}/inbox", web::post().to(inbox::inbox))
        .route("/u/{name}/inbox", web::post().to(inbox::inbox))
        .route("/actor", web::get().to(actors::instance))
        .route("/actor/outbox", web::get().to(collections::instance_outbox))
        .route(
            "/c/{name}/outbox",
            web::get().to(collections::collective_outbox),
        )
        .route(
            "/c/{name}/followers",
            web::get().to(collections::collective_followers),
        )
        .route(
            "/u/{name}/outbox",
            web::get().to(collections::member_outbox),
        )
        .route(
            "/u/{name}/followers",
            web::get().to(collections::member_followers),
        )
        .route("/d/{id}/context", web::get().to(objects::context))
        .route(
            "/activities/{kind}/{id}",
            web::get().to(activities::activity),
        )
        .service(
            web::resource("/d/{id}")
                .guard(ap())
                .route(web::get().to(objects::dilemma)),
        )
        .service(
            web::resource("/m/{id}")
                .guard(ap())
                .route(web::get().to(objects::meeting)),
        )
        .service(
            web::resource("/p/{id}")
                .guard(ap())
                .route(web::get().to(objects::programme)),
        )
        .service(
            web::resource("/r/{id}")
                .guard(ap())
                .route(web::get().to(objects::reply)),
        )
        .service(
            web::resource("/confirmations/{id}")
                .guard(ap())
                .route(web::get().to(objects::confirmation)),
        )
        .service(
            web::resource("/c/{name}")
                .guard(ap())
                .route(web::get().to(actors::collective)),
        )
        .service(
            web::resource("/u/{name}")
                .guard(ap())
                .route(web::get().to(actors::member)),
        );
}
