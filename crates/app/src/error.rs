use meent_db::DbError;
use meent_domain::{HandleError, UnknownValue};
use thiserror::Error;

/// Why a use-case did not happen. The web and federation layers map each kind to an HTTP
/// status in one place; the message is safe to show, except for `Db` and `Internal`, whose
/// detail belongs in the log.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error("authentication required")]
    Unauthenticated,
    /// Something only a signed-in member may have this instance do: look up another server.
    #[error("sign in to look up other servers")]
    SignInRequired,
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    TooLarge(String),
    /// Too many attempts from one address or at one account; the number is how many seconds
    /// until the next one is allowed (sent as `Retry-After`).
    #[error("too many attempts; try again in {0} seconds")]
    TooManyRequests(u64),
    #[error("remote instance: {0}")]
    Remote(String),
    /// A follow of something that is not a collective (a person's account, say): only
    /// collectives can be followed. A 400 that says so, not "the server does not answer".
    #[error("only collectives can be followed; {0} is a {1}")]
    NotACollective(String, String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<HandleError> for AppError {
    fn from(e: HandleError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

impl From<UnknownValue> for AppError {
    fn from(e: UnknownValue) -> Self {
        AppError::Invalid(e.to_string())
    }
}

impl AppError {
    /// The HTTP status this error means, for every HTTP surface (API, pages, inboxes):
    /// the one place where use-case failures are mapped to HTTP.
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) | AppError::NotACollective(..) => 400,
            AppError::Conflict(_) => 409,
            AppError::Unauthenticated | AppError::SignInRequired => 401,
            AppError::Forbidden(_) => 403,
            AppError::TooLarge(_) => 413,
            AppError::TooManyRequests(_) => 429,
            AppError::Remote(_) => 502,
            AppError::Db(_) | AppError::Internal(_) => 500,
        }
    }
}
