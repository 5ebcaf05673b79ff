//! Atom feeds of public dilemmas (SPEC §5): per collective (`/c/{name}/feed.atom`), per
//! theme (`/themes/{theme}/feed.atom`), per municipality
//! (`/municipalities/{name}/feed.atom`) and for a search (`/search/feed.atom?…`, the search
//! page's own parameters). Each entry says the dilemma's status and how many solutions it
//! has, and links to its page here. Written with `atom_syndication`.

use super::search::SearchForm;
use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, web};
use atom_syndication::{Category, Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use meent_app::{
    AppContext, AppError,
    use_cases::{
        feeds::{self, FeedOf},
        search::Hit,
    },
};
use meent_domain::Theme;

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// The feed of a collective of this instance.
pub(super) async fn collective(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    match FeedOf::collective(&ctx, &name).await {
        Ok(of) => {
            let title = match &of {
                FeedOf::Collective(c) => c.display_name.clone(),
                _ => name.to_string(),
            };
            respond(&ctx, &ui, &of, &title, &format!("/c/{name}"))
        }
        Err(e) => problem::failure(&ui, e),
    }
}

/// The feed of a theme (by its id, as in the search filter).
pub(super) async fn theme(
    ctx: web::Data<AppContext>,
    ui: Ui,
    theme: web::Path<String>,
) -> HttpResponse {
    let Ok(t) = theme.parse::<Theme>() else {
        return problem::not_found(&ui);
    };
    let title = ui.theme_label(t.id());
    let page = format!("/search?theme={}", t.id());
    respond(&ctx, &ui, &FeedOf::Theme(t), &title, &page)
}

/// The feed of a municipality (as the collectives and dilemmas name it).
pub(super) async fn municipality(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return problem::not_found(&ui);
    }
    let page = format!("/search?municipality={}", encode(&name));
    respond(&ctx, &ui, &FeedOf::Municipality(name.clone()), &name, &page)
}

/// A search kept as a feed: the same parameters as the search page.
pub(super) async fn search(
    ctx: web::Data<AppContext>,
    ui: Ui,
    form: web::Query<SearchForm>,
) -> HttpResponse {
    let form = form.into_inner();
    let of = FeedOf::Search {
        q: form.words().to_owned(),
        filters: form.filters(),
    };
    let title = if form.words().trim().is_empty() {
        ui.t("feed-search")
    } else {
        format!("{} “{}”", ui.t("feed-search"), form.words().trim())
    };
    respond(&ctx, &ui, &of, &title, &form.link_to_page(1))
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn respond(ctx: &AppContext, ui: &Ui, of: &FeedOf, title: &str, page: &str) -> HttpResponse {
    match feeds::dilemmas(ctx, of) {
        Ok(hits) => HttpResponse::Ok()
            .content_type(ATOM)
            .body(feed(ctx, ui, title, page, hits).to_string()),
        Err(AppError::Invalid(_)) => problem::not_found(ui),
        Err(e) => problem::failure(ui, e),
    }
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_owned));
    l
}

fn utc(at: chrono::NaiveDateTime) -> FixedDateTime {
    at.and_utc().fixed_offset()
}

/// The feed: `page` is the (local) page it follows, which is also its id.
fn feed(ctx: &AppContext, ui: &Ui, title: &str, page: &str, hits: Vec<Hit>) -> Feed {
    let base = ctx.urls().base();
    let absolute = |path: &str| base.join(path).map(|u| u.to_string()).unwrap_or_default();
    let page_url = absolute(page);
    let mut f = Feed::default();
    f.set_title(Text::plain(format!("{title} — Meent")));
    f.set_id(page_url.clone());
    f.set_lang(Some(ui.lang_code().to_owned()));
    f.set_links(vec![link(page_url, "alternate", Some("text/html"))]);
    let newest = hits.first().map(|h| h.dilemma.published);
    f.set_updated(utc(newest.unwrap_or_else(meent_db::now)));
    let mut generator = atom_syndication::Generator::default();
    generator.set_value("Meent");
    f.set_generator(Some(generator));
    f.set_entries(
        hits.into_iter()
            .map(|h| entry(ui, &absolute(&format!("/d/{}", h.dilemma.id)), h))
            .collect::<Vec<_>>(),
    );
    f
}

fn entry(ui: &Ui, page: &str, h: Hit) -> Entry {
    let d = h.dilemma;
    let mut e = Entry::default();
    e.set_id(d.ap_id.clone());
    e.set_title(Text::plain(d.title.clone()));
    e.set_published(Some(utc(d.published)));
    e.set_updated(utc(d.published));
    e.set_links(vec![link(page.to_owned(), "alternate", Some("text/html"))]);
    let mut author = Person::default();
    author.set_name(d.collective_display_name.clone());
    author.set_uri(Some(d.collective_ap_id.clone()));
    e.set_authors(vec![author]);
    e.set_categories(
        d.themes
            .iter()
            .map(|t| {
                let mut c = Category::default();
                c.set_term(t.clone());
                c.set_label(Some(ui.theme_label(t)));
                c
            })
            .collect::<Vec<_>>(),
    );
    let state = format!(
        "{} · {}",
        ui.status_label(&d.status),
        ui.t1("feed-solutions", "count", d.solutions)
    );
    e.set_summary(Some(Text::plain(state)));
    let mut content = Content::default();
    content.set_content_type(Some("html".to_owned()));
    content.set_lang(Some(d.language.clone()));
    // The snippet is the index's: HTML-escaped, matched words in <b>.
    content.set_value(Some(format!("<p>{}</p>", h.snippet_html)));
    e.set_content(Some(content));
    e
}
