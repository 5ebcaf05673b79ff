//! Dutch compound words and their parts: "bewonersbudget" is "bewoner" + "budget", so a
//! search for "budget" should find it and a search for it should find texts about the budget.
//!
//! Splitting is done only into words of a small curated list of what resident collectives
//! write about: a general splitter would cut "huisvesting" into "huis" + "vesting" and make
//! "huis" find texts about housing. A word is split only when every part is on the list.
//!
//! Not tantivy's `SplitCompoundWords`: that one replaces the compound by its parts (so the
//! exact compound no longer ranks first) and needs every piece to be a dictionary entry, so the
//! linking "s" of "bewoners·budget" or the plural ending of "budget·potjes" would each have
//! to be listed as words of their own, which would then split "sleutels" into "sleutel" + "s".

use std::{collections::HashSet, sync::OnceLock};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The domain's words, lower-case and without accents (the filter runs after lower-casing and
/// ASCII folding), in their base form. Plurals that change the spelling are listed as well
/// ("huizen"); regular endings of the last part are allowed by [`ENDINGS`].
const WORDS: &[&str] = &[
    "aanvraag",
    "activiteit",
    "afspraak",
    "afspraken",
    "afval",
    "bar",
    "beheer",
    "beleid",
    "besluit",
    "bestuur",
    "bewoner",
    "bijdrage",
    "boek",
    "budget",
    "buurt",
    "commissie",
    "contract",
    "contributie",
    "dak",
    "deur",
    "energie",
    "feest",
    "fiets",
    "fonds",
    "gebouw",
    "geld",
    "gemeente",
    "groen",
    "huis",
    "huizen",
    "huur",
    "huurder",
    "kas",
    "kast",
    "kelder",
    "keuken",
    "kluis",
    "kosten",
    "leden",
    "lid",
    "markt",
    "moestuin",
    "onderhoud",
    "overleg",
    "pand",
    "plan",
    "plein",
    "pot",
    "project",
    "raad",
    "regel",
    "rekening",
    "rooster",
    "ruimte",
    "schoonmaak",
    "sleutel",
    "stalling",
    "subsidie",
    "tuin",
    "vereniging",
    "vergadering",
    "verhuur",
    "verslag",
    "vrijwilliger",
    "wijk",
    "woning",
    "zaal",
];

/// What may join two parts: "bewoner·s·budget", "boek·en·kast".
const LINKS: &[&str] = &["", "s", "en"];

/// Endings the last part may carry: plurals and diminutives ("budget·potjes").
const ENDINGS: &[&str] = &[
    "", "s", "en", "je", "jes", "tje", "tjes", "pje", "pjes", "etje", "etjes",
];

/// Shorter pieces are not words of their own; this also keeps the search short.
const MIN_PART: usize = 3;

fn words() -> &'static HashSet<&'static str> {
    static WORD_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORD_SET.get_or_init(|| WORDS.iter().copied().collect())
}

/// The parts of `word` (lower-case, folded) when it is made of two or more listed words;
/// the last part keeps its ending, so that it is stemmed as the word on its own would be.
pub(crate) fn split(word: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    (segment(word, &mut parts) && parts.len() >= 2).then_some(parts)
}

/// Whether `rest` is one or more listed words, each but the last followed by a link, the
/// last by an ending; the words are pushed onto `parts`.
fn segment<'a>(rest: &'a str, parts: &mut Vec<&'a str>) -> bool {
    // The longest word first: "huurder·vergadering" rather than "huur" + "der…".
    for end in (MIN_PART..=rest.len()).rev() {
        if !rest.is_char_boundary(end) {
            continue;
        }
        let (head, tail) = rest.split_at(end);
        if !words().contains(head) {
            continue;
        }
        if ENDINGS.contains(&tail) {
            parts.push(rest);
            return true;
        }
        for link in LINKS {
            let Some(next) = tail.strip_prefix(link) else {
                continue;
            };
            if next.len() < MIN_PART {
                continue;
            }
            parts.push(head);
            if segment(next, parts) {
                return true;
            }
            parts.pop();
        }
    }
    false
}

/// A token filter that lets a compound through and then each of its parts, at the same
/// position and with the same offsets: a phrase still matches, a snippet marks the whole
/// compound, and the stemmer after it stems each part as the word on its own.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decompounder;

impl TokenFilter for Decompounder {
    type Tokenizer<T: Tokenizer> = DecompounderFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DecompounderFilter<T> {
        DecompounderFilter {
            inner: tokenizer,
            parts: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct DecompounderFilter<T> {
    inner: T,
    /// Reused between texts to save allocations.
    parts: Vec<Token>,
}

impl<T: Tokenizer> Tokenizer for DecompounderFilter<T> {
    type TokenStream<'a> = DecompounderStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.parts.clear();
        DecompounderStream {
            tail: self.inner.token_stream(text),
            parts: &mut self.parts,
            on_part: false,
        }
    }
}

pub struct DecompounderStream<'a, T> {
    tail: T,
    /// The parts of the current compound still to come, the next one last.
    parts: &'a mut Vec<Token>,
    /// Whether the current token is `parts`' last rather than the compound itself.
    on_part: bool,
}

impl<T: TokenStream> TokenStream for DecompounderStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.on_part {
            self.parts.pop();
        }
        if !self.parts.is_empty() {
            self.on_part = true;
            return true;
        }
        self.on_part = false;
        if !self.tail.advance() {
            return false;
        }
        // The parts are taken now, before the filters after this one change the compound.
        let token = self.tail.token();
        if let Some(parts) = split(&token.text) {
            self.parts.extend(parts.iter().rev().map(|part| Token {
                text: (*part).to_owned(),
                ..*token
            }));
        }
        true
    }

    fn token(&self) -> &Token {
        match self.parts.last() {
            Some(part) if self.on_part => part,
            _ => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_part
            && let Some(part) = self.parts.last_mut()
        {
            return part;
        }
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::{Decompounder, split};
    use crate::plurals::VowelPlurals;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    /// (text, position, offsets) of each token the Dutch chain makes of `text`.
    fn tokens(text: &str) -> Vec<(String, usize, (usize, usize))> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Decompounder)
            .filter(VowelPlurals)
            .filter(Stemmer::new(Language::Dutch))
            .build();
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push((t.text.clone(), t.position, (t.offset_from, t.offset_to))));
        out
    }

    #[test]
    fn the_compound_comes_first_then_its_stemmed_parts_at_its_position() {
        let found = tokens("drie Budgetpotjes");
        let at = |text: &str| (text.to_owned(), 1, (5, 17));
        assert_eq!(
            found,
            vec![
                ("drie".to_owned(), 0, (0, 4)),
                at("budgetpotj"),
                at("budget"),
                at("potj")
            ]
        );
        // The singular ends up as the same words.
        let singular: Vec<String> = tokens("budgetpotje").into_iter().map(|t| t.0).collect();
        assert_eq!(singular, ["budgetpotj", "budget", "potj"]);
        let words = |text: &str| -> Vec<String> { tokens(text).into_iter().map(|t| t.0).collect() };
        assert_eq!(words("sleutels"), ["sleutel"]);
        assert_eq!(words("subsidies subsidie"), ["subsidie", "subsidie"]);
        // An "s" after "e" that is no plural's stays.
        assert_eq!(words("adres"), ["adres"]);
    }

    #[test]
    fn compounds_of_listed_words_are_split_and_others_are_not() {
        assert_eq!(split("bewonersbudget"), Some(vec!["bewoner", "budget"]));
        assert_eq!(split("budgetpotjes"), Some(vec!["budget", "potjes"]));
        assert_eq!(split("sleutelbeheer"), Some(vec!["sleutel", "beheer"]));
        assert_eq!(
            split("bewonersvergaderingen"),
            Some(vec!["bewoner", "vergaderingen"])
        );
        // One word, however inflected, is no compound.
        assert_eq!(split("sleutels"), None);
        assert_eq!(split("budget"), None);
        // A listed word followed by something unlisted stays whole.
        assert_eq!(split("huisvesting"), None);
        assert_eq!(split("huisjesmelker"), None);
        assert_eq!(split("planning"), None);
        assert_eq!(split(""), None);
        assert_eq!(split("ëë"), None);
    }
}
