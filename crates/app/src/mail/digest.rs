//! Composing what is due: per member with a confirmed address, each notification of a kind
//! mailed at once gets a mail of its own; the rest of the kinds chosen daily or weekly wait
//! until the digest hour and then go into one mail per cadence, grouped by collective and
//! dilemma, together with the new dilemmas of the collectives the member follows.
//!
//! What is mailed (or skipped, for a kind not mailed) is marked in the same transaction
//! that queues the mail, so a tick that fails or runs twice never mails anything twice.

use super::{
    DigestEntry, DigestGroup, DigestLine, LetterContent, Mailer, language_of, queue::enqueue,
};
use crate::{AppContext, AppError};
use chrono::NaiveDateTime;
use meent_db::{
    Conn,
    queries::{
        accounts::{self, AccountRow},
        collectives, dilemmas, mail_choices, meetings,
        members::MemberRow,
        notifications::{self, NotificationRow},
    },
};
use meent_domain::{
    MailCadence, Visibility,
    mail::{NEW_DILEMMA, default_cadence, due_until},
};
use std::collections::HashMap;
use url::Url;

/// Composes and queues every mail due at `now`; returns how many were queued.
pub async fn compose_due(ctx: &AppContext, now: NaiveDateTime) -> Result<usize, AppError> {
    let Some(mailer) = ctx.mailer() else {
        return Ok(0);
    };
    let recipients = {
        let mut conn = ctx.db.get().await?;
        accounts::with_confirmed_email(&mut conn.conn()).await?
    };
    let mut queued = 0;
    for (member, account) in recipients {
        match compose_for(ctx, &mailer, &member, &account, now).await {
            Ok(n) => queued += n,
            // One member's failure (a vanished row, say) does not hold up the others.
            Err(e) => tracing::warn!(member = member.id, error = %e, "composing mail failed"),
        }
    }
    if queued > 0 {
        ctx.wake_mail();
    }
    Ok(queued)
}

/// The member's cadence for every kind: their choices over the defaults.
pub(crate) async fn cadences(
    c: &mut Conn<'_>,
    member_id: i64,
) -> Result<HashMap<String, MailCadence>, AppError> {
    let mut out: HashMap<String, MailCadence> = meent_domain::mail::MAIL_KINDS
        .iter()
        .map(|k| ((*k).to_owned(), default_cadence(k)))
        .collect();
    for (kind, cadence) in mail_choices::of(c, member_id).await? {
        if let Ok(cadence) = cadence.parse() {
            out.insert(kind, cadence);
        }
    }
    Ok(out)
}

/// The cadence of `kind` in a member's [`cadences`]: their choice, else its default.
pub(crate) fn cadence_in(chosen: &HashMap<String, MailCadence>, kind: &str) -> MailCadence {
    chosen
        .get(kind)
        .copied()
        .unwrap_or_else(|| default_cadence(kind))
}

/// What is due for one member, sorted by where it goes.
#[derive(Default)]
struct Due {
    /// Notifications not to be mailed: marked so they are not looked at again.
    skipped: Vec<i64>,
    immediate: Vec<NotificationRow>,
    daily: Vec<NotificationRow>,
    weekly: Vec<NotificationRow>,
}

async fn compose_for(
    ctx: &AppContext,
    mailer: &Mailer,
    member: &MemberRow,
    account: &AccountRow,
    now: NaiveDateTime,
) -> Result<usize, AppError> {
    let (Some(since), Some(key)) = (account.email_confirmed_at, account.mail_key.as_deref()) else {
        return Ok(0);
    };
    let hour = mailer.settings.digest_hour;
    let tz = mailer.settings.time_zone;
    // What is due is read first, on a connection of its own: most rounds find nothing for
    // most members, and a transaction here would wait for (and hold up) SQLite's writer.
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let cadence_of = cadences(c, member.id).await?;
    let cadence = |kind: &str| cadence_in(&cadence_of, kind);
    let mut due = Due::default();
    for n in notifications::unmailed(c, member.id, since).await? {
        match cadence(&n.kind) {
            MailCadence::Off => due.skipped.push(n.id),
            MailCadence::Immediate => due.immediate.push(n),
            c @ (MailCadence::Daily | MailCadence::Weekly) => {
                if n.created_at <= due_until(c, now, hour, tz) {
                    if c == MailCadence::Daily {
                        due.daily.push(n);
                    } else {
                        due.weekly.push(n);
                    }
                }
            }
        }
    }
    // New dilemmas of followed collectives, stored since the last mail of them. The mark
    // moves only when some are mailed: a round with nothing to tell writes nothing (a
    // window found empty stays empty, as rows are stored with the time they are stored).
    let new_cadence = cadence(NEW_DILEMMA);
    let from = account.dilemmas_mailed_until.unwrap_or(since);
    let until = due_until(new_cadence, now, hour, tz);
    let new_dilemmas = if until > from && new_cadence != MailCadence::Off {
        dilemmas::followed_stored_between(c, member.id, from, until, Visibility::Public.as_str())
            .await?
    } else {
        Vec::new()
    };
    let nothing = due.skipped.is_empty()
        && due.immediate.is_empty()
        && due.daily.is_empty()
        && due.weekly.is_empty()
        && new_dilemmas.is_empty();
    if nothing {
        return Ok(0);
    }
    drop(conn);
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    // Another process composing for this member at the same moment loses here.
    if !accounts::claim_for_mail(c, member.id, account.updated_at, now).await? {
        return Ok(0);
    }
    let to = account.confirmed_email().unwrap_or_default().to_owned();
    let lang = language_of(account);
    let urls = ctx.urls();
    let settings = urls.page("/settings");
    let mut lookup = Lookup::default();
    let mut queued = 0;
    let letter = |cadence: MailCadence, groups: Vec<DigestGroup>, what: &str| {
        (
            LetterContent::Digest {
                name: member.display_name.clone(),
                cadence,
                groups,
                settings: settings.clone(),
                unsubscribe: urls.mail_unsubscribe(key, what),
            },
            urls.mail_unsubscribe(key, what),
        )
    };
    let mut mails = Vec::new();
    for n in &due.immediate {
        let groups = lookup.group(c, ctx, std::slice::from_ref(n), &[]).await?;
        mails.push(letter(MailCadence::Immediate, groups, &n.kind));
    }
    let mut marked: Vec<i64> = due.skipped.clone();
    marked.extend(due.immediate.iter().map(|n| n.id));
    for (cadence, notes) in [
        (MailCadence::Daily, &due.daily),
        (MailCadence::Weekly, &due.weekly),
        (MailCadence::Immediate, &Vec::new()),
    ] {
        let dilemmas: &[dilemmas::DilemmaRow] = if new_cadence == cadence {
            &new_dilemmas
        } else {
            &[]
        };
        if notes.is_empty() && dilemmas.is_empty() {
            continue;
        }
        let groups = lookup.group(c, ctx, notes, dilemmas).await?;
        let what = match cadence {
            MailCadence::Immediate => NEW_DILEMMA,
            other => other.as_str(),
        };
        mails.push(letter(cadence, groups, what));
        marked.extend(notes.iter().map(|n| n.id));
    }
    for (content, unsubscribe) in &mails {
        enqueue(
            c,
            mailer,
            Some(member.id),
            &to,
            lang,
            content,
            Some(unsubscribe),
        )
        .await?;
        queued += 1;
    }
    notifications::mark_mailed(c, &marked, now).await?;
    if !new_dilemmas.is_empty() {
        accounts::set_dilemmas_mailed_until(c, member.id, until).await?;
    }
    tx.commit().await?;
    Ok(queued)
}

/// Titles and names looked up once per mail run.
#[derive(Default)]
struct Lookup {
    collectives: HashMap<i64, String>,
}

impl Lookup {
    async fn collective_name(&mut self, c: &mut Conn<'_>, id: i64) -> Result<String, AppError> {
        if let Some(name) = self.collectives.get(&id) {
            return Ok(name.clone());
        }
        let name = collectives::by_id(c, id)
            .await?
            .map(|col| col.display_name)
            .unwrap_or_default();
        self.collectives.insert(id, name.clone());
        Ok(name)
    }

    /// Groups notifications and new dilemmas by collective, then by what they are about,
    /// in the order they happened.
    async fn group(
        &mut self,
        c: &mut Conn<'_>,
        ctx: &AppContext,
        notes: &[NotificationRow],
        new_dilemmas: &[dilemmas::DilemmaRow],
    ) -> Result<Vec<DigestGroup>, AppError> {
        let urls = ctx.urls();
        let mut groups: Vec<DigestGroup> = Vec::new();
        let mut place = |collective: String, title: String, link: Url, line: DigestLine| {
            let gi = match groups.iter().position(|g| g.collective == collective) {
                Some(i) => i,
                None => {
                    groups.push(DigestGroup {
                        collective,
                        entries: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let entries = &mut groups[gi].entries;
            match entries.iter_mut().find(|e| e.link == link) {
                Some(e) => e.lines.push(line),
                None => entries.push(DigestEntry {
                    title,
                    link,
                    lines: vec![line],
                }),
            }
        };
        for d in new_dilemmas {
            let collective = self.collective_name(c, d.collective_id).await?;
            place(
                collective,
                d.title.clone(),
                urls.dilemma(d.id),
                DigestLine::NewDilemma,
            );
        }
        for n in notes {
            let line = DigestLine::Notification {
                kind: n.kind.clone(),
                actor: n.actor_name.clone(),
            };
            if let Some(id) = n.dilemma_id {
                let Some(d) = dilemmas::by_id(c, id).await?.filter(|d| !d.deleted) else {
                    continue;
                };
                let collective = self.collective_name(c, d.collective_id).await?;
                place(collective, d.title, urls.dilemma(id), line);
            } else if let Some(id) = n.meeting_id {
                let Some(m) = meetings::by_id(c, id).await? else {
                    continue;
                };
                let collective = self.collective_name(c, m.collective_id).await?;
                place(collective, m.title, urls.meeting(id), line);
            } else if let Some(id) = n.collective_id {
                let collective = self.collective_name(c, id).await?;
                place(collective.clone(), collective, urls.page("/manage"), line);
            }
        }
        Ok(groups)
    }
}
