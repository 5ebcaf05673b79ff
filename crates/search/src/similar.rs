//! Similar dilemmas: the most telling words of a dilemma (or of a draft being written) looked
//! up in the others, within what the reader may see.

use crate::telling_terms::{self, Source};
use crate::{
    SearchError, SearchIndex,
    document::DilemmaSummary,
    fields::Lang,
    query::{Audience, audience_query, stored_text, summary_of},
};
use serde::{Deserialize, Serialize};
use tantivy::{
    Term,
    collector::TopDocs,
    query::{BooleanQuery, Occur, Query, TermQuery},
    schema::IndexRecordOption,
};

/// Text of a dilemma not yet posted.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: String,
    pub body: String,
    pub language: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SimilarHit {
    pub dilemma: DilemmaSummary,
    pub score: f32,
}

/// More results than this are not asked for.
const MAX_SIMILAR: usize = 20;
/// The words of a dilemma a similarity query looks up.
const MAX_QUERY_TERMS: usize = 25;

impl SearchIndex {
    /// Dilemmas like the indexed dilemma `id` (none when it is not in the index).
    pub fn similar_to(
        &self,
        id: i64,
        audience: &Audience,
        limit: usize,
    ) -> Result<Vec<SimilarHit>, SearchError> {
        let f = self.fields();
        let searcher = self.searcher();
        let found = searcher.search(
            &TermQuery::new(Term::from_field_i64(f.id, id), IndexRecordOption::Basic),
            &TopDocs::with_limit(1),
        )?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let (summary, doc) = summary_of(&searcher, f, *address)?;
        let draft = Draft {
            title: summary.title,
            body: stored_text(&doc, f.body_text).to_owned(),
            language: summary.language,
        };
        self.similar(&draft, Some(id), audience, limit)
    }

    /// Dilemmas like `draft`, except `exclude`.
    pub fn similar(
        &self,
        draft: &Draft,
        exclude: Option<i64>,
        audience: &Audience,
        limit: usize,
    ) -> Result<Vec<SimilarHit>, SearchError> {
        if draft.title.trim().is_empty() && draft.body.trim().is_empty() {
            return Ok(Vec::new());
        }
        let f = self.fields();
        let lf = f.lang(Lang::of(&draft.language));
        let searcher = self.searcher();
        let index = self.index();
        // The title counts twice: it says what the dilemma is about.
        let sources = vec![
            Source {
                field: lf.title,
                text: &draft.title,
                weight: 2.0,
                analyzer: index.tokenizer_for_field(lf.title)?,
            },
            Source {
                field: lf.body,
                text: &draft.body,
                weight: 1.0,
                analyzer: index.tokenizer_for_field(lf.body)?,
            },
        ];
        let Some(like) = telling_terms::query(&searcher, sources, MAX_QUERY_TERMS)? else {
            return Ok(Vec::new());
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, like)];
        if let Some(id) = exclude {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if let Some(a) = audience_query(f, audience) {
            clauses.push((Occur::Must, a));
        }
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit.clamp(1, MAX_SIMILAR)),
        )?;
        top.into_iter()
            .map(|(score, address)| {
                let (dilemma, _) = summary_of(&searcher, f, address)?;
                Ok(SimilarHit { dilemma, score })
            })
            .collect()
    }
}
