//! Server-rendered HTML pages. Actor and object URLs (`/c/{name}`, `/u/{name}`, `/d/{id}`)
//! are shared with the federation side, which answers them first when ActivityPub JSON is
//! asked for. Every form is checked against CSRF (see `browser::csrf`).

mod account;
mod admin_collectives;
mod collective;
mod desk;
mod dilemma;
mod dilemma_actions;
mod documents;
mod email;
mod expertise;
mod feeds;
mod follow;
mod home;
mod listing;
mod manage;
mod meetings;
mod member;
mod notifications;
mod programmes;
mod qapage;
mod removal;
mod search;
mod settings;
mod setup;
mod similar;
mod write;

use crate::browser::{Ui, csrf, problem};
use actix_web::{HttpResponse, middleware::from_fn, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/meent.css", web::get().to(stylesheet))
        .route("/static/similar.js", web::get().to(similar_script))
        .route("/static/favicon.svg", web::get().to(favicon))
        // Browsers and feed readers ask for it at this address whatever the page says.
        .route("/favicon.ico", web::get().to(favicon))
        .service(
            web::scope("")
                .wrap(from_fn(csrf::set_cookie))
                // Forms are read whole by `CsrfForm`, which allows up to this size.
                .app_data(web::PayloadConfig::new(csrf::MAX_FORM_BYTES))
                .route("/", web::get().to(home::home))
                .route("/setup", web::get().to(setup::show))
                .route("/setup", web::post().to(setup::submit))
                .route("/login", web::get().to(account::login_form))
                .route("/login", web::post().to(account::login))
                .route("/logout", web::post().to(account::logout))
                .route("/register", web::get().to(account::register_form))
                .route("/register", web::post().to(account::register))
                .route("/language", web::post().to(account::language))
                .route("/settings", web::get().to(settings::show))
                .route("/settings", web::post().to(settings::save))
                .route("/settings/email", web::post().to(email::save_address))
                .route("/settings/mail", web::post().to(email::save_choices))
                .route("/mail/confirm/{token}", web::get().to(email::confirm))
                .route(
                    "/mail/unsubscribe/{key}/{what}",
                    web::get().to(email::unsubscribe_form),
                )
                .route(
                    "/mail/unsubscribe/{key}/{what}",
                    web::post().to(email::unsubscribe),
                )
                .route("/password/forgot", web::get().to(email::forgot_form))
                .route("/password/forgot", web::post().to(email::forgot))
                .route("/password/reset/{token}", web::get().to(email::reset_form))
                .route("/password/reset/{token}", web::post().to(email::reset))
                .route("/settings/expertise", web::get().to(expertise::show))
                .route("/settings/expertise", web::post().to(expertise::save))
                .route(
                    "/settings/password",
                    web::post().to(settings::change_password),
                )
                .route("/notifications", web::get().to(notifications::show))
                .route("/search", web::get().to(search::show))
                .route("/search/feed.atom", web::get().to(feeds::search))
                .route("/themes/{theme}/feed.atom", web::get().to(feeds::theme))
                .route(
                    "/municipalities/{name}/feed.atom",
                    web::get().to(feeds::municipality),
                )
                .route("/write", web::get().to(write::new_form))
                .route("/write", web::post().to(write::create))
                .route("/write/similar", web::post().to(write::similar_fragment))
                .route("/follow", web::get().to(follow::show))
                .route("/follow", web::post().to(follow::submit))
                .route("/follow/stop", web::post().to(follow::stop))
                .route("/manage", web::get().to(manage::show))
                .route(
                    "/admin/collectives/new",
                    web::get().to(admin_collectives::new_form),
                )
                .route(
                    "/admin/collectives",
                    web::post().to(admin_collectives::create),
                )
                .route(
                    "/admin/collectives/{name}",
                    web::get().to(admin_collectives::edit_form),
                )
                .route(
                    "/admin/collectives/{name}",
                    web::post().to(admin_collectives::save),
                )
                .route(
                    "/manage/registrations/{member}",
                    web::post().to(manage::decide_registration),
                )
                .route(
                    "/manage/{collective}/followers/{follow}",
                    web::post().to(manage::decide_follow),
                )
                .route(
                    "/manage/{collective}/members/{member}",
                    web::post().to(manage::set_role),
                )
                .route(
                    "/manage/{collective}/invites",
                    web::post().to(manage::invite),
                )
                .route("/d/{id}", web::get().to(dilemma::show))
                .route("/d/{id}/edit", web::get().to(write::edit_form))
                .route("/d/{id}/edit", web::post().to(write::edit))
                .route("/d/{id}/delete", web::get().to(removal::dilemma_form))
                .route("/d/{id}/delete", web::post().to(removal::dilemma))
                .route("/r/{id}/delete", web::get().to(removal::reply_form))
                .route("/r/{id}/delete", web::post().to(removal::reply))
                .route(
                    "/documents/{id}/delete",
                    web::get().to(removal::document_form),
                )
                .route("/documents/{id}/delete", web::post().to(removal::document))
                .route(
                    "/d/{id}/solutions",
                    web::post().to(dilemma_actions::add_solution),
                )
                .route(
                    "/d/{id}/like",
                    web::post().to(dilemma_actions::like_dilemma),
                )
                .route("/d/{id}/accept", web::post().to(dilemma_actions::accept))
                .route(
                    "/d/{id}/invitations",
                    web::post().to(dilemma_actions::invite),
                )
                .route(
                    "/d/{id}/documents",
                    web::post().to(documents::attach_to_dilemma),
                )
                .route(
                    "/r/{id}/documents",
                    web::post().to(documents::attach_to_solution),
                )
                .route("/documents/{id}/{name}", web::get().to(documents::download))
                .route(
                    "/d/{id}/status",
                    web::post().to(dilemma_actions::set_status),
                )
                .route(
                    "/r/{id}/comments",
                    web::post().to(dilemma_actions::add_comment),
                )
                .route("/r/{id}/like", web::post().to(dilemma_actions::like_reply))
                .route("/r/{id}/confirm", web::post().to(dilemma_actions::confirm))
                .route(
                    "/r/{id}/confirm/withdraw",
                    web::post().to(dilemma_actions::withdraw_confirmation),
                )
                .route("/c/{name}", web::get().to(collective::show))
                .route("/c/{name}/feed.atom", web::get().to(feeds::collective))
                .route("/c/{name}/follow", web::post().to(collective::follow))
                .route(
                    "/c/{name}/calendar.ics",
                    web::get().to(meetings::collective_ics),
                )
                .route("/c/{name}/sessions/new", web::get().to(meetings::new_form))
                .route("/c/{name}/desk", web::get().to(desk::show))
                .route("/c/{name}/sessions", web::post().to(meetings::create))
                .route("/m/{id}", web::get().to(meetings::show))
                .route("/m/{id}/edit", web::get().to(meetings::edit_form))
                .route("/m/{id}/edit", web::post().to(meetings::edit))
                .route(
                    "/c/{name}/programmes/new",
                    web::get().to(programmes::new_form),
                )
                .route("/c/{name}/programmes", web::post().to(programmes::create))
                .route("/p/{id}", web::get().to(programmes::show))
                .route("/p/{id}/follow", web::post().to(programmes::follow))
                .route("/p/{id}/progress", web::post().to(programmes::progress))
                .route("/p/{id}/delete", web::post().to(programmes::delete))
                .route("/m/{id}/calendar.ics", web::get().to(meetings::session_ics))
                .route("/m/{id}/registration", web::post().to(meetings::register))
                .route("/m/{id}/cancel", web::post().to(meetings::cancel))
                .route("/m/{id}/outcome", web::post().to(meetings::outcome))
                .route("/u/{name}", web::get().to(member::show))
                .default_service(web::to(not_found)),
        );
}

/// Nothing here: a page, or for `/api/` paths the API's JSON error.
async fn not_found(ui: Ui, req: actix_web::HttpRequest) -> HttpResponse {
    if req.path().starts_with("/api/") {
        return HttpResponse::NotFound().json(crate::error::ErrorBody {
            error: format!("no such API path: {} {}", req.method(), req.path()),
        });
    }
    problem::not_found(&ui)
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(include_str!("../../static/meent.css"))
}

async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(include_str!("../../static/favicon.svg"))
}

async fn similar_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(include_str!("../../static/similar.js"))
}
