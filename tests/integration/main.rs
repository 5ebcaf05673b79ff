//! Integration tests: instances started in this process on random ports, driven over HTTP.
//! They run on SQLite, or on PostgreSQL when `MEENT_TEST_DATABASE_URL` is set.

mod actors;
mod concurrent_versions;
mod crash_recovery;
mod delivery_engine;
mod dilemma_federation;
mod documents;
mod fixtures_received;
mod follow_closed;
mod follow_open;
mod hostile_input;
mod hostile_peer;
mod inbox_security;
mod lemmy_conformance;
mod lemmy_flows;
mod local_dilemmas;
mod openapi;
mod parsing;
mod random_use;
mod remote_fetch_bounds;
mod robust_limits;
mod search;
mod search_busy_thread;
mod similar_under_change;
mod support;
mod thread_backfill;
mod visibility_federation;
mod web_accounts;
mod web_csrf;
mod web_hardening;
mod web_language;
mod web_remote_notifications;
mod web_roles;
mod web_search;
mod web_setup;
mod web_support;
