//! Collectives following a learning programme and recording their progress per step. A
//! collective follows a programme of another instance with a `Follow` to the programme's
//! owner, which accepts it; progress is sent to the owner, where the curator sees it. What
//! a collective may do is decided from its stored memberships, never from a message.

use crate::{AppContext, AppError, outbox::enqueue, text, use_cases::access::Reader};
use meent_db::{
    Conn,
    queries::{
        collectives::{self, CollectiveRow},
        programme_followers as followers,
        programmes::{self, ProgrammeRow},
    },
};
use meent_domain::{OutboundActivity, ProgrammeFollowRef};
use url::Url;

/// Notes on a step, in characters.
pub const MAX_NOTES: usize = 2_000;

fn parse_url(s: &str) -> Result<Url, AppError> {
    Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")))
}

/// The local collective `name`, of which the reader is a member.
async fn own_collective(
    c: &mut Conn<'_>,
    reader: &Reader,
    name: &str,
) -> Result<CollectiveRow, AppError> {
    let collective = collectives::local_by_name(c, name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.is_member_of(collective.id) {
        return Err(AppError::Forbidden(
            "a collective's own members follow programmes for it",
        ));
    }
    Ok(collective)
}

async fn live_programme(c: &mut Conn<'_>, id: i64) -> Result<ProgrammeRow, AppError> {
    programmes::by_id(c, id)
        .await?
        .filter(|p| !p.deleted)
        .ok_or(AppError::NotFound("programme"))
}

/// The follow as sent: the following collective, the programme and its owner.
async fn follow_ref(
    c: &mut Conn<'_>,
    follow_id: &str,
    collective: &CollectiveRow,
    programme: &ProgrammeRow,
) -> Result<ProgrammeFollowRef, AppError> {
    let owner = collectives::ap_id_by_id(c, programme.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    Ok(ProgrammeFollowRef {
        id: parse_url(follow_id)?,
        actor: parse_url(&collective.ap_id)?,
        object: parse_url(&programme.ap_id)?,
        owner: parse_url(&owner)?,
    })
}

/// A member has their collective follow a programme. A local one is followed at once; a
/// remote one's owner is sent a `Follow`.
pub async fn follow(
    ctx: &AppContext,
    reader: &Reader,
    programme_id: i64,
    collective_name: &str,
) -> Result<(), AppError> {
    reader.require_member()?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let programme = live_programme(c, programme_id).await?;
    let collective = own_collective(c, reader, collective_name).await?;
    if collective.id == programme.collective_id {
        return Err(AppError::Invalid(
            "a collective does not follow its own programme".into(),
        ));
    }
    if followers::find(c, programme.id, collective.id)
        .await?
        .is_some()
    {
        return Err(AppError::Conflict(
            "this collective already follows the programme".into(),
        ));
    }
    let id = ctx.urls().new_activity("follow");
    followers::add(
        c,
        programme.id,
        collective.id,
        id.as_str(),
        programme.local,
        now,
    )
    .await?;
    if !programme.local {
        let follow = follow_ref(c, id.as_str(), &collective, &programme).await?;
        enqueue(c, &OutboundActivity::FollowProgramme { follow }).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A member stops their collective following a programme; its progress goes with it.
pub async fn unfollow(
    ctx: &AppContext,
    reader: &Reader,
    programme_id: i64,
    collective_name: &str,
) -> Result<(), AppError> {
    reader.require_member()?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let programme = live_programme(c, programme_id).await?;
    let collective = own_collective(c, reader, collective_name).await?;
    let row = followers::find(c, programme.id, collective.id)
        .await?
        .ok_or(AppError::NotFound("follow"))?;
    followers::remove(c, programme.id, collective.id).await?;
    if !programme.local {
        let follow = follow_ref(c, &row.follow_ap_id, &collective, &programme).await?;
        let id = ctx.urls().new_activity("undo");
        enqueue(c, &OutboundActivity::UndoFollowProgramme { id, follow }).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A member records how far their collective is with step `position` (from 1). For a
/// remote programme the owner is told, so its curator sees it.
pub async fn record_progress(
    ctx: &AppContext,
    reader: &Reader,
    programme_id: i64,
    collective_name: &str,
    position: i64,
    done: bool,
    notes: &str,
) -> Result<(), AppError> {
    reader.require_member()?;
    if notes.chars().count() > MAX_NOTES {
        return Err(AppError::Invalid(format!(
            "the notes have more than {MAX_NOTES} characters"
        )));
    }
    let notes = notes.trim();
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let programme = live_programme(c, programme_id).await?;
    let collective = own_collective(c, reader, collective_name).await?;
    let row = followers::find(c, programme.id, collective.id)
        .await?
        .ok_or(AppError::Invalid(
            "follow the programme before recording progress".into(),
        ))?;
    let steps = programmes::steps_of(c, programme.id).await?.len() as i64;
    if !(1..=steps).contains(&position) {
        return Err(AppError::Invalid(format!(
            "the programme has steps 1 to {steps}"
        )));
    }
    followers::set_progress(c, programme.id, collective.id, position, done, notes, now).await?;
    if !programme.local {
        let follow = follow_ref(c, &row.follow_ap_id, &collective, &programme).await?;
        let id = ctx.urls().new_activity("add");
        enqueue(
            c,
            &OutboundActivity::Progress {
                id,
                follow,
                position,
                done,
                notes: notes.to_owned(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A remote collective follows one of our programmes: recorded and accepted.
pub async fn receive_follow(
    ctx: &AppContext,
    programme: &ProgrammeRow,
    collective: &CollectiveRow,
    follow_id: &Url,
) -> Result<(), AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    followers::add(
        c,
        programme.id,
        collective.id,
        follow_id.as_str(),
        true,
        now,
    )
    .await?;
    let follow = follow_ref(c, follow_id.as_str(), collective, programme).await?;
    let id = ctx.urls().new_activity("accept");
    enqueue(c, &OutboundActivity::AcceptProgrammeFollow { id, follow }).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// A remote collective stops following one of our programmes.
pub async fn receive_undo(
    ctx: &AppContext,
    programme: &ProgrammeRow,
    collective: &CollectiveRow,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    followers::remove(&mut tx.conn(), programme.id, collective.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The owner of a programme accepted our collective's follow.
pub async fn receive_accept(ctx: &AppContext, follower_row_id: i64) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    followers::set_accepted(&mut tx.conn(), follower_row_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A following collective's progress on one of our programmes, as it sent it. The
/// collective must follow the programme (stored), the step must exist.
pub async fn receive_progress(
    ctx: &AppContext,
    programme: &ProgrammeRow,
    collective: &CollectiveRow,
    position: i64,
    done: bool,
    notes: &str,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    if followers::find(c, programme.id, collective.id)
        .await?
        .is_none()
    {
        return Err(AppError::Forbidden(
            "only collectives that follow a programme record progress on it",
        ));
    }
    let steps = programmes::steps_of(c, programme.id).await?.len() as i64;
    if !(1..=steps).contains(&position) {
        return Err(AppError::Invalid(format!("no step {position}")));
    }
    let notes = text::text(notes, MAX_NOTES);
    followers::set_progress(
        c,
        programme.id,
        collective.id,
        position,
        done,
        &notes,
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
