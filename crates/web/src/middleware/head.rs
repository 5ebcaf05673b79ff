//! `HEAD` is answered wherever `GET` is (RFC 9110 §9.3.2): link checkers, feed readers and
//! uptime monitors ask with `HEAD`, and every route here is registered for `GET` only. The
//! request is handled as the `GET` it stands for; the HTTP/1 codec, which noted the method
//! when it read the request, sends the headers (with the length) and no body.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::Method,
    middleware::Next,
};

/// `middleware::from_fn(head_as_get)`.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}
