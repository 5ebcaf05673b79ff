//! Database rows as ActivityPub objects: conversions both ways and the checks on the way in.

pub mod backfill_queue;
pub mod collective;
pub(crate) mod context_backfill;
pub mod dilemma;
pub(crate) mod documents;
pub mod instance;
pub mod meeting;
pub mod member;
pub mod note;
pub mod programme;
pub mod signer;
pub mod software;
pub(crate) mod status_line;

pub use collective::ApCollective;
pub use dilemma::ApDilemma;
pub use instance::ApInstance;
pub use meeting::ApMeeting;
pub use member::ApMember;
pub use note::{ApNote, NoteRow};
pub use programme::ApProgramme;
pub use signer::ApSigner;

use crate::FederationError;
use activitypub_federation::{config::Data, protocol::verification::verify_domains_match};
use meent_app::AppContext;
use url::Url;

/// Longest display name and summary kept from another server.
pub(crate) const MAX_NAME: usize = 200;
pub(crate) const MAX_SUMMARY: usize = 10_000;

/// Checks shared by every remote actor: its id is on the host it was fetched from, and it
/// does not claim to be one of ours.
pub(crate) fn verify_remote_id(
    id: &Url,
    expected_domain: &Url,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    verify_domains_match(id, expected_domain)?;
    if data.urls().is_local(id) {
        return Err(FederationError::Refused(
            "a remote document claims a local id",
        ));
    }
    Ok(())
}

pub(crate) fn parse_url(s: &str) -> Result<Url, FederationError> {
    Ok(Url::parse(s)?)
}

/// An actor's key as published: `{id}#main-key`, owned by the actor.
pub(crate) fn main_key(
    ap_id: &Url,
    pem: &str,
) -> activitypub_federation::protocol::public_key::PublicKey {
    activitypub_federation::protocol::public_key::PublicKey {
        id: format!("{ap_id}#main-key"),
        owner: ap_id.clone(),
        public_key_pem: pem.to_owned(),
    }
}

/// A stored inbox URL; an unreadable one falls back to `fallback` (the actor's id), where a
/// send fails visibly rather than being silently dropped.
pub(crate) fn stored_inbox(inbox: &str, fallback: &Url) -> Url {
    Url::parse(inbox).unwrap_or_else(|_| fallback.clone())
}

/// A stored optional URL, if it is one.
pub(crate) fn stored_url(url: Option<&str>) -> Option<Url> {
    url.and_then(|u| Url::parse(u).ok())
}

/// A received date, as stored: one in the future is taken as now, so that a sender cannot
/// make its version of an object win over every later edit (versions are ordered by date).
pub(crate) fn not_after_now(
    date: Option<chrono::DateTime<chrono::Utc>>,
) -> Option<chrono::NaiveDateTime> {
    let now = meent_db::now();
    date.map(|d| d.naive_utc().min(now))
}
