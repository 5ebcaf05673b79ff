//! Mentions (`@name@host`) in solutions and comments: who they name, a link to them in the
//! text, and a notification for the members of this instance they name.

use crate::{AppContext, AppError, Resolved};
use meent_db::{
    Conn,
    queries::{members, members::MemberRow},
};
use meent_domain::{ActorRef, handle_of, mention::mentions_in};

/// A mention that names a person known here.
#[derive(Debug, Clone)]
pub struct Mentioned {
    /// `name@host` as typed (host in lower case).
    pub handle: String,
    pub member: MemberRow,
}

/// The people `text` mentions: members here by name, people elsewhere known here by their
/// handle. With `fetch`, people elsewhere not known yet are looked up (WebFinger) and
/// stored; a mention that names nobody stays plain text.
pub async fn resolve(ctx: &AppContext, text: &str, fetch: bool) -> Vec<Mentioned> {
    let mut out = Vec::new();
    for (name, host) in mentions_in(text) {
        let handle = format!("{name}@{host}");
        let known = match known(ctx, &name, &handle).await {
            Ok(found) => found,
            Err(e) => {
                tracing::info!(%handle, error = %e, "mention not looked up");
                None
            }
        };
        let member = match known {
            Some(m) => Some(m),
            None if fetch && host != ctx.instance.domain => match ctx.resolver() {
                Ok(resolver) => match resolver.resolve_any(&ActorRef::Acct { name, host }).await {
                    Ok(Resolved::Member(m)) => Some(m),
                    _ => None,
                },
                Err(_) => None,
            },
            None => None,
        };
        if let Some(member) = member {
            out.push(Mentioned { handle, member });
        }
    }
    out
}

/// The people `text` mentions who are known here, looked up on `c` (nothing is fetched):
/// for rendering what was written here.
pub async fn known_in(c: &mut Conn<'_>, text: &str) -> Result<Vec<Mentioned>, AppError> {
    let mut out = Vec::new();
    for (name, host) in mentions_in(text) {
        let handle = format!("{name}@{host}");
        if let Some(member) = by_handle(c, &name, &handle).await? {
            out.push(Mentioned { handle, member });
        }
    }
    Ok(out)
}

/// The member known here whose handle is `handle` (`name@host`).
async fn known(ctx: &AppContext, name: &str, handle: &str) -> Result<Option<MemberRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    by_handle(&mut conn.conn(), name, handle).await
}

/// The member called `name` whose handle is `handle`, local or remote.
async fn by_handle(
    c: &mut Conn<'_>,
    name: &str,
    handle: &str,
) -> Result<Option<MemberRow>, AppError> {
    Ok(members::by_name(c, name)
        .await?
        .into_iter()
        .find(|m| handle_of(&m.name, &m.ap_id) == handle))
}

/// `html` with each mention of a known person made a link to them.
pub fn link(html: &str, mentioned: &[Mentioned]) -> String {
    let mut out = html.to_owned();
    for m in mentioned {
        let typed = format!("@{}", m.handle);
        let href = if m.member.local {
            format!("/u/{}", m.member.name)
        } else {
            m.member.ap_id.clone()
        };
        let anchor = format!(
            "<a href=\"{}\" class=\"mention\">{}</a>",
            crate::text::attribute_escape(&href),
            typed
        );
        out = out.replace(&typed, &anchor);
    }
    crate::text::html(&out)
}

/// Tells the local members among `mentioned` that `author` mentioned them in `reply`.
pub(crate) async fn notify(
    c: &mut Conn<'_>,
    mentioned: &[i64],
    reply: &meent_db::queries::replies::ReplyRow,
    author: &MemberRow,
) -> Result<(), AppError> {
    for id in mentioned {
        crate::notifications::mentioned(c, *id, reply, author).await?;
    }
    Ok(())
}
