//! Learning programmes in the same index as dilemmas: a document of their own type, keyed by
//! `programme_id`, found with a type filter and left out of every dilemma search.

use crate::{
    SearchError, SearchIndex,
    fields::{Fields, Lang},
    query::words_query,
    text::plain,
};
use chrono::NaiveDateTime;
use meent_db::queries::{collectives::CollectiveRow, programmes::ProgrammeRow};
use serde::{Deserialize, Serialize};
use tantivy::{
    TantivyDocument, Term,
    collector::{Count, TopDocs},
    query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery},
    schema::{Facet, IndexRecordOption, Value},
};

/// The value of the `doc_type` field on a programme's document.
pub const PROGRAMME: &str = "programme";

/// What a result shows about a programme, stored in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeSummary {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub title: String,
    pub themes: Vec<String>,
    pub steps: usize,
    pub collective_name: String,
    pub collective_display_name: String,
    pub collective_ap_id: String,
    pub published: NaiveDateTime,
}

/// A programme with the text that is searched: its description and its steps' texts.
#[derive(Debug, Clone)]
pub struct IndexedProgramme {
    pub summary: ProgrammeSummary,
    pub body: String,
}

impl IndexedProgramme {
    pub fn from_rows(
        p: &ProgrammeRow,
        collective: &CollectiveRow,
        step_texts: &[String],
    ) -> IndexedProgramme {
        let mut body = plain(&p.content);
        for t in step_texts {
            body.push('\n');
            body.push_str(t);
        }
        IndexedProgramme {
            summary: ProgrammeSummary {
                id: p.id,
                ap_id: p.ap_id.clone(),
                local: p.local,
                title: p.title.clone(),
                themes: p.theme_list(),
                steps: step_texts.len(),
                collective_name: collective.name.clone(),
                collective_display_name: collective.display_name.clone(),
                collective_ap_id: collective.ap_id.clone(),
                published: p.published,
            },
            body,
        }
    }

    pub fn to_document(&self, f: &Fields) -> Result<TantivyDocument, SearchError> {
        let s = &self.summary;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.doc_type, PROGRAMME);
        doc.add_i64(f.programme_id, s.id);
        doc.add_text(f.ap_id, &s.ap_id);
        doc.add_bool(f.local, s.local);
        // Programmes are public; a visibility no dilemma has keeps them out of every
        // dilemma audience.
        doc.add_text(f.visibility, PROGRAMME);
        doc.add_date(
            f.published,
            crate::dates::from_secs(s.published.and_utc().timestamp()),
        );
        // Written by Dutch-speaking curators mostly: stemmed as Dutch.
        let lf = f.lang(Lang::Nl);
        doc.add_text(lf.title, &s.title);
        doc.add_text(lf.body, &self.body);
        for t in &s.themes {
            doc.add_facet(f.facets, Facet::from_path(["theme", t.as_str()]));
        }
        let stored =
            serde_json::to_string(s).map_err(|e| SearchError::Internal(format!("summary: {e}")))?;
        doc.add_text(f.stored, stored);
        doc.add_text(f.title_text, &s.title);
        doc.add_text(f.body_text, &self.body);
        Ok(doc)
    }
}

/// A page of programmes matching a search.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeResults {
    pub total: usize,
    pub hits: Vec<ProgrammeSummary>,
}

impl SearchIndex {
    /// Programmes matching `q` (all of them when empty), optionally of one theme; best
    /// match first, newest first without words. `page` from 1.
    pub fn search_programmes(
        &self,
        q: &str,
        theme: Option<&str>,
        page: usize,
        per_page: usize,
    ) -> Result<ProgrammeResults, SearchError> {
        let f = self.fields();
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.doc_type, PROGRAMME),
                    IndexRecordOption::Basic,
                )),
                0.0,
            )),
        )];
        if let Some(t) = theme.filter(|t| !t.is_empty()) {
            must.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_facet(f.facets, &Facet::from_path(["theme", t])),
                        IndexRecordOption::Basic,
                    )),
                    0.0,
                )),
            ));
        }
        let words = words_query(self, q);
        let has_words = words.is_some();
        must.push((Occur::Must, words.unwrap_or_else(|| Box::new(AllQuery))));
        let query = BooleanQuery::new(must);
        let searcher = self.searcher();
        let per_page = per_page.clamp(1, 100);
        let offset = page.saturating_sub(1) * per_page;
        let total = searcher.search(&query, &Count)?;
        let top = TopDocs::with_limit(per_page).and_offset(offset);
        let found = if has_words {
            searcher.search(&query, &top)?
        } else {
            searcher
                .search(
                    &query,
                    &top.order_by_fast_field::<tantivy::DateTime>(
                        "published",
                        tantivy::Order::Desc,
                    ),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect()
        };
        let mut hits = Vec::new();
        for (_, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let stored = doc
                .get_first(f.stored)
                .and_then(|v| v.as_str())
                .ok_or_else(|| SearchError::Internal("a programme without its summary".into()))?;
            hits.push(
                serde_json::from_str(stored)
                    .map_err(|e| SearchError::Internal(format!("summary: {e}")))?,
            );
        }
        Ok(ProgrammeResults { total, hits })
    }
}
