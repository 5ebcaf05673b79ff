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
    /// The reader likes it (and may take that back).
    pub liked: bool,
    /// The collective it was written for ("namens"), when known here.
    pub speaks_for: Option<CollectiveRow>,
    /// Each confirmation's collective and own account ("Hoe werkte het bij jullie?").
    pub confirmed_by: Vec<Confirmed>,
}

/// One collective's confirmation that a solution worked for them.
#[derive(Debug, Clone)]
pub struct Confirmed {
    /// The confirming collective's name as people read it (its address when unknown here).
    pub collective: String,
    pub collective_url: String,
    /// The collective's handle and number when it is one of this instance's: its members
    /// may withdraw the confirmation here.
    pub local: Option<(String, i64)>,
    /// Sanitised HTML.
    pub account: String,
}

pub struct Thread {
    pub dilemma: DilemmaRow,
    pub collective: CollectiveRow,
    pub author: MemberRow,
    pub likes: i64,
    /// The reader likes the dilemma.
    pub liked: bool,
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
    let liked: Vec<String> = match &reader.member {
        Some(m) => {
            let mut objects = reply_ids.clone();
            objects.push(dilemma.ap_id.clone());
            likes::liked_by(c, m.id, &objects).await?
        }
        None => Vec::new(),
    };
    let counts: HashMap<i64, i64> = confirmations::counts(c, &solution_ids)
        .await?
        .into_iter()
        .collect();
    let mut confirmed: HashMap<i64, Vec<Confirmed>> = HashMap::new();
    let mut named: HashMap<String, Option<CollectiveRow>> = HashMap::new();
    for row in confirmations::of_solutions(c, &solution_ids).await? {
        let known = known_collective(c, &mut named, &row.collective).await?;
        confirmed
            .entry(row.solution_id)
            .or_default()
            .push(Confirmed {
                local: known
                    .as_ref()
                    .filter(|k| k.local)
                    .map(|k| (k.name.clone(), k.id)),
                collective: known
                    .map(|k| k.display_name)
                    .unwrap_or_else(|| row.collective.clone()),
                collective_url: row.collective,
                account: row.account,
            });
    }
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
        let speaks_for = match &reply.speaks_for {
            Some(url) => known_collective(c, &mut named, url).await?,
            None => None,
        };
        let view = ReplyView {
            confirmations: counts.get(&reply.id).copied().unwrap_or(0),
            likes: like_counts.get(&reply.ap_id).copied().unwrap_or(0),
            liked: liked.contains(&reply.ap_id),
            confirmed_by: confirmed.remove(&reply.id).unwrap_or_default(),
            speaks_for,
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
        liked: liked.contains(&dilemma.ap_id),
        dilemma,
        collective,
        author,
        solutions,
        comments,
    })
}

/// The collective stored here under `ap_id`, looked up once per thread.
async fn known_collective(
    c: &mut meent_db::Conn<'_>,
    seen: &mut HashMap<String, Option<CollectiveRow>>,
    ap_id: &str,
) -> Result<Option<CollectiveRow>, AppError> {
    if let Some(known) = seen.get(ap_id) {
        return Ok(known.clone());
    }
    let found = collectives::by_ap_id(c, ap_id).await?;
    seen.insert(ap_id.to_owned(), found.clone());
    Ok(found)
}
