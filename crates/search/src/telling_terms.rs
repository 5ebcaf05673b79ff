//! The most telling words of a text, as a query: each word weighed by how often the text
//! uses it and how rare it is in the index (tf·idf), the best few looked up with Should.
//!
//! Written here rather than with tantivy's `MoreLikeThisQuery`: that one divides by the
//! number of live documents while a word's document frequency still counts replaced ones
//! (until segments merge), and panics when the second exceeds the first — which every edit
//! or new answer (each replaces the dilemma's document) can bring about. Here both numbers
//! count the same documents (`max_doc`, deleted ones included), so the ratio stays sound.

use std::collections::HashMap;
use tantivy::{
    Searcher, Term,
    query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery},
    schema::{Field, IndexRecordOption},
    tokenizer::TextAnalyzer,
};

/// Words shorter than this say little (articles, "en", "of").
const MIN_WORD_CHARS: usize = 3;

/// One field's text and how much it counts.
pub(crate) struct Source<'a> {
    pub field: Field,
    pub text: &'a str,
    pub weight: f32,
    pub analyzer: TextAnalyzer,
}

/// A query for the `max_terms` most telling words of `sources`, or `None` when none of
/// their words is in the index.
pub(crate) fn query(
    searcher: &Searcher,
    sources: Vec<Source<'_>>,
    max_terms: usize,
) -> tantivy::Result<Option<Box<dyn Query>>> {
    let total: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let mut counts: HashMap<Term, f32> = HashMap::new();
    for mut source in sources {
        let mut stream = source.analyzer.token_stream(source.text);
        while let Some(token) = stream.next() {
            if token.text.chars().count() < MIN_WORD_CHARS {
                continue;
            }
            *counts
                .entry(Term::from_field_text(source.field, &token.text))
                .or_default() += source.weight;
        }
    }
    let mut scored = Vec::with_capacity(counts.len());
    for (term, tf) in counts {
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq == 0 || total == 0 {
            continue;
        }
        // Both counts include deleted documents; `min` keeps the ratio sound whatever
        // the index reports.
        let doc_freq = doc_freq.min(total) as f32;
        let idf = (1.0 + (total as f32 - doc_freq + 0.5) / (doc_freq + 0.5)).ln();
        scored.push((tf * idf, term));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.truncate(max_terms);
    if scored.is_empty() {
        return Ok(None);
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = scored
        .into_iter()
        .map(|(score, term)| {
            let term_query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            let boosted: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term_query), score));
            (Occur::Should, boosted)
        })
        .collect();
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}
