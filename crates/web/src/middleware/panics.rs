//! A panic in a handler would drop the connection without an answer (actix-web does not
//! catch it), and a panic that repeats on every request would flood the log with
//! backtraces. Here it becomes a 500 — JSON for the API and ActivityPub, a short page in
//! Dutch and English otherwise — and each distinct panic is logged at most once a minute,
//! with how many were left out.

use actix_web::{
    Error, HttpResponse, ResponseError,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{StatusCode, header},
    middleware::Next,
};
use futures::FutureExt;
use std::{
    collections::HashMap,
    panic::AssertUnwindSafe,
    sync::Mutex,
    time::{Duration, Instant},
};

/// How often one and the same panic message is logged.
const LOG_EVERY: Duration = Duration::from_secs(60);
/// Distinct panic messages remembered for rate limiting.
const REMEMBERED: usize = 64;

/// Per panic message: when it was last logged, and how many since were not.
static SEEN: Mutex<Option<HashMap<String, (Instant, u64)>>> = Mutex::new(None);

/// `middleware::from_fn(catch_panics)`.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // The request itself goes into the handler (routing needs it unshared), so what the
    // answer depends on is noted first.
    let path = req.path().to_owned();
    let wants_json = path.starts_with("/api/")
        || req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("json"));
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(response) => response.map(ServiceResponse::map_into_boxed_body),
        Err(panic) => {
            log_rate_limited(&path, &panic_message(panic.as_ref()));
            // Returned as an error: actix-web turns it into the response below.
            Err(Panicked { wants_json }.into())
        }
    }
}

/// A handler panicked; answered 500.
#[derive(Debug)]
struct Panicked {
    wants_json: bool,
}

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("internal error")
    }
}

impl ResponseError for Panicked {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    /// JSON where JSON is expected, a page otherwise.
    fn error_response(&self) -> HttpResponse {
        if self.wants_json {
            return HttpResponse::InternalServerError()
                .json(serde_json::json!({ "error": "internal error" }));
        }
        HttpResponse::InternalServerError()
            .content_type("text/html; charset=utf-8")
            .body(PAGE)
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

fn log_rate_limited(path: &str, message: &str) {
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashMap::new);
    let now = Instant::now();
    match seen.get_mut(message) {
        Some((last, skipped)) if now.duration_since(*last) < LOG_EVERY => *skipped += 1,
        Some((last, skipped)) => {
            tracing::error!(%path, panic = %message, left_out = *skipped, "a request handler panicked");
            *last = now;
            *skipped = 0;
        }
        None => {
            tracing::error!(%path, panic = %message, "a request handler panicked");
            if seen.len() >= REMEMBERED {
                seen.clear();
            }
            seen.insert(message.to_owned(), (now, 0));
        }
    }
}

const PAGE: &str = "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Er ging iets mis</title><link rel=\"stylesheet\" href=\"/static/meent.css\"></head>\
<body><main><h1>Er ging iets mis</h1><p>Probeer het later opnieuw. Wat je schreef is niet \
verloren als het al was opgeslagen.</p><h2 lang=\"en\">Something went wrong</h2>\
<p lang=\"en\">Please try again later.</p><p><a href=\"/\">Meent</a></p></main></body></html>";

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{App, test, web};

    async fn boom() -> HttpResponse {
        panic!("a handler failed")
    }

    async fn fine() -> HttpResponse {
        HttpResponse::Ok().body("fine")
    }

    #[actix_web::test]
    async fn a_panic_becomes_a_500_and_the_next_request_is_served() {
        let app = test::init_service(
            App::new()
                .wrap(actix_web::middleware::from_fn(catch_panics))
                .route("/boom", web::get().to(boom))
                .route("/api/v1/boom", web::get().to(boom))
                .route("/fine", web::get().to(fine)),
        )
        .await;
        // What the server answers: the response, or the error turned into one (as the
        // server does).
        let mut answers = Vec::new();
        for uri in ["/boom", "/api/v1/boom", "/fine"] {
            let request = test::TestRequest::get().uri(uri).to_request();
            let response = match test::try_call_service(&app, request).await {
                Ok(r) => r.into_parts().1.map_into_boxed_body(),
                Err(e) => e.error_response(),
            };
            let status = response.status().as_u16();
            let body = actix_web::body::to_bytes(response.into_body())
                .await
                .unwrap_or_default();
            answers.push((status, String::from_utf8_lossy(&body).into_owned()));
        }
        assert_eq!(answers[0].0, 500);
        assert!(
            answers[0].1.contains("Er ging iets mis"),
            "{}",
            answers[0].1
        );
        assert_eq!(
            answers[1],
            (500, r#"{"error":"internal error"}"#.to_owned())
        );
        assert_eq!(answers[2], (200, "fine".to_owned()));
    }
}
