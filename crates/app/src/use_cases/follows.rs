//! Following collectives: local members following any collective, remote people following
//! local collectives, and coordinators deciding on requests to closed collectives.

use crate::{AppContext, AppError, outbox::enqueue, use_cases::members::may_coordinate};
use meent_db::{
    Conn,
    queries::{
        collectives::{self, CollectiveRow},
        follows::{self, FollowRow},
        members::{self, MemberRow},
    },
};
use meent_domain::{ActorRef, FollowRef, FollowState, OutboundActivity};
use url::Url;

/// Finds a collective by handle or URL: locally when it names this instance, otherwise
/// through the remote resolver (WebFinger and fetch).
pub async fn resolve_collective(
    ctx: &AppContext,
    reference: &str,
) -> Result<CollectiveRow, AppError> {
    let reference = ActorRef::parse(reference)?;
    let local = {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        match &reference {
            ActorRef::Acct { name, host } if host == &ctx.instance.domain => {
                Some(collectives::local_by_name(c, name).await?)
            }
            ActorRef::Url(url) if ctx.urls().is_local(url) => {
                Some(collectives::by_ap_id(c, url.as_str()).await?)
            }
            _ => None,
        }
    };
    match local {
        Some(found) => found.ok_or(AppError::NotFound("collective")),
        None => ctx.resolver()?.resolve_collective(&reference).await,
    }
}

fn follow_ref(
    activity_id: &str,
    follower: &MemberRow,
    collective: &CollectiveRow,
) -> Result<FollowRef, AppError> {
    let parse =
        |s: &str| Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")));
    Ok(FollowRef {
        id: parse(activity_id)?,
        actor: parse(&follower.ap_id)?,
        object: parse(&collective.ap_id)?,
    })
}

/// A local member follows `collective`. A local collective decides at once; a remote one is
/// sent a Follow and the follow stays pending until it answers.
pub async fn follow(
    ctx: &AppContext,
    member: &MemberRow,
    collective: &CollectiveRow,
) -> Result<FollowRow, AppError> {
    if !member.local {
        return Err(AppError::Forbidden(
            "only local members can follow from here",
        ));
    }
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let existing = follows::find(c, member.id, collective.id).await?;
    if let Some(f) = existing.filter(|f| f.state == FollowState::Accepted.as_str()) {
        return Ok(f);
    }
    let activity_id = ctx.urls().new_activity("follow");
    let state = if collective.local && collective.open {
        FollowState::Accepted
    } else {
        FollowState::Pending
    };
    let row = follows::upsert(
        c,
        member.id,
        collective.id,
        state.as_str(),
        activity_id.as_str(),
        now,
    )
    .await?;
    if !collective.local {
        let follow = follow_ref(activity_id.as_str(), member, collective)?;
        enqueue(c, &OutboundActivity::Follow { follow }).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A local member stops following (or withdraws a pending request). Returns whether there
/// was a follow to undo.
pub async fn unfollow(
    ctx: &AppContext,
    member: &MemberRow,
    collective: &CollectiveRow,
) -> Result<bool, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let Some(existing) = follows::find(c, member.id, collective.id).await? else {
        return Ok(false);
    };
    follows::delete(c, existing.id).await?;
    if !collective.local {
        let follow = follow_ref(&existing.activity_id, member, collective)?;
        let id = ctx.urls().new_activity("undo");
        enqueue(c, &OutboundActivity::UndoFollow { id, follow }).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(true)
}

/// A remote person asked to follow a local collective (their Follow has been verified).
/// Open collectives accept at once; closed ones keep the request for a coordinator.
pub async fn receive_follow(
    ctx: &AppContext,
    follower: &MemberRow,
    collective: &CollectiveRow,
    activity_id: &Url,
) -> Result<FollowState, AppError> {
    if !collective.local {
        return Err(AppError::NotFound("collective"));
    }
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let already_accepted = follows::find(c, follower.id, collective.id)
        .await?
        .is_some_and(|f| f.state == FollowState::Accepted.as_str());
    let state = if already_accepted || collective.open {
        FollowState::Accepted
    } else {
        FollowState::Pending
    };
    follows::upsert(
        c,
        follower.id,
        collective.id,
        state.as_str(),
        activity_id.as_str(),
        meent_db::now(),
    )
    .await?;
    if state == FollowState::Accepted {
        accept(ctx, c, follower, collective, activity_id.as_str()).await?;
    } else {
        crate::notifications::follow_requested(c, collective, follower).await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(state)
}

async fn accept(
    ctx: &AppContext,
    c: &mut Conn<'_>,
    follower: &MemberRow,
    collective: &CollectiveRow,
    follow_activity_id: &str,
) -> Result<(), AppError> {
    let follow = follow_ref(follow_activity_id, follower, collective)?;
    let id = ctx.urls().new_activity("accept");
    enqueue(c, &OutboundActivity::AcceptFollow { id, follow }).await
}

/// A remote person undid their follow of a local collective.
pub async fn receive_undo_follow(
    ctx: &AppContext,
    follower: &MemberRow,
    collective: &CollectiveRow,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    if let Some(existing) = follows::find(c, follower.id, collective.id).await? {
        follows::delete(c, existing.id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A remote collective answered a local member's follow request. Returns whether there was
/// such a follow to answer.
pub async fn receive_answer(
    ctx: &AppContext,
    collective: &CollectiveRow,
    follower: &MemberRow,
    accepted: bool,
) -> Result<bool, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let Some(existing) = follows::find(c, follower.id, collective.id).await? else {
        return Ok(false);
    };
    if accepted {
        follows::set_state(
            c,
            existing.id,
            FollowState::Accepted.as_str(),
            meent_db::now(),
        )
        .await?;
    } else {
        follows::delete(c, existing.id).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A coordinator approves or rejects a follow request (or removes an accepted follower,
/// with `approve = false`).
pub async fn decide(
    ctx: &AppContext,
    coordinator: &MemberRow,
    collective: &CollectiveRow,
    follow_id: i64,
    approve: bool,
) -> Result<(), AppError> {
    if !may_coordinate(ctx, coordinator, collective).await? {
        return Err(AppError::Forbidden(
            "only the collective's coordinators decide on followers",
        ));
    }
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let follow = follows::by_id(c, follow_id)
        .await?
        .filter(|f| f.collective_id == collective.id)
        .ok_or(AppError::NotFound("follow request"))?;
    let follower = members::by_id(c, follow.follower_id)
        .await?
        .ok_or(AppError::NotFound("follower"))?;
    if approve {
        follows::set_state(
            c,
            follow.id,
            FollowState::Accepted.as_str(),
            meent_db::now(),
        )
        .await?;
        if !follower.local {
            accept(ctx, c, &follower, collective, &follow.activity_id).await?;
        }
    } else {
        follows::delete(c, follow.id).await?;
        if !follower.local {
            let follow = follow_ref(&follow.activity_id, &follower, collective)?;
            let id = ctx.urls().new_activity("reject");
            enqueue(c, &OutboundActivity::RejectFollow { id, follow }).await?;
        }
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// Follow requests waiting for a coordinator of `collective`; only they may see them.
pub async fn pending_requests(
    ctx: &AppContext,
    coordinator: &MemberRow,
    collective: &CollectiveRow,
) -> Result<Vec<(FollowRow, MemberRow)>, AppError> {
    if !may_coordinate(ctx, coordinator, collective).await? {
        return Err(AppError::Forbidden(
            "only the collective's coordinators see follow requests",
        ));
    }
    let mut conn = ctx.db.get().await?;
    Ok(follows::followers_of(
        &mut conn.conn(),
        collective.id,
        FollowState::Pending.as_str(),
    )
    .await?)
}

/// Approved followers of a collective, with their follows.
pub async fn followers_with_follows(
    ctx: &AppContext,
    collective: &CollectiveRow,
) -> Result<Vec<(FollowRow, MemberRow)>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(follows::followers_of(
        &mut conn.conn(),
        collective.id,
        FollowState::Accepted.as_str(),
    )
    .await?)
}

/// Approved followers of a collective.
pub async fn followers(
    ctx: &AppContext,
    collective: &CollectiveRow,
) -> Result<Vec<MemberRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(follows::followers_of(
        &mut conn.conn(),
        collective.id,
        FollowState::Accepted.as_str(),
    )
    .await?
    .into_iter()
    .map(|(_, m)| m)
    .collect())
}

pub async fn follower_count(ctx: &AppContext, collective: &CollectiveRow) -> Result<i64, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(follows::count_followers(&mut conn.conn(), collective.id).await?)
}

/// The collectives `member` follows or asked to follow.
pub async fn follows_of(
    ctx: &AppContext,
    member: &MemberRow,
) -> Result<Vec<(FollowRow, CollectiveRow)>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(follows::follows_of(&mut conn.conn(), member.id).await?)
}
