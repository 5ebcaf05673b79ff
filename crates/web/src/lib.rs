//! What people and programs see over HTTP apart from federation: the HTML pages and the JSON
//! API (documented by an OpenAPI document generated from the handlers themselves).

pub mod api;
mod auth;
pub mod browser;
mod calendar;
mod error;
pub mod i18n;
pub mod mail;
pub mod middleware;
pub mod pages;
pub mod throttle;
mod upload;

pub use error::{ApiError, extractor_configs};
