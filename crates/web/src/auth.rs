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
