//! Learning programmes: ordered paths through dilemmas, solutions, documents and sessions on
//! any instance, curated by the coordinators of a support organisation. Each change is one
//! transaction with the outbox row that tells the followers. Following a programme and the
//! progress per step are in `programme_follows`.

use crate::{
    AppContext, AppError, Resolved, outbox::enqueue, search_log, text, urls::Urls,
    use_cases::access::Reader,
};
use meent_db::{
    Conn,
    queries::{
        collectives::{self, CollectiveRow},
        dilemmas, documents, meetings,
        programme_followers::{self as followers, ProgressRow},
        programmes::{self, ProgrammeForm, ProgrammeRow, StepRow},
        replies,
    },
};
use meent_domain::{CollectiveKind, OutboundActivity, Theme, Verb};
use url::Url;

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 20_000;
/// A step's text: a sentence or two.
pub const MAX_STEP_TEXT: usize = 500;
pub const MAX_STEPS: usize = 30;

/// One step as the curator fills it in: a short text and the address of what it points at.
#[derive(Debug, Clone)]
pub struct StepInput {
    pub text: String,
    pub target: String,
}

/// A programme as its curator fills it in.
#[derive(Debug, Clone)]
pub struct ProgrammeInput {
    pub title: String,
    /// Markdown.
    pub description: String,
    pub themes: Vec<String>,
    pub steps: Vec<StepInput>,
}

/// What a step points at, as far as it is stored here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Dilemma,
    Solution,
    Document,
    Session,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Dilemma => "dilemma",
            TargetKind::Solution => "solution",
            TargetKind::Document => "document",
            TargetKind::Session => "session",
        }
    }
}

/// A step with what it points at, when that is stored here.
#[derive(Debug, Clone)]
pub struct StepView {
    pub row: StepRow,
    pub kind: Option<TargetKind>,
    /// Its title as stored here (never as the programme's server says).
    pub title: Option<String>,
    /// Where this instance shows it (a path), when it does.
    pub path: Option<String>,
}

/// A following collective with its progress per step.
#[derive(Debug, Clone)]
pub struct FollowerView {
    pub collective: CollectiveRow,
    pub accepted: bool,
    pub progress: Vec<ProgressRow>,
}

/// A programme with what a page or the API shows of it.
#[derive(Debug, Clone)]
pub struct ProgrammeView {
    pub programme: ProgrammeRow,
    pub owner: CollectiveRow,
    pub steps: Vec<StepView>,
    /// The reader coordinates the owning collective (on its own instance).
    pub can_manage: bool,
    /// For the curator every following collective; for others their own collectives'.
    pub followers: Vec<FollowerView>,
    /// The reader's local collectives that may follow it (and do not yet).
    pub may_follow: Vec<CollectiveRow>,
}

fn parse_url(s: &str) -> Result<Url, AppError> {
    Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")))
}

/// The description, themes and steps checked; themes as ids.
fn checked(input: &ProgrammeInput) -> Result<String, AppError> {
    let title = input.title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(AppError::Invalid(format!(
            "a programme needs a title of 1 to {MAX_TITLE} characters"
        )));
    }
    if input.description.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::Invalid(format!(
            "the description has more than {MAX_DESCRIPTION} characters"
        )));
    }
    let mut themes: Vec<&'static str> = Vec::new();
    for t in input
        .themes
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        let id = t.parse::<Theme>()?.id();
        if !themes.contains(&id) {
            themes.push(id);
        }
    }
    let steps = input
        .steps
        .iter()
        .filter(|s| !s.text.trim().is_empty() || !s.target.trim().is_empty());
    let mut count = 0;
    for step in steps {
        count += 1;
        let len = step.text.trim().chars().count();
        if len == 0 || len > MAX_STEP_TEXT {
            return Err(AppError::Invalid(format!(
                "step {count}: a step has a text of 1 to {MAX_STEP_TEXT} characters"
            )));
        }
        if step.target.trim().is_empty() {
            return Err(AppError::Invalid(format!(
                "step {count}: a step points at a dilemma, solution, document or session"
            )));
        }
    }
    if count == 0 || count > MAX_STEPS {
        return Err(AppError::Invalid(format!(
            "a programme has 1 to {MAX_STEPS} steps"
        )));
    }
    Ok(themes.join(","))
}

/// What `url` names among the things stored here: its kind, title and path on this
/// instance. Only public dilemmas (and their solutions and documents) count: a programme
/// is public.
pub async fn stored_target(
    ctx: &AppContext,
    c: &mut Conn<'_>,
    url: &str,
) -> Result<Option<(TargetKind, String, String)>, AppError> {
    let public = |d: &meent_db::queries::dilemmas::DilemmaRow| {
        d.visibility == meent_domain::Visibility::Public.as_str()
    };
    if let Some(d) = dilemmas::by_ap_id(c, url).await? {
        return Ok(public(&d).then(|| (TargetKind::Dilemma, d.title, format!("/d/{}", d.id))));
    }
    if let Some(m) = meetings::by_ap_id(c, url).await? {
        return Ok((!m.deleted).then(|| (TargetKind::Session, m.title, format!("/m/{}", m.id))));
    }
    if let Some(r) = replies::by_ap_id(c, url).await? {
        let Some(d) = dilemmas::by_id(c, r.dilemma_id).await?.filter(public) else {
            return Ok(None);
        };
        if r.deleted {
            return Ok(None);
        }
        let words: String = text::text(&meent_search::plain_text(&r.content), 80);
        let title = format!("{} — {words}", d.title);
        return Ok(Some((
            TargetKind::Solution,
            title,
            format!("/d/{}#solution-{}", d.id, r.id),
        )));
    }
    let document = match Url::parse(url)
        .ok()
        .and_then(|u| ctx.urls().local_document_id(&u))
    {
        Some(id) => documents::by_id(c, id).await?,
        None => documents::by_url(c, url).await?,
    };
    if let Some(doc) = document {
        let Some(d) = dilemmas::by_id(c, doc.dilemma_id).await?.filter(public) else {
            return Ok(None);
        };
        let path = if doc.local {
            format!("/documents/{}/{}", doc.id, doc.file_name)
        } else {
            format!("/d/{}", d.id)
        };
        return Ok(Some((TargetKind::Document, doc.title, path)));
    }
    Ok(None)
}

/// Each step's target made canonical: found here, or fetched from its instance (a
/// dilemma, solution or session); a document must belong to a thread known here.
async fn resolved_steps(
    ctx: &AppContext,
    reader: &Reader,
    input: &ProgrammeInput,
) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    for step in input
        .steps
        .iter()
        .filter(|s| !s.text.trim().is_empty() || !s.target.trim().is_empty())
    {
        let raw = step.target.trim();
        let url = match Url::parse(raw) {
            Ok(u) if matches!(u.scheme(), "https" | "http") => u,
            _ => {
                return Err(AppError::Invalid(format!(
                    "{raw} is not a web address (https://…)"
                )));
            }
        };
        let known = {
            let mut conn = ctx.db.get().await?;
            stored_target(ctx, &mut conn.conn(), url.as_str()).await?
        };
        let target = if known.is_some() {
            url.to_string()
        } else {
            let found = crate::use_cases::search::resolve(ctx, reader, url.as_str())
                .await
                .map_err(|_| not_a_target(raw))?;
            let id = match found {
                Resolved::Dilemma(d) => d.ap_id,
                Resolved::Reply(r) => r.ap_id,
                Resolved::Meeting(m) => m.ap_id,
                _ => return Err(not_a_target(raw)),
            };
            let mut conn = ctx.db.get().await?;
            if stored_target(ctx, &mut conn.conn(), &id).await?.is_none() {
                return Err(not_a_target(raw));
            }
            id
        };
        out.push((text::text(&step.text, MAX_STEP_TEXT), target));
    }
    Ok(out)
}

fn not_a_target(raw: &str) -> AppError {
    AppError::Invalid(format!(
        "{raw} is not a public dilemma, solution, document or session Meent can find"
    ))
}

/// `collective` when it is a support organisation the reader coordinates.
fn may_curate(reader: &Reader, collective: CollectiveRow) -> Result<CollectiveRow, AppError> {
    if !reader.coordinates(collective.id) {
        return Err(AppError::Forbidden(
            "only coordinators of the collective curate its programmes",
        ));
    }
    if collective.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "learning programmes are curated by support organisations",
        ));
    }
    Ok(collective)
}

fn programme_activity(
    ctx: &AppContext,
    verb: Verb,
    collective: &CollectiveRow,
    programme: &ProgrammeRow,
) -> Result<OutboundActivity, AppError> {
    let kind = match verb {
        Verb::Create => "create",
        Verb::Update => "update",
        Verb::Delete => "delete",
    };
    Ok(OutboundActivity::Programme {
        id: ctx.urls().new_activity(kind),
        verb,
        actor: parse_url(&collective.ap_id)?,
        object: parse_url(&programme.ap_id)?,
    })
}

/// A coordinator of a local support organisation creates a programme.
pub async fn create(
    ctx: &AppContext,
    reader: &Reader,
    collective_name: &str,
    input: ProgrammeInput,
) -> Result<ProgrammeRow, AppError> {
    reader.require_member()?;
    let themes = checked(&input)?;
    {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        let collective = collectives::local_by_name(c, collective_name)
            .await?
            .ok_or(AppError::NotFound("collective"))?;
        may_curate(reader, collective)?;
    }
    // Fetched before the transaction: a remote target may take a while.
    let steps = resolved_steps(ctx, reader, &input).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let collective = collectives::local_by_name(c, collective_name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let collective = may_curate(reader, collective)?;
    let form = ProgrammeForm {
        ap_id: Urls::provisional(),
        local: true,
        collective_id: collective.id,
        title: input.title.trim().to_owned(),
        content: text::markdown(&input.description),
        source: input.description,
        themes,
        published: now,
        updated: None,
    };
    let row = programmes::upsert(c, &form, now).await?;
    let row = programmes::set_ap_id(c, row.id, ctx.urls().programme(row.id).as_str()).await?;
    programmes::set_steps(c, row.id, &steps).await?;
    search_log::programme_changed(c, row.id).await?;
    enqueue(
        c,
        &programme_activity(ctx, Verb::Create, &collective, &row)?,
    )
    .await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A local programme, not deleted.
async fn local_programme(c: &mut Conn<'_>, id: i64) -> Result<ProgrammeRow, AppError> {
    programmes::by_id(c, id)
        .await?
        .filter(|p| p.local && !p.deleted)
        .ok_or(AppError::NotFound("programme"))
}

/// The curator changes a programme (its steps too): followers receive the `Update`.
pub async fn edit(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    input: ProgrammeInput,
) -> Result<ProgrammeRow, AppError> {
    reader.require_member()?;
    let themes = checked(&input)?;
    let steps = resolved_steps(ctx, reader, &input).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let old = local_programme(c, id).await?;
    let collective = collectives::by_id(c, old.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let collective = may_curate(reader, collective)?;
    let form = ProgrammeForm {
        ap_id: old.ap_id.clone(),
        local: true,
        collective_id: collective.id,
        title: input.title.trim().to_owned(),
        content: text::markdown(&input.description),
        source: input.description,
        themes,
        published: old.published,
        updated: Some(now),
    };
    let row = programmes::upsert(c, &form, now).await?;
    programmes::set_steps(c, row.id, &steps).await?;
    search_log::programme_changed(c, row.id).await?;
    enqueue(
        c,
        &programme_activity(ctx, Verb::Update, &collective, &row)?,
    )
    .await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The curator deletes a programme: followers receive the `Delete`.
pub async fn delete(ctx: &AppContext, reader: &Reader, id: i64) -> Result<(), AppError> {
    reader.require_member()?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let row = local_programme(c, id).await?;
    let collective = collectives::by_id(c, row.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let collective = may_curate(reader, collective)?;
    programmes::mark_deleted(c, row.id, now).await?;
    search_log::programme_changed(c, row.id).await?;
    enqueue(
        c,
        &programme_activity(ctx, Verb::Delete, &collective, &row)?,
    )
    .await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A programme, not deleted.
pub async fn get(ctx: &AppContext, id: i64) -> Result<ProgrammeRow, AppError> {
    let mut conn = ctx.db.get().await?;
    programmes::by_id(&mut conn.conn(), id)
        .await?
        .filter(|p| !p.deleted)
        .ok_or(AppError::NotFound("programme"))
}

/// A programme with its steps, and the progress the reader may see.
pub async fn view(ctx: &AppContext, reader: &Reader, id: i64) -> Result<ProgrammeView, AppError> {
    let programme = get(ctx, id).await?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let owner = collectives::by_id(c, programme.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let mut steps = Vec::new();
    for row in programmes::steps_of(c, programme.id).await? {
        let found = stored_target(ctx, c, &row.target).await?;
        steps.push(StepView {
            kind: found.as_ref().map(|f| f.0),
            title: found.as_ref().map(|f| f.1.clone()),
            path: found.map(|f| f.2),
            row,
        });
    }
    let can_manage = programme.local && reader.coordinates(programme.collective_id);
    let progress = followers::progress_of(c, programme.id).await?;
    let mut shown = Vec::new();
    for f in followers::of_programme(c, programme.id).await? {
        if !(can_manage || reader.is_member_of(f.collective_id)) {
            continue;
        }
        let Some(collective) = collectives::by_id(c, f.collective_id).await? else {
            continue;
        };
        shown.push(FollowerView {
            collective,
            accepted: f.accepted,
            progress: progress
                .iter()
                .filter(|p| p.collective_id == f.collective_id)
                .cloned()
                .collect(),
        });
    }
    let own_ids: Vec<i64> = reader.memberships.iter().map(|(id, _)| *id).collect();
    let may_follow = collectives::by_ids(c, &own_ids)
        .await?
        .into_iter()
        .filter(|o| o.local && o.id != programme.collective_id)
        .filter(|o| !shown.iter().any(|f| f.collective.id == o.id))
        .collect();
    Ok(ProgrammeView {
        programme,
        owner,
        steps,
        can_manage,
        followers: shown,
        may_follow,
    })
}

/// The programmes a collective owns, newest first.
pub async fn of_collective(
    ctx: &AppContext,
    collective: &CollectiveRow,
) -> Result<Vec<ProgrammeRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(programmes::of_collective(&mut conn.conn(), collective.id).await?)
}

/// A programme from another instance as received: stored (or replaced) with its steps.
pub async fn store_remote(
    ctx: &AppContext,
    form: ProgrammeForm,
    steps: Vec<(String, String)>,
) -> Result<ProgrammeRow, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let row = programmes::upsert(c, &form, now).await?;
    programmes::set_steps(c, row.id, &steps).await?;
    search_log::programme_changed(c, row.id).await?;
    tx.commit().await?;
    Ok(row)
}

/// A programme deleted by its owner elsewhere.
pub async fn delete_remote(ctx: &AppContext, programme: &ProgrammeRow) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    programmes::mark_deleted(&mut tx.conn(), programme.id, meent_db::now()).await?;
    search_log::programme_changed(&mut tx.conn(), programme.id).await?;
    tx.commit().await?;
    Ok(())
}
