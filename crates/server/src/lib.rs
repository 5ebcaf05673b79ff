//! The `meent` binary's library half: configuration, and starting an instance (used by the
//! binary and by `testkit`, which starts several in one process).

pub mod config;
mod housekeeping;
mod instance;
mod mail;
pub mod mail_config;
pub mod search;

pub use config::{Config, ConfigError};
pub use instance::{Instance, app_context, start};
