//! Ranked search: the reader's words against the title, text, solutions and hashtags, within
//! what the reader may see and the chosen filters; with facet counts, pages and snippets.

use crate::{
    SearchError, SearchIndex, compound_query,
    document::DilemmaSummary,
    fields::{Fields, Lang},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tantivy::{
    DateTime, DocAddress, Order, Searcher, TantivyDocument, Term,
    collector::{Count, FacetCollector, TopDocs},
    query::{
        AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery, TermQuery,
        TermSetQuery,
    },
    schema::{Facet, IndexRecordOption, Value},
    snippet::{Snippet, SnippetGenerator, collapse_overlapped_ranges},
};

/// Most results on one page.
pub const MAX_PER_PAGE: usize = 50;
/// Beyond this, paging stops (deep pages are costly and no one reads them).
pub const MAX_OFFSET: usize = 1_000;
const SNIPPET_CHARS: usize = 200;

/// Which dilemmas a reader may be shown, besides public ones: the app derives it from its
/// access rules (members see their collectives' internal and followers-only dilemmas,
/// approved followers the followers-only ones).
#[derive(Debug, Clone, Default)]
pub struct Audience {
    /// Everything (an administrator).
    pub everything: bool,
    /// Collectives whose followers-only dilemmas may be shown.
    pub followers_of: Vec<i64>,
    /// Collectives whose internal dilemmas may be shown.
    pub members_of: Vec<i64>,
    /// Only dilemmas of this instance (the answer to another instance's network search).
    pub local_only: bool,
}

impl Audience {
    pub fn public() -> Audience {
        Audience::default()
    }
}

/// The filters a search can narrow by; each one is a facet.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Filters {
    pub theme: Option<String>,
    pub status: Option<String>,
    pub municipality: Option<String>,
    pub kind: Option<String>,
    pub accepted: Option<bool>,
    pub confirmed: Option<bool>,
    pub language: Option<String>,
    /// Published on or after this day.
    pub since: Option<NaiveDate>,
    /// Published before the end of this day.
    pub until: Option<NaiveDate>,
    /// Only the dilemmas of this collective (its id here): a collective's feed.
    pub collective_id: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Filters,
    /// From 1.
    pub page: usize,
    pub per_page: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hit {
    pub dilemma: DilemmaSummary,
    pub score: f32,
    /// The title with the matched words in `<b>`; HTML-escaped otherwise.
    pub title_html: String,
    /// A passage of the text or a solution with the matched words in `<b>`, escaped.
    pub snippet_html: String,
    /// Whether the passage is from a solution rather than the dilemma itself.
    pub snippet_from_solution: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResults {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<Hit>,
    /// Per facet (theme, status, municipality, kind, accepted, confirmed, language, year),
    /// how many of all matching dilemmas have each value, most frequent first.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

const FACETS: [&str; 8] = [
    "theme",
    "status",
    "municipality",
    "kind",
    "accepted",
    "confirmed",
    "language",
    "year",
];

fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    // Filters must match but must not change the ranking.
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn term_text(f: tantivy::schema::Field, v: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f, v),
        IndexRecordOption::Basic,
    ))
}

fn in_collectives(f: &Fields, ids: &[i64]) -> Box<dyn Query> {
    Box::new(TermSetQuery::new(
        ids.iter()
            .map(|id| Term::from_field_i64(f.collective_id, *id)),
    ))
}

/// The dilemmas `audience` may see, as a query. Programmes, in the same index, never count
/// as dilemmas.
pub(crate) fn audience_query(f: &Fields, audience: &Audience) -> Option<Box<dyn Query>> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if audience.local_only {
        must.push(filter(Box::new(TermQuery::new(
            Term::from_field_bool(f.local, true),
            IndexRecordOption::Basic,
        ))));
    }
    if !audience.everything {
        let mut may: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Should, term_text(f.visibility, "public"))];
        let mut followers: Vec<i64> = audience.followers_of.clone();
        followers.extend(&audience.members_of);
        if !followers.is_empty() {
            may.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term_text(f.visibility, "followers")),
                    (Occur::Must, in_collectives(f, &followers)),
                ])),
            ));
        }
        if !audience.members_of.is_empty() {
            may.push((
                Occur::Should,
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, term_text(f.visibility, "internal")),
                    (Occur::Must, in_collectives(f, &audience.members_of)),
                ])),
            ));
        }
        must.push(filter(Box::new(BooleanQuery::new(may))));
    } else {
        // The visibility filter above leaves programmes out (their visibility is
        // `programme`); without it they are left out here.
        if must.is_empty() {
            must.push(filter(Box::new(tantivy::query::AllQuery)));
        }
        must.push((
            Occur::MustNot,
            term_text(f.doc_type, crate::programme::PROGRAMME),
        ));
    }
    Some(Box::new(BooleanQuery::new(must)))
}

fn facet_term(f: &Fields, name: &str, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(f.facets, &Facet::from_path([name, value])),
        IndexRecordOption::Basic,
    ))
}

fn day_start(d: NaiveDate) -> DateTime {
    crate::dates::from_secs(
        d.and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp(),
    )
}

fn filter_queries(f: &Fields, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut out = Vec::new();
    let pairs = [
        ("theme", filters.theme.as_deref()),
        ("status", filters.status.as_deref()),
        ("municipality", filters.municipality.as_deref()),
        ("kind", filters.kind.as_deref()),
        ("accepted", filters.accepted.map(yes_no)),
        ("confirmed", filters.confirmed.map(yes_no)),
        ("language", filters.language.as_deref()),
    ];
    for (name, value) in pairs {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            out.push(filter(facet_term(f, name, v)));
        }
    }
    if let Some(id) = filters.collective_id {
        out.push(filter(in_collectives(f, &[id])));
    }
    if filters.since.is_some() || filters.until.is_some() {
        use std::ops::Bound;
        let lower = filters.since.map_or(Bound::Unbounded, |d| {
            Bound::Included(Term::from_field_date(f.published, day_start(d)))
        });
        let upper = filters
            .until
            .and_then(|d| d.succ_opt())
            .map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_date(f.published, day_start(d)))
            });
        out.push(filter(Box::new(RangeQuery::new(lower, upper))));
    }
    out
}

/// The reader's words as a query over every language's fields (each field stems them its
/// own way), all words required. Syntax errors are forgiven: people type, not program.
pub(crate) fn words_query(index: &SearchIndex, q: &str) -> Option<Box<dyn Query>> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    let f = index.fields();
    let mut parser = QueryParser::new(f.schema.clone(), f.searchable(), Fields::query_tokenizers());
    parser.set_conjunction_by_default();
    for l in Lang::ALL {
        parser.set_field_boost(f.lang(l).title, 2.0);
    }
    parser.set_field_boost(f.tags, 1.5);
    let (ast, _errors) = tantivy::query_grammar::parse_query_lenient(q);
    let ast = compound_query::expand(ast, &f.dutch_field_names());
    let (query, _errors) = parser.build_query_from_user_input_ast_lenient(ast);
    Some(query)
}

pub(crate) fn summary_of(
    searcher: &Searcher,
    f: &Fields,
    address: DocAddress,
) -> Result<(DilemmaSummary, TantivyDocument), SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let stored = doc
        .get_first(f.stored)
        .and_then(|v| v.as_str())
        .ok_or_else(|| SearchError::Internal("a document without its summary".into()))?;
    let summary =
        serde_json::from_str(stored).map_err(|e| SearchError::Internal(format!("summary: {e}")))?;
    Ok((summary, doc))
}

pub(crate) fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> &str {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("")
}

struct Snippets {
    title: SnippetGenerator,
    body: SnippetGenerator,
    solutions: SnippetGenerator,
}

fn generators(
    searcher: &Searcher,
    query: &dyn Query,
    f: &Fields,
) -> Result<Vec<(Lang, Snippets)>, SearchError> {
    let mut out = Vec::new();
    for l in Lang::ALL {
        let lf = f.lang(l);
        let make = |field, chars| -> Result<SnippetGenerator, SearchError> {
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(chars);
            Ok(g)
        };
        out.push((
            l,
            Snippets {
                // One fragment as long as any title, so that it starts where the title
                // does (see `highlighted_whole`).
                title: make(lf.title, usize::MAX)?,
                body: make(lf.body, SNIPPET_CHARS)?,
                solutions: make(lf.solutions, SNIPPET_CHARS)?,
            },
        ));
    }
    Ok(out)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// All of `text`, escaped, with the words `snippet` (made of all of it) highlights in `<b>`.
/// tantivy's own HTML ends the fragment at its last word, which would drop a title's closing
/// "?" or "!".
fn highlighted_whole(text: &str, snippet: &Snippet) -> String {
    // The fragment starts at the text's start when it is made with room for all of it; if it
    // does not, its offsets would not be the text's, so nothing is highlighted.
    if snippet.highlighted().is_empty() || !text.starts_with(snippet.fragment()) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    for range in collapse_overlapped_ranges(snippet.highlighted()) {
        let (Some(before), Some(word)) = (text.get(from..range.start), text.get(range.clone()))
        else {
            return escape(text);
        };
        out.push_str(&escape(before));
        out.push_str("<b>");
        out.push_str(&escape(word));
        out.push_str("</b>");
        from = range.end;
    }
    out.push_str(&escape(text.get(from..).unwrap_or_default()));
    out
}

fn beginning(text: &str) -> String {
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    escape(&out)
}

impl SearchIndex {
    /// One page of the dilemmas `audience` may see that match `request`, best first (newest
    /// first without words).
    pub fn search(
        &self,
        request: &SearchRequest,
        audience: &Audience,
    ) -> Result<SearchResults, SearchError> {
        let f = self.fields();
        let searcher = self.searcher();
        let per_page = request.per_page.clamp(1, MAX_PER_PAGE);
        let page = request.page.max(1);
        let offset = ((page - 1) * per_page).min(MAX_OFFSET);
        let words = words_query(self, &request.q);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.push((
            Occur::Must,
            words
                .as_ref()
                .map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |w| w.box_clone()),
        ));
        if let Some(a) = audience_query(f, audience) {
            clauses.push((Occur::Must, a));
        }
        clauses.extend(filter_queries(f, &request.filters));
        let query = BooleanQuery::new(clauses);

        let mut facets = FacetCollector::for_field("facets");
        for name in FACETS {
            facets.add_facet(Facet::from_path([name]));
        }
        let (addresses, total, facet_counts) = if words.is_some() {
            let top = TopDocs::with_limit(per_page).and_offset(offset);
            let (hits, total, counts) = searcher.search(&query, &(top, Count, facets))?;
            (hits, total, counts)
        } else {
            let top = TopDocs::with_limit(per_page)
                .and_offset(offset)
                .order_by_fast_field::<DateTime>("published", Order::Desc);
            let (hits, total, counts) = searcher.search(&query, &(top, Count, facets))?;
            let hits = hits.into_iter().map(|(_, a)| (0.0, a)).collect();
            (hits, total, counts)
        };

        let snippets = match &words {
            Some(w) => Some(generators(&searcher, w.as_ref(), f)?),
            None => None,
        };
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let (dilemma, doc) = summary_of(&searcher, f, address)?;
            let body = stored_text(&doc, f.body_text);
            let solutions = stored_text(&doc, f.solutions_text);
            let lang = Lang::of(&dilemma.language);
            let gens = snippets
                .as_ref()
                .and_then(|all| all.iter().find(|(l, _)| *l == lang).map(|(_, g)| g));
            let (title_html, snippet_html, from_solution) = match gens {
                Some(g) => {
                    let title_html =
                        highlighted_whole(&dilemma.title, &g.title.snippet(&dilemma.title));
                    // The solutions' text (often the longest) is only gone through when
                    // the words are not in the body: making a snippet tokenises its text.
                    let in_body = g.body.snippet(body);
                    let in_solutions = if in_body.highlighted().is_empty() {
                        Some(g.solutions.snippet(solutions))
                    } else {
                        None
                    };
                    match in_solutions.filter(|s| !s.highlighted().is_empty()) {
                        Some(in_solutions) => (title_html, in_solutions.to_html(), true),
                        None => {
                            let html = if in_body.fragment().is_empty() {
                                beginning(body)
                            } else {
                                in_body.to_html()
                            };
                            (title_html, html, false)
                        }
                    }
                }
                None => (escape(&dilemma.title), beginning(body), false),
            };
            hits.push(Hit {
                dilemma,
                score,
                title_html,
                snippet_html,
                snippet_from_solution: from_solution,
            });
        }

        let mut facet_map = BTreeMap::new();
        for name in FACETS {
            let mut counts: Vec<FacetCount> = facet_counts
                .get(&format!("/{name}"))
                .map(|(facet, count)| FacetCount {
                    value: facet
                        .to_path()
                        .last()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    count,
                })
                .collect();
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            facet_map.insert(name.to_owned(), counts);
        }
        Ok(SearchResults {
            total,
            page,
            per_page,
            hits,
            facets: facet_map,
        })
    }
}
