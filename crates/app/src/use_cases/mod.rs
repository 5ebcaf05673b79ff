//! The use-cases, grouped by what they act on.

pub mod access;
pub mod accounts;
pub mod auth;
pub mod collectives;
pub mod confirmations;
pub mod desk;
pub mod dilemmas;
pub mod documents;
pub mod email;
pub mod expertise;
pub mod feeds;
pub mod follows;
pub mod invitations;
pub mod likes;
pub mod meetings;
pub mod members;
pub mod mentions;
pub mod notifications;
pub mod programme_follows;
pub mod programmes;
pub mod remote;
pub mod replies;
pub mod search;
pub mod site;
pub mod suggestions;
pub mod thread;
