//! Every query, one module per table, each written once for both backends with `on_conn!`.
//!
//! Lookups by a unique key use `get_result`, not `first`: `first` adds `LIMIT ?` with the
//! limit as a bound parameter, and SQLite (3.53, bundled) then prepares the statement anew
//! every time it is run, because a rebound limit may change its plan. On the inbox's hot path
//! that re-preparing was the largest single cost.

pub mod accounts;
pub mod collectives;
pub mod confirmations;
pub mod deliveries;
pub mod dilemmas;
pub mod documents;
pub mod expertise;
pub mod follows;
pub mod handles;
pub mod instances;
pub mod invitations;
pub mod invites;
pub mod likes;
pub mod mail_choices;
pub mod mail_outbox;
pub mod mail_tokens;
pub mod meeting_registrations;
pub mod meetings;
pub mod members;
pub mod memberships;
pub mod notifications;
pub mod outbox;
pub mod programme_followers;
pub mod programmes;
pub mod received;
pub mod replies;
pub mod search;
pub mod sessions;
pub mod site;
pub mod tokens;
