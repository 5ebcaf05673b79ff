//! Learning programmes from other servers: the owner's `Create`/`Update`/`Delete` of an
//! `Article`, a collective's `Follow` of one of ours and its `Undo`, the owner's `Accept` of
//! a follow one of our collectives sent, and a follower's progress (`Add` of a
//! `StepProgress`). Each asks `policy` first, from what is stored.

use super::policy;
use crate::{
    FederationError,
    objects::{ApCollective, ApProgramme},
    protocol::article::{AddProgress, CreateOrUpdateArticle},
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use meent_app::{
    AppContext,
    use_cases::{programme_follows, programmes},
};
use meent_db::queries::{
    collectives, programme_followers,
    programmes::{self as rows, ProgrammeRow},
};
use url::Url;

/// The stored programme `id` with its owner's actor id.
async fn stored(
    data: &Data<AppContext>,
    id: &Url,
) -> Result<Option<(ProgrammeRow, Url)>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let Some(row) = rows::by_ap_id(c, id.as_str()).await? else {
        return Ok(None);
    };
    let owner = collectives::ap_id_by_id(c, row.collective_id)
        .await?
        .ok_or(FederationError::NotFound("collective"))?;
    Ok(Some((row, policy::parse_url(&owner)?)))
}

/// A programme created or changed by its owner.
pub(super) async fn receive_article(
    activity: CreateOrUpdateArticle,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let article = activity.object;
    if data.urls().is_local(&article.id) {
        return Err(FederationError::Refused(
            "what was written on this instance is changed only here",
        ));
    }
    match stored(data, &article.id).await? {
        Some((_, owner)) => policy::may_change_programme(&activity.actor, &owner)?,
        None => {
            policy::from_own_server(&article.id, &activity.actor)?;
            policy::may_change_programme(&activity.actor, &article.attributed_to)?;
        }
    }
    ApProgramme::verify(&article, &activity.actor, data).await?;
    ApProgramme::from_json(article, data).await?;
    Ok(())
}

/// A programme deleted by its owner; `Ok(false)` when `object` is no programme known here.
pub(super) async fn receive_delete(
    actor: &Url,
    object: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Some((row, owner)) = stored(data, object).await? else {
        return Ok(false);
    };
    if row.local {
        return Err(FederationError::Refused(
            "what was written on this instance is deleted only here",
        ));
    }
    policy::may_change_programme(actor, &owner)?;
    programmes::delete_remote(data, &row).await?;
    Ok(true)
}

/// The collective that sent an activity, fetched when new; `None` when the actor is no
/// collective (a person, say).
async fn collective_actor(
    data: &Data<AppContext>,
    actor: &Url,
) -> Result<Option<ApCollective>, FederationError> {
    Ok(ObjectId::<ApCollective>::from(actor.clone())
        .dereference(data)
        .await
        .ok())
}

/// A collective elsewhere follows one of our programmes; `Ok(false)` when `object` is no
/// programme known here (the Follow is then of a collective).
pub(super) async fn receive_follow(
    id: &Url,
    actor: &Url,
    object: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Some((programme, _)) = stored(data, object).await? else {
        return Ok(false);
    };
    let collective = collective_actor(data, actor).await?;
    policy::may_follow_programme(programme.local && !programme.deleted, collective.is_some())?;
    if let Some(collective) = collective {
        programme_follows::receive_follow(data, &programme, &collective.row, id).await?;
    }
    Ok(true)
}

/// A collective elsewhere stops following one of our programmes; `Ok(false)` when the
/// follow named is no programme follow stored here.
pub(super) async fn receive_undo(
    actor: &Url,
    follow_id: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Some((_, programme, collective)) = follow_of(data, follow_id).await? else {
        return Ok(false);
    };
    // Only the collective that followed undoes it.
    if collective.ap_id != actor.as_str() || !programme.local {
        return Err(FederationError::Refused(
            "only the collective that followed a programme stops following it",
        ));
    }
    programme_follows::receive_undo(data, &programme, &collective).await?;
    Ok(true)
}

/// The stored programme follow `follow_id` with its programme and collective.
async fn follow_of(
    data: &Data<AppContext>,
    follow_id: &Url,
) -> Result<
    Option<(
        programme_followers::ProgrammeFollowerRow,
        ProgrammeRow,
        collectives::CollectiveRow,
    )>,
    FederationError,
> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let Some(row) = programme_followers::by_follow_id(c, follow_id.as_str()).await? else {
        return Ok(None);
    };
    let programme = rows::by_id(c, row.programme_id)
        .await?
        .ok_or(FederationError::NotFound("programme"))?;
    let collective = collectives::by_id(c, row.collective_id)
        .await?
        .ok_or(FederationError::NotFound("collective"))?;
    Ok(Some((row, programme, collective)))
}

/// A programme's owner accepted a follow one of our collectives sent; `Ok(false)` when
/// `follow_id` is no programme follow stored here.
pub(super) async fn receive_accept(
    actor: &Url,
    follow_id: &Url,
    data: &Data<AppContext>,
) -> Result<bool, FederationError> {
    let Some((row, programme, collective)) = follow_of(data, follow_id).await? else {
        return Ok(false);
    };
    let Some((_, owner)) = stored(data, &policy::parse_url(&programme.ap_id)?).await? else {
        return Ok(false);
    };
    policy::may_accept_programme_follow(actor, &owner)?;
    if !collective.local {
        return Err(FederationError::Refused(
            "only follows sent from this instance are answered here",
        ));
    }
    programme_follows::receive_accept(data, row.id).await?;
    Ok(true)
}

/// A following collective's progress on one of our programmes.
pub(super) async fn receive_progress(
    add: AddProgress,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    let Some((programme, _)) = stored(data, &add.target).await? else {
        return Err(FederationError::NotFound("programme"));
    };
    let collective = {
        let mut conn = data.db.get().await?;
        collectives::by_ap_id(&mut conn.conn(), add.actor.as_str()).await?
    };
    policy::may_follow_programme(programme.local && !programme.deleted, collective.is_some())?;
    if let Some(collective) = collective {
        // The collective is the actor, whose signature was checked; the use case checks
        // that it follows the programme.
        programme_follows::receive_progress(
            data,
            &programme,
            &collective,
            add.object.step,
            add.object.done,
            &add.object.content,
        )
        .await?;
    }
    Ok(())
}
