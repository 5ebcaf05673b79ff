//! The dilemma page: the question, its solutions (accepted, then most confirmed, then
//! newest) with their threaded comments, and the buttons to answer, accept, confirm and like.

use super::{documents::DocumentItem, qapage, similar::SimilarItem};
use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext,
    thread::{self, ReplyView, Thread},
};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};
use meent_domain::{ContextFacets, DocumentKind, Licence};

/// A solution or comment as the page shows it.
pub struct ReplyItem {
    pub id: i64,
    pub author: String,
    pub author_handle: String,
    pub content: String,
    pub accepted: bool,
    pub from_experience: bool,
    pub confirmations: i64,
    pub likes: i64,
    /// The reader likes it: the button takes that back.
    pub liked: bool,
    pub published: chrono::NaiveDateTime,
    /// How deep a comment sits in its discussion (1 for a comment on a solution).
    pub depth: usize,
    pub mine: bool,
    /// Proposed at this session (its URL).
    pub from_session: Option<String>,
    /// A content warning its server put on it: the text is folded under it.
    pub warning: String,
    /// The language its server says it is in, for the `lang` attribute.
    pub lang: Option<String>,
    /// Written for this collective ("namens"): its name and where it opens.
    pub speaks_for: Option<(String, String)>,
    /// Each confirming collective's name and own account of how it worked.
    pub confirmed_by: Vec<ConfirmedItem>,
}

/// A confirmation under a solution, and the reader's collective that may withdraw it.
pub struct ConfirmedItem {
    pub shown: meent_app::thread::Confirmed,
    /// The handle of the reader's own collective that confirmed (they may withdraw it).
    pub withdraw_as: Option<String>,
}

pub struct SolutionItem {
    pub solution: ReplyItem,
    pub documents: Vec<DocumentItem>,
    /// Its discussion, depth-first.
    pub comments: Vec<ReplyItem>,
}

#[derive(Template)]
#[template(path = "dilemma.html")]
struct DilemmaPage<'a> {
    ui: &'a Ui,
    id: i64,
    title: String,
    content: String,
    /// The language it is written in, when known: its title and text carry it as `lang`,
    /// so that a screen reader reads Dutch text in Dutch on the English interface.
    lang: Option<String>,
    /// Who wrote its accepted solutions (or the collectives they wrote for).
    solved_by: Vec<String>,
    status: String,
    visibility: String,
    collective: CollectiveRow,
    collective_link: String,
    author: String,
    author_handle: String,
    published: chrono::NaiveDateTime,
    themes: Vec<String>,
    hashtags: Vec<String>,
    facets: Vec<(String, String)>,
    likes: i64,
    /// The reader likes the dilemma.
    liked: bool,
    solutions: Vec<SolutionItem>,
    may_manage: bool,
    /// The reader coordinates the dilemma's collective: may remove any answer in it.
    may_moderate: bool,
    may_answer: bool,
    /// The member's collectives that may confirm a solution (not the dilemma's own).
    confirm_for: Vec<CollectiveRow>,
    own_collectives: Vec<CollectiveRow>,
    json_ld: String,
    similar: Vec<SimilarItem>,
    documents: Vec<DocumentItem>,
    document_kinds: Vec<&'static str>,
    licences: Vec<&'static str>,
    /// Sessions about this dilemma known here: (number here, title, start in its zone).
    sessions: Vec<(i64, String, chrono::NaiveDateTime)>,
    /// The reader's support organisations, which may organise a session about it (public
    /// dilemmas only).
    organise_for: Vec<CollectiveRow>,
    ap_id: String,
    /// Who was invited to answer: (name or address, answered).
    invitations: Vec<(String, bool)>,
    /// The reader may invite others to answer (public dilemmas only).
    may_invite: bool,
    /// Who could answer it, for those who may invite (koppelen).
    suggestions: Option<meent_app::use_cases::suggestions::Suggestions>,
    /// Asked for: collectives elsewhere that solved similar dilemmas.
    network_suggestions: Option<Vec<meent_app::use_cases::suggestions::RemoteSuggestion>>,
}

/// `@name@host` of a member, for remote members especially.
pub fn handle(member: &MemberRow) -> String {
    format!("@{}", meent_domain::handle_of(&member.name, &member.ap_id))
}

fn item(view: &ReplyView, depth: usize, me: Option<&MemberRow>) -> ReplyItem {
    ReplyItem {
        id: view.reply.id,
        author: view.author.display_name.clone(),
        author_handle: handle(&view.author),
        content: view.reply.content.clone(),
        accepted: view.reply.accepted,
        from_experience: view.reply.from_experience,
        confirmations: view.confirmations,
        likes: view.likes,
        liked: view.liked,
        published: view.reply.published,
        depth,
        mine: me.is_some_and(|m| m.id == view.author.id),
        from_session: view.reply.from_meeting.clone(),
        warning: view.reply.content_warning.clone(),
        lang: Some(view.reply.language.clone()).filter(|l| !l.is_empty()),
        speaks_for: view.speaks_for.as_ref().map(|c| {
            let link = if c.local {
                format!("/c/{}", c.name)
            } else {
                c.ap_id.clone()
            };
            (c.display_name.clone(), link)
        }),
        confirmed_by: view
            .confirmed_by
            .iter()
            .map(|c| ConfirmedItem {
                shown: c.clone(),
                withdraw_as: None,
            })
            .collect(),
    }
}

/// The names under the accepted solutions: the collective an answer was written for, or
/// its author; each once.
fn solved_by(t: &Thread) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in t.solutions.iter().filter(|s| s.reply.accepted) {
        let name = s
            .speaks_for
            .as_ref()
            .map_or_else(|| s.author.display_name.clone(), |c| c.display_name.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Orders each solution's comments depth-first under it.
fn discussions(t: &Thread, me: Option<&MemberRow>) -> Vec<SolutionItem> {
    fn walk(
        t: &Thread,
        parent: i64,
        depth: usize,
        me: Option<&MemberRow>,
        out: &mut Vec<ReplyItem>,
    ) {
        // Deep discussions are shown flat beyond five levels, and a malformed chain of
        // parents cannot recurse for ever.
        if depth > 50 {
            return;
        }
        for c in t
            .comments
            .iter()
            .filter(|c| c.reply.parent_id == Some(parent))
        {
            out.push(item(c, depth.min(5), me));
            walk(t, c.reply.id, depth + 1, me, out);
        }
    }
    t.solutions
        .iter()
        .map(|s| {
            let mut comments = Vec::new();
            walk(t, s.reply.id, 1, me, &mut comments);
            SolutionItem {
                solution: item(s, 0, me),
                documents: Vec::new(),
                comments,
            }
        })
        .collect()
}

fn facet_rows(ui: &Ui, facets: &str) -> Vec<(String, String)> {
    let f: ContextFacets = serde_json::from_str(facets).unwrap_or_default();
    let mut rows = Vec::new();
    if let Some(m) = f.municipality {
        rows.push((ui.t("field-municipality"), m));
    }
    if let Some(v) = f.building_owner {
        rows.push((
            ui.t("field-building-owner"),
            ui.t(&format!("building_owner-{}", v.as_str())),
        ));
    }
    if let Some(v) = f.legal_form {
        rows.push((
            ui.t("field-legal-form"),
            ui.t(&format!("legal_form-{}", v.as_str())),
        ));
    }
    if let Some(v) = f.collective_size {
        rows.push((
            ui.t("field-collective-size"),
            ui.t(&format!("collective_size-{}", v.as_str())),
        ));
    }
    if let Some(v) = f.budget_range {
        rows.push((
            ui.t("field-budget-range"),
            ui.t(&format!("budget_range-{}", v.as_str())),
        ));
    }
    rows
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(serde::Deserialize)]
pub struct ShowQuery {
    /// `network`: suggestions from other instances too (asked only on request: it waits
    /// for them).
    #[serde(default)]
    suggest: String,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    q: web::Query<ShowQuery>,
) -> HttpResponse {
    let t = match thread::thread(&ctx, &ui.reader, *id).await {
        Ok(t) => t,
        Err(e) => return problem::failure(&ui, e),
    };
    let own_ids: Vec<i64> = ui.reader.memberships.iter().map(|(id, _)| *id).collect();
    // Independent reads, side by side: the page waits for the slowest, not for the sum.
    let (own, documents, sessions, invitations) = futures::join!(
        meent_app::collectives::by_ids(&ctx, &own_ids),
        meent_app::documents::of_dilemma(&ctx, t.dilemma.id),
        meent_app::use_cases::meetings::about_dilemma(&ctx, &t.dilemma),
        meent_app::use_cases::invitations::of_dilemma(&ctx, &ui.reader, t.dilemma.id)
    );
    let invitations: Vec<(String, bool)> = match invitations {
        Ok(list) => list
            .into_iter()
            .map(|i| (i.name.unwrap_or(i.row.invited), i.answered))
            .collect(),
        Err(e) => return problem::failure(&ui, e),
    };
    let sessions = match sessions {
        Ok(rows) => rows
            .into_iter()
            .map(|m| {
                let start = meent_domain::meeting::to_local(m.starts_at, &m.time_zone);
                (m.id, m.title, start)
            })
            .collect(),
        Err(e) => return problem::failure(&ui, e),
    };
    let own: Vec<CollectiveRow> = match own {
        Ok(map) => map.into_values().collect(),
        Err(e) => return problem::failure(&ui, e),
    };
    let documents = match documents {
        Ok(docs) => docs,
        Err(e) => return problem::failure(&ui, e),
    };
    let similar = super::similar::to_dilemma(&ctx, &ui.reader, &t.dilemma);
    let mut solutions = discussions(&t, ui.member());
    // Each document says whether the reader may remove it.
    let item_for = |d: &meent_db::queries::documents::DocumentRow| {
        let mut item = DocumentItem::new(&ctx, d);
        if meent_app::documents::may_remove(&ui.reader, &t.dilemma, d) {
            item.removable = Some(d.id);
        }
        item
    };
    for s in &mut solutions {
        for c in &mut s.solution.confirmed_by {
            c.withdraw_as = c
                .shown
                .local
                .as_ref()
                .filter(|(_, id)| ui.reader.is_member_of(*id))
                .map(|(name, _)| name.clone());
        }
        s.documents = documents
            .iter()
            .filter(|d| d.reply_id == Some(s.solution.id))
            .map(item_for)
            .collect();
    }
    let documents: Vec<DocumentItem> = documents
        .iter()
        .filter(|d| d.reply_id.is_none())
        .map(item_for)
        .collect();
    let json_ld = qapage::json_ld(&ctx, &t);
    let own_for_sessions: Vec<CollectiveRow> = own
        .iter()
        .filter(|c| {
            t.dilemma.visibility == "public"
                && c.kind == meent_domain::CollectiveKind::SupportOrganisation.as_str()
                && ui.reader.coordinates(c.id)
        })
        .cloned()
        .collect();
    let may_invite = t.dilemma.visibility == "public"
        && ui.signed_in()
        && (ui.reader.coordinates(t.dilemma.collective_id) || !own_for_sessions.is_empty());
    // Suggestions are help, not the page: if the index cannot answer, the page still shows.
    let suggestions = if may_invite {
        meent_app::use_cases::suggestions::for_dilemma(&ctx, &ui.reader, t.dilemma.id)
            .await
            .inspect_err(|e| tracing::info!(error = %e, "no suggestions for the dilemma page"))
            .ok()
            .filter(|s| !s.collectives.is_empty() || !s.people.is_empty())
    } else {
        None
    };
    let network_suggestions = if may_invite && q.suggest == "network" {
        meent_app::use_cases::suggestions::network(&ctx, &ui.reader, t.dilemma.id)
            .await
            .inspect_err(|e| tracing::info!(error = %e, "no network suggestions"))
            .ok()
    } else {
        None
    };
    let d = &t.dilemma;
    let page = DilemmaPage {
        ui: &ui,
        id: d.id,
        title: d.title.clone(),
        content: d.content.clone(),
        lang: language_tag(&d.language),
        solved_by: solved_by(&t),
        status: d.status.clone(),
        visibility: d.visibility.clone(),
        collective_link: if t.collective.local {
            format!("/c/{}", t.collective.name)
        } else {
            t.collective.ap_id.clone()
        },
        collective: t.collective.clone(),
        author: t.author.display_name.clone(),
        author_handle: handle(&t.author),
        published: d.published,
        themes: split(&d.themes),
        hashtags: split(&d.hashtags),
        facets: facet_rows(&ui, &d.facets),
        likes: t.likes,
        liked: t.liked,
        solutions,
        may_manage: d.local && ui.reader.may_manage(d),
        may_moderate: ui.reader.coordinates(d.collective_id),
        may_answer: ui.signed_in() && d.status != "closed",
        confirm_for: own
            .iter()
            .filter(|c| c.id != d.collective_id)
            .cloned()
            .collect(),
        own_collectives: own,
        json_ld,
        similar,
        documents,
        document_kinds: DocumentKind::ALL.iter().map(|k| k.as_str()).collect(),
        licences: Licence::ALL.iter().map(|l| l.as_str()).collect(),
        sessions,
        may_invite,
        suggestions,
        network_suggestions,
        invitations,
        organise_for: own_for_sessions,
        ap_id: d.ap_id.clone(),
    };
    problem::render(StatusCode::OK, &page)
}

/// `language` as an HTML `lang` value: a plain language tag (`nl`, `en`, `pt-BR`), not
/// `und` or whatever else another server sent.
fn language_tag(language: &str) -> Option<String> {
    let l = language.trim();
    let plain = !l.is_empty()
        && l.len() <= 12
        && l.split('-')
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && l.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    (plain && !l.eq_ignore_ascii_case("und")).then(|| l.to_owned())
}

#[cfg(test)]
mod language_tests {
    use super::language_tag;

    #[test]
    fn only_plain_language_tags_become_lang() {
        assert_eq!(language_tag("nl").as_deref(), Some("nl"));
        assert_eq!(language_tag("pt-BR").as_deref(), Some("pt-BR"));
        for bad in [
            "",
            "und",
            "nl\" onmouseover=\"x",
            "123",
            "a-",
            "abcdefghijklmnop",
        ] {
            assert_eq!(language_tag(bad), None, "{bad}");
        }
    }
}
