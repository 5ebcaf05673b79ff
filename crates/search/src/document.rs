//! A dilemma as the index holds it: built from its rows, turned into a tantivy document.

use crate::{
    SearchError,
    fields::{Fields, Lang},
    text::plain,
};
use chrono::{Datelike, NaiveDateTime};
use meent_db::queries::{collectives::CollectiveRow, dilemmas::DilemmaRow};
use meent_domain::ContextFacets;
use serde::{Deserialize, Serialize};
use tantivy::{TantivyDocument, schema::Facet};

/// At most this many characters of an accepted solution are shown with a result.
const EXCERPT: usize = 300;

/// What a result shows about a dilemma, stored in the index so that a search needs no
/// database round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DilemmaSummary {
    pub id: i64,
    pub ap_id: String,
    pub local: bool,
    pub title: String,
    pub language: String,
    pub status: String,
    pub visibility: String,
    pub themes: Vec<String>,
    pub hashtags: Vec<String>,
    pub municipality: Option<String>,
    pub collective_id: i64,
    pub collective_name: String,
    pub collective_display_name: String,
    pub collective_ap_id: String,
    pub collective_kind: String,
    pub solutions: i64,
    pub accepted: i64,
    pub confirmations: i64,
    /// The beginning of each accepted solution.
    pub accepted_solutions: Vec<String>,
    pub published: NaiveDateTime,
}

/// A dilemma with the text that is searched.
#[derive(Debug, Clone)]
pub struct IndexedDilemma {
    pub summary: DilemmaSummary,
    pub body: String,
    pub solutions: Vec<String>,
    /// The titles and file names of the documents in its thread.
    pub documents: Vec<String>,
}

fn list(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// At most this many solutions of one dilemma have their text indexed. A thread with
/// thousands of answers is reindexed at every new one, so the cost must stay bounded; the
/// counts still cover all.
pub const MAX_SOLUTIONS_INDEXED: usize = 100;

/// What the index needs of a dilemma's solutions (those not deleted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolutionDigest {
    /// How many there are, and how many of them are accepted.
    pub total: i64,
    pub accepted: i64,
    /// (accepted, HTML content) of the first [`MAX_SOLUTIONS_INDEXED`]: the accepted ones
    /// first, then the others, each oldest first.
    pub texts: Vec<(bool, String)>,
}

fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(EXCERPT).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

impl IndexedDilemma {
    /// `solutions` counts the dilemma's solutions that are not deleted and holds the texts of
    /// those to index; `confirmations` is how many confirmations they have together.
    pub fn from_rows(
        d: &DilemmaRow,
        collective: &CollectiveRow,
        solutions: &SolutionDigest,
        confirmations: i64,
    ) -> IndexedDilemma {
        // Facets are input from elsewhere for remote dilemmas; unreadable ones count as none.
        let facets: ContextFacets = serde_json::from_str(&d.facets).unwrap_or_default();
        let texts: Vec<(bool, String)> = solutions
            .texts
            .iter()
            .take(MAX_SOLUTIONS_INDEXED)
            .map(|(accepted, content)| (*accepted, plain(content)))
            .collect();
        IndexedDilemma {
            summary: DilemmaSummary {
                id: d.id,
                ap_id: d.ap_id.clone(),
                local: d.local,
                title: d.title.clone(),
                language: d.language.clone(),
                status: d.status.clone(),
                visibility: d.visibility.clone(),
                themes: list(&d.themes),
                hashtags: list(&d.hashtags),
                municipality: facets
                    .municipality
                    .or_else(|| collective.municipality.clone())
                    .filter(|m| !m.trim().is_empty()),
                collective_id: collective.id,
                collective_name: collective.name.clone(),
                collective_display_name: collective.display_name.clone(),
                collective_ap_id: collective.ap_id.clone(),
                collective_kind: collective.kind.clone(),
                solutions: solutions.total,
                accepted: solutions.accepted,
                confirmations,
                accepted_solutions: texts
                    .iter()
                    .filter(|(accepted, _)| *accepted)
                    .map(|(_, t)| excerpt(t))
                    .collect(),
                published: d.published,
            },
            body: plain(&d.content),
            solutions: texts.into_iter().map(|(_, t)| t).collect(),
            documents: Vec::new(),
        }
    }

    /// The facet values this dilemma is counted and filtered under.
    pub fn facets(&self) -> Vec<Facet> {
        let s = &self.summary;
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let mut out: Vec<Facet> = s
            .themes
            .iter()
            .map(|t| Facet::from_path(["theme", t.as_str()]))
            .collect();
        out.push(Facet::from_path(["status", s.status.as_str()]));
        if let Some(m) = &s.municipality {
            out.push(Facet::from_path(["municipality", m.as_str()]));
        }
        out.push(Facet::from_path(["kind", s.collective_kind.as_str()]));
        out.push(Facet::from_path(["accepted", yes_no(s.accepted > 0)]));
        out.push(Facet::from_path(["confirmed", yes_no(s.confirmations > 0)]));
        out.push(Facet::from_path(["language", s.language.as_str()]));
        out.push(Facet::from_path([
            "year".to_owned(),
            s.published.year().to_string(),
        ]));
        out
    }

    pub fn to_document(&self, f: &Fields) -> Result<TantivyDocument, SearchError> {
        let s = &self.summary;
        let mut doc = TantivyDocument::new();
        doc.add_i64(f.id, s.id);
        doc.add_text(f.ap_id, &s.ap_id);
        doc.add_bool(f.local, s.local);
        doc.add_i64(f.collective_id, s.collective_id);
        doc.add_text(f.visibility, &s.visibility);
        doc.add_date(
            f.published,
            crate::dates::from_secs(s.published.and_utc().timestamp()),
        );
        let lf = f.lang(Lang::of(&s.language));
        doc.add_text(lf.title, &s.title);
        doc.add_text(lf.body, &self.body);
        for text in &self.solutions {
            doc.add_text(lf.solutions, text);
        }
        for tag in &s.hashtags {
            doc.add_text(f.tags, tag);
        }
        // Its documents' titles and file names are searched as its text.
        for name in &self.documents {
            doc.add_text(lf.body, name);
        }
        // Its themes' names, in Dutch and English, so that "subsidie" finds the theme
        // "Budgetten en subsidies": each in the fields that stem that language.
        for theme in s
            .themes
            .iter()
            .filter_map(|t| t.parse::<meent_domain::Theme>().ok())
        {
            doc.add_text(f.lang(Lang::Nl).body, theme.label_nl());
            doc.add_text(f.lang(Lang::En).body, theme.label_en());
        }
        for facet in self.facets() {
            doc.add_facet(f.facets, facet);
        }
        let stored =
            serde_json::to_string(s).map_err(|e| SearchError::Internal(format!("summary: {e}")))?;
        doc.add_text(f.stored, stored);
        doc.add_text(f.title_text, &s.title);
        doc.add_text(f.body_text, &self.body);
        doc.add_text(f.solutions_text, self.solutions.join("\n\n"));
        Ok(doc)
    }
}
