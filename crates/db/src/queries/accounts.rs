//! Web accounts of local members: password hash, state, language and notification choices.

use crate::{
    Conn, DbError, on_conn,
    queries::members::MemberRow,
    schema::{accounts, members, membership_requests},
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

pub const ACTIVE: &str = "active";
pub const PENDING: &str = "pending";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct AccountRow {
    pub member_id: i64,
    pub password_hash: String,
    pub state: String,
    pub language: Option<String>,
    pub notify_solutions: bool,
    pub notify_acceptances: bool,
    pub notify_confirmations: bool,
    pub notify_follow_requests: bool,
    pub notify_session_reminders: bool,
    pub notify_mentions: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The e-mail address given; used only once confirmed.
    pub email: Option<String>,
    pub email_confirmed_at: Option<NaiveDateTime>,
    /// The secret in this account's unsubscribe links.
    pub mail_key: Option<String>,
    /// New dilemmas of followed collectives up to here have been mailed or skipped.
    pub dilemmas_mailed_until: Option<NaiveDateTime>,
}

impl AccountRow {
    /// The address mail may go to: given and confirmed.
    pub fn confirmed_email(&self) -> Option<&str> {
        self.email
            .as_deref()
            .filter(|_| self.email_confirmed_at.is_some())
    }
}

/// The choices a member makes on their settings page.
#[derive(Debug, Clone, PartialEq, AsChangeset)]
#[diesel(table_name = accounts, treat_none_as_null = true)]
pub struct AccountSettings {
    pub language: Option<String>,
    pub notify_solutions: bool,
    pub notify_acceptances: bool,
    pub notify_confirmations: bool,
    pub notify_follow_requests: bool,
    pub notify_session_reminders: bool,
    pub notify_mentions: bool,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    member_id: i64,
    password_hash: &str,
    state: &str,
    language: Option<&str>,
    now: NaiveDateTime,
) -> Result<AccountRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(accounts::table)
        .values((
            accounts::member_id.eq(member_id),
            accounts::password_hash.eq(password_hash),
            accounts::state.eq(state),
            accounts::language.eq(language),
            accounts::created_at.eq(now),
            accounts::updated_at.eq(now),
        ))
        .returning(AccountRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn by_member(conn: &mut Conn<'_>, member_id: i64) -> Result<Option<AccountRow>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .find(member_id)
        .select(AccountRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// The local member called `name` and their account, if they have one.
pub async fn by_name(
    conn: &mut Conn<'_>,
    name: &str,
) -> Result<Option<(MemberRow, AccountRow)>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .inner_join(members::table)
        .filter(members::local.eq(true))
        .filter(members::name.eq(name))
        .select((MemberRow::as_select(), AccountRow::as_select()))
        .get_result(c)
        .await
        .optional())?)
}

pub async fn set_password(
    conn: &mut Conn<'_>,
    member_id: i64,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(accounts::table.find(member_id))
        .set((
            accounts::password_hash.eq(password_hash),
            accounts::updated_at.eq(now)
        ))
        .execute(c)
        .await)?;
    Ok(())
}

pub async fn set_state(
    conn: &mut Conn<'_>,
    member_id: i64,
    state: &str,
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(on_conn!(conn, |c| diesel::update(
        accounts::table.find(member_id)
    )
    .set((accounts::state.eq(state), accounts::updated_at.eq(now)))
    .execute(c)
    .await)?)
}

pub async fn save_settings(
    conn: &mut Conn<'_>,
    member_id: i64,
    settings: &AccountSettings,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(accounts::table.find(member_id))
        .set((settings, accounts::updated_at.eq(now)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Registrations waiting for approval, oldest first, with the collective each asked to join.
pub async fn pending(conn: &mut Conn<'_>) -> Result<Vec<(MemberRow, Option<i64>)>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .inner_join(members::table)
        .left_join(
            membership_requests::table.on(membership_requests::member_id.eq(accounts::member_id))
        )
        .filter(accounts::state.eq(PENDING))
        .order(accounts::created_at.asc())
        .select((
            MemberRow::as_select(),
            membership_requests::collective_id.nullable()
        ))
        .load(c)
        .await)?)
}

pub async fn request_membership(
    conn: &mut Conn<'_>,
    member_id: i64,
    collective_id: i64,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::insert_into(membership_requests::table)
        .values((
            membership_requests::member_id.eq(member_id),
            membership_requests::collective_id.eq(collective_id),
            membership_requests::created_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Removes and returns the collective a registration asked to join.
pub async fn take_membership_request(
    conn: &mut Conn<'_>,
    member_id: i64,
) -> Result<Option<i64>, DbError> {
    let found: Option<i64> = on_conn!(conn, |c| membership_requests::table
        .find(member_id)
        .select(membership_requests::collective_id)
        .get_result(c)
        .await
        .optional())?;
    if found.is_some() {
        on_conn!(conn, |c| diesel::delete(
            membership_requests::table.find(member_id)
        )
        .execute(c)
        .await)?;
    }
    Ok(found)
}

/// Sets (or, with `None`, removes) the account's address; it is unconfirmed until its link
/// is followed. `mail_key` is the account's unsubscribe secret.
pub async fn set_email(
    conn: &mut Conn<'_>,
    member_id: i64,
    email: Option<&str>,
    mail_key: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(accounts::table.find(member_id))
        .set((
            accounts::email.eq(email),
            accounts::email_confirmed_at.eq(None::<NaiveDateTime>),
            accounts::mail_key.eq(mail_key),
            accounts::updated_at.eq(now),
        ))
        .execute(c)
        .await)?;
    Ok(())
}

/// Confirms the address `email` if it is still the account's; from now on new dilemmas of
/// followed collectives are mailed (not those before). Returns whether it was confirmed.
pub async fn confirm_email(
    conn: &mut Conn<'_>,
    member_id: i64,
    email: &str,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    let n = on_conn!(conn, |c| diesel::update(
        accounts::table
            .find(member_id)
            .filter(accounts::email.eq(email))
    )
    .set((
        accounts::email_confirmed_at.eq(Some(now)),
        accounts::updated_at.eq(now),
    ))
    .execute(c)
    .await)?;
    if n == 1 {
        on_conn!(conn, |c| diesel::update(
            accounts::table
                .find(member_id)
                .filter(accounts::dilemmas_mailed_until.is_null())
        )
        .set(accounts::dilemmas_mailed_until.eq(Some(now)))
        .execute(c)
        .await)?;
    }
    Ok(n == 1)
}

/// The member whose unsubscribe links carry `key`.
pub async fn by_mail_key(conn: &mut Conn<'_>, key: &str) -> Result<Option<AccountRow>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .filter(accounts::mail_key.eq(key))
        .select(AccountRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Active local accounts with a confirmed address, with their members.
pub async fn with_confirmed_email(
    conn: &mut Conn<'_>,
) -> Result<Vec<(MemberRow, AccountRow)>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .inner_join(members::table)
        .filter(accounts::state.eq(ACTIVE))
        .filter(accounts::email.is_not_null())
        .filter(accounts::email_confirmed_at.is_not_null())
        .order(accounts::member_id.asc())
        .select((MemberRow::as_select(), AccountRow::as_select()))
        .load(c)
        .await)?)
}

/// Active accounts whose confirmed address is `email` (for a password reset by address).
pub async fn by_confirmed_email(
    conn: &mut Conn<'_>,
    email: &str,
) -> Result<Vec<(MemberRow, AccountRow)>, DbError> {
    Ok(on_conn!(conn, |c| accounts::table
        .inner_join(members::table)
        .filter(accounts::email.eq(email))
        .filter(accounts::email_confirmed_at.is_not_null())
        .select((MemberRow::as_select(), AccountRow::as_select()))
        .load(c)
        .await)?)
}

pub async fn set_dilemmas_mailed_until(
    conn: &mut Conn<'_>,
    member_id: i64,
    until: NaiveDateTime,
) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::update(accounts::table.find(member_id))
        .set(accounts::dilemmas_mailed_until.eq(Some(until)))
        .execute(c)
        .await)?;
    Ok(())
}

/// Takes the account for one round of composing mail: succeeds only if it was not changed
/// since it was read at `seen_updated_at`, so that of two processes composing for the same
/// member at once only one queues mail.
pub async fn claim_for_mail(
    conn: &mut Conn<'_>,
    member_id: i64,
    seen_updated_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<bool, DbError> {
    // Strictly later than what was seen, even if the clock has not moved on.
    let next = now.max(seen_updated_at + chrono::Duration::microseconds(1));
    let n = on_conn!(conn, |c| diesel::update(
        accounts::table
            .find(member_id)
            .filter(accounts::updated_at.eq(seen_updated_at))
    )
    .set(accounts::updated_at.eq(next))
    .execute(c)
    .await)?;
    Ok(n == 1)
}
