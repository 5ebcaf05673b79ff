//! Meent's use-cases. Each one is a single transaction that writes the rows it changes and,
//! where other instances must hear of it, the outbox row describing that — together.

mod context;
mod error;
pub mod housekeeping;
pub mod keys;
pub mod mail;
mod outbox;
pub mod rate_limit;
mod resolver;
mod search_log;
pub mod text;
pub mod urls;
pub mod use_cases;

pub use context::{AppContext, InstanceSettings};
pub use error::AppError;
pub use outbox::OutboxSignal;
pub use resolver::{Fetched, RemoteResolver, Resolved};
pub use use_cases::*;
