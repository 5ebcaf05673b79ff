//! The one mapping of use-case errors to HTTP for the API and pages: a safe message for the
//! client, the cause in the log.

use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use meent_app::AppError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct ApiError(#[from] pub AppError);

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in words fit to show.
    pub error: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.0.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let error = if status.is_server_error() {
            tracing::error!(error = %self.0, "request failed");
            "something went wrong on the server; it has been logged".to_owned()
        } else {
            self.0.to_string()
        };
        let mut response = HttpResponse::build(status);
        if status == StatusCode::UNAUTHORIZED {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        if let AppError::TooManyRequests(seconds) = self.0 {
            response.insert_header(("Retry-After", seconds.to_string()));
        }
        response.json(ErrorBody { error })
    }
}

/// The errors actix-web's extractors raise before a handler runs (a query, path or JSON body
/// that does not parse, a body too large), answered like every other error: JSON in the
/// documented shape for the API, a translated page elsewhere. Installed on the app at start
/// through [`extractor_configs`].
pub fn refused_input(
    err: impl std::fmt::Display + std::fmt::Debug + 'static,
    req: &actix_web::HttpRequest,
    status: StatusCode,
) -> actix_web::Error {
    let message = err.to_string();
    tracing::info!(path = req.path(), error = %message, "request input refused");
    let response = if req.path().starts_with("/api/") {
        HttpResponse::build(status).json(ErrorBody {
            error: format!("the request could not be read: {message}"),
        })
    } else {
        crate::browser::problem::input_refused_page(req, status)
    };
    actix_web::error::InternalError::from_response(message, response).into()
}

/// Query, path and JSON settings whose errors go through [`refused_input`].
pub fn extractor_configs(
    max_json_bytes: usize,
) -> (
    actix_web::web::QueryConfig,
    actix_web::web::PathConfig,
    actix_web::web::JsonConfig,
) {
    use actix_web::error::JsonPayloadError;
    let query = actix_web::web::QueryConfig::default()
        .error_handler(|e, req| refused_input(e, req, StatusCode::BAD_REQUEST));
    // A path that does not parse (a number that is not one) names nothing: 404.
    let path = actix_web::web::PathConfig::default()
        .error_handler(|e, req| refused_input(e, req, StatusCode::NOT_FOUND));
    let json = actix_web::web::JsonConfig::default()
        .limit(max_json_bytes)
        .error_handler(|e, req| {
            let status = match &e {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                JsonPayloadError::ContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                _ => StatusCode::BAD_REQUEST,
            };
            refused_input(e, req, status)
        });
    (query, path, json)
}
