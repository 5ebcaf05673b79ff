//! Sessions and registrations from other servers: an organiser's `Create`/`Update`/`Delete`
//! of an `Event`, a registrant's `Join` and `Leave`, and the organiser's answer to a
//! registration. Each asks `policy` first, from what is stored.

use super::policy;
use crate::{
    FederationError,
    objects::{ApMeeting, ApMember},
    protocol::event::{CreateOrUpdateEvent, Join, JoinAnswerActivity, Leave},
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use meent_app::{AppContext, use_cases::meetings};
use meent_db::queries::{
    collectives, meeting_registrations,
    meetings::{self as rows, MeetingRow},
    members,
};
use meent_domain::JoinAnswer;
use url::Url;

/// The stored session `id` with its organiser's actor id.
async fn stored(
    data: &Data<AppContext>,
    id: &Url,
) -> Result<Option<(MeetingRow, Url)>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let Some(row) = rows::by_ap_id(c, id.as_str()).await? else {
        return Ok(None);
    };
    let organiser = collectives::ap_id_by_id(c, row.collective_id)
        .await?
        .ok_or(FederationError::NotFound("collective"))?;
    Ok(Some((row, policy::parse_url(&organiser)?)))
}

/// A session created or changed by its organiser.
pub(super) async fn receive_event(
    activity: CreateOrUpdateEvent,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let event = activity.object;
    if data.urls().is_local(&event.id) {
        return Err(FederationError::Refused(
            "what was written on this instance is changed only here",
        ));
    }
    match stored(data, &event.id).await? {
        Some((_, organiser)) => policy::may_change_meeting(&activity.actor, &organiser)?,
        None => {
            policy::from_own_server(&event.id, &activity.actor)?;
            policy::may_change_meeting(&activity.actor, &event.attributed_to)?;
        }
    }
    ApMeeting::verify(&event, &activity.actor, data).await?;
    ApMeeting::from_json(event, data).await?;
    Ok(())
}

/// A session cancelled by its organiser; `Ok(false)` when `object` is no session known here.
pub(super) async fn receive_delete(
    actor: &Url,
    object: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Some((row, organiser)) = stored(data, object).await? else {
        return Ok(false);
    };
    if row.local {
        return Err(FederationError::Refused(
            "what was written on this instance is deleted only here",
        ));
    }
    policy::may_change_meeting(actor, &organiser)?;
    meetings::cancel_remote(data, &row).await?;
    Ok(true)
}

/// A registration for one of our sessions, from a person elsewhere.
pub(super) async fn receive_join(
    join: Join,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let Some((meeting, _)) = stored(data, &join.object).await? else {
        return Err(FederationError::NotFound("session"));
    };
    let speaks_for = join
        .speaks_for
        .clone()
        .unwrap_or_else(|| join.actor.clone());
    policy::may_register(meeting.local, &join.actor, &speaks_for)?;
    if meeting.deleted {
        return Err(FederationError::NotFound("session"));
    }
    let member = ObjectId::<ApMember>::from(join.actor.clone())
        .dereference(data)
        .await?;
    // A registered collective is shown by name: learn it (a person for themselves is known).
    if speaks_for != join.actor {
        ObjectId::<crate::objects::ApCollective>::from(speaks_for.clone())
            .dereference(data)
            .await?;
    }
    meetings::receive_join(data, &meeting, &member.row, &join.id, &speaks_for).await?;
    Ok(())
}

/// A registrant elsewhere withdraws from one of our sessions.
pub(super) async fn receive_leave(
    leave: Leave,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let Some((meeting, _)) = stored(data, &leave.object).await? else {
        return Ok(());
    };
    if !meeting.local {
        return Err(FederationError::Refused(
            "registrations are withdrawn at the session's own server",
        ));
    }
    let member = {
        let mut conn = data.db.get().await?;
        members::by_ap_id(&mut conn.conn(), leave.actor.as_str()).await?
    };
    // Only the registrations that person made are withdrawn (`meetings::receive_leave`).
    if let Some(member) = member {
        meetings::receive_leave(data, &meeting, &member).await?;
    }
    Ok(())
}

/// The organiser's answer to a registration one of our members sent.
pub(super) async fn receive_answer(
    answer: JoinAnswerActivity,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    receive_answer_to(
        &answer.actor,
        &answer.object.id,
        answer.kind.into(),
        answer.meeting_link.as_deref(),
        data,
    )
    .await
    .map(|_| ())
}

/// An answer to the registration `join_id`; `Ok(false)` when no such registration is
/// stored (it may be an answer to a follow instead).
pub(super) async fn receive_answer_to(
    actor: &Url,
    join_id: &Url,
    answer: JoinAnswer,
    meeting_link: Option<&str>,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let (registration, registrant_is_local, meeting) = {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let Some(r) = meeting_registrations::by_ap_id(c, join_id.as_str()).await? else {
            return Ok(false);
        };
        let local = members::by_id(c, r.member_id)
            .await?
            .is_some_and(|m| m.local);
        let meeting = rows::by_id(c, r.meeting_id)
            .await?
            .ok_or(FederationError::NotFound("session"))?;
        (r, local, meeting)
    };
    let meeting_id = policy::parse_url(&meeting.ap_id)?;
    let Some((_, organiser)) = stored(data, &meeting_id).await? else {
        return Err(FederationError::NotFound("session"));
    };
    policy::may_answer_registration(actor, &organiser, registrant_is_local && !meeting.local)?;
    meetings::receive_answer(data, &registration, answer, meeting_link).await?;
    Ok(true)
}

/// The stored session `session` (its id) when `organiser` is its stored organising
/// collective; `None` otherwise. Decides whether a received solution is shown as proposed
/// at that session.
pub(crate) async fn session_organised_by(
    data: &Data<AppContext>,
    session: &Url,
    organiser: &Url,
) -> Result<Option<String>, FederationError> {
    Ok(stored(data, session)
        .await?
        .filter(|(_, stored_organiser)| stored_organiser == organiser)
        .map(|(row, _)| row.ap_id))
}
