//! Likes of dilemmas, solutions and comments.

use crate::{
    AppContext, AppError,
    use_cases::access::{Reader, visible},
};
use meent_db::queries::{dilemmas, likes, replies};

/// What can be liked.
#[derive(Debug, Clone, Copy)]
pub enum Likeable {
    Dilemma(i64),
    Reply(i64),
}

async fn object_ap_id(
    c: &mut meent_db::Conn<'_>,
    reader: &Reader,
    target: Likeable,
) -> Result<String, AppError> {
    Ok(match target {
        Likeable::Dilemma(id) => visible(reader, dilemmas::by_id(c, id).await?)?.ap_id,
        Likeable::Reply(id) => {
            let r = replies::by_id(c, id)
                .await?
                .filter(|r| !r.deleted)
                .ok_or(AppError::NotFound("solution or comment"))?;
            visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
            r.ap_id
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
    let object = object_ap_id(c, reader, target).await?;
    if like {
        let id = ctx.urls().new_activity("like");
        likes::insert(c, id.as_str(), member.id, &object, meent_db::now()).await?;
    } else {
        likes::remove(c, member.id, &object).await?;
    }
    let count = likes::count(c, &object).await?;
    tx.commit().await?;
    Ok(count)
}
