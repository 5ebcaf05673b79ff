//! A Dutch compound in the reader's words also asks for its parts: "sleutelbeheer" finds
//! texts with "sleutelbeheer" first, then texts with "sleutel" or "beheer". The other way
//! round ("budget" finding "bewonersbudget") needs nothing here: the index holds the parts.

use crate::compounds;
use tantivy::{
    query_grammar::{Delimiter, Occur, UserInputAst, UserInputLeaf, UserInputLiteral},
    tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer},
};

/// A part alone says less than the whole compound: texts with the compound rank first.
const PART_BOOST: f64 = 0.5;

/// `ast` with each bare compound word replaced by "the word, or any of its parts in the
/// Dutch fields `dutch`". Quoted phrases, words with a field and prefixes are left as typed.
pub(crate) fn expand(ast: UserInputAst, dutch: &[String]) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, sub)| (occur, expand(sub, dutch)))
                .collect(),
        ),
        UserInputAst::Boost(sub, boost) => {
            UserInputAst::Boost(Box::new(expand(*sub, dutch)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => expand_literal(literal, dutch),
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

fn expand_literal(literal: UserInputLiteral, dutch: &[String]) -> UserInputAst {
    let plain =
        literal.field_name.is_none() && literal.delimiter == Delimiter::None && !literal.prefix;
    let parts = if plain {
        parts_of(&literal.phrase)
    } else {
        Vec::new()
    };
    let whole = UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)));
    if parts.is_empty() {
        return whole;
    }
    let mut alternatives = vec![(Some(Occur::Should), whole)];
    for part in parts {
        let in_dutch = dutch
            .iter()
            .map(|field| {
                let leaf = UserInputLeaf::Literal(UserInputLiteral {
                    field_name: Some(field.clone()),
                    phrase: part.clone(),
                    delimiter: Delimiter::None,
                    slop: 0,
                    prefix: false,
                });
                (Some(Occur::Should), UserInputAst::Leaf(Box::new(leaf)))
            })
            .collect();
        alternatives.push((
            Some(Occur::Should),
            UserInputAst::Boost(Box::new(UserInputAst::Clause(in_dutch)), PART_BOOST),
        ));
    }
    UserInputAst::Clause(alternatives)
}

/// The parts of `word` when it is one compound word, normalised as the index normalises it
/// before splitting.
fn parts_of(word: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut stream = analyzer.token_stream(word);
    let mut tokens = Vec::new();
    stream.process(&mut |token| tokens.push(token.text.clone()));
    match tokens.as_slice() {
        [one] => compounds::split(one)
            .map(|parts| parts.into_iter().map(str::to_owned).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
