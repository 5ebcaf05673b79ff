//! Solutions to dilemmas and comments on them.

use crate::{
    AppContext, AppError,
    outbox::enqueue_in_thread,
    search_log, text,
    urls::Urls,
    use_cases::access::{Reader, visible},
};
use meent_db::Conn;
use meent_db::queries::{
    collectives, dilemmas,
    replies::{self, COMMENT, ReplyForm, ReplyRow, SOLUTION},
};
use meent_db::queries::{dilemmas::DilemmaRow, members::MemberRow};
use meent_domain::Verb;

const MAX_BODY: usize = 50_000;

#[derive(Debug, Clone)]
pub struct SolutionInput {
    /// Markdown.
    pub body: String,
    /// Whether it comes from the collective's own experience.
    pub from_experience: bool,
    /// Handle of a local collective the author belongs to and speaks for, if any.
    pub speaks_for: Option<String>,
}

fn check_body(body: &str) -> Result<(), AppError> {
    if body.trim().is_empty() {
        return Err(AppError::Invalid("the text is empty".into()));
    }
    if body.chars().count() > MAX_BODY {
        return Err(AppError::Invalid(format!(
            "the text has more than {MAX_BODY} characters"
        )));
    }
    Ok(())
}

/// What a new local solution or comment consists of.
struct Draft {
    kind: &'static str,
    parent_id: Option<i64>,
    speaks_for: Option<String>,
    /// Markdown.
    body: String,
    from_experience: bool,
    /// The session it was proposed at.
    from_meeting: Option<String>,
    /// The people the text mentions, looked up before the transaction.
    mentioned: Vec<crate::use_cases::mentions::Mentioned>,
}

/// Stores a new local reply in `dilemma`'s thread, gives it its real id and tells the other
/// instances in the thread, all inside the caller's transaction.
async fn insert_new(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    dilemma: &DilemmaRow,
    author: &MemberRow,
    draft: Draft,
) -> Result<ReplyRow, AppError> {
    let now = meent_db::now();
    let form = ReplyForm {
        from_meeting: draft.from_meeting,
        content_warning: String::new(),
        language: String::new(),
        ap_id: Urls::provisional(),
        local: true,
        kind: draft.kind.into(),
        dilemma_id: dilemma.id,
        parent_id: draft.parent_id,
        author_id: author.id,
        speaks_for: draft.speaks_for,
        content: crate::use_cases::mentions::link(&text::markdown(&draft.body), &draft.mentioned),
        source: draft.body,
        from_experience: draft.from_experience,
        published: now,
        updated: None,
    };
    let row = replies::upsert(c, &form, now).await?;
    let row = replies::set_ap_id(c, row.id, ctx.urls().reply(row.id).as_str()).await?;
    enqueue_in_thread(c, ctx, dilemma, Verb::Create, &author.ap_id, &row.ap_id).await?;
    let local: Vec<i64> = draft
        .mentioned
        .iter()
        .filter(|m| m.member.local)
        .map(|m| m.member.id)
        .collect();
    crate::use_cases::mentions::notify(c, &local, &row, author).await?;
    Ok(row)
}

/// A solution proposed at the session `meeting` (a candidate from its outcome), written by
/// `author` for the organising collective, inside the caller's transaction.
pub(crate) async fn add_from_meeting(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    dilemma: &DilemmaRow,
    author: &MemberRow,
    organiser: &str,
    body: String,
    meeting: &str,
) -> Result<ReplyRow, AppError> {
    check_body(&body)?;
    let row = insert_new(
        c,
        ctx,
        dilemma,
        author,
        Draft {
            kind: SOLUTION,
            parent_id: None,
            speaks_for: Some(organiser.to_owned()),
            body,
            from_experience: false,
            from_meeting: Some(meeting.to_owned()),
            mentioned: Vec::new(),
        },
    )
    .await?;
    crate::notifications::new_solution(c, dilemma, &row, author).await?;
    search_log::changed(c, dilemma.id).await?;
    Ok(row)
}

/// A member answers a dilemma they can see.
pub async fn add_solution(
    ctx: &AppContext,
    reader: &Reader,
    dilemma_id: i64,
    input: SolutionInput,
) -> Result<ReplyRow, AppError> {
    let author = reader.require_member()?;
    check_body(&input.body)?;
    let mentioned = crate::use_cases::mentions::resolve(ctx, &input.body, true).await;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, dilemma_id).await?)?;
    let speaks_for = match input.speaks_for.as_deref().filter(|s| !s.is_empty()) {
        Some(name) => {
            let col = collectives::local_by_name(c, name)
                .await?
                .ok_or(AppError::NotFound("collective"))?;
            if !reader.is_member_of(col.id) {
                return Err(AppError::Forbidden(
                    "you can only speak for your own collectives",
                ));
            }
            Some(col.ap_id)
        }
        None => None,
    };
    let row = insert_new(
        c,
        ctx,
        &d,
        author,
        Draft {
            kind: SOLUTION,
            parent_id: None,
            speaks_for,
            body: input.body,
            from_experience: input.from_experience,
            from_meeting: None,
            mentioned,
        },
    )
    .await?;
    crate::notifications::new_solution(c, &d, &row, author).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A member comments on a solution or on another comment.
pub async fn add_comment(
    ctx: &AppContext,
    reader: &Reader,
    parent_id: i64,
    body: String,
) -> Result<ReplyRow, AppError> {
    let author = reader.require_member()?;
    check_body(&body)?;
    let mentioned = crate::use_cases::mentions::resolve(ctx, &body, true).await;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let parent = replies::by_id(c, parent_id)
        .await?
        .filter(|r| !r.deleted)
        .ok_or(AppError::NotFound("solution or comment"))?;
    let d = visible(reader, dilemmas::by_id(c, parent.dilemma_id).await?)?;
    let row = insert_new(
        c,
        ctx,
        &d,
        author,
        Draft {
            kind: COMMENT,
            parent_id: Some(parent.id),
            speaks_for: None,
            body,
            from_experience: false,
            from_meeting: None,
            mentioned,
        },
    )
    .await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The author changes the text of their solution or comment.
pub async fn edit(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    body: String,
) -> Result<ReplyRow, AppError> {
    let author = reader.require_member()?;
    check_body(&body)?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let r = replies::by_id(c, id)
        .await?
        .filter(|r| !r.deleted)
        .ok_or(AppError::NotFound("solution or comment"))?;
    let d = visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
    if !r.local || r.author_id != author.id {
        return Err(AppError::Forbidden("only the author can edit this"));
    }
    let form = ReplyForm {
        from_meeting: None,
        content_warning: String::new(),
        language: String::new(),
        ap_id: r.ap_id.clone(),
        local: true,
        kind: r.kind.clone(),
        dilemma_id: r.dilemma_id,
        parent_id: r.parent_id,
        author_id: r.author_id,
        speaks_for: r.speaks_for.clone(),
        content: text::markdown(&body),
        source: body,
        from_experience: r.from_experience,
        published: r.published,
        updated: Some(now),
    };
    let row = replies::upsert(c, &form, now).await?;
    enqueue_in_thread(c, ctx, &d, Verb::Update, &author.ap_id, &row.ap_id).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The author, or a coordinator of the dilemma's collective, deletes a solution or comment.
pub async fn delete(ctx: &AppContext, reader: &Reader, id: i64) -> Result<(), AppError> {
    let member = reader.require_member()?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let r = replies::by_id(c, id)
        .await?
        .filter(|r| !r.deleted)
        .ok_or(AppError::NotFound("solution or comment"))?;
    let d = visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
    let own = r.local && r.author_id == member.id;
    if !own && !reader.coordinates(d.collective_id) {
        return Err(AppError::Forbidden(
            "only the author or a coordinator can delete this",
        ));
    }
    replies::mark_deleted(c, r.id, meent_db::now()).await?;
    enqueue_in_thread(c, ctx, &d, Verb::Delete, &member.ap_id, &r.ap_id).await?;
    super::dilemmas::after_solution_removed(c, ctx, &d, &r, &member.ap_id).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A solution or comment the reader may see.
pub async fn get(ctx: &AppContext, reader: &Reader, id: i64) -> Result<ReplyRow, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let r = replies::by_id(c, id)
        .await?
        .filter(|r| !r.deleted)
        .ok_or(AppError::NotFound("solution or comment"))?;
    visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
    Ok(r)
}
