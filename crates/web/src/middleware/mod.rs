//! Wrappers around every response: a panic becomes a 500 instead of a dropped connection,
//! HTML pages carry the security headers, and `HEAD` is answered like `GET`.

mod head;
mod panics;
mod security_headers;

pub use head::head_as_get;
pub use panics::catch_panics;
pub use security_headers::{CONTENT_SECURITY_POLICY, security_headers};
