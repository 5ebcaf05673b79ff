//! Likes of dilemmas, solutions and comments.

use crate::outbox::enqueue;
use crate::{
    AppContext, AppError,
    use_cases::access::{Reader, visible},
};
use meent_db::queries::{collectives, dilemmas, dilemmas::DilemmaRow, likes, replies};
use meent_domain::{OutboundActivity, Visibility};
use url::Url;

fn parse(s: &str) -> Result<Url, AppError> {
    Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")))
}

/// What can be liked.
#[derive(Debug, Clone, Copy)]
pub enum Likeable {
    Dilemma(i64),
    Reply(i64),
}

/// The object's id and the dilemma whose thread it is in.
async fn object_of(
    c: &mut meent_db::Conn<'_>,
    reader: &Reader,
    target: Likeable,
) -> Result<(String, DilemmaRow), AppError> {
    Ok(match target {
        Likeable::Dilemma(id) => {
            let d = visible(reader, dilemmas::by_id(c, id).await?)?;
            (d.ap_id.clone(), d)
        }
        Likeable::Reply(id) => {
            let r = replies::by_id(c, id)
                .await?
                .filter(|r| !r.deleted)
                .ok_or(AppError::NotFound("solution or comment"))?;
            let d = visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
            (r.ap_id, d)
        }
    })
}

/// Likes (or, with `like = false`, unlikes) `target`. Returns the number of likes after.
pub async fn set_like(
    ctx: &AppContext,
    reader: &Reader,
    target: Likeable,
    like: bool,
) -> Result<i64, AppError> {
    let member = reader.require_member()?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let (object, dilemma) = object_of(c, reader, target).await?;
    let changed = if like {
        let id = ctx.urls().new_activity("like");
        let added = likes::insert(c, id.as_str(), member.id, &object, meent_db::now()).await?;
        added.then(|| (id.clone(), id))
    } else {
        match likes::remove(c, member.id, &object).await? {
            Some(like_id) => Some((ctx.urls().new_activity("undo"), parse(&like_id)?)),
            None => None,
        }
    };
    if let Some((id, like_id)) = changed {
        let visibility: Visibility = dilemma.visibility.parse()?;
        if visibility.federates() {
            let audience = collectives::by_id(c, dilemma.collective_id)
                .await?
                .ok_or(AppError::NotFound("collective"))?;
            let activity = OutboundActivity::Like {
                id,
                like_id,
                actor: parse(&member.ap_id)?,
                object: parse(&object)?,
                audience: parse(&audience.ap_id)?,
                undo: !like,
            };
            enqueue(c, &activity).await?;
        }
    }
    let count = likes::count(c, &object).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(count)
}
