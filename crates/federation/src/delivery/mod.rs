//! Durable delivery. Use-cases write outbox rows in their own transactions; this turns each
//! into per-inbox delivery rows (fan-out) and sends those with retries and back-off. Nothing
//! is removed before it is delivered, so a crash or restart loses nothing; a repeat is
//! harmless because receivers deduplicate by activity id.

mod backoff;
mod fanout;
mod plan;
mod render;
mod send;
mod worker;

pub use backoff::Backoff;
pub use plan::like_document;
pub use render::render;
pub use worker::{DeliverySettings, run_once, spawn};
