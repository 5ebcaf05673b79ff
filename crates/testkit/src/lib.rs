//! Test helpers: start Meent instances inside the test process on random ports, each with
//! its own database (SQLite in a temporary folder, or a fresh PostgreSQL database when
//! `MEENT_TEST_DATABASE_URL` points at a server), in federation debug mode. Tests then
//! speak to them only over HTTP; setting up accounts goes through the same use-cases as
//! the admin commands.

mod database;
pub mod fake_peer;
mod instance;
mod signing;
mod smtp_sink;
mod wait;
mod web_client;

pub use database::TestDatabase;
pub use fake_peer::{FakeActor, FakePeer};
pub use instance::{StoppedInstance, TestInstance, start, start_many, start_with};
pub use signing::{
    SignOptions, SignedPost, sign_get, sign_get_covering, sign_post, sign_post_with,
};
pub use smtp_sink::{ReceivedMail, SmtpSink, free_port};
pub use wait::{eventually, eventually_within};
pub use web_client::{Page, WebClient};

/// Reads a fixture file from `tests/fixtures/` (path relative to it).
pub fn fixture(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("fixture {}: {e}", full.display()))
}
