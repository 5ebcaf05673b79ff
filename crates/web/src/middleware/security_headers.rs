//! Security headers on every HTML page: scripts, styles, images and forms only from this
//! site (so an image in a received answer is never loaded from another server, which would
//! tell it who reads what), no framing, no content sniffing, no full URLs in referrers.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderValue},
    middleware::Next,
};

/// What HTML pages may load. `data:` images are the only exception (icons inlined in CSS).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// `middleware::from_fn(security_headers)`.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if is_html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{App, HttpResponse, test, web};

    #[actix_web::test]
    async fn html_pages_get_the_policy_and_everything_gets_nosniff() {
        let app = test::init_service(
            App::new()
                .wrap(actix_web::middleware::from_fn(security_headers))
                .route(
                    "/page",
                    web::get().to(|| async {
                        HttpResponse::Ok()
                            .content_type("text/html; charset=utf-8")
                            .body("<p>x</p>")
                    }),
                )
                .route(
                    "/json",
                    web::get().to(|| async { HttpResponse::Ok().json(serde_json::json!({})) }),
                ),
        )
        .await;
        let page =
            test::call_service(&app, test::TestRequest::get().uri("/page").to_request()).await;
        let h = page.headers();
        assert_eq!(
            h.get("content-security-policy")
                .and_then(|v| v.to_str().ok()),
            Some(CONTENT_SECURITY_POLICY)
        );
        assert_eq!(
            h.get("x-frame-options").and_then(|v| v.to_str().ok()),
            Some("DENY")
        );
        assert_eq!(
            h.get("x-content-type-options")
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
        assert_eq!(
            h.get("referrer-policy").and_then(|v| v.to_str().ok()),
            Some("same-origin")
        );
        let json =
            test::call_service(&app, test::TestRequest::get().uri("/json").to_request()).await;
        assert!(json.headers().get("content-security-policy").is_none());
        assert!(json.headers().get("x-content-type-options").is_some());
    }
}
