//! Translations of the web interface (Fluent files under `locales/`, compiled in) and the
//! choice of language for a request.

use fluent_templates::{Loader, fluent_bundle::FluentValue, static_loader};
use meent_domain::Language;
use std::{borrow::Cow, collections::HashMap};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Fluent wraps arguments in Unicode isolation marks by default; in HTML they only
        // get in the way of copying and searching.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn langid(lang: Language) -> LanguageIdentifier {
    match lang {
        Language::Nl => unic_langid::langid!("nl"),
        Language::En => unic_langid::langid!("en"),
    }
}

/// Looks up the message `key` in `lang`.
pub fn text(lang: Language, key: &str) -> String {
    LOCALES.lookup(&langid(lang), key)
}

/// Looks up the message `key` in `lang` with named arguments.
pub fn text_with(lang: Language, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
        .collect();
    LOCALES.lookup_with_args(&langid(lang), key, &map)
}

/// The best language for an `Accept-Language` header; Dutch when nothing fits.
pub fn from_accept_language(header: Option<&str>) -> Language {
    let Some(header) = header else {
        return Language::Nl;
    };
    let requested = fluent_langneg::accepted_languages::parse(header);
    let available = [langid(Language::Nl), langid(Language::En)];
    let default = langid(Language::Nl);
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(&default),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    match chosen.first().map(|l| l.language.as_str()) {
        Some("en") => Language::En,
        _ => Language::Nl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_are_negotiated() {
        assert_eq!(from_accept_language(None), Language::Nl);
        assert_eq!(from_accept_language(Some("en-GB,en;q=0.9")), Language::En);
        assert_eq!(from_accept_language(Some("nl-BE,en;q=0.5")), Language::Nl);
        assert_eq!(from_accept_language(Some("de-DE,en;q=0.8")), Language::En);
        assert_eq!(from_accept_language(Some("fr")), Language::Nl);
        assert_eq!(from_accept_language(Some("garbage;;;")), Language::Nl);
    }

    #[test]
    fn messages_exist_in_both_languages() {
        assert_eq!(text(Language::Nl, "nav-home"), "Start");
        assert_eq!(text(Language::En, "nav-home"), "Home");
    }
}
