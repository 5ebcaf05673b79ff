//! Mails waiting to be sent, composed when queued. A row is *due* once `next_attempt_at`
//! has come and it is not sent; the sender *claims* due rows by moving `next_attempt_at`
//! to the end of a lease, hands each to the SMTP server and marks it sent, so a mail is
//! sent once even with several server processes, and one whose sender died is taken over
//! when the lease runs out.

use crate::{Conn, DbError, on_conn, schema::mail_outbox};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = mail_outbox)]
pub struct MailRow {
    pub id: i64,
    pub member_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub unsubscribe_url: Option<String>,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub leased_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = mail_outbox)]
pub struct NewMail {
    pub member_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub unsubscribe_url: Option<String>,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub async fn insert(conn: &mut Conn<'_>, mail: &NewMail) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(mail_outbox::table)
        .values(mail)
        .returning(mail_outbox::id)
        .get_result(c)
        .await)?)
}

/// Claims up to `limit` due mails, oldest first, until `lease_until`. Call inside a
/// transaction (on PostgreSQL rows another process is claiming are skipped).
pub async fn claim(
    conn: &mut Conn<'_>,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> Result<Vec<MailRow>, DbError> {
    macro_rules! due {
        () => {
            mail_outbox::table
                .filter(mail_outbox::sent_at.is_null())
                .filter(mail_outbox::next_attempt_at.le(now))
                .order((mail_outbox::next_attempt_at.asc(), mail_outbox::id.asc()))
                .limit(limit)
                .select(mail_outbox::id)
        };
    }
    let ids: Vec<i64> = match conn {
        Conn::Pg(c) => due!().for_update().skip_locked().load(&mut **c).await?,
        Conn::Sqlite(c) => due!().load(&mut **c).await?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(on_conn!(conn, |c| diesel::update(
        mail_outbox::table.filter(mail_outbox::id.eq_any(&ids))
    )
    .set((
        mail_outbox::leased_until.eq(Some(lease_until)),
        mail_outbox::next_attempt_at.eq(lease_until),
    ))
    .returning(MailRow::as_returning())
    .get_results(c)
    .await)?)
}

pub async fn mark_sent(conn: &mut Conn<'_>, id: i64, now: NaiveDateTime) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::sent_at.eq(Some(now)),
            mail_outbox::leased_until.eq(None::<NaiveDateTime>),
            mail_outbox::last_error.eq(None::<String>),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Puts a claimed mail back after a failed attempt: due again at `next_attempt_at`.
pub async fn release_failed(
    conn: &mut Conn<'_>,
    id: i64,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    error: &str,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::attempts.eq(attempts),
            mail_outbox::next_attempt_at.eq(next_attempt_at),
            mail_outbox::last_error.eq(Some(error)),
            mail_outbox::leased_until.eq(None::<NaiveDateTime>),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// When the next unsent mail falls due (or its lease runs out).
pub async fn next_due(conn: &mut Conn<'_>) -> Result<Option<NaiveDateTime>, DbError> {
    Ok(on_conn!(conn, |c| mail_outbox::table
        .filter(mail_outbox::sent_at.is_null())
        .select(diesel::dsl::min(mail_outbox::next_attempt_at))
        .get_result(c)
        .await)?)
}

/// Mails not sent yet.
pub async fn count_unsent(conn: &mut Conn<'_>) -> Result<i64, DbError> {
    Ok(on_conn!(conn, |c| mail_outbox::table
        .filter(mail_outbox::sent_at.is_null())
        .count()
        .get_result(c)
        .await)?)
}

/// Removes mails sent before `before`; returns how many.
pub async fn prune_sent(conn: &mut Conn<'_>, before: NaiveDateTime) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::delete(
        mail_outbox::table.filter(mail_outbox::sent_at.lt(before))
    )
    .execute(c)
    .await)?)
}

/// Gives a mail up (the SMTP server refused it for good): it counts as done, with why.
pub async fn give_up(
    conn: &mut Conn<'_>,
    id: i64,
    now: NaiveDateTime,
    error: &str,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::sent_at.eq(Some(now)),
            mail_outbox::leased_until.eq(None::<NaiveDateTime>),
            mail_outbox::last_error.eq(Some(error)),
        ))
        .execute(c)
        .await)?;
    Ok(())
}
