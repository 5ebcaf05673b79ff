//! What the dilemma endpoints return and take.

use meent_app::use_cases::thread::{ReplyView, Thread};
use meent_db::queries::{confirmations::ConfirmationRow, dilemmas::DilemmaRow, replies::ReplyRow};
use meent_domain::{ContextFacets, Theme, Visibility};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::{Collective, Member};

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn facets(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_default()
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ThemeInfo {
    pub id: String,
    pub label_nl: String,
    pub label_en: String,
}

impl From<Theme> for ThemeInfo {
    fn from(t: Theme) -> Self {
        ThemeInfo {
            id: t.id().into(),
            label_nl: t.label_nl().into(),
            label_en: t.label_en().into(),
        }
    }
}

/// A dilemma as listed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Dilemma {
    pub id: i64,
    pub url: String,
    pub local: bool,
    pub title: String,
    /// Markdown as written (empty for dilemmas from servers that send only HTML).
    pub source: String,
    /// Sanitised HTML.
    pub content: String,
    pub language: String,
    /// `public`, `followers` or `internal`.
    pub visibility: String,
    /// `open`, `solved` or `closed`.
    pub status: String,
    pub themes: Vec<String>,
    pub hashtags: Vec<String>,
    #[schema(value_type = Object)]
    pub facets: serde_json::Value,
    /// RFC 3339, in UTC.
    pub published: chrono::DateTime<chrono::Utc>,
    /// RFC 3339, in UTC.
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<DilemmaRow> for Dilemma {
    fn from(d: DilemmaRow) -> Self {
        Dilemma {
            id: d.id,
            url: d.ap_id,
            local: d.local,
            title: d.title,
            source: d.source,
            content: d.content,
            language: d.language,
            visibility: d.visibility,
            status: d.status,
            themes: list(&d.themes),
            hashtags: list(&d.hashtags),
            facets: facets(&d.facets),
            published: d.published.and_utc(),
            updated: d.updated.map(|t| t.and_utc()),
        }
    }
}

/// A solution or comment.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Reply {
    pub id: i64,
    pub url: String,
    /// `solution` or `comment`.
    pub kind: String,
    pub dilemma_id: i64,
    /// For comments: the solution or comment it answers.
    pub parent_id: Option<i64>,
    /// The collective the author speaks for (its URL), if any.
    pub speaks_for: Option<String>,
    pub source: String,
    pub content: String,
    pub from_experience: bool,
    pub accepted: bool,
    /// RFC 3339, in UTC.
    pub published: chrono::DateTime<chrono::Utc>,
    /// RFC 3339, in UTC.
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
    /// Proposed at this session (its URL): a candidate from the session's outcome.
    pub from_session: Option<String>,
    /// A content warning its server put on it (Mastodon's `summary`); `⚠` for one
    /// without words.
    pub content_warning: Option<String>,
    /// The language its server says it is in (`nl`, `en`, ...); absent when not said.
    pub language: Option<String>,
}

impl From<ReplyRow> for Reply {
    fn from(r: ReplyRow) -> Self {
        Reply {
            id: r.id,
            url: r.ap_id,
            kind: r.kind,
            dilemma_id: r.dilemma_id,
            parent_id: r.parent_id,
            speaks_for: r.speaks_for,
            source: r.source,
            content: r.content,
            from_experience: r.from_experience,
            accepted: r.accepted,
            published: r.published.and_utc(),
            updated: r.updated.map(|t| t.and_utc()),
            from_session: r.from_meeting,
            content_warning: Some(r.content_warning).filter(|w| !w.is_empty()),
            language: Some(r.language).filter(|l| !l.is_empty()),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyInThread {
    #[serde(flatten)]
    pub reply: Reply,
    pub author: Member,
    pub confirmations: i64,
    pub likes: i64,
    /// The name of the collective in `speaks_for`, when it is known here.
    pub speaks_for_name: Option<String>,
    /// Each confirmation: the collective and its own account of how it worked.
    pub confirmed_by: Vec<ConfirmedBy>,
}

/// A collective's confirmation that a solution worked for them.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConfirmedBy {
    /// Its name as people read it (its URL when the collective is not known here).
    pub collective: String,
    pub collective_url: String,
    /// "Hoe werkte het bij jullie?", as they wrote it (sanitised HTML).
    pub account: String,
}

impl From<ReplyView> for ReplyInThread {
    fn from(v: ReplyView) -> Self {
        ReplyInThread {
            reply: v.reply.into(),
            author: v.author.into(),
            confirmations: v.confirmations,
            likes: v.likes,
            speaks_for_name: v.speaks_for.map(|c| c.display_name),
            confirmed_by: v
                .confirmed_by
                .into_iter()
                .map(|c| ConfirmedBy {
                    collective: c.collective,
                    collective_url: c.collective_url,
                    account: c.account,
                })
                .collect(),
        }
    }
}

/// A dilemma with its whole thread.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DilemmaThread {
    pub dilemma: Dilemma,
    pub collective: Collective,
    pub author: Member,
    pub likes: i64,
    /// Accepted first, then most confirmed, then newest.
    pub solutions: Vec<ReplyInThread>,
    pub comments: Vec<ReplyInThread>,
    /// The documents of the dilemma and of its solutions.
    pub documents: Vec<super::Document>,
}

impl From<Thread> for DilemmaThread {
    fn from(t: Thread) -> Self {
        DilemmaThread {
            dilemma: t.dilemma.into(),
            collective: t.collective.into(),
            author: t.author.into(),
            likes: t.likes,
            solutions: t.solutions.into_iter().map(Into::into).collect(),
            comments: t.comments.into_iter().map(Into::into).collect(),
            documents: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DilemmaInput {
    pub title: String,
    /// Markdown.
    pub body: String,
    /// Theme ids (see `/api/v1/themes`); at least one.
    pub themes: Vec<String>,
    #[serde(default)]
    pub hashtags: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub facets: ContextFacets,
    #[serde(default = "default_language")]
    pub language: String,
    /// `public`, `followers` or `internal`. Left out: `public` for a new dilemma, unchanged
    /// when editing one (an edit never widens who may read it unasked).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub visibility: Option<Visibility>,
}

fn default_language() -> String {
    "nl".into()
}

impl From<DilemmaInput> for meent_app::use_cases::dilemmas::DilemmaInput {
    fn from(i: DilemmaInput) -> Self {
        meent_app::use_cases::dilemmas::DilemmaInput {
            title: i.title,
            body: i.body,
            themes: i.themes,
            hashtags: i.hashtags,
            facets: i.facets,
            language: i.language,
            visibility: i.visibility,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SolutionInput {
    pub body: String,
    #[serde(default)]
    pub from_experience: bool,
    /// Handle of your collective you answer for.
    #[serde(default)]
    pub speaks_for: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TextInput {
    pub body: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AcceptInput {
    /// The solutions that worked: exactly these become accepted.
    pub solution_ids: Vec<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConfirmationInput {
    /// Handle of your collective that confirms.
    pub collective: String,
    /// How it worked for you.
    pub account: String,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub facets: ContextFacets,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Confirmation {
    pub id: i64,
    pub url: String,
    pub solution_id: i64,
    /// The confirming collective's URL.
    pub collective: String,
    pub account: String,
    #[schema(value_type = Object)]
    pub facets: serde_json::Value,
    /// RFC 3339, in UTC.
    pub published: chrono::DateTime<chrono::Utc>,
}

impl From<ConfirmationRow> for Confirmation {
    fn from(c: ConfirmationRow) -> Self {
        Confirmation {
            id: c.id,
            url: c.ap_id,
            solution_id: c.solution_id,
            collective: c.collective,
            account: c.account,
            facets: facets(&c.facets),
            published: c.published.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LikeCount {
    pub likes: i64,
}

/// Empty text values (`?status=`, as an HTML form sends them) count as absent.
#[serde_with::serde_as]
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ListQuery {
    /// Only this local collective's dilemmas (handle).
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub collective: Option<String>,
    /// `open`, `solved` or `closed`.
    #[serde_as(as = "serde_with::NoneAsEmptyString")]
    #[serde(default)]
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}
