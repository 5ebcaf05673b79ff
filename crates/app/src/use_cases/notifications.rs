//! Notifications: what a member is told on their notifications page — a new solution to
//! their dilemma, the acceptance of their solution, a confirmation of it, a follow request
//! for a collective they coordinate. Made inside the transaction of the change they tell of,
//! and only for local members whose settings ask for that kind.

use crate::{AppContext, AppError};
use meent_db::Conn;
use meent_db::queries::{
    collectives::CollectiveRow,
    dilemmas::DilemmaRow,
    members::MemberRow,
    memberships,
    notifications::{self, NewNotification, NotificationRow, Wish},
    replies::ReplyRow,
};
use meent_domain::Role;

pub const SOLUTION: &str = "solution";
pub const ACCEPTANCE: &str = "acceptance";
pub const CONFIRMATION: &str = "confirmation";
pub const FOLLOW_REQUEST: &str = "follow_request";
pub const SESSION_REMINDER: &str = "session_reminder";
pub const MENTION: &str = "mention";

/// The setting that says whether a member wants notifications of `kind`.
fn wish(kind: &str) -> Option<Wish> {
    match kind {
        SOLUTION => Some(Wish::Solutions),
        ACCEPTANCE => Some(Wish::Acceptances),
        CONFIRMATION => Some(Wish::Confirmations),
        FOLLOW_REQUEST => Some(Wish::FollowRequests),
        SESSION_REMINDER => Some(Wish::SessionReminders),
        MENTION => Some(Wish::Mentions),
        _ => None,
    }
}

/// Tells `recipient` of what `actor` did, if they are a local member with an account
/// whose settings ask for `kind`.
async fn tell(
    c: &mut Conn<'_>,
    recipient: i64,
    actor: &MemberRow,
    kind: &'static str,
    dilemma_id: Option<i64>,
    reply_id: Option<i64>,
    collective_id: Option<i64>,
) -> Result<(), AppError> {
    // Nobody is told of what they did themselves.
    let Some(wish) = wish(kind).filter(|_| recipient != actor.id) else {
        return Ok(());
    };
    notifications::insert_if_wanted(
        c,
        &NewNotification {
            member_id: recipient,
            kind: kind.into(),
            dilemma_id,
            reply_id,
            collective_id,
            actor_name: actor.display_name.clone(),
            created_at: meent_db::now(),
            meeting_id: None,
        },
        wish,
    )
    .await?;
    Ok(())
}

/// `author` mentioned the local member `recipient` in `reply`.
pub(crate) async fn mentioned(
    c: &mut Conn<'_>,
    recipient: i64,
    reply: &ReplyRow,
    author: &MemberRow,
) -> Result<(), AppError> {
    tell(
        c,
        recipient,
        author,
        MENTION,
        Some(reply.dilemma_id),
        Some(reply.id),
        None,
    )
    .await
}

/// `author` mentioned `recipient` in the text of `dilemma`.
pub(crate) async fn mentioned_in_dilemma(
    c: &mut Conn<'_>,
    recipient: i64,
    dilemma: &DilemmaRow,
    author: &MemberRow,
) -> Result<(), AppError> {
    tell(c, recipient, author, MENTION, Some(dilemma.id), None, None).await
}

/// A solution was added to `dilemma`: its author is told.
pub(crate) async fn new_solution(
    c: &mut Conn<'_>,
    dilemma: &DilemmaRow,
    solution: &ReplyRow,
    author: &MemberRow,
) -> Result<(), AppError> {
    tell(
        c,
        dilemma.author_id,
        author,
        SOLUTION,
        Some(dilemma.id),
        Some(solution.id),
        None,
    )
    .await
}

/// `solution` was accepted by `by`: its author is told.
pub(crate) async fn accepted(
    c: &mut Conn<'_>,
    dilemma: &DilemmaRow,
    solution: &ReplyRow,
    by: &MemberRow,
) -> Result<(), AppError> {
    tell(
        c,
        solution.author_id,
        by,
        ACCEPTANCE,
        Some(dilemma.id),
        Some(solution.id),
        None,
    )
    .await
}

/// `solution` was confirmed by `by`: its author is told.
pub(crate) async fn confirmed(
    c: &mut Conn<'_>,
    solution: &ReplyRow,
    by: &MemberRow,
) -> Result<(), AppError> {
    tell(
        c,
        solution.author_id,
        by,
        CONFIRMATION,
        Some(solution.dilemma_id),
        Some(solution.id),
        None,
    )
    .await
}

/// `follower` asks to follow the closed `collective`: its coordinators are told.
pub(crate) async fn follow_requested(
    c: &mut Conn<'_>,
    collective: &CollectiveRow,
    follower: &MemberRow,
) -> Result<(), AppError> {
    for (member, role) in memberships::members_of(c, collective.id).await? {
        if role == Role::Coordinator.as_str() {
            tell(
                c,
                member.id,
                follower,
                FOLLOW_REQUEST,
                None,
                None,
                Some(collective.id),
            )
            .await?;
        }
    }
    Ok(())
}

/// The session `meeting_id` (organised by `organiser`) starts within a day: `recipient`,
/// a member of a collective with a place, is reminded.
pub(crate) async fn session_reminder(
    c: &mut Conn<'_>,
    recipient: i64,
    meeting_id: i64,
    organiser: &str,
) -> Result<(), AppError> {
    notifications::insert_if_wanted(
        c,
        &NewNotification {
            member_id: recipient,
            kind: SESSION_REMINDER.into(),
            dilemma_id: None,
            reply_id: None,
            collective_id: None,
            actor_name: organiser.to_owned(),
            created_at: meent_db::now(),
            meeting_id: Some(meeting_id),
        },
        Wish::SessionReminders,
    )
    .await?;
    Ok(())
}

pub async fn unread(ctx: &AppContext, member: &MemberRow) -> Result<i64, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(notifications::count_unread(&mut conn.conn(), member.id).await?)
}

/// The member's 100 newest notifications; reading them marks them read.
pub async fn read_latest(
    ctx: &AppContext,
    member: &MemberRow,
) -> Result<Vec<NotificationRow>, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let rows = notifications::latest(c, member.id, 100).await?;
    notifications::mark_all_read(c, member.id, meent_db::now()).await?;
    tx.commit().await?;
    Ok(rows)
}

/// A notification with the title of what it is about, so that it can be named.
#[derive(Debug, Clone)]
pub struct Named {
    pub row: NotificationRow,
    /// The dilemma's title (not for one deleted since), or the session's.
    pub title: Option<String>,
}

/// [`read_latest`], each with the title of its dilemma or session.
pub async fn read_latest_named(
    ctx: &AppContext,
    member: &MemberRow,
) -> Result<Vec<Named>, AppError> {
    let rows = read_latest(ctx, member).await?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let mut titles: std::collections::HashMap<(bool, i64), Option<String>> = Default::default();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let key = match (row.dilemma_id, row.meeting_id) {
            (Some(d), _) => Some((true, d)),
            (None, Some(m)) => Some((false, m)),
            _ => None,
        };
        let title = match key {
            None => None,
            Some(key) if titles.contains_key(&key) => titles[&key].clone(),
            Some((is_dilemma, id)) => {
                let title = if is_dilemma {
                    meent_db::queries::dilemmas::by_id(c, id)
                        .await?
                        .filter(|d| !d.deleted)
                        .map(|d| d.title)
                } else {
                    meent_db::queries::meetings::by_id(c, id)
                        .await?
                        .map(|m| m.title)
                };
                titles.insert((is_dilemma, id), title.clone());
                title
            }
        };
        out.push(Named { row, title });
    }
    Ok(out)
}
