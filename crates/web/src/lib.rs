//! What people and programs see over HTTP apart from federation: the HTML pages and the JSON
//! API (documented by an OpenAPI document generated from the handlers themselves).

pub mod api;
mod auth;
mod error;
pub mod pages;

pub use error::ApiError;
