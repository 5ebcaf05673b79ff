//! Dutch plurals whose "s" follows a vowel, made singular before the stemmer. The Snowball
//! stemmer keeps such an "s" ("potjes", "subsidies") but drops the "e" of the singular when
//! a consonant precedes it ("potje" → "potj"), so plural and singular would never meet.
//! Dropping the "s" first makes "budgetpotjes" meet "budgetpotje" and "subsidies" meet
//! "subsidie".
//!
//! Only the diminutive "-jes" and "-ies" are taken: a general "-es" would also cut the "s"
//! of "adres" or "les", which the stemmer rightly keeps.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Endings whose "s" is a plural's, with the length a word needs before it counts: "vies"
/// (dirty) and "kies" stay as they are.
const PLURALS: [(&str, usize); 2] = [("jes", 5), ("ies", 6)];

#[derive(Clone, Copy, Debug, Default)]
pub struct VowelPlurals;

impl TokenFilter for VowelPlurals {
    type Tokenizer<T: Tokenizer> = VowelPluralsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> VowelPluralsFilter<T> {
        VowelPluralsFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct VowelPluralsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for VowelPluralsFilter<T> {
    type TokenStream<'a> = VowelPluralsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        VowelPluralsStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct VowelPluralsStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for VowelPluralsStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if PLURALS
            .iter()
            .any(|(ending, min)| text.len() >= *min && text.ends_with(ending))
        {
            text.pop();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
