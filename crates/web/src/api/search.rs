//! Search over the API: the member's search, similar dilemmas, and the public endpoint other
//! instances' network searches ask.

use super::search_dto::*;
use crate::{ApiError, auth::ReaderOf, error::ErrorBody, throttle::Client};
use actix_web::{HttpResponse, get, post, web};
use meent_app::rate_limit::KeyedLimit;
use meent_app::{
    AppContext,
    use_cases::search::{self, Draft, Filters, SearchQuery},
};
use std::net::IpAddr;

/// Results per page unless asked otherwise.
const PER_PAGE: usize = 20;

/// Whether this instance answers other instances' network searches, and how often one
/// address may ask. Registered as app data at start.
pub struct NetworkSearchPolicy {
    enabled: bool,
    limiter: KeyedLimit<IpAddr>,
}

impl NetworkSearchPolicy {
    pub fn new(enabled: bool, per_minute: u32) -> Self {
        NetworkSearchPolicy {
            enabled,
            limiter: KeyedLimit::new(per_minute, std::time::Duration::from_secs(60)),
        }
    }
}

/// Search everything this instance knows (with `scope=network`, also the instances it
/// knows). A URL or `@name@host` as `q` fetches what it names and returns that instead.
#[utoipa::path(
    tag = "search",
    params(
        ("q" = Option<String>, Query, description = "words, or a URL or @name@host to fetch"),
        ("theme" = Option<String>, Query, description = "a theme id"),
        ("status" = Option<String>, Query, description = "open, solved or closed"),
        ("municipality" = Option<String>, Query),
        ("kind" = Option<String>, Query, description = "kind of collective"),
        ("accepted" = Option<bool>, Query, description = "has an accepted solution"),
        ("confirmed" = Option<bool>, Query, description = "a solution is confirmed by others"),
        ("language" = Option<String>, Query),
        ("since" = Option<chrono::NaiveDate>, Query, description = "published on or after, YYYY-MM-DD"),
        ("until" = Option<chrono::NaiveDate>, Query, description = "published on or before, YYYY-MM-DD"),
        ("page" = Option<usize>, Query, description = "from 1"),
        ("per_page" = Option<usize>, Query, description = "at most 50; default 20"),
        ("scope" = Option<String>, Query, description = "local (default) or network"),
        ("type" = Option<String>, Query, description = "dilemma or programme; both when absent")
    ),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody, description = "a URL or handle to look up, without a token"),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many searches without a token"),
        (status = 502, body = ErrorBody)
    )
)]
#[get("/search")]
pub async fn search_dilemmas(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    client: Client,
    params: web::Query<SearchParams>,
) -> Result<web::Json<SearchResponse>, ApiError> {
    if reader.member.is_none() {
        client.throttles().anonymous_search(client.address)?;
    }
    let p = params.into_inner();
    let wanted = p.kind_of_result;
    // Filters that only dilemmas have leave programmes out of a search for both.
    let dilemma_filters = p.status.is_some()
        || p.municipality.is_some()
        || p.kind.is_some()
        || p.accepted.is_some()
        || p.confirmed.is_some()
        || p.language.is_some()
        || p.since.is_some()
        || p.until.is_some();
    let page = p.page.unwrap_or(1);
    let per_page = p.per_page.unwrap_or(PER_PAGE);
    let programme_page = match wanted {
        Some(ResultType::Programme) => Some((page, per_page)),
        None if page <= 1 && !dilemma_filters => Some((1, PROGRAMMES_WITH_DILEMMAS)),
        _ => None,
    };
    if wanted == Some(ResultType::Programme) && !search::looks_like_reference(&p.q) {
        let found = search::programmes(&ctx, &p.q, p.theme.as_deref(), page, per_page)?;
        return Ok(web::Json(SearchResponse::programmes_only(
            found, page, per_page,
        )));
    }
    let words = p.q.clone();
    let theme = p.theme.clone();
    let query = SearchQuery {
        q: p.q,
        filters: Filters {
            theme: p.theme,
            status: p.status,
            municipality: p.municipality,
            kind: p.kind,
            accepted: p.accepted,
            confirmed: p.confirmed,
            language: p.language,
            since: p.since,
            until: p.until,
            collective_id: None,
        },
        page: p.page.unwrap_or(1),
        per_page: p.per_page.unwrap_or(PER_PAGE),
        scope: p.scope.unwrap_or_default(),
    };
    let outcome = search::search(&ctx, &reader, query).await?;
    let resolved = outcome.resolved.is_some();
    let mut response = SearchResponse::new(outcome, &ctx.instance.domain);
    if let Some((page, per_page)) = programme_page.filter(|_| !resolved) {
        let found = search::programmes(&ctx, &words, theme.as_deref(), page, per_page)?;
        response.programme_total = found.total;
        response.programmes = found.hits.into_iter().map(Into::into).collect();
    }
    Ok(web::Json(response))
}

/// Programmes shown with the first page of a search for both.
const PROGRAMMES_WITH_DILEMMAS: usize = 5;

/// Dilemmas like this one, with their status and accepted solutions.
#[utoipa::path(
    tag = "search",
    params(
        ("id" = i64, Path, description = "the dilemma's number"),
        ("limit" = Option<usize>, Query, description = "at most 20; default 5")
    ),
    responses((status = 200, body = Vec<SimilarDilemma>), (status = 404, body = ErrorBody))
)]
#[get("/dilemmas/{id}/similar")]
pub async fn similar_dilemmas(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
    params: web::Query<LimitParams>,
) -> Result<web::Json<Vec<SimilarDilemma>>, ApiError> {
    let hits = search::similar_to(&ctx, &reader, *id, params.limit.unwrap_or(5)).await?;
    Ok(web::Json(hits.into_iter().map(Into::into).collect()))
}

/// Dilemmas like the one being written (called as its title and text are typed).
#[utoipa::path(
    tag = "search",
    params(("limit" = Option<usize>, Query, description = "at most 20; default 5")),
    request_body = DraftInput,
    responses((status = 200, body = Vec<SimilarDilemma>), (status = 400, body = ErrorBody))
)]
#[post("/search/similar")]
pub async fn similar_to_draft(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    params: web::Query<LimitParams>,
    body: web::Json<DraftInput>,
) -> Result<web::Json<Vec<SimilarDilemma>>, ApiError> {
    let body = body.into_inner();
    let draft = Draft {
        // A draft is only a hint: overlong input is cut, not refused.
        title: body.title.chars().take(200).collect(),
        body: body.body.chars().take(10_000).collect(),
        language: body.language.unwrap_or_else(|| "nl".into()),
    };
    let hits = search::similar_to_draft(&ctx, &reader, &draft, params.limit.unwrap_or(5))?;
    Ok(web::Json(hits.into_iter().map(Into::into).collect()))
}

/// For other instances' network searches: this instance's own public dilemmas matching `q`.
/// Rate-limited per address; answers 404 when the instance does not take part.
#[utoipa::path(
    tag = "search",
    params(
        ("q" = String, Query, description = "words"),
        ("per_page" = Option<usize>, Query, description = "at most 50; default 20"),
        ("theme" = Option<String>, Query, description = "a theme id"),
        ("status" = Option<String>, Query, description = "open or solved"),
        ("municipality" = Option<String>, Query, description = "a municipality")
    ),
    responses(
        (status = 200, description = "`{instance, hits}`; see docs/federation.md"),
        (status = 404, body = ErrorBody),
        (status = 429, body = ErrorBody)
    )
)]
#[get("/search/network")]
pub async fn network_search(
    ctx: web::Data<AppContext>,
    policy: Option<web::Data<NetworkSearchPolicy>>,
    client: Client,
    params: web::Query<NetworkParams>,
) -> Result<HttpResponse, ApiError> {
    let Some(policy) = policy.filter(|p| p.enabled) else {
        return Ok(HttpResponse::NotFound().json(ErrorBody {
            error: "this instance does not answer network searches".into(),
        }));
    };
    if policy.limiter.take(&client.address).is_err() {
        return Ok(HttpResponse::TooManyRequests()
            .insert_header(("Retry-After", "60"))
            .json(ErrorBody {
                error: "too many searches; try again in a minute".into(),
            }));
    }
    let params = params.into_inner();
    let filters = search::Filters {
        theme: params.theme,
        status: params.status,
        municipality: params.municipality,
        ..Default::default()
    };
    let answer = search::answer_network(
        &ctx,
        &params.q,
        params.per_page.unwrap_or(PER_PAGE),
        &filters,
    )?;
    Ok(HttpResponse::Ok().json(answer))
}
