//! Search: the instance's own index, a pasted URL or handle fetched from elsewhere, and
//! network search across the instances this one knows. The JSON API and the web pages both
//! call these.

use crate::{AppContext, AppError, Resolved, use_cases::access::Reader};
use futures::future::join_all;
use meent_domain::ActorRef;
use serde::{Deserialize, Serialize};
use std::{collections::HashSet, time::Duration};
use url::Url;

pub use meent_search::{
    Audience, DilemmaSummary, Draft, FacetCount, Filters, Hit, ProgrammeResults, ProgrammeSummary,
    SearchResults, SimilarHit,
};

/// The path other instances' network searches are sent to (see docs/federation.md).
pub const NETWORK_PATH: &str = "/api/v1/search/network";

/// Where to look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Everything this instance knows.
    #[default]
    Local,
    /// That, plus what the known instances answer.
    Network,
}

impl std::str::FromStr for Scope {
    type Err = AppError;

    fn from_str(s: &str) -> Result<Self, AppError> {
        match s {
            "local" => Ok(Scope::Local),
            "network" => Ok(Scope::Network),
            other => Err(AppError::Invalid(format!(
                "scope is local or network, not {other:?}"
            ))),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub q: String,
    pub filters: Filters,
    pub page: usize,
    pub per_page: usize,
    pub scope: Scope,
}

/// How network search reaches other instances; set at start from the configuration.
#[derive(Debug, Clone)]
pub struct NetworkSettings {
    /// Base URLs of hubs asked besides the instances this one federates with.
    pub hubs: Vec<Url>,
    /// How long one instance may take to answer.
    pub timeout: Duration,
    /// At most this many instances are asked per search.
    pub max_instances: usize,
}

/// A result from another instance's answer, marked with where it came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkHit {
    /// The host that answered.
    pub origin: String,
    pub hit: Hit,
}

/// What an instance answers to another's network search.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NetworkAnswer {
    pub instance: String,
    pub hits: Vec<Hit>,
}

/// The answer to a member's search.
#[derive(Debug, Clone)]
pub struct SearchOutcome {
    /// What the pasted URL or handle named, fetched and stored here.
    pub resolved: Option<Resolved>,
    pub results: SearchResults,
    /// With scope "network": other instances' results not already among `results`
    /// (deduplicated by object id), each marked with its origin.
    pub network: Vec<NetworkHit>,
    /// Instances that did not answer in time or at all.
    pub unreachable: Vec<String>,
    /// Scope "network" was asked without signing in: other instances were not asked.
    pub network_needs_sign_in: bool,
}

/// What `reader` may see beyond public dilemmas, by the same rules as reading a dilemma
/// (access.rs): members see their collectives' internal and followers-only dilemmas,
/// approved followers the followers-only ones; internal ones are never federated, so only
/// members of a local collective ever see them.
pub fn audience(reader: &Reader) -> Audience {
    Audience {
        everything: reader.is_admin(),
        followers_of: reader.following.clone(),
        members_of: reader.memberships.iter().map(|(id, _)| *id).collect(),
        local_only: false,
    }
}

/// The longest search query taken, in characters: ample for words, a URL or a handle.
pub const MAX_QUERY_CHARS: usize = 400;
/// The most words a query may hold: each word is a term the index looks up.
pub const MAX_QUERY_TERMS: usize = 32;

/// Refuses a query longer than [`MAX_QUERY_CHARS`] or with more than [`MAX_QUERY_TERMS`]
/// words, before any search work is done.
pub fn check_query(q: &str) -> Result<(), AppError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::Invalid(format!(
            "a search has at most {MAX_QUERY_CHARS} characters"
        )));
    }
    if q.split_whitespace().count() > MAX_QUERY_TERMS {
        return Err(AppError::Invalid(format!(
            "a search has at most {MAX_QUERY_TERMS} words"
        )));
    }
    Ok(())
}

/// A pasted URL or `@name@host`, which a search looks up instead of looking for words.
pub fn looks_like_reference(q: &str) -> bool {
    let q = q.trim();
    !q.contains(char::is_whitespace) && ActorRef::parse(q).is_ok()
}

/// Searches the index, after fetching what a pasted URL or `@name@host` names, and with
/// scope "network" also asks the known instances.
pub async fn search(
    ctx: &AppContext,
    reader: &Reader,
    query: SearchQuery,
) -> Result<SearchOutcome, AppError> {
    check_query(&query.q)?;
    let resolved = if looks_like_reference(&query.q) {
        Some(resolve(ctx, reader, &query.q).await?)
    } else {
        None
    };
    let request = meent_search::SearchRequest {
        q: if resolved.is_some() {
            String::new()
        } else {
            query.q.clone()
        },
        filters: query.filters.clone(),
        page: query.page,
        per_page: query.per_page,
    };
    let results = if resolved.is_some() {
        // The pasted reference is the answer; no list besides it.
        SearchResults {
            total: 0,
            page: 1,
            per_page: request.per_page,
            hits: Vec::new(),
            facets: Default::default(),
        }
    } else {
        ctx.search()?
            .search(&request, &audience(reader))
            .map_err(search_error)?
    };
    // Asking other servers is done only for a signed-in member: an anonymous visitor must
    // not be able to make this instance send requests (to every known instance) at will.
    let wants_network = query.scope == Scope::Network && resolved.is_none();
    let network_needs_sign_in = wants_network && reader.member.is_none();
    let (network, unreachable) = if wants_network && !network_needs_sign_in {
        ask_network(ctx, &query, &results).await?
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(SearchOutcome {
        resolved,
        results,
        network,
        unreachable,
        network_needs_sign_in,
    })
}

fn search_error(e: meent_search::SearchError) -> AppError {
    AppError::Internal(e.to_string())
}

/// Finds what a URL or handle names: here when it is ours, otherwise fetched and stored,
/// which only a signed-in member may make this instance do (an anonymous visitor could
/// otherwise have it fetch any URL). A dilemma the reader may not see is "not found".
pub async fn resolve(
    ctx: &AppContext,
    reader: &Reader,
    reference: &str,
) -> Result<Resolved, AppError> {
    let reference = ActorRef::parse(reference)?;
    let found = match local(ctx, &reference).await? {
        Some(found) => found,
        None if reader.member.is_none() => return Err(AppError::SignInRequired),
        None => ctx.resolver()?.resolve_any(&reference).await?,
    };
    if let Resolved::Dilemma(d) = &found
        && !reader.may_see(d)
    {
        return Err(AppError::NotFound("dilemma"));
    }
    if let Resolved::Reply(r) = &found {
        let mut conn = ctx.db.get().await?;
        let thread = meent_db::queries::dilemmas::by_id(&mut conn.conn(), r.dilemma_id).await?;
        if r.deleted || !thread.is_some_and(|d| reader.may_see(&d)) {
            return Err(AppError::NotFound("solution"));
        }
    }
    Ok(found)
}

async fn local(ctx: &AppContext, reference: &ActorRef) -> Result<Option<Resolved>, AppError> {
    use meent_db::queries::{collectives, dilemmas, members};
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    Ok(match reference {
        ActorRef::Acct { name, host } if host == &ctx.instance.domain => {
            if let Some(col) = collectives::local_by_name(c, name).await? {
                Some(Resolved::Collective(col))
            } else {
                let member = members::local_by_name(c, name).await?;
                Some(Resolved::Member(
                    member.ok_or(AppError::NotFound("collective or member"))?,
                ))
            }
        }
        ActorRef::Url(url) => {
            let url = url.as_str();
            if let Some(d) = dilemmas::by_ap_id(c, url).await? {
                Some(Resolved::Dilemma(d))
            } else if let Some(m) = meent_db::queries::meetings::by_ap_id(c, url).await? {
                Some(Resolved::Meeting(m))
            } else if let Some(p) = meent_db::queries::programmes::by_ap_id(c, url).await? {
                Some(Resolved::Programme(p))
            } else if let Some(r) = meent_db::queries::replies::by_ap_id(c, url).await? {
                Some(Resolved::Reply(r))
            } else if let Some(col) = collectives::by_ap_id(c, url).await? {
                Some(Resolved::Collective(col))
            } else if let Some(m) = members::by_ap_id(c, url).await? {
                Some(Resolved::Member(m))
            } else if ctx
                .urls()
                .is_local(&Url::parse(url).map_err(|_| AppError::Invalid("not a URL".into()))?)
            {
                return Err(AppError::NotFound("object"));
            } else {
                None
            }
        }
        ActorRef::Acct { .. } => None,
    })
}

/// The instances a network search asks: the configured hubs and every instance this one
/// has delivered to successfully (those it federates with), without itself.
async fn known_instances(
    ctx: &AppContext,
    settings: &NetworkSettings,
) -> Result<Vec<Url>, AppError> {
    let mut out: Vec<Url> = settings.hubs.clone();
    let hosts = {
        let mut conn = ctx.db.get().await?;
        meent_db::queries::search::known_hosts(&mut conn.conn()).await?
    };
    let scheme = ctx.urls().base().scheme().to_owned();
    for host in hosts {
        if let Ok(url) = Url::parse(&format!("{scheme}://{host}/")) {
            out.push(url);
        }
    }
    let mut seen = HashSet::new();
    out.retain(|u| {
        let host = host_of(u);
        host != ctx.instance.domain && seen.insert(host)
    });
    out.truncate(settings.max_instances);
    Ok(out)
}

fn host_of(url: &Url) -> String {
    match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    }
}

async fn ask_network(
    ctx: &AppContext,
    query: &SearchQuery,
    own: &SearchResults,
) -> Result<(Vec<NetworkHit>, Vec<String>), AppError> {
    let settings = ctx.network()?;
    let instances = known_instances(ctx, settings).await?;
    let resolver = ctx.resolver()?;
    let asks = instances.iter().map(|base| {
        let mut url = base.clone();
        url.set_path(NETWORK_PATH);
        {
            let mut pairs = url.query_pairs_mut();
            pairs
                .append_pair("q", &query.q)
                .append_pair("per_page", &query.per_page.clamp(1, 50).to_string());
            for (name, value) in network_filters(&query.filters) {
                pairs.append_pair(name, value);
            }
        }
        async move {
            let answer = tokio::time::timeout(settings.timeout, resolver.get_json(&url)).await;
            let answer = match answer {
                Ok(Ok(body)) => serde_json::from_str::<NetworkAnswer>(&body).ok(),
                _ => None,
            };
            (host_of(base), answer)
        }
    });
    let mut seen: HashSet<String> = own.hits.iter().map(|h| h.dilemma.ap_id.clone()).collect();
    let mut hits = Vec::new();
    let mut unreachable = Vec::new();
    for (host, answer) in join_all(asks).await {
        match answer {
            Some(answer) => {
                for mut hit in answer.hits {
                    // Another server's HTML: sanitised like everything else received.
                    hit.title_html = crate::text::html(&hit.title_html);
                    hit.snippet_html = crate::text::html(&hit.snippet_html);
                    // An instance that predates the filters answers without them.
                    if matches_network_filters(&hit.dilemma, &query.filters)
                        && seen.insert(hit.dilemma.ap_id.clone())
                    {
                        hits.push(NetworkHit {
                            origin: host.clone(),
                            hit,
                        });
                    }
                }
            }
            None => unreachable.push(host),
        }
    }
    Ok((hits, unreachable))
}

/// The filters a network search carries to the instances it asks (`theme`, `status`,
/// `municipality`); the others stay local.
fn network_filters(filters: &Filters) -> Vec<(&'static str, &str)> {
    [
        ("theme", filters.theme.as_deref()),
        ("status", filters.status.as_deref()),
        ("municipality", filters.municipality.as_deref()),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (name, v)))
    .collect()
}

/// Whether another instance's hit meets the filters it was asked with.
fn matches_network_filters(d: &DilemmaSummary, filters: &Filters) -> bool {
    network_filters(filters)
        .into_iter()
        .all(|(name, wanted)| match name {
            "theme" => d.themes.iter().any(|t| t == wanted),
            "status" => d.status == wanted,
            _ => d
                .municipality
                .as_deref()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case(wanted.trim())),
        })
}

/// The answer to another instance's network search: this instance's own public dilemmas,
/// narrowed by the `theme`, `status` and `municipality` in `filters` (others are ignored).
pub fn answer_network(
    ctx: &AppContext,
    q: &str,
    per_page: usize,
    filters: &Filters,
) -> Result<NetworkAnswer, AppError> {
    let audience = Audience {
        local_only: true,
        ..Audience::public()
    };
    let request = meent_search::SearchRequest {
        q: q.split_whitespace()
            .take(MAX_QUERY_TERMS)
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect(),
        filters: Filters {
            theme: filters.theme.clone(),
            status: filters.status.clone(),
            municipality: filters.municipality.clone(),
            ..Default::default()
        },
        page: 1,
        per_page: per_page.clamp(1, 50),
    };
    let results = ctx
        .search()?
        .search(&request, &audience)
        .map_err(search_error)?;
    Ok(NetworkAnswer {
        instance: ctx.instance.domain.clone(),
        hits: results.hits,
    })
}

/// Dilemmas like dilemma `id` (which the reader must be able to see).
pub async fn similar_to(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    limit: usize,
) -> Result<Vec<SimilarHit>, AppError> {
    crate::use_cases::dilemmas::get(ctx, reader, id).await?;
    ctx.search()?
        .similar_to(id, &audience(reader), limit)
        .map_err(search_error)
}

/// Dilemmas like `dilemma`, which the caller has already loaded for the reader (the
/// dilemma page): no second lookup.
pub fn similar_to_loaded(
    ctx: &AppContext,
    reader: &Reader,
    dilemma: &meent_db::queries::dilemmas::DilemmaRow,
    limit: usize,
) -> Result<Vec<SimilarHit>, AppError> {
    if !reader.may_see(dilemma) {
        return Err(AppError::NotFound("dilemma"));
    }
    ctx.search()?
        .similar_to(dilemma.id, &audience(reader), limit)
        .map_err(search_error)
}

/// Learning programmes matching `q` (all when empty), optionally of one theme; `page` from 1.
/// Programmes are public: everyone may find them.
pub fn programmes(
    ctx: &AppContext,
    q: &str,
    theme: Option<&str>,
    page: usize,
    per_page: usize,
) -> Result<ProgrammeResults, AppError> {
    ctx.search()?
        .search_programmes(q, theme, page.max(1), per_page)
        .map_err(search_error)
}

/// Dilemmas like a draft being written.
pub fn similar_to_draft(
    ctx: &AppContext,
    reader: &Reader,
    draft: &Draft,
    limit: usize,
) -> Result<Vec<SimilarHit>, AppError> {
    ctx.search()?
        .similar(draft, None, &audience(reader), limit)
        .map_err(search_error)
}
