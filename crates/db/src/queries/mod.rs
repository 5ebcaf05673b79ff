//! Every query, one module per table, each written once for both backends with `on_conn!`.

pub mod collectives;
pub mod deliveries;
pub mod follows;
pub mod handles;
pub mod members;
pub mod memberships;
pub mod outbox;
pub mod received;
pub mod site;
pub mod tokens;
