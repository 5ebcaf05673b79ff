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
