//! The signed-in member of an API request, from `Authorization: Bearer <token>`.

use crate::ApiError;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures::future::LocalBoxFuture;
use meent_app::{AppContext, AppError, auth, use_cases::access::Reader};
use meent_db::queries::members::MemberRow;

pub struct Authenticated(pub MemberRow);

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = req.app_data::<web::Data<AppContext>>().cloned();
        let token = bearer(req);
        Box::pin(async move {
            let ctx = ctx.ok_or(AppError::Internal("application context missing".into()))?;
            let token = token.ok_or(AppError::Unauthenticated)?;
            // Detached: see `browser::ui::detached` (a failing body extractor drops this).
            let member =
                crate::browser::ui::detached(async move { auth::authenticate(&ctx, &token).await })
                    .await?;
            Ok(Authenticated(member))
        })
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
}

/// Who is reading: anonymous without a token, the member with a valid one; a token that is
/// not valid is refused rather than treated as anonymous.
pub struct ReaderOf(pub Reader);

/// Like [`ReaderOf`], for operations only a member may do: without a bearer token the answer
/// is 401 before the request's body is read, so a caller learns first that it must sign in.
pub struct SignedIn(pub Reader);

impl FromRequest for SignedIn {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if bearer(req).is_none() {
            return Box::pin(async { Err(AppError::Unauthenticated.into()) });
        }
        let reader = ReaderOf::from_request(req, payload);
        Box::pin(async move { Ok(SignedIn(reader.await?.0)) })
    }
}

impl FromRequest for ReaderOf {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = req.app_data::<web::Data<AppContext>>().cloned();
        let token = bearer(req);
        Box::pin(async move {
            let ctx = ctx.ok_or(AppError::Internal("application context missing".into()))?;
            match token {
                None => Ok(ReaderOf(Reader::anonymous())),
                Some(t) => {
                    let reader = crate::browser::ui::detached(async move {
                        let member = auth::authenticate(&ctx, &t).await?;
                        Reader::of(&ctx, member).await
                    })
                    .await?;
                    Ok(ReaderOf(reader))
                }
            }
        })
    }
}
