//! What each kind of peer requires of the activities Meent sends, one module per peer, so
//! that the rules live in one place: the rendering code follows them and the conformance
//! tests check every activity Meent sends against them, without a running peer.

pub mod lemmy;
pub mod microblog;

use url::Url;

pub(crate) const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// `to` and `cc` as a peer reads them.
pub(crate) struct Addressed {
    pub to: Vec<Url>,
    pub cc: Vec<Url>,
}

pub(crate) fn public_in(list: &[Url]) -> bool {
    list.iter().any(|u| u.as_str() == PUBLIC)
}

/// One URL or a list of them, as peers accept either.
pub(crate) use activitypub_federation::protocol::helpers::deserialize_one_or_many as one_or_many;

/// The name Lemmy shows for a language code (its own list names each language in itself);
/// any name is accepted, the code is what counts.
pub fn language_name(code: &str) -> String {
    match code {
        "nl" => "Nederlands",
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "fy" => "Frysk",
        "es" => "Español",
        "pl" => "Polski",
        "tr" => "Türkçe",
        "ar" => "العربية",
        "und" => "Undetermined",
        other => return other.to_owned(),
    }
    .to_owned()
}
