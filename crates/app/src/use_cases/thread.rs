//! A dilemma with everything in its thread, as a page or the API shows it.

use crate::{
    AppContext, AppError,
    use_cases::access::{Reader, visible},
};
use meent_db::queries::{
    collectives::{self, CollectiveRow},
    confirmations, dilemmas,
    dilemmas::DilemmaRow,
    likes,
    members::{self, MemberRow},
    replies::{self, ReplyRow, SOLUTION},
};
use std::collections::HashMap;

pub struct ReplyView {
    pub reply: ReplyRow,
    pub author: MemberRow,
    pub confirmations: i64,
    pub likes: i64,
}

pub struct Thread {
    pub dilemma: DilemmaRow,
    pub collective: CollectiveRow,
    pub author: MemberRow,
    pub likes: i64,
    /// Accepted first, then most confirmed, then newest.
    pub solutions: Vec<ReplyView>,
    /// Comments in the order written; each names its parent.
    pub comments: Vec<ReplyView>,
}

pub async fn thread(ctx: &AppContext, reader: &Reader, id: i64) -> Result<Thread, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let dilemma = visible(reader, dilemmas::by_id(c, id).await?)?;
    let collective = collectives::by_id(c, dilemma.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let author = members::by_id(c, dilemma.author_id)
        .await?
        .ok_or(AppError::NotFound("author"))?;
    let all: Vec<ReplyRow> = replies::of_dilemma(c, dilemma.id)
        .await?
        .into_iter()
        .filter(|r| !r.deleted)
        .collect();
    let solution_ids: Vec<i64> = all
        .iter()
        .filter(|r| r.kind == SOLUTION)
        .map(|r| r.id)
        .collect();
    // One grouped query each for confirmations and likes, not one per reply.
    let reply_ids: Vec<String> = all.iter().map(|r| r.ap_id.clone()).collect();
    let like_counts: HashMap<String, i64> =
        likes::counts(c, &reply_ids).await?.into_iter().collect();
    let counts: HashMap<i64, i64> = confirmations::counts(c, &solution_ids)
        .await?
        .into_iter()
        .collect();
    // All the thread's authors in one query.
    let mut author_ids: Vec<i64> = all.iter().map(|r| r.author_id).collect();
    author_ids.sort_unstable();
    author_ids.dedup();
    let authors: HashMap<i64, MemberRow> = members::by_ids(c, &author_ids)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let mut solutions = Vec::new();
    let mut comments = Vec::new();
    for reply in all {
        let author = authors
            .get(&reply.author_id)
            .cloned()
            .ok_or(AppError::NotFound("author"))?;
        let view = ReplyView {
            confirmations: counts.get(&reply.id).copied().unwrap_or(0),
            likes: like_counts.get(&reply.ap_id).copied().unwrap_or(0),
            author,
            reply,
        };
        if view.reply.kind == SOLUTION {
            solutions.push(view);
        } else {
            comments.push(view);
        }
    }
    solutions.sort_by(|a, b| {
        b.reply
            .accepted
            .cmp(&a.reply.accepted)
            .then(b.confirmations.cmp(&a.confirmations))
            .then(b.reply.published.cmp(&a.reply.published))
    });
    Ok(Thread {
        likes: likes::count(c, &dilemma.ap_id).await?,
        dilemma,
        collective,
        author,
        solutions,
        comments,
    })
}
