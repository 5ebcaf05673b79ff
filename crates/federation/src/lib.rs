//! Meent on the fediverse: wire structs (`protocol`), rows as ActivityPub objects
//! (`objects`), the activities inboxes accept (`activities`), the HTTP endpoints (`routes`)
//! and durable delivery (`delivery`).
// The JSON-LD @context (protocol::context) is one json! literal deeper than the default.
#![recursion_limit = "256"]

pub mod activities;
mod config;
pub mod conformance;
pub mod delivery;
mod error;
pub mod fetch;
pub mod objects;
pub mod protocol;
mod resolver;
pub mod routes;

pub use activitypub_federation::config::{FederationConfig, FederationMiddleware};
pub use config::{FederationSettings, build};
pub use error::FederationError;
