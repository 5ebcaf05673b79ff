//! Protection of every form against cross-site request forgery, by the double-submit
//! pattern: each browser gets a random token in an HttpOnly cookie, every form carries the
//! same token in a hidden `csrf` field, and a form is only taken when the two match. Another
//! site can make a browser send the cookie, but cannot read it to put it in the form.

use super::cookies;
use actix_web::{
    FromRequest, HttpMessage, HttpRequest,
    body::MessageBody,
    dev::{Payload, ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};
use futures::future::LocalBoxFuture;
use meent_app::AppContext;
use rand::RngCore;
use serde::{Deserialize, de::DeserializeOwned};
use subtle::ConstantTimeEq;

/// The largest form accepted: a dilemma's text is at most 50,000 characters, which is at
/// most 200 KB of UTF-8 and three times that percent-encoded.
pub const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The token a new browser gets, put in the request's extensions by [`token_for`] and set as
/// a cookie on the way out by [`set_cookie`].
#[derive(Clone)]
struct NewToken(String);

/// The browser's token, making one if it has none (or a malformed one).
pub fn token_for(req: &HttpRequest) -> String {
    if let Some(c) = req.cookie(cookies::CSRF)
        && is_well_formed(c.value())
    {
        return c.value().to_owned();
    }
    if let Some(NewToken(t)) = req.extensions().get::<NewToken>() {
        return t.clone();
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    req.extensions_mut().insert(NewToken(token.clone()));
    token
}

fn is_well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Middleware: sets the cookie of a token made while handling the request.
pub async fn set_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let token = res.request().extensions().get::<NewToken>().cloned();
    if let Some(NewToken(token)) = token
        && let Some(ctx) = res.request().app_data::<web::Data<AppContext>>().cloned()
    {
        res.response_mut().add_cookie(&cookies::csrf(&ctx, token))?;
    }
    Ok(res)
}

#[derive(Deserialize)]
struct TokenField {
    #[serde(default)]
    csrf: String,
}

/// Why a form was not taken.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("the form's security token is missing or does not match")]
    Forged,
    #[error("the form could not be read: {0}")]
    Malformed(String),
}

/// A submitted form (`application/x-www-form-urlencoded`, repeated fields allowed) whose
/// `csrf` field matches the browser's token.
pub struct CsrfForm<T>(pub T);

/// Whether a form's token is the one in the request's cookie (compared in constant time).
fn same_token(cookie: Option<&str>, field: &str) -> bool {
    cookie.is_some_and(|c| !field.is_empty() && bool::from(c.as_bytes().ct_eq(field.as_bytes())))
}

/// Whether `field` (the `csrf` field of a form read by other means, such as an upload) is
/// the token in the request's cookie.
pub fn token_matches(req: &HttpRequest, field: &str) -> bool {
    let cookie = req
        .cookie(cookies::CSRF)
        .map(|c| c.value().to_owned())
        .filter(|t| is_well_formed(t));
    same_token(cookie.as_deref(), field)
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let cookie = req
            .cookie(cookies::CSRF)
            .map(|c| c.value().to_owned())
            .filter(|t| is_well_formed(t));
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let problem = |e: FormError| super::problem::form_refused(&req, e);
            let bytes = body
                .await
                .map_err(|e| problem(FormError::Malformed(e.to_string())))?;
            if bytes.len() > MAX_FORM_BYTES {
                return Err(problem(FormError::Malformed("too large".into())));
            }
            let field: TokenField = serde_html_form::from_bytes(&bytes)
                .map_err(|e| problem(FormError::Malformed(e.to_string())))?;
            if !same_token(cookie.as_deref(), &field.csrf) {
                return Err(problem(FormError::Forged));
            }
            let form = serde_html_form::from_bytes(&bytes)
                .map_err(|e| problem(FormError::Malformed(e.to_string())))?;
            Ok(CsrfForm(form))
        })
    }
}
