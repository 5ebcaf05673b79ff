//! Server-rendered HTML pages. Actor URLs (`/c/{name}`, `/u/{name}`) are shared with the
//! federation side, which answers them first when ActivityPub JSON is asked for.

mod actors;
mod home;

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::home))
        .route("/c/{name}", web::get().to(actors::collective))
        .route("/u/{name}", web::get().to(actors::member))
        .route("/static/meent.css", web::get().to(stylesheet));
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(include_str!("../../static/meent.css"))
}

fn render(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "rendering a page failed");
            HttpResponse::InternalServerError()
                .content_type("text/plain; charset=utf-8")
                .body("Er ging iets mis bij het tonen van deze pagina.")
        }
    }
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFound<'a> {
    instance_name: &'a str,
}

fn not_found(instance_name: &str) -> HttpResponse {
    render(StatusCode::NOT_FOUND, &NotFound { instance_name })
}

/// Turns a use-case failure into a page: "not found" as such, anything else logged.
fn failure(instance_name: &str, e: meent_app::AppError) -> HttpResponse {
    match e {
        meent_app::AppError::NotFound(_) => not_found(instance_name),
        other => {
            tracing::error!(error = %other, "page failed");
            HttpResponse::InternalServerError()
                .content_type("text/plain; charset=utf-8")
                .body("Er ging iets mis bij het tonen van deze pagina.")
        }
    }
}
