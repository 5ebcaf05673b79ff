//! What the search endpoints return and take.

use super::{Collective, Dilemma, Member};
use meent_app::{
    Resolved,
    use_cases::search::{
        FacetCount, Hit, NetworkHit, ProgrammeResults, ProgrammeSummary, SearchOutcome, SimilarHit,
    },
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The collective a result belongs to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchCollective {
    pub name: String,
    pub display_name: String,
    pub url: String,
    /// The kind of collective (`tenants_committee`, …).
    pub kind: String,
}

/// A dilemma found, with its passage that matched.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    /// Its number here (`/api/v1/dilemmas/{id}`); absent for results from other instances,
    /// which open here by searching for their `url`.
    pub id: Option<i64>,
    pub url: String,
    /// The instance that answered: this one's domain for its own results.
    pub origin: String,
    pub title: String,
    /// The title, HTML-escaped, matched words in `<b>`.
    pub title_html: String,
    /// A passage, HTML-escaped, matched words in `<b>`.
    pub snippet_html: String,
    /// Whether the passage is from a solution.
    pub snippet_from_solution: bool,
    pub language: String,
    pub status: String,
    pub themes: Vec<String>,
    pub hashtags: Vec<String>,
    pub municipality: Option<String>,
    pub collective: SearchCollective,
    pub solutions: i64,
    pub accepted: i64,
    pub confirmations: i64,
    /// The beginning of each accepted solution.
    pub accepted_solutions: Vec<String>,
    /// RFC 3339, in UTC.
    pub published: chrono::DateTime<chrono::Utc>,
    pub score: f32,
}

impl SearchHit {
    pub(crate) fn new(h: Hit, origin: &str, local_ids: bool) -> SearchHit {
        let d = h.dilemma;
        SearchHit {
            id: local_ids.then_some(d.id),
            url: d.ap_id,
            origin: origin.to_owned(),
            title: d.title,
            title_html: h.title_html,
            snippet_html: h.snippet_html,
            snippet_from_solution: h.snippet_from_solution,
            language: d.language,
            status: d.status,
            themes: d.themes,
            hashtags: d.hashtags,
            municipality: d.municipality,
            collective: SearchCollective {
                name: d.collective_name,
                display_name: d.collective_display_name,
                url: d.collective_ap_id,
                kind: d.collective_kind,
            },
            solutions: d.solutions,
            accepted: d.accepted,
            confirmations: d.confirmations,
            accepted_solutions: d.accepted_solutions,
            published: d.published.and_utc(),
            score: h.score,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchFacet {
    pub value: String,
    pub count: u64,
}

impl From<FacetCount> for SearchFacet {
    fn from(f: FacetCount) -> Self {
        SearchFacet {
            value: f.value,
            count: f.count,
        }
    }
}

/// What a pasted URL or `@name@host` named, fetched into this instance.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResolvedObject {
    /// `collective`, `member`, `dilemma`, `session`, `programme` or `solution` (a solution
    /// or comment): which of the fields below is set.
    pub kind: String,
    pub collective: Option<Collective>,
    pub member: Option<Member>,
    pub dilemma: Option<Dilemma>,
    pub session: Option<super::Meeting>,
    pub programme: Option<super::Programme>,
    pub solution: Option<ResolvedReply>,
}

/// A solution or comment a pasted URL named.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResolvedReply {
    /// Its number here.
    pub id: i64,
    pub url: String,
    /// The number here of the dilemma it answers.
    pub dilemma_id: i64,
}

impl From<Resolved> for ResolvedObject {
    fn from(r: Resolved) -> Self {
        let mut out = ResolvedObject {
            kind: String::new(),
            collective: None,
            member: None,
            dilemma: None,
            session: None,
            programme: None,
            solution: None,
        };
        out.kind = match r {
            Resolved::Collective(c) => {
                out.collective = Some(c.into());
                "collective"
            }
            Resolved::Member(m) => {
                out.member = Some(m.into());
                "member"
            }
            Resolved::Dilemma(d) => {
                out.dilemma = Some(d.into());
                "dilemma"
            }
            Resolved::Meeting(m) => {
                out.session = Some(m.into());
                "session"
            }
            Resolved::Programme(p) => {
                out.programme = Some(p.into());
                "programme"
            }
            Resolved::Reply(r) => {
                out.solution = Some(ResolvedReply {
                    id: r.id,
                    url: r.ap_id,
                    dilemma_id: r.dilemma_id,
                });
                "solution"
            }
        }
        .into();
        out
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    /// Set when the query was a URL or handle; the lists are then empty.
    pub resolved: Option<ResolvedObject>,
    /// Learning programmes that match (`type=programme`: a page of them; without `type`:
    /// the best few, on the first page, when no filter only dilemmas have is set).
    pub programmes: Vec<ProgrammeHit>,
    /// How many programmes match.
    pub programme_total: usize,
    /// How many dilemmas here match.
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<SearchHit>,
    /// Per facet (theme, status, municipality, kind, accepted, confirmed, language, year):
    /// the values among all matching dilemmas here, with counts.
    pub facets: BTreeMap<String, Vec<SearchFacet>>,
    /// With `scope=network`: other instances' results not among `hits`, each with its origin.
    pub network: Vec<SearchHit>,
    /// With `scope=network`: instances that did not answer within the timeout.
    pub unreachable: Vec<String>,
    /// With `scope=network` and no signed-in member: other instances were not asked.
    pub network_needs_sign_in: bool,
}

impl SearchResponse {
    pub fn new(o: SearchOutcome, own_domain: &str) -> SearchResponse {
        SearchResponse {
            programmes: Vec::new(),
            programme_total: 0,
            resolved: o.resolved.map(Into::into),
            total: o.results.total,
            page: o.results.page,
            per_page: o.results.per_page,
            hits: o
                .results
                .hits
                .into_iter()
                .map(|h| SearchHit::new(h, own_domain, true))
                .collect(),
            facets: o
                .results
                .facets
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().map(Into::into).collect()))
                .collect(),
            network: o
                .network
                .into_iter()
                .map(|NetworkHit { origin, hit }| SearchHit::new(hit, &origin, false))
                .collect(),
            unreachable: o.unreachable,
            network_needs_sign_in: o.network_needs_sign_in,
        }
    }
}

impl SearchResponse {
    /// A page of programmes only (`type=programme`).
    pub fn programmes_only(
        found: ProgrammeResults,
        page: usize,
        per_page: usize,
    ) -> SearchResponse {
        SearchResponse {
            resolved: None,
            programmes: found.hits.into_iter().map(Into::into).collect(),
            programme_total: found.total,
            total: 0,
            page,
            per_page,
            hits: Vec::new(),
            facets: Default::default(),
            network: Vec::new(),
            unreachable: Vec::new(),
            network_needs_sign_in: false,
        }
    }
}

/// A dilemma like the one being read or written.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SimilarDilemma {
    pub id: i64,
    pub url: String,
    pub title: String,
    pub status: String,
    pub collective: SearchCollective,
    pub solutions: i64,
    pub accepted: i64,
    pub confirmations: i64,
    /// The beginning of each accepted solution.
    pub accepted_solutions: Vec<String>,
    pub score: f32,
}

impl From<SimilarHit> for SimilarDilemma {
    fn from(h: SimilarHit) -> Self {
        let d = h.dilemma;
        SimilarDilemma {
            id: d.id,
            url: d.ap_id,
            title: d.title,
            status: d.status,
            collective: SearchCollective {
                name: d.collective_name,
                display_name: d.collective_display_name,
                url: d.collective_ap_id,
                kind: d.collective_kind,
            },
            solutions: d.solutions,
            accepted: d.accepted,
            confirmations: d.confirmations,
            accepted_solutions: d.accepted_solutions,
            score: h.score,
        }
    }
}

/// A dilemma being written. Read from a JSON object only: serde would also fill a struct
/// whose fields all have defaults from an array (`[]`), which the document does not allow.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "serde_json::Map<String, serde_json::Value>")]
pub struct DraftInput {
    #[serde(default)]
    pub title: String,
    /// Markdown as typed so far.
    #[serde(default)]
    pub body: String,
    /// `nl`, `en`, …; default `nl`.
    #[serde(default)]
    pub language: Option<String>,
}

/// `DraftInput`'s fields as serde reads them, once the input is known to be an object.
#[derive(Deserialize)]
struct DraftFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    language: Option<String>,
}

impl TryFrom<serde_json::Map<String, serde_json::Value>> for DraftInput {
    type Error = serde_json::Error;

    fn try_from(map: serde_json::Map<String, serde_json::Value>) -> Result<Self, Self::Error> {
        let f: DraftFields = serde_json::from_value(serde_json::Value::Object(map))?;
        Ok(DraftInput {
            title: f.title,
            body: f.body,
            language: f.language,
        })
    }
}

/// The query string of a search.
/// Empty text values (`?theme=`, as an HTML form sends them) count as absent; an empty
/// number, date or yes/no is refused, as the document says.
#[serde_with::serde_as]
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub theme: Option<String>,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub status: Option<String>,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub kind: Option<String>,
    pub accepted: Option<bool>,
    pub confirmed: Option<bool>,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub language: Option<String>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub page: Option<usize>,
    pub per_page: Option<usize>,
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub scope: Option<meent_app::use_cases::search::Scope>,
    /// `dilemma`, `programme`, or absent for both.
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default, rename = "type")]
    pub kind_of_result: Option<ResultType>,
}

/// What a search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResultType {
    Dilemma,
    Programme,
}

impl std::str::FromStr for ResultType {
    type Err = meent_app::AppError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dilemma" => Ok(ResultType::Dilemma),
            "programme" => Ok(ResultType::Programme),
            other => Err(meent_app::AppError::Invalid(format!(
                "type is dilemma or programme, not {other:?}"
            ))),
        }
    }
}

/// A learning programme found by a search.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeHit {
    /// Its number here (its page is `/p/{id}`).
    pub id: i64,
    pub url: String,
    pub local: bool,
    pub title: String,
    pub themes: Vec<String>,
    pub steps: usize,
    pub collective: String,
    pub collective_url: String,
}

impl From<ProgrammeSummary> for ProgrammeHit {
    fn from(p: ProgrammeSummary) -> Self {
        ProgrammeHit {
            id: p.id,
            url: p.ap_id,
            local: p.local,
            title: p.title,
            themes: p.themes,
            steps: p.steps,
            collective: p.collective_display_name,
            collective_url: p.collective_ap_id,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct LimitParams {
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize)]
pub struct NetworkParams {
    /// Required: a network search without words is refused (400).
    pub q: String,
    pub per_page: Option<usize>,
    /// A theme id, `open`/`solved`, a municipality: narrow the answer (optional).
    pub theme: Option<String>,
    pub status: Option<String>,
    pub municipality: Option<String>,
}
