//! The pages shown when a request cannot be served: not found, not allowed, a refused form,
//! or a failure on our side (whose cause goes to the log, not to the page).

use super::{csrf::FormError, ui::Ui};
use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use askama::Template;
use meent_app::AppError;

#[derive(Template)]
#[template(path = "problem.html")]
struct ProblemPage<'a> {
    ui: &'a Ui,
    title: String,
    message: String,
    /// Where to go back to (address, text) instead of the home page.
    back: Option<(String, String)>,
}

/// Renders a page, or a plain failure when the template itself fails.
pub fn render(status: StatusCode, page: &impl Template) -> HttpResponse {
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(html),
        Err(e) => {
            tracing::error!(error = %e, "rendering a page failed");
            HttpResponse::InternalServerError()
                .content_type("text/plain; charset=utf-8")
                .body("Er ging iets mis / Something went wrong.")
        }
    }
}

/// A page telling what went wrong, with `status`.
pub fn page(ui: &Ui, status: StatusCode, title_key: &str, message_key: &str) -> HttpResponse {
    render(
        status,
        &ProblemPage {
            ui,
            title: ui.t(title_key),
            message: ui.t(message_key),
            back: None,
        },
    )
}

/// [`page`] with a way back to where the visitor came from (`href`, the text's key).
pub fn page_back(
    ui: &Ui,
    status: StatusCode,
    (title_key, message_key): (&str, &str),
    (href, back_key): (&str, &str),
) -> HttpResponse {
    render(
        status,
        &ProblemPage {
            ui,
            title: ui.t(title_key),
            message: ui.t(message_key),
            back: Some((href.to_owned(), ui.t(back_key))),
        },
    )
}

pub fn not_found(ui: &Ui) -> HttpResponse {
    page(
        ui,
        StatusCode::NOT_FOUND,
        "problem-not-found-title",
        "problem-not-found",
    )
}

/// Turns a use-case failure into a page. Causes of server failures go to the log only.
pub fn failure(ui: &Ui, e: AppError) -> HttpResponse {
    match e {
        AppError::NotFound(_) => not_found(ui),
        AppError::Unauthenticated => login_first(ui),
        AppError::Forbidden(why) => {
            tracing::info!(why, "refused a page action");
            page(
                ui,
                StatusCode::FORBIDDEN,
                "problem-forbidden-title",
                "problem-forbidden",
            )
        }
        e @ AppError::NotACollective(..) => {
            tracing::info!(error = %e, "refused a page action");
            page(
                ui,
                StatusCode::BAD_REQUEST,
                "problem-invalid-title",
                "problem-invalid",
            )
        }
        AppError::Invalid(why) | AppError::Conflict(why) => {
            tracing::info!(%why, "refused a page action");
            page(
                ui,
                StatusCode::BAD_REQUEST,
                "problem-invalid-title",
                "problem-invalid",
            )
        }
        AppError::TooManyRequests(seconds) => too_many(ui, seconds),
        AppError::Remote(why) => {
            tracing::warn!(%why, "remote failure behind a page");
            page(
                ui,
                StatusCode::BAD_GATEWAY,
                "problem-remote-title",
                "problem-remote",
            )
        }
        other => {
            tracing::error!(error = %other, "page failed");
            page(
                ui,
                StatusCode::INTERNAL_SERVER_ERROR,
                "problem-internal-title",
                "problem-internal",
            )
        }
    }
}

/// "Too many attempts": 429 with `Retry-After`, so that browsers and scripts know when.
pub fn too_many(ui: &Ui, seconds: u64) -> HttpResponse {
    let mut response = page(
        ui,
        StatusCode::TOO_MANY_REQUESTS,
        "problem-too-many-title",
        "problem-too-many",
    );
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&seconds.to_string()) {
        response
            .headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, value);
    }
    response
}

/// Sends someone who is not logged in to the login page, to come back here afterwards.
pub fn login_first(ui: &Ui) -> HttpResponse {
    see_other(&format!("/login?next={}", encode(&ui.path)))
}

pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

fn encode(path: &str) -> String {
    url::form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

/// The page for a request whose path or query could not be read (before the handler ran).
pub fn input_refused_page(req: &HttpRequest, status: StatusCode) -> HttpResponse {
    let ui = anonymous_ui(req);
    if status == StatusCode::NOT_FOUND {
        not_found(&ui)
    } else {
        page(&ui, status, "problem-invalid-title", "problem-invalid")
    }
}

/// The page frame for a request refused before its handler ran: the request's language,
/// without a database lookup.
fn anonymous_ui(req: &HttpRequest) -> Ui {
    Ui {
        lang: super::ui::request_language(req),
        instance_name: req
            .app_data::<actix_web::web::Data<meent_app::AppContext>>()
            .map(|c| c.instance.name.clone())
            .unwrap_or_default(),
        csrf: super::csrf::token_for(req),
        signed: None,
        reader: meent_app::use_cases::access::Reader::anonymous(),
        path: req.path().to_owned(),
    }
}

/// The response to a form refused by the CSRF check or unreadable, in the language of the
/// request (without a database lookup: this runs before the handler).
pub fn form_refused(req: &HttpRequest, e: FormError) -> actix_web::Error {
    tracing::info!(error = %e, path = req.path(), "form refused");
    let ui = anonymous_ui(req);
    let response = match e {
        FormError::Forged => page(
            &ui,
            StatusCode::FORBIDDEN,
            "problem-form-title",
            "problem-form-forged",
        ),
        FormError::Malformed(_) => page(
            &ui,
            StatusCode::BAD_REQUEST,
            "problem-form-title",
            "problem-form-malformed",
        ),
    };
    actix_web::error::InternalError::from_response(e, response).into()
}
