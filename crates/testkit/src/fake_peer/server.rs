//! The fake peer's HTTP side: serves stored documents by path and records every request.

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use serde_json::Value;
use std::{
    collections::HashMap,
    net::TcpListener,
    sync::{Arc, Mutex},
};

/// One request the fake peer received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// Whether it carried an HTTP signature.
    pub signed: bool,
    /// The `keyId` of that signature: who signed it.
    pub key_id: Option<String>,
    pub body: Option<Value>,
}

#[derive(Default)]
struct State {
    documents: HashMap<String, (u16, Value)>,
    /// Paths answered only to requests that accept `application/json` (406 otherwise), as
    /// GoToSocial answers for its NodeInfo.
    json_only: std::collections::HashSet<String>,
    requests: Vec<Recorded>,
    inbox_delay: Option<std::time::Duration>,
    /// What POSTs are answered with instead of 202 (a peer that refuses everything).
    post_answer: Option<(u16, String)>,
}

/// What the test and the server share.
#[derive(Clone, Default)]
pub(super) struct Shared(Arc<Mutex<State>>);

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A test that panicked while holding the lock has failed already; carry on.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn put(&self, path: &str, status: u16, body: Value) {
        self.lock()
            .documents
            .insert(path.to_owned(), (status, body));
    }

    pub(super) fn put_json_only(&self, path: &str, body: Value) {
        let mut state = self.lock();
        state.documents.insert(path.to_owned(), (200, body));
        state.json_only.insert(path.to_owned());
    }

    pub(super) fn remove(&self, path: &str) {
        self.lock().documents.remove(path);
    }

    pub(super) fn set_inbox_delay(&self, delay: std::time::Duration) {
        self.lock().inbox_delay = Some(delay);
    }

    pub(super) fn set_post_answer(&self, status: u16, body: &str) {
        self.lock().post_answer = Some((status, body.to_owned()));
    }

    pub(super) fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }
}

pub(super) fn run(
    listener: TcpListener,
    shared: Shared,
) -> anyhow::Result<actix_web::dev::ServerHandle> {
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(shared.clone()))
            .app_data(web::PayloadConfig::new(4 * 1024 * 1024))
            .default_service(web::to(answer))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    Ok(handle)
}

async fn answer(req: HttpRequest, body: web::Bytes, shared: web::Data<Shared>) -> HttpResponse {
    let path = req.path().to_owned();
    let method = req.method().as_str().to_owned();
    let delay = {
        let mut state = shared.lock();
        state.requests.push(Recorded {
            method: method.clone(),
            path: path.clone(),
            signed: req.headers().contains_key("signature"),
            key_id: req
                .headers()
                .get("signature")
                .and_then(|v| v.to_str().ok())
                .and_then(|s| {
                    s.split(',')
                        .find_map(|p| p.trim().strip_prefix("keyId="))
                        .map(|k| k.trim_matches('"').to_owned())
                }),
            body: serde_json::from_slice(&body).ok(),
        });
        (state.inbox_delay, state.post_answer.clone())
    };
    let (delay, post_answer) = delay;
    if method == "POST" {
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        if let Some((status, body)) = post_answer {
            let status = actix_web::http::StatusCode::from_u16(status)
                .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST);
            return HttpResponse::build(status)
                .content_type("application/json")
                .body(body);
        }
        return HttpResponse::Accepted().finish();
    }
    let state = shared.lock();
    let accepts_json = req
        .headers()
        .get("accept")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| {
            a.split(',')
                .any(|t| t.trim().starts_with("application/json") || t.trim().starts_with("*/*"))
        });
    if state.json_only.contains(&path) && !accepts_json {
        // GoToSocial 0.19.2's exact answer (tests/fixtures/ORIGIN.md).
        return HttpResponse::NotAcceptable()
            .content_type("application/json")
            .body(r#"{"error":"Not Acceptable: no format can be offered for requested Accept header(s) [application/activity+json]; this endpoint offers [application/json]"}"#);
    }
    match state.documents.get(&path) {
        Some((status, document)) => {
            let status = actix_web::http::StatusCode::from_u16(*status)
                .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
            HttpResponse::build(status)
                .content_type("application/activity+json")
                .body(document.to_string())
        }
        None => HttpResponse::NotFound().finish(),
    }
}
