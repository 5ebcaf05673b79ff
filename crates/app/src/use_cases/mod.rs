//! The use-cases, grouped by what they act on.

pub mod auth;
pub mod collectives;
pub mod follows;
pub mod members;
pub mod site;
