//! Dilemmas: write, edit, delete, read, list, and the acceptance of solutions.

use crate::use_cases::mentions::{self, Mentioned};
use crate::{
    AppContext, AppError,
    outbox::enqueue_in_thread,
    search_log, text,
    urls::Urls,
    use_cases::access::{Reader, require_membership, visible},
};
use meent_db::queries::{
    collectives::{self, CollectiveRow},
    dilemmas::{self, DilemmaForm, DilemmaRow, ListFilter},
    members::MemberRow,
    replies,
};
use meent_domain::{ContextFacets, DilemmaStatus, Theme, Verb, Visibility, mention::mentions_in};

const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 50_000;
const MAX_HASHTAGS: usize = 10;
const MAX_HASHTAG: usize = 50;

/// What a member writes.
#[derive(Debug, Clone)]
pub struct DilemmaInput {
    pub title: String,
    /// Markdown.
    pub body: String,
    pub themes: Vec<String>,
    pub hashtags: Vec<String>,
    pub facets: ContextFacets,
    pub language: String,
    /// `None`: public for a new dilemma, unchanged for an edit.
    pub visibility: Option<Visibility>,
}

/// The checked, stored form of the parts of a dilemma a member writes.
struct Checked {
    title: String,
    source: String,
    content: String,
    themes: String,
    hashtags: String,
    facets: String,
    language: String,
}

fn check(input: &DilemmaInput) -> Result<Checked, AppError> {
    let title = text::text(&input.title, MAX_TITLE + 1);
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(AppError::Invalid(format!(
            "a title needs 1 to {MAX_TITLE} characters"
        )));
    }
    if input.body.chars().count() > MAX_BODY {
        return Err(AppError::Invalid(format!(
            "the text has more than {MAX_BODY} characters"
        )));
    }
    let mut themes: Vec<&'static str> = Vec::new();
    for t in &input.themes {
        let id = t.parse::<Theme>()?.id();
        if !themes.contains(&id) {
            themes.push(id);
        }
    }
    if themes.is_empty() {
        return Err(AppError::Invalid("choose at least one theme".into()));
    }
    let mut hashtags: Vec<String> = Vec::new();
    for h in &input.hashtags {
        let tag = h.trim().trim_start_matches('#').to_lowercase();
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_HASHTAG
            || !tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(AppError::Invalid(format!(
                "a hashtag holds letters, digits and _ only, at most {MAX_HASHTAG}: {h:?}"
            )));
        }
        if !hashtags.contains(&tag) {
            hashtags.push(tag);
        }
    }
    if hashtags.len() > MAX_HASHTAGS {
        return Err(AppError::Invalid(format!(
            "at most {MAX_HASHTAGS} hashtags"
        )));
    }
    let language = input.language.trim().to_ascii_lowercase();
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(AppError::Invalid(
            "language must be a language code such as nl or en".into(),
        ));
    }
    if input
        .facets
        .municipality
        .as_ref()
        .is_some_and(|m| m.chars().count() > 100)
    {
        return Err(AppError::Invalid(
            "the municipality name is too long".into(),
        ));
    }
    let facets = serde_json::to_string(&input.facets)
        .map_err(|e| AppError::Internal(format!("facets: {e}")))?;
    Ok(Checked {
        title,
        content: text::markdown(&input.body),
        source: input.body.clone(),
        themes: themes.join(","),
        hashtags: hashtags.join(","),
        facets,
        language,
    })
}

/// A member of the local collective `collective_name` posts a dilemma.
pub async fn create(
    ctx: &AppContext,
    reader: &Reader,
    collective_name: &str,
    input: DilemmaInput,
) -> Result<DilemmaRow, AppError> {
    let author = reader.require_member()?;
    let collective = collectives::local_by_name(&mut ctx.db.get().await?.conn(), collective_name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    require_membership(reader, &collective)?;
    let mut checked = check(&input)?;
    let mentioned = with_mentions(ctx, &mut checked).await;
    let now = meent_db::now();
    let form = DilemmaForm {
        ap_id: Urls::provisional(),
        local: true,
        collective_id: collective.id,
        author_id: author.id,
        title: checked.title,
        source: checked.source,
        content: checked.content,
        language: checked.language,
        visibility: input
            .visibility
            .unwrap_or(Visibility::Public)
            .as_str()
            .to_owned(),
        status: DilemmaStatus::Open.as_str().to_owned(),
        themes: checked.themes,
        hashtags: checked.hashtags,
        facets: checked.facets,
        published: now,
        updated: None,
        context_url: None,
    };
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let row = dilemmas::upsert(c, &form, now).await?;
    let row = dilemmas::set_ap_id(c, row.id, ctx.urls().dilemma(row.id).as_str()).await?;
    enqueue_in_thread(c, ctx, &row, Verb::Create, &author.ap_id, &row.ap_id).await?;
    tell_mentioned(c, &mentioned, &row, author, "").await?;
    search_log::changed(c, row.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// Looks up the people `checked`'s text mentions (fetching people elsewhere not known
/// yet, before any transaction) and links them in its HTML.
async fn with_mentions(ctx: &AppContext, checked: &mut Checked) -> Vec<Mentioned> {
    let mentioned = mentions::resolve(ctx, &checked.source, true).await;
    checked.content = mentions::link(&checked.content, &mentioned);
    mentioned
}

/// Tells the members of this instance among `mentioned` that `author` mentioned them in
/// `dilemma`, unless `before` (the text as it was) mentioned them already.
async fn tell_mentioned(
    c: &mut meent_db::Conn<'_>,
    mentioned: &[Mentioned],
    dilemma: &DilemmaRow,
    author: &MemberRow,
    before: &str,
) -> Result<(), AppError> {
    let earlier: Vec<String> = mentions_in(before)
        .into_iter()
        .map(|(name, host)| format!("{name}@{host}"))
        .collect();
    for m in mentioned
        .iter()
        .filter(|m| m.member.local && !earlier.contains(&m.handle))
    {
        crate::notifications::mentioned_in_dilemma(c, m.member.id, dilemma, author).await?;
    }
    Ok(())
}

/// The author or a coordinator changes a local dilemma.
pub async fn edit(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    input: DilemmaInput,
) -> Result<DilemmaRow, AppError> {
    let mut checked = check(&input)?;
    let mentioned = with_mentions(ctx, &mut checked).await;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, id).await?)?;
    if !d.local || !reader.may_manage(&d) {
        return Err(AppError::Forbidden(
            "only the author or a coordinator can edit a dilemma",
        ));
    }
    let was = d.visibility.parse::<Visibility>()?;
    let visibility = input.visibility.unwrap_or(was);
    let form = DilemmaForm {
        ap_id: d.ap_id.clone(),
        local: true,
        collective_id: d.collective_id,
        author_id: d.author_id,
        title: checked.title,
        source: checked.source,
        content: checked.content,
        language: checked.language,
        visibility: visibility.as_str().to_owned(),
        status: d.status.clone(),
        themes: checked.themes,
        hashtags: checked.hashtags,
        facets: checked.facets,
        published: d.published,
        updated: Some(now),
        context_url: None,
    };
    let was_federated = was.federates();
    let row = dilemmas::upsert(c, &form, now).await?;
    let actor = actor_id(reader)?;
    match (was_federated, visibility.federates()) {
        // Made internal: the copies elsewhere are withdrawn, as by a deletion (sent as the
        // dilemma was, since an internal one sends nothing).
        (true, false) => enqueue_in_thread(c, ctx, &d, Verb::Delete, actor, &row.ap_id).await?,
        // No longer internal: the followers get it as new.
        (false, true) => enqueue_in_thread(c, ctx, &row, Verb::Create, actor, &row.ap_id).await?,
        _ => enqueue_in_thread(c, ctx, &row, Verb::Update, actor, &row.ap_id).await?,
    }
    tell_mentioned(c, &mentioned, &row, reader.require_member()?, &d.source).await?;
    search_log::changed(c, row.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

fn actor_id(reader: &Reader) -> Result<&str, AppError> {
    Ok(&reader.require_member()?.ap_id)
}

/// The author or a coordinator deletes a local dilemma (its replies go with it).
pub async fn delete(ctx: &AppContext, reader: &Reader, id: i64) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, id).await?)?;
    if !d.local || !reader.may_manage(&d) {
        return Err(AppError::Forbidden(
            "only the author or a coordinator can delete a dilemma",
        ));
    }
    dilemmas::mark_deleted(c, d.id, meent_db::now()).await?;
    enqueue_in_thread(c, ctx, &d, Verb::Delete, actor_id(reader)?, &d.ap_id).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

pub async fn get(ctx: &AppContext, reader: &Reader, id: i64) -> Result<DilemmaRow, AppError> {
    let mut conn = ctx.db.get().await?;
    visible(reader, dilemmas::by_id(&mut conn.conn(), id).await?)
}

/// Dilemmas the reader may see, newest first; of one collective and/or one status.
pub async fn list(
    ctx: &AppContext,
    reader: &Reader,
    collective: Option<&CollectiveRow>,
    status: Option<DilemmaStatus>,
    limit: i64,
    offset: i64,
) -> Result<Vec<DilemmaRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    let visibilities: &[&str] = match collective {
        Some(col) => reader.visibilities(col.id),
        // Across collectives only public ones are listed; "followers" dilemmas are never
        // listed publicly, and per-collective listings show what a reader may see.
        None => &["public"],
    };
    Ok(dilemmas::list(
        &mut conn.conn(),
        ListFilter {
            collective_id: collective.map(|c| c.id),
            status: status.map(DilemmaStatus::as_str),
            visibilities,
            limit: limit.clamp(1, 100),
            offset: offset.max(0),
        },
    )
    .await?)
}

/// Marks exactly `solution_ids` as the accepted solutions of a local dilemma, which makes it
/// solved (or open again when none is left).
pub async fn accept(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    solution_ids: &[i64],
) -> Result<DilemmaRow, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, id).await?)?;
    if !d.local || !reader.may_manage(&d) {
        return Err(AppError::Forbidden(
            "only the author or a coordinator of the collective can accept solutions",
        ));
    }
    let solutions = replies::of_dilemma(c, d.id).await?;
    for sid in solution_ids {
        let ok = solutions
            .iter()
            .any(|s| s.id == *sid && s.kind == replies::SOLUTION && !s.deleted);
        if !ok {
            return Err(AppError::Invalid(format!(
                "{sid} is not a solution of this dilemma"
            )));
        }
    }
    replies::set_accepted_set(c, d.id, solution_ids).await?;
    if let Some(by) = reader.member.as_ref() {
        for s in solutions
            .iter()
            .filter(|s| !s.accepted && solution_ids.contains(&s.id))
        {
            crate::notifications::accepted(c, &d, s, by).await?;
        }
    }
    let accepted = replies::count_accepted(c, d.id).await? as usize;
    let status: DilemmaStatus = d.status.parse()?;
    let now = meent_db::now();
    dilemmas::set_status(
        c,
        d.id,
        status.after_acceptance_change(accepted).as_str(),
        now,
    )
    .await?;
    let row = dilemmas::by_id(c, d.id)
        .await?
        .ok_or(AppError::NotFound("dilemma"))?;
    // Acceptance, closing and reopening travel as an Update of the dilemma, which carries
    // its status and accepted solutions.
    enqueue_in_thread(c, ctx, &row, Verb::Update, actor_id(reader)?, &row.ap_id).await?;
    search_log::changed(c, row.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// Closes a dilemma, or reopens it.
pub async fn set_closed(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    closed: bool,
) -> Result<DilemmaRow, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, id).await?)?;
    if !d.local || !reader.may_manage(&d) {
        return Err(AppError::Forbidden(
            "only the author or a coordinator can close or reopen",
        ));
    }
    let status = if closed {
        DilemmaStatus::Closed
    } else {
        DilemmaStatus::reopened(replies::count_accepted(c, d.id).await? as usize)
    };
    dilemmas::set_status(c, d.id, status.as_str(), meent_db::now()).await?;
    let row = dilemmas::by_id(c, d.id)
        .await?
        .ok_or(AppError::NotFound("dilemma"))?;
    // Acceptance, closing and reopening travel as an Update of the dilemma, which carries
    // its status and accepted solutions.
    enqueue_in_thread(c, ctx, &row, Verb::Update, actor_id(reader)?, &row.ap_id).await?;
    search_log::changed(c, row.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A member's home page: dilemmas of their own collectives and of those they follow,
/// optionally of one theme and/or status, newest first.
pub async fn feed(
    ctx: &AppContext,
    reader: &Reader,
    theme: Option<Theme>,
    status: Option<DilemmaStatus>,
    limit: i64,
    offset: i64,
) -> Result<Vec<DilemmaRow>, AppError> {
    reader.require_member()?;
    let member_of: Vec<i64> = reader.memberships.iter().map(|(id, _)| *id).collect();
    let mut conn = ctx.db.get().await?;
    Ok(dilemmas::feed(
        &mut conn.conn(),
        dilemmas::FeedFilter {
            member_of: &member_of,
            following: &reader.following,
            theme: theme.map(Theme::id),
            status: status.map(DilemmaStatus::as_str),
            limit: limit.clamp(1, 100),
            offset: offset.max(0),
        },
    )
    .await?)
}

/// After an accepted solution of a local dilemma was deleted (by its author, here or
/// elsewhere): the dilemma is solved only while an accepted solution remains, and its
/// followers are told with an Update, as after an acceptance. `by` is who deleted it.
pub(crate) async fn after_solution_removed(
    c: &mut meent_db::Conn<'_>,
    ctx: &AppContext,
    d: &DilemmaRow,
    removed: &replies::ReplyRow,
    by: &str,
) -> Result<(), AppError> {
    if !d.local || !removed.accepted || removed.kind != replies::SOLUTION {
        return Ok(());
    }
    let accepted = replies::count_accepted(c, d.id).await? as usize;
    let status: DilemmaStatus = d.status.parse()?;
    let after = status.after_acceptance_change(accepted);
    if after == status {
        return Ok(());
    }
    dilemmas::set_status(c, d.id, after.as_str(), meent_db::now()).await?;
    let row = dilemmas::by_id(c, d.id)
        .await?
        .ok_or(AppError::NotFound("dilemma"))?;
    enqueue_in_thread(c, ctx, &row, Verb::Update, by, &row.ap_id).await?;
    Ok(())
}
