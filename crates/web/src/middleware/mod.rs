//! Wrappers around every response: a panic becomes a 500 instead of a dropped connection,
//! and HTML pages carry the security headers.

mod panics;
mod security_headers;

pub use panics::catch_panics;
pub use security_headers::{CONTENT_SECURITY_POLICY, security_headers};
