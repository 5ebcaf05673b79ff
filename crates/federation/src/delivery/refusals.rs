//! A peer's refusal of a delivery, made visible. The federation library treats a 4xx answer
//! to a POST (other than 408 and 429) as final and reports success, logging the answer only
//! at DEBUG: an operator never learned that Lemmy refused 13 of 21 deliveries. A middleware
//! on the one HTTP client keeps that answer for the delivery being sent (a task-local, so
//! deliveries sent side by side each see their own), and the host worker records it per
//! instance and logs it at WARN (see `host_worker::record`).

use async_trait::async_trait;
use http::Extensions;
use reqwest::{Request, Response, StatusCode};
use reqwest_middleware::{Middleware, Next};
use std::cell::RefCell;

/// How much of a peer's answer is kept: enough for its error message.
const KEPT: usize = 500;

/// A peer's final "no" to a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    /// The start of the answer's body, as text.
    pub answer: String,
}

tokio::task_local! {
    static REFUSAL: RefCell<Option<Refusal>>;
}

/// Runs `send` and returns what it returned with the refusal a peer answered, if any.
pub(super) async fn capturing<T>(send: impl Future<Output = T>) -> (T, Option<Refusal>) {
    REFUSAL
        .scope(RefCell::new(None), async {
            let result = send.await;
            let refusal = REFUSAL.with(|r| r.borrow_mut().take());
            (result, refusal)
        })
        .await
}

fn is_final_refusal(status: StatusCode) -> bool {
    status.is_client_error()
        && status != StatusCode::REQUEST_TIMEOUT
        && status != StatusCode::TOO_MANY_REQUESTS
}

/// The middleware: for a POST sent inside [`capturing`], keeps a refusal's status and the
/// start of its body, and hands the library the same answer.
pub struct RecordRefusals;

#[async_trait]
impl Middleware for RecordRefusals {
    async fn handle(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let is_post = request.method() == reqwest::Method::POST;
        let response = next.run(request, extensions).await?;
        let watched = is_post && REFUSAL.try_with(|_| ()).is_ok();
        if !watched || !is_final_refusal(response.status()) {
            return Ok(response);
        }
        let status = response.status();
        let headers = response.headers().clone();
        let version = response.version();
        // Peers answer refusals with a short message; the library reads at most a few KB.
        let body = response.bytes().await.unwrap_or_default();
        let answer: String = String::from_utf8_lossy(&body).chars().take(KEPT).collect();
        let _ = REFUSAL.try_with(|r| {
            *r.borrow_mut() = Some(Refusal {
                status: status.as_u16(),
                answer,
            })
        });
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.headers_mut() = headers;
        *rebuilt.version_mut() = version;
        Ok(Response::from(rebuilt))
    }
}
