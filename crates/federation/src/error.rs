//! The federation side's errors, and their one mapping to HTTP: a safe message for the
//! sender, the cause in the log.

use activitypub_federation::error::Error as ApError;
use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use meent_app::AppError;
use meent_db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error(transparent)]
    Protocol(#[from] ApError),
    #[error(transparent)]
    App(#[from] AppError),
    #[error("the request carries no HTTP signature")]
    MissingSignature,
    #[error("activities are posted as application/activity+json")]
    UnsupportedMediaType,
    #[error("the HTTP signature could not be verified: {0}")]
    Unverified(String),
    #[error("invalid document: {0}")]
    Invalid(String),
    #[error("refused: {0}")]
    Refused(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
}

impl From<DbError> for FederationError {
    fn from(e: DbError) -> Self {
        FederationError::App(AppError::Db(e))
    }
}

impl From<serde_json::Error> for FederationError {
    fn from(e: serde_json::Error) -> Self {
        FederationError::Invalid(e.to_string())
    }
}

impl From<url::ParseError> for FederationError {
    fn from(e: url::ParseError) -> Self {
        FederationError::Invalid(format!("bad URL: {e}"))
    }
}

impl ResponseError for FederationError {
    fn status_code(&self) -> StatusCode {
        match self {
            FederationError::MissingSignature | FederationError::Unverified(_) => {
                StatusCode::UNAUTHORIZED
            }
            FederationError::Invalid(_) => StatusCode::BAD_REQUEST,
            FederationError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            FederationError::Refused(_) => StatusCode::FORBIDDEN,
            FederationError::NotFound(_) => StatusCode::NOT_FOUND,
            FederationError::App(e) => {
                StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            }
            FederationError::Protocol(e) => match e {
                ApError::ActivitySignatureInvalid => StatusCode::UNAUTHORIZED,
                ApError::ActivityBodyDigestInvalid
                | ApError::ParseReceivedActivity { .. }
                | ApError::ParseFetchedObject(..)
                | ApError::UrlVerificationError(_)
                | ApError::UrlParse(_)
                | ApError::FetchWrongId(_)
                | ApError::FetchInvalidContentType(_)
                | ApError::WebfingerResolveFailed(_) => StatusCode::BAD_REQUEST,
                ApError::DomainResolveError(_) | ApError::ResolveInternalIpError(..) => {
                    StatusCode::FORBIDDEN
                }
                ApError::NotFound => StatusCode::NOT_FOUND,
                ApError::ObjectDeleted(_) => StatusCode::GONE,
                ApError::RequestLimit
                | ApError::ResponseBodyLimit
                | ApError::Reqwest(_)
                | ApError::ReqwestMiddleware(_) => StatusCode::BAD_GATEWAY,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let message = if status.is_server_error() {
            tracing::error!(error = %self, "federation request failed");
            "internal error".to_owned()
        } else {
            tracing::info!(error = %self, %status, "federation request refused");
            self.to_string()
        };
        let mut response = HttpResponse::build(status);
        if let FederationError::App(AppError::TooManyRequests(secs)) = self {
            response.insert_header(("Retry-After", secs.to_string()));
        }
        response.json(serde_json::json!({ "error": message }))
    }
}
