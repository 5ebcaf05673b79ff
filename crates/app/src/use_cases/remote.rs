//! Storing what other instances send about dilemmas, and forwarding it to the followers of
//! the local collective whose thread it belongs to — in one transaction each.

use crate::{AppContext, AppError, outbox::enqueue, search_log};
use chrono::NaiveDateTime;
use meent_db::{
    Conn,
    queries::{
        collectives,
        confirmations::{self, ConfirmationForm, ConfirmationRow},
        dilemmas::{self, DilemmaForm, DilemmaRow},
        documents::{self, DocumentForm},
        members::{self, MemberRow},
        replies::{self, ReplyForm, ReplyRow},
    },
};
use meent_domain::{OutboundActivity, Visibility};
use url::Url;

/// A document another instance lists on a dilemma or solution: a link to where it serves
/// the file, which is not copied here.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteDocument {
    pub title: String,
    pub kind: String,
    pub licence: String,
    pub media_type: String,
    pub url: String,
}

fn document_forms(
    dilemma_id: i64,
    reply_id: Option<i64>,
    docs: &[RemoteDocument],
) -> Vec<DocumentForm> {
    let now = meent_db::now();
    docs.iter()
        .take(meent_domain::document::MAX_DOCUMENTS_PER_OBJECT)
        .map(|d| DocumentForm {
            local: false,
            dilemma_id,
            reply_id,
            uploader_id: None,
            title: d.title.clone(),
            kind: d.kind.clone(),
            licence: d.licence.clone(),
            media_type: d.media_type.clone(),
            file_name: String::new(),
            size_bytes: 0,
            sha256: String::new(),
            url: d.url.clone(),
            created_at: now,
        })
        .collect()
}

/// An activity received for a local collective's thread, to pass on to its followers.
pub struct Forward {
    pub activity: serde_json::Value,
}

/// Whether someone from elsewhere (`author_id`) may take part in `dilemma`'s thread: in our
/// own threads, anyone in a public one, approved followers of the collective in a
/// followers-only one, nobody in an internal one. Ids are guessable numbers, so this is
/// checked rather than assumed from the sender having found the thread.
async fn may_take_part(
    c: &mut Conn<'_>,
    dilemma: &DilemmaRow,
    author_id: i64,
) -> Result<bool, AppError> {
    if !dilemma.local {
        return Ok(true);
    }
    Ok(match dilemma.visibility.parse::<Visibility>()? {
        Visibility::Public => true,
        Visibility::Internal => false,
        Visibility::Followers => {
            meent_db::queries::follows::find(c, author_id, dilemma.collective_id)
                .await?
                .is_some_and(|f| f.state == meent_domain::FollowState::Accepted.as_str())
        }
    })
}

/// The dilemma whose thread a liked object (the dilemma itself, a solution or a comment)
/// is in, if we know it.
async fn thread_of(c: &mut Conn<'_>, object_ap_id: &str) -> Result<Option<DilemmaRow>, AppError> {
    if let Some(d) = dilemmas::by_ap_id(c, object_ap_id).await? {
        return Ok(Some(d));
    }
    Ok(match replies::by_ap_id(c, object_ap_id).await? {
        Some(r) => dilemmas::by_id(c, r.dilemma_id).await?,
        None => None,
    })
}

async fn forward_if_local(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    dilemma: &DilemmaRow,
    forward: Option<Forward>,
) -> Result<(), AppError> {
    let Some(forward) = forward else {
        return Ok(());
    };
    let visibility: Visibility = dilemma.visibility.parse()?;
    if !dilemma.local || !visibility.federates() {
        return Ok(());
    }
    let collective = collectives::ap_id_by_id(c, dilemma.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let collective =
        Url::parse(&collective).map_err(|e| AppError::Internal(format!("stored URL: {e}")))?;
    let id = ctx.urls().new_activity("announce");
    enqueue(
        c,
        &OutboundActivity::Forward {
            id,
            collective,
            activity: forward.activity,
        },
    )
    .await
}

/// Whether a received version (`updated`, else `published`) is older than the stored one.
fn is_older(
    updated: Option<NaiveDateTime>,
    published: NaiveDateTime,
    stored_updated: Option<NaiveDateTime>,
    stored_published: NaiveDateTime,
) -> bool {
    updated.unwrap_or(published) < stored_updated.unwrap_or(stored_published)
}

/// A remote dilemma as stored, and whether it was new here: only then is its thread
/// fetched (a later Update must not fetch the whole thread again).
pub struct StoredDilemma {
    pub row: DilemmaRow,
    pub first_seen: bool,
}

/// Stores a remote dilemma as received, with the set of its accepted solutions. The local
/// members in `mentioned` are told when the dilemma is new here.
pub async fn store_dilemma(
    ctx: &AppContext,
    form: DilemmaForm,
    accepted: &[String],
    docs: &[RemoteDocument],
    mentioned: &[i64],
) -> Result<StoredDilemma, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let known_row = dilemmas::by_ap_id(c, &form.ap_id).await?;
    if known_row.as_ref().is_some_and(|d| d.local) {
        return Err(AppError::Forbidden(
            "a local dilemma cannot be changed from elsewhere",
        ));
    }
    if let Some(known) = &known_row
        && (known.collective_id != form.collective_id || known.author_id != form.author_id)
    {
        return Err(AppError::Invalid(
            "a dilemma keeps its collective and its author".into(),
        ));
    }
    let first_seen = known_row.is_none();
    // Deliveries are not ordered: a version older than the one stored is not applied.
    if let Some(stored) =
        known_row.filter(|d| is_older(form.updated, form.published, d.updated, d.published))
    {
        return Ok(StoredDilemma {
            row: stored,
            first_seen: false,
        });
    }
    // Checked again in the statement itself: another transaction may have stored a newer
    // version since the read above (PostgreSQL runs them side by side).
    let Some(row) = dilemmas::upsert_unless_older(c, &form, now).await? else {
        let stored = dilemmas::by_ap_id(c, &form.ap_id)
            .await?
            .ok_or_else(|| AppError::Internal("a dilemma kept is gone".into()))?;
        return Ok(StoredDilemma {
            row: stored,
            first_seen: false,
        });
    };
    let known = replies::of_dilemma(c, row.id).await?;
    let ids: Vec<i64> = known
        .iter()
        .filter(|r| accepted.iter().any(|a| a == &r.ap_id))
        .map(|r| r.id)
        .collect();
    replies::set_accepted_set(c, row.id, &ids).await?;
    // Kept for solutions that arrive later (a thread fetched after the dilemma).
    dilemmas::set_accepted_remote(c, row.id, accepted).await?;
    // Our members whose answers the remote collective has just accepted are told; the
    // dilemma's author stands for the collective, which does not say who accepted.
    let newly: Vec<&replies::ReplyRow> = known
        .iter()
        .filter(|r| r.local && !r.accepted && ids.contains(&r.id))
        .collect();
    if !newly.is_empty()
        && let Some(by) = members::by_id(c, row.author_id).await?
    {
        for solution in newly {
            crate::notifications::accepted(c, &row, solution, &by).await?;
        }
    }
    documents::replace_remote(c, row.id, None, &document_forms(row.id, None, docs)).await?;
    if first_seen && let Some(author) = members::by_id(c, row.author_id).await? {
        for member in mentioned {
            crate::notifications::mentioned_in_dilemma(c, *member, &row, &author).await?;
        }
    }
    search_log::changed(c, row.id).await?;
    tx.commit().await?;
    Ok(StoredDilemma { row, first_seen })
}

/// Stores a remote solution or comment; forwards it when the dilemma is ours. `received` is
/// the id of the incoming activity that brought it, recorded (for deduplication) in the same
/// transaction. Runs in the write queue: many answers arriving together share a commit.
/// `author` is the person of `form.author_id`, which the caller has read already.
pub async fn store_reply(
    ctx: &AppContext,
    form: ReplyForm,
    author: &MemberRow,
    docs: &[RemoteDocument],
    forward: Option<Forward>,
    received: Option<String>,
    mentioned: Vec<i64>,
) -> Result<ReplyRow, AppError> {
    if author.id != form.author_id {
        return Err(AppError::Internal(
            "an answer's author row does not match it".into(),
        ));
    }
    let docs = docs.to_vec();
    let author = author.clone();
    let job_ctx = ctx.clone();
    let row = ctx
        .db
        .write(move |tx| {
            Box::pin(async move {
                let c = &mut tx.conn();
                store_reply_in(
                    c,
                    &job_ctx,
                    form,
                    &author,
                    &docs,
                    Arrived {
                        forward,
                        received: received.as_deref(),
                        mentioned: &mentioned,
                    },
                )
                .await
            })
        })
        .await?;
    ctx.outbox.notify();
    Ok(row)
}

/// How a remote answer arrived: what to pass on, the activity id to record, and the local
/// members it mentions.
struct Arrived<'a> {
    forward: Option<Forward>,
    received: Option<&'a str>,
    mentioned: &'a [i64],
}

async fn store_reply_in(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    form: ReplyForm,
    author: &MemberRow,
    docs: &[RemoteDocument],
    arrived: Arrived<'_>,
) -> Result<ReplyRow, AppError> {
    let Arrived {
        forward,
        received,
        mentioned,
    } = arrived;
    let now = meent_db::now();
    let known_reply = replies::by_ap_id(c, &form.ap_id).await?;
    if known_reply.as_ref().is_some_and(|existing| existing.local) {
        return Err(AppError::Forbidden(
            "a local answer cannot be changed from elsewhere",
        ));
    }
    // The same activity handled twice at once (a resend racing the first delivery): the
    // second finds it recorded and changes nothing.
    if let Some(id) = received
        && !meent_db::queries::received::mark(c, id, now).await?
        && let Some(existing) = &known_reply
    {
        return Ok(existing.clone());
    }
    if let Some(known) = &known_reply
        && (known.dilemma_id != form.dilemma_id
            || known.parent_id != form.parent_id
            || known.author_id != form.author_id)
    {
        return Err(AppError::Invalid(
            "an answer keeps its thread, what it replies to and its author".into(),
        ));
    }
    let is_new = known_reply.is_none();
    if let Some(stored) =
        known_reply.filter(|r| is_older(form.updated, form.published, r.updated, r.published))
    {
        return Ok(stored);
    }
    let dilemma = dilemmas::by_id(c, form.dilemma_id)
        .await?
        .ok_or(AppError::NotFound("dilemma"))?;
    if !may_take_part(c, &dilemma, form.author_id).await? {
        return Err(AppError::NotFound("dilemma"));
    }
    let inserted = if is_new {
        replies::insert_new(c, &form, now).await?
    } else {
        None
    };
    // Another delivery of the same answer may have stored it meanwhile (PostgreSQL): then
    // this one is an update, and not new.
    let is_new = inserted.is_some();
    let row = match inserted {
        Some(row) => row,
        None => replies::upsert(c, &form, now).await?,
    };
    // A new answer has no documents to replace: the delete is skipped on this hot path.
    // A solution its dilemma's server already said it accepted, arriving after the dilemma.
    let row = if row.kind == replies::SOLUTION
        && !row.accepted
        && !dilemma.local
        && dilemmas::remote_accepts(c, dilemma.id, &row.ap_id).await?
    {
        replies::set_accepted(c, row.id, true).await?;
        ReplyRow {
            accepted: true,
            ..row
        }
    } else {
        row
    };
    if !(is_new && docs.is_empty()) {
        let forms = document_forms(dilemma.id, Some(row.id), docs);
        documents::replace_remote(c, dilemma.id, Some(row.id), &forms).await?;
    }
    if is_new && row.kind == replies::SOLUTION {
        crate::notifications::new_solution(c, &dilemma, &row, author).await?;
    }
    if is_new {
        // The dilemma's author is told of a new solution already.
        let others: Vec<i64> = mentioned
            .iter()
            .copied()
            .filter(|m| !(row.kind == replies::SOLUTION && *m == dilemma.author_id))
            .collect();
        crate::use_cases::mentions::notify(c, &others, &row, author).await?;
    }
    forward_if_local(c, ctx, &dilemma, forward).await?;
    search_log::changed(c, dilemma.id).await?;
    Ok(row)
}

/// Stores a remote confirmation; forwards it when the dilemma is ours.
pub async fn store_confirmation(
    ctx: &AppContext,
    form: ConfirmationForm,
    forward: Option<Forward>,
) -> Result<ConfirmationRow, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let solution = replies::by_id(c, form.solution_id)
        .await?
        .ok_or(AppError::NotFound("solution"))?;
    let dilemma = dilemmas::by_id(c, solution.dilemma_id)
        .await?
        .ok_or(AppError::NotFound("dilemma"))?;
    if !may_take_part(c, &dilemma, form.author_id).await? {
        return Err(AppError::NotFound("dilemma"));
    }
    let known = confirmations::by_ap_id(c, &form.ap_id).await?;
    if let Some(known) = &known
        && (known.solution_id != form.solution_id || known.author_id != form.author_id)
    {
        return Err(AppError::Invalid(
            "a confirmation keeps its solution and its author".into(),
        ));
    }
    let is_new = known.is_none();
    let row = confirmations::upsert(c, &form, now).await?;
    if is_new && let Some(author) = members::by_id(c, row.author_id).await? {
        crate::notifications::confirmed(c, &solution, &author).await?;
    }
    forward_if_local(c, ctx, &dilemma, forward).await?;
    search_log::changed(c, dilemma.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// Deletes a remote dilemma, solution, comment or confirmation named by `ap_id`. Returns
/// whether anything was deleted.
pub async fn delete(
    ctx: &AppContext,
    ap_id: &str,
    forward: Option<Forward>,
) -> Result<bool, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let deleted = if let Some(d) = dilemmas::by_ap_id(c, ap_id).await?.filter(|d| !d.local) {
        dilemmas::mark_deleted(c, d.id, now).await?;
        search_log::changed(c, d.id).await?;
        true
    } else if let Some(r) = replies::by_ap_id(c, ap_id).await?.filter(|r| !r.local) {
        replies::mark_deleted(c, r.id, now).await?;
        let dilemma = dilemmas::by_id(c, r.dilemma_id)
            .await?
            .ok_or(AppError::NotFound("dilemma"))?;
        forward_if_local(c, ctx, &dilemma, forward).await?;
        // Told as coming from the dilemma's author, who speaks for its collective.
        if let Some(author) = members::by_id(c, dilemma.author_id).await? {
            super::dilemmas::after_solution_removed(c, ctx, &dilemma, &r, &author.ap_id).await?;
        }
        search_log::changed(c, dilemma.id).await?;
        true
    } else if let Some(conf) = confirmations::by_ap_id(c, ap_id)
        .await?
        .filter(|x| !x.local)
    {
        confirmations::delete(c, conf.id).await?;
        if let Some(solution) = replies::by_id(c, conf.solution_id).await? {
            // Passed on like a removed answer: the thread's other followers had it too.
            if let Some(dilemma) = dilemmas::by_id(c, solution.dilemma_id).await? {
                forward_if_local(c, ctx, &dilemma, forward).await?;
            }
            search_log::changed(c, solution.dilemma_id).await?;
        }
        true
    } else {
        false
    };
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(deleted)
}

/// Records a like from elsewhere of something we know, and passes it on to the followers
/// when the thread is ours; returns false if the object is unknown here (nothing stored).
pub async fn store_like(
    ctx: &AppContext,
    actor_id: i64,
    like_ap_id: &str,
    object_ap_id: &str,
    forward: Option<Forward>,
) -> Result<bool, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let dilemma = thread_of(c, object_ap_id).await?;
    let Some(dilemma) = dilemma else {
        return Ok(false);
    };
    if !may_take_part(c, &dilemma, actor_id).await? {
        return Ok(false);
    }
    let added =
        meent_db::queries::likes::insert(c, like_ap_id, actor_id, object_ap_id, meent_db::now())
            .await?;
    if added {
        forward_if_local(c, ctx, &dilemma, forward).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(true)
}

/// Removes a like from elsewhere; only `actor_id`'s own. Found by the like's id, or else
/// (Lemmy gives the Like inside an Undo a new id) by who liked `object_ap_id`. Passed on to
/// the followers when the thread is ours, like the like was.
pub async fn remove_like(
    ctx: &AppContext,
    actor_id: i64,
    like_ap_id: &str,
    object_ap_id: Option<&str>,
    forward: Option<Forward>,
) -> Result<bool, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let mut object = meent_db::queries::likes::object_of(c, like_ap_id).await?;
    let mut removed = meent_db::queries::likes::remove_by_ap_id(c, actor_id, like_ap_id).await?;
    if !removed && let Some(liked) = object_ap_id {
        removed = meent_db::queries::likes::remove(c, actor_id, liked)
            .await?
            .is_some();
        object = Some(liked.to_owned());
    }
    if let (true, Some(object)) = (removed, object) {
        let dilemma = thread_of(c, &object).await?;
        if let Some(d) = dilemma {
            forward_if_local(c, ctx, &d, forward).await?;
        }
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(removed)
}
