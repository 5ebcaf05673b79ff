//! Activities Meent accepts in its inboxes, each with its checks and effect.

mod actor_update;
mod announce;
mod answer;
mod backfill;
mod create_update;
mod delete;
mod follow;
mod invitation;
mod like;
mod meeting;
mod origin;
pub(crate) mod policy;
mod programme;
pub(crate) mod received;
mod undo;
mod unknown;

use crate::{
    FederationError,
    objects::{ApCollective, ApMember},
    protocol::{
        activities::{
            Accept, Announce, CreateOrUpdate, Delete, Follow, FollowOrId, Like, Reject, UndoFollow,
            UndoLike, UpdateGroup,
        },
        article::{AddProgress, CreateOrUpdateArticle},
        event::{CreateOrUpdateEvent, Join, JoinAnswerActivity, Leave},
        invitation::CreateInvitation,
    },
};
use activitypub_federation::{config::Data, traits::Activity};
use async_trait::async_trait;
use meent_app::AppContext;
use meent_db::queries::{collectives, follows, members};
use policy::Via;
use serde::Deserialize;
use url::Url;

pub(crate) use meeting::session_organised_by;
pub use unknown::UnknownActivity;

/// Everything an inbox takes. Tried in order; anything with an id and an actor that is none
/// of the known kinds is acknowledged and ignored rather than refused, as other servers send
/// many activities Meent has no use for.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum InboxActivity {
    Follow(Follow),
    /// Before `Accept`/`Reject`: an answer with a `Join` inside is one to a registration.
    JoinAnswer(Box<JoinAnswerActivity>),
    Accept(Accept),
    Reject(Reject),
    Undo(UndoFollow),
    UndoLike(UndoLike),
    Like(Like),
    /// Before `CreateOrUpdate`, which takes only dilemmas and notes.
    Event(Box<CreateOrUpdateEvent>),
    /// Before `CreateOrUpdate`: a note with `invitesTo` (and no `inReplyTo`).
    Invitation(Box<CreateInvitation>),
    /// Before `CreateOrUpdate`: a learning programme.
    Article(Box<CreateOrUpdateArticle>),
    /// A collective's own profile, changed.
    UpdateGroup(Box<UpdateGroup>),
    CreateOrUpdate(CreateOrUpdate),
    Join(Join),
    Leave(Leave),
    Delete(Delete),
    Announce(Announce),
    /// Progress on a step of one of our programmes.
    Progress(Box<AddProgress>),
    Unknown(UnknownActivity),
}

#[async_trait]
impl Activity for InboxActivity {
    type DataType = AppContext;
    type Error = FederationError;

    fn id(&self) -> &Url {
        match self {
            InboxActivity::Follow(a) => &a.id,
            InboxActivity::JoinAnswer(a) => &a.id,
            InboxActivity::Event(a) => &a.id,
            InboxActivity::Invitation(a) => &a.id,
            InboxActivity::UpdateGroup(a) => &a.id,
            InboxActivity::Join(a) => &a.id,
            InboxActivity::Leave(a) => &a.id,
            InboxActivity::Accept(a) => &a.id,
            InboxActivity::Reject(a) => &a.id,
            InboxActivity::Undo(a) => &a.id,
            InboxActivity::UndoLike(a) => &a.id,
            InboxActivity::Like(a) => &a.id,
            InboxActivity::CreateOrUpdate(a) => &a.id,
            InboxActivity::Delete(a) => &a.id,
            InboxActivity::Announce(a) => &a.id,
            InboxActivity::Article(a) => &a.id,
            InboxActivity::Progress(a) => &a.id,
            InboxActivity::Unknown(a) => &a.id,
        }
    }

    fn actor(&self) -> &Url {
        match self {
            InboxActivity::Follow(a) => &a.actor,
            InboxActivity::JoinAnswer(a) => &a.actor,
            InboxActivity::Event(a) => &a.actor,
            InboxActivity::Invitation(a) => &a.actor,
            InboxActivity::UpdateGroup(a) => &a.actor,
            InboxActivity::Join(a) => &a.actor,
            InboxActivity::Leave(a) => &a.actor,
            InboxActivity::Accept(a) => &a.actor,
            InboxActivity::Reject(a) => &a.actor,
            InboxActivity::Undo(a) => &a.actor,
            InboxActivity::UndoLike(a) => &a.actor,
            InboxActivity::Like(a) => &a.actor,
            InboxActivity::CreateOrUpdate(a) => &a.actor,
            InboxActivity::Delete(a) => &a.actor,
            InboxActivity::Announce(a) => &a.actor,
            InboxActivity::Article(a) => &a.actor,
            InboxActivity::Progress(a) => &a.actor,
            InboxActivity::Unknown(a) => &a.actor,
        }
    }

    async fn verify(&self, data: &Data<AppContext>) -> Result<(), FederationError> {
        // The signature was verified before this is called: the actor is who sent it, and
        // counts against its own allowance. Each kind checks what it refers to in
        // `receive`, where it loads it anyway.
        crate::routes::inbox_throttle::take(data, self.actor())
    }

    async fn receive(self, data: &Data<AppContext>) -> Result<(), FederationError> {
        match self {
            InboxActivity::Follow(a) => follow::receive(a, data).await,
            InboxActivity::JoinAnswer(a) => meeting::receive_answer(*a, data).await,
            InboxActivity::Event(a) => meeting::receive_event(*a, data).await,
            InboxActivity::Invitation(a) => invitation::receive(*a, data).await,
            InboxActivity::Join(a) => meeting::receive_join(a, data).await,
            InboxActivity::Leave(a) => meeting::receive_leave(a, data).await,
            InboxActivity::Accept(a) => answer::receive(&a.actor, &a.object, true, data).await,
            InboxActivity::Reject(a) => answer::receive(&a.actor, &a.object, false, data).await,
            InboxActivity::Undo(a) => undo::receive(a, data).await,
            InboxActivity::UndoLike(a) => like::undo(a, data, &Via::Direct).await,
            InboxActivity::Like(a) => like::receive(a, data, &Via::Direct).await,
            InboxActivity::CreateOrUpdate(a) => create_update::receive(a, data, &Via::Direct).await,
            InboxActivity::UpdateGroup(a) => actor_update::receive(*a, data).await,
            InboxActivity::Delete(a) => delete::receive(a, data, &Via::Direct).await,
            InboxActivity::Announce(a) => announce::receive(a, data).await,
            InboxActivity::Article(a) => programme::receive_article(*a, data).await,
            InboxActivity::Progress(a) => programme::receive_progress(*a, data).await,
            InboxActivity::Unknown(a) => {
                unknown::receive(&a);
                Ok(())
            }
        }
    }
}

/// The member and collective of the stored follow an activity refers to: found by the
/// Follow's id, or else by who follows whom as the embedded Follow names them, and only if
/// such a follow is stored. Never taken from the message alone.
pub(crate) async fn follow_parties(
    follow: &FollowOrId,
    data: &Data<AppContext>,
) -> Result<Option<(ApMember, ApCollective)>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let mut row = follows::by_activity_id(c, follow.id().as_str()).await?;
    if row.is_none()
        && let FollowOrId::Follow(f) = follow
        && let Some(m) = members::by_ap_id(c, f.actor.as_str()).await?
        && let Some(col) = collectives::by_ap_id(c, f.object.as_str()).await?
    {
        row = follows::find(c, m.id, col.id).await?;
    }
    let Some(row) = row else {
        return Ok(None);
    };
    match (
        members::by_id(c, row.follower_id).await?,
        collectives::by_id(c, row.collective_id).await?,
    ) {
        (Some(m), Some(c)) => Ok(Some((ApMember::new(m)?, ApCollective::new(c)?))),
        _ => Ok(None),
    }
}
