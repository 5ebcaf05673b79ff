//! The search page: words searched in everything this instance knows (and, with scope
//! "network", in what the known instances answer), with filters and facet counts; a pasted
//! URL or `@name@host` fetches what it names and opens it.

use crate::{
    browser::{Ui, problem},
    throttle::Client,
};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError, Resolved,
    use_cases::search::{self, FacetCount, Filters, Hit, Scope, SearchQuery},
};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;

const PER_PAGE: usize = 20;

/// The form as sent. Every field is text, so an empty choice is "no filter" rather than a
/// refusal, and a value from an old link that no longer parses is ignored.
#[derive(Deserialize, Default)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    accepted: String,
    #[serde(default)]
    confirmed: String,
    #[serde(default)]
    page: String,
}

impl SearchForm {
    fn is_empty(&self) -> bool {
        self.q.trim().is_empty()
            && [
                &self.theme,
                &self.status,
                &self.kind,
                &self.language,
                &self.municipality,
                &self.accepted,
                &self.confirmed,
            ]
            .iter()
            .all(|v| v.is_empty())
    }

    /// The words searched for.
    pub(super) fn words(&self) -> &str {
        &self.q
    }

    pub(super) fn filters(&self) -> Filters {
        let text = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
        Filters {
            theme: self.theme.parse::<Theme>().ok().map(|t| t.id().to_owned()),
            status: ["open", "solved", "closed"]
                .contains(&self.status.as_str())
                .then(|| self.status.clone()),
            municipality: text(&self.municipality),
            kind: text(&self.kind),
            accepted: (self.accepted == "yes").then_some(true),
            confirmed: (self.confirmed == "yes").then_some(true),
            language: ["nl", "en"]
                .contains(&self.language.as_str())
                .then(|| self.language.clone()),
            since: None,
            until: None,
            collective_id: None,
        }
    }

    fn scope(&self) -> Scope {
        if self.scope == "network" {
            Scope::Network
        } else {
            Scope::Local
        }
    }

    fn page(&self) -> usize {
        self.page.parse::<usize>().unwrap_or(1).clamp(1, 500)
    }

    /// This search as a link, on another page.
    pub(super) fn link_to_page(&self, page: usize) -> String {
        self.link("/search", Some(page))
    }

    /// This search's Atom feed (this instance's results; no page).
    pub(super) fn feed_link(&self) -> String {
        self.link("/search/feed.atom", None)
    }

    fn link(&self, path: &str, page: Option<usize>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        let scope = if page.is_some() { &self.scope } else { "" };
        for (name, value) in [
            ("q", self.q.as_str()),
            ("scope", scope),
            ("theme", &self.theme),
            ("status", &self.status),
            ("kind", &self.kind),
            ("language", &self.language),
            ("municipality", &self.municipality),
            ("accepted", &self.accepted),
            ("confirmed", &self.confirmed),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        if let Some(page) = page {
            query.append_pair("page", &page.to_string());
        }
        format!("{path}?{}", query.finish())
    }
}

/// One result as the page shows it.
pub struct ResultItem {
    /// Where it opens: its page here, or for another instance's result a search for its
    /// URL, which fetches it into this instance.
    pub href: String,
    pub title_html: String,
    pub snippet_html: String,
    pub from_solution: bool,
    pub status: String,
    pub collective: String,
    pub themes: Vec<String>,
    pub solutions: i64,
    pub accepted: i64,
    pub confirmations: i64,
    pub published: chrono::NaiveDateTime,
    /// The instance it came from, for results of other instances.
    pub origin: Option<String>,
}

fn open_href(ap_id: &str) -> String {
    let q: String = url::form_urlencoded::byte_serialize(ap_id.as_bytes()).collect();
    format!("/search?q={q}")
}

impl ResultItem {
    fn local(hit: Hit) -> Self {
        let href = format!("/d/{}", hit.dilemma.id);
        Self::new(hit, href, None)
    }

    fn remote(hit: Hit, origin: String) -> Self {
        let href = open_href(&hit.dilemma.ap_id);
        Self::new(hit, href, Some(origin))
    }

    fn new(hit: Hit, href: String, origin: Option<String>) -> Self {
        let d = hit.dilemma;
        ResultItem {
            href,
            title_html: hit.title_html,
            snippet_html: hit.snippet_html,
            from_solution: hit.snippet_from_solution,
            status: d.status,
            collective: d.collective_display_name,
            themes: d.themes,
            solutions: d.solutions,
            accepted: d.accepted,
            confirmations: d.confirmations,
            published: d.published,
            origin,
        }
    }
}

/// A facet's values, for the filter menus: the value and how many results have it.
type Facets = BTreeMap<String, Vec<FacetCount>>;

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    ui: &'a Ui,
    form: &'a SearchForm,
    searched: bool,
    total: usize,
    results: Vec<ResultItem>,
    network: Vec<ResultItem>,
    unreachable: Vec<String>,
    facets: Facets,
    themes: Vec<&'static str>,
    kinds: Vec<&'static str>,
    previous: Option<String>,
    next: Option<String>,
    /// A remote collective or member that a pasted handle named.
    found_collective: Option<CollectiveRow>,
    found_member: Option<(String, String)>,
    error: Option<String>,
    /// Looking up another server was asked for without signing in: shown with a login link.
    needs_sign_in: bool,
    /// Learning programmes that match, on the first page of a search without dilemma-only
    /// filters: (number, title, collective).
    programmes: Vec<(i64, String, String)>,
}

impl SearchPage<'_> {
    /// The Atom feeds of this search (href, title): the search itself and, when it is
    /// narrowed to one, its theme's and municipality's.
    fn feeds(&self) -> Vec<(String, String)> {
        if !self.searched {
            return Vec::new();
        }
        let search = self.form.feed_link();
        let mut out = vec![(search, self.ui.t("feed-search"))];
        if let Ok(t) = self.form.theme.parse::<Theme>() {
            out.push((
                format!("/themes/{}/feed.atom", t.id()),
                self.ui.theme_label(t.id()),
            ));
        }
        let m = self.form.municipality.trim();
        if !m.is_empty() {
            let encoded: String = url::form_urlencoded::byte_serialize(m.as_bytes()).collect();
            out.push((
                format!("/municipalities/{}/feed.atom", encoded.replace('+', "%20")),
                m.to_owned(),
            ));
        }
        out
    }

    /// The login page, coming back to this search afterwards.
    fn login_link(&self) -> String {
        let back: String =
            url::form_urlencoded::byte_serialize(self.form.link_to_page(1).as_bytes()).collect();
        format!("/login?next={back}")
    }

    /// How many results have `value` for `facet` (shown beside each filter choice).
    fn count(&self, facet: &str, value: &str) -> u64 {
        self.facets
            .get(facet)
            .and_then(|values| values.iter().find(|v| v.value == value))
            .map_or(0, |v| v.count)
    }

    fn municipalities(&self) -> Vec<&FacetCount> {
        self.facets
            .get("municipality")
            .map(|v| v.iter().take(20).collect())
            .unwrap_or_default()
    }
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    client: Client,
    form: web::Query<SearchForm>,
) -> HttpResponse {
    let form = form.into_inner();
    let mut page = SearchPage {
        ui: &ui,
        form: &form,
        searched: false,
        total: 0,
        results: Vec::new(),
        network: Vec::new(),
        unreachable: Vec::new(),
        facets: Facets::new(),
        themes: Theme::ALL.iter().map(|t| t.id()).collect(),
        kinds: meent_domain::CollectiveKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect(),
        previous: None,
        next: None,
        found_collective: None,
        found_member: None,
        error: None,
        needs_sign_in: false,
        programmes: Vec::new(),
    };
    if form.is_empty() {
        return problem::render(StatusCode::OK, &page);
    }
    if search::check_query(&form.q).is_err() {
        page.searched = true;
        page.error = Some(ui.t("search-too-long"));
        return problem::render(StatusCode::BAD_REQUEST, &page);
    }
    if !ui.signed_in()
        && let Err(e) = client.throttles().anonymous_search(client.address)
    {
        tracing::info!(address = %client.address, "anonymous search throttled");
        return problem::failure(&ui, e);
    }
    let query = SearchQuery {
        q: form.q.trim().to_owned(),
        filters: form.filters(),
        page: form.page(),
        per_page: PER_PAGE,
        scope: form.scope(),
    };
    let reader = ui.reader.clone();
    let app = ctx.clone();
    // Fetching a pasted reference stores what it finds: detached, so a closed browser tab
    // cannot drop that half-way.
    let outcome =
        crate::browser::ui::detached(async move { search::search(&app, &reader, query).await })
            .await;
    let outcome = match outcome {
        Ok(o) => o,
        Err(e @ (AppError::Invalid(_) | AppError::NotFound(_) | AppError::Remote(_))) => {
            tracing::info!(error = %e, q = %form.q, "search reference not found");
            page.searched = true;
            page.error = Some(ui.t("search-not-found"));
            return problem::render(StatusCode::NOT_FOUND, &page);
        }
        Err(AppError::SignInRequired) => {
            page.searched = true;
            page.needs_sign_in = true;
            page.error = Some(ui.t("search-sign-in-to-look-up"));
            return problem::render(StatusCode::UNAUTHORIZED, &page);
        }
        Err(e) => return problem::failure(&ui, e),
    };
    page.needs_sign_in = outcome.network_needs_sign_in;
    match outcome.resolved {
        Some(Resolved::Dilemma(d)) => return problem::see_other(&format!("/d/{}", d.id)),
        Some(Resolved::Meeting(m)) => return problem::see_other(&format!("/m/{}", m.id)),
        Some(Resolved::Programme(p)) => return problem::see_other(&format!("/p/{}", p.id)),
        Some(Resolved::Reply(r)) => {
            return problem::see_other(&format!("/d/{}#solution-{}", r.dilemma_id, r.id));
        }
        Some(Resolved::Collective(c)) if c.local => {
            return problem::see_other(&format!("/c/{}", c.name));
        }
        Some(Resolved::Member(m)) if m.local => {
            return problem::see_other(&format!("/u/{}", m.name));
        }
        Some(Resolved::Collective(c)) => page.found_collective = Some(c),
        Some(Resolved::Member(m)) => {
            page.found_member = Some((m.display_name.clone(), super::dilemma::handle(&m)));
        }
        None => {}
    }
    let results = outcome.results;
    page.searched = true;
    page.total = results.total;
    let current = form.page();
    if current > 1 {
        page.previous = Some(form.link_to_page(current - 1));
    }
    if current * PER_PAGE < results.total {
        page.next = Some(form.link_to_page(current + 1));
    }
    page.results = results.hits.into_iter().map(ResultItem::local).collect();
    let f = form.filters();
    let only_dilemmas = f.status.is_some()
        || f.municipality.is_some()
        || f.kind.is_some()
        || f.accepted.is_some()
        || f.confirmed.is_some()
        || f.language.is_some()
        || f.since.is_some()
        || f.until.is_some();
    if current == 1 && !only_dilemmas && !form.q.trim().is_empty() {
        // Help, not the page: a failing programme search leaves the dilemmas shown.
        if let Ok(found) = search::programmes(&ctx, form.q.trim(), f.theme.as_deref(), 1, 5) {
            page.programmes = found
                .hits
                .into_iter()
                .map(|p| (p.id, p.title, p.collective_display_name))
                .collect();
        }
    }
    page.facets = results.facets;
    page.network = outcome
        .network
        .into_iter()
        .map(|n| ResultItem::remote(n.hit, n.origin))
        .collect();
    page.unreachable = outcome.unreachable;
    problem::render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_choices_are_no_filters() {
        let form = SearchForm {
            q: "sleutel".into(),
            accepted: String::new(),
            theme: "no-such-theme".into(),
            status: "solved".into(),
            ..Default::default()
        };
        let f = form.filters();
        assert_eq!(f.accepted, None);
        assert_eq!(f.theme, None);
        assert_eq!(f.status.as_deref(), Some("solved"));
        assert!(!form.is_empty());
        assert!(SearchForm::default().is_empty());
    }

    #[test]
    fn page_links_keep_the_search() {
        let form = SearchForm {
            q: "sleutel beheer".into(),
            status: "open".into(),
            ..Default::default()
        };
        assert_eq!(
            form.link_to_page(2),
            "/search?q=sleutel+beheer&status=open&page=2"
        );
    }

    #[test]
    fn other_instances_results_open_through_search() {
        assert_eq!(
            open_href("https://a.example/d/1?x=1&y"),
            "/search?q=https%3A%2F%2Fa.example%2Fd%2F1%3Fx%3D1%26y"
        );
    }
}
