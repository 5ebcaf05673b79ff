//! Web accounts: the first start's set-up, registration in the instance's mode, logging in
//! and out, password changes, settings, approval of registrations and invitations.

use crate::{
    AppContext, AppError,
    collectives::{self, CollectiveRow, NewCollective},
    members::{self, NewMember},
    use_cases::access::Reader,
};
use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use meent_db::queries::{
    accounts::{self, ACTIVE, AccountRow, AccountSettings, PENDING},
    collectives as collective_rows, invites,
    members::{self as member_rows, MemberRow},
    memberships, sessions,
};
use meent_domain::{
    Language, RegistrationMode, Role,
    account::{PasswordProblem, check_password},
};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicU64, Ordering};
use thiserror::Error;

/// How long a browser session lasts without logging in again.
pub const SESSION_DAYS: i64 = 30;

/// Why an account action did not happen, in terms a page can translate for the person.
#[derive(Debug, Error)]
pub enum AccountError {
    #[error("the name or password is not right")]
    WrongCredentials,
    #[error("the account waits for approval")]
    Pending,
    #[error("the password is too short")]
    PasswordTooShort,
    #[error("the password is too long")]
    PasswordTooLong,
    #[error("the password is too easy to guess")]
    PasswordTooCommon,
    #[error("the name is already taken")]
    NameTaken,
    #[error("the name may hold only a-z, 0-9 and _ (at most 64)")]
    BadName,
    #[error("the invitation code is unknown or used")]
    BadInvite,
    #[error("registration needs an invitation here")]
    InviteRequired,
    #[error("choose a collective to join")]
    NoCollective,
    #[error("the instance is already set up")]
    AlreadySetUp,
    #[error("that is not an e-mail address")]
    BadEmail,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<meent_db::DbError> for AccountError {
    fn from(e: meent_db::DbError) -> Self {
        AccountError::App(e.into())
    }
}

impl From<PasswordProblem> for AccountError {
    fn from(p: PasswordProblem) -> Self {
        match p {
            PasswordProblem::TooShort => AccountError::PasswordTooShort,
            PasswordProblem::TooLong => AccountError::PasswordTooLong,
            PasswordProblem::TooCommon => AccountError::PasswordTooCommon,
        }
    }
}

/// A person's own details when they make an account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub display_name: String,
    pub password: String,
    pub language: Option<Language>,
    /// An e-mail address, optional (mailed a confirmation link when mail is on).
    pub email: Option<String>,
}

/// Whether the first start's set-up page is still needed: no administrator exists yet.
pub async fn needs_setup(ctx: &AppContext) -> Result<bool, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(member_rows::count_admins(&mut conn.conn()).await? == 0)
}

/// The first start: makes the first collective and its administrator (a coordinator of it)
/// in one transaction, and refuses once an administrator exists.
pub async fn setup(
    ctx: &AppContext,
    collective: NewCollective,
    admin: NewAccount,
) -> Result<(MemberRow, CollectiveRow), AccountError> {
    check_password(&admin.password, &own_words(&admin))?;
    let collective_form = collectives::prepare(ctx, collective)
        .await
        .map_err(name_error)?;
    let member_form = members::prepare(ctx, new_member(&admin, true))
        .await
        .map_err(name_error)?;
    let hash = hash_password(ctx, admin.password.clone()).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    // Checked inside the transaction: two set-up forms sent at once make one administrator.
    if member_rows::count_admins(c).await? > 0 {
        return Err(AccountError::AlreadySetUp);
    }
    let collective = collectives::insert(c, collective_form)
        .await
        .map_err(name_error)?;
    let member = members::insert(c, member_form, true)
        .await
        .map_err(name_error)?;
    accounts::insert(c, member.id, &hash, ACTIVE, lang(&admin), now).await?;
    memberships::upsert(c, member.id, collective.id, Role::Coordinator.as_str(), now).await?;
    tx.commit().await?;
    Ok((member, collective))
}

/// Which collective a registration joins: one chosen from the list (open and approval
/// modes) or the one an invitation is for.
#[derive(Debug, Clone)]
pub enum Joining {
    Collective(String),
    Invite(String),
}

/// The outcome of a registration: an active account may log in now.
#[derive(Debug, Clone)]
pub struct Registered {
    pub member: MemberRow,
    pub active: bool,
}

pub async fn register(
    ctx: &AppContext,
    new: NewAccount,
    joining: Joining,
) -> Result<Registered, AccountError> {
    let mode = ctx.instance.registration;
    check_password(&new.password, &own_words(&new))?;
    // Without mail an address is not asked for, and one sent anyway is not kept.
    let email = match (&new.email, ctx.mail_enabled()) {
        (Some(typed), true) => {
            crate::email::parse_address(typed).map_err(|_| AccountError::BadEmail)?
        }
        _ => None,
    };
    // The cheap refusals first: a key pair and a password hash are made only for a
    // registration that can succeed (checked again in the transaction below).
    precheck_registration(ctx, &new, &joining).await?;
    let member_form = members::prepare(ctx, new_member(&new, false))
        .await
        .map_err(name_error)?;
    let hash = hash_password(ctx, new.password.clone()).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let (collective_id, active) = match (mode, &joining) {
        (RegistrationMode::Invite, Joining::Collective(_)) => {
            return Err(AccountError::InviteRequired);
        }
        (_, Joining::Invite(code)) => {
            if !invites::is_open(c, &hash_token(code.trim())).await? {
                return Err(AccountError::BadInvite);
            }
            (None, true)
        }
        (_, Joining::Collective(name)) => {
            let collective = collective_rows::local_by_name(c, name)
                .await?
                .ok_or(AccountError::NoCollective)?;
            (Some(collective.id), mode == RegistrationMode::Open)
        }
    };
    let member = members::insert(c, member_form, false)
        .await
        .map_err(name_error)?;
    let state = if active { ACTIVE } else { PENDING };
    let account = accounts::insert(c, member.id, &hash, state, lang(&new), now).await?;
    let mut mailed = match &email {
        Some(email) => crate::email::set_address_in(c, ctx, &member, &account, Some(email)).await?,
        None => false,
    };
    let joins = match (&joining, collective_id) {
        (Joining::Invite(code), _) => Some(
            invites::take(c, &hash_token(code.trim()), member.id, now)
                .await?
                .ok_or(AccountError::BadInvite)?,
        ),
        (_, Some(id)) if active => Some(id),
        (_, Some(id)) => {
            accounts::request_membership(c, member.id, id, now).await?;
            mailed |= crate::email::tell_awaiting_approval(c, ctx, &member, Some(id)).await?;
            None
        }
        _ => None,
    };
    if let Some(collective_id) = joins {
        memberships::upsert(c, member.id, collective_id, Role::Member.as_str(), now).await?;
    }
    tx.commit().await?;
    if mailed {
        ctx.wake_mail();
    }
    Ok(Registered { member, active })
}

/// The collective an invitation code leads into, while it is unused: the registration
/// page names it. `None` for an unknown or used code (the page says nothing of it then).
pub async fn invited_into(
    ctx: &AppContext,
    code: &str,
) -> Result<Option<meent_db::queries::collectives::CollectiveRow>, AppError> {
    if code.trim().is_empty() {
        return Ok(None);
    }
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    match invites::open_collective(c, &hash_token(code.trim())).await? {
        Some(id) => Ok(collective_rows::by_id(c, id).await?),
        None => Ok(None),
    }
}

/// Refuses a registration that cannot succeed, with reads only: wrong mode, an unknown or
/// used invitation, an unknown collective, a bad or taken name.
async fn precheck_registration(
    ctx: &AppContext,
    new: &NewAccount,
    joining: &Joining,
) -> Result<(), AccountError> {
    let name = meent_domain::Handle::parse(new.name.trim()).map_err(|_| AccountError::BadName)?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    match (ctx.instance.registration, joining) {
        (RegistrationMode::Invite, Joining::Collective(_)) => {
            return Err(AccountError::InviteRequired);
        }
        (_, Joining::Invite(code)) => {
            if !invites::is_open(c, &hash_token(code.trim())).await? {
                return Err(AccountError::BadInvite);
            }
        }
        (_, Joining::Collective(collective)) => {
            if collective_rows::local_by_name(c, collective)
                .await?
                .is_none()
            {
                return Err(AccountError::NoCollective);
            }
        }
    }
    if member_rows::local_by_name(c, name.as_str())
        .await?
        .is_some()
        || collective_rows::local_by_name(c, name.as_str())
            .await?
            .is_some()
    {
        return Err(AccountError::NameTaken);
    }
    Ok(())
}

fn own_words(account: &NewAccount) -> [&str; 2] {
    [account.name.trim(), account.display_name.trim()]
}

/// Checks a name and password. Unknown names cost as much time as wrong passwords, so that
/// the answer does not tell which names exist.
pub async fn login(
    ctx: &AppContext,
    name: &str,
    password: &str,
) -> Result<(MemberRow, AccountRow), AccountError> {
    let found = {
        let mut conn = ctx.db.get().await?;
        accounts::by_name(&mut conn.conn(), name.trim().trim_start_matches('@')).await?
    };
    let Some((member, account)) = found else {
        let _ = verify_password(ctx, password.to_owned(), None).await;
        return Err(AccountError::WrongCredentials);
    };
    if !verify_password(
        ctx,
        password.to_owned(),
        Some(account.password_hash.clone()),
    )
    .await?
    {
        return Err(AccountError::WrongCredentials);
    }
    if account.state != ACTIVE {
        return Err(AccountError::Pending);
    }
    Ok((member, account))
}

/// Starts a browser session; returns the cookie value (only its hash is stored).
pub async fn start_session(ctx: &AppContext, member: &MemberRow) -> Result<String, AppError> {
    let token = new_token();
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    sessions::delete_expired(c, now).await?;
    sessions::insert(
        c,
        &hash_token(&token),
        member.id,
        now,
        now + chrono::Duration::days(SESSION_DAYS),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The member behind a session cookie, if the session is current and the account active.
pub async fn session(
    ctx: &AppContext,
    token: &str,
) -> Result<Option<(MemberRow, AccountRow)>, AppError> {
    let mut conn = ctx.db.get().await?;
    let found =
        sessions::member_by_hash(&mut conn.conn(), &hash_token(token), meent_db::now()).await?;
    Ok(found.filter(|(_, account)| account.state == ACTIVE))
}

pub async fn end_session(ctx: &AppContext, token: &str) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    sessions::delete(&mut tx.conn(), &hash_token(token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes a password after checking the current one, and ends the member's other sessions.
pub async fn change_password(
    ctx: &AppContext,
    member: &MemberRow,
    current: &str,
    new: &str,
    session_token: &str,
) -> Result<(), AccountError> {
    let account = {
        let mut conn = ctx.db.get().await?;
        accounts::by_member(&mut conn.conn(), member.id)
            .await?
            .ok_or(AccountError::WrongCredentials)?
    };
    if !verify_password(ctx, current.to_owned(), Some(account.password_hash)).await? {
        return Err(AccountError::WrongCredentials);
    }
    check_password(new, &[member.name.as_str(), member.display_name.as_str()])?;
    let hash = hash_password(ctx, new.to_owned()).await?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    accounts::set_password(c, member.id, &hash, meent_db::now()).await?;
    sessions::delete_others(c, member.id, &hash_token(session_token)).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or makes) the web account of a local member: for administrators at the command line.
pub async fn set_password(
    ctx: &AppContext,
    member: &MemberRow,
    password: &str,
) -> Result<(), AccountError> {
    if !member.local {
        return Err(AccountError::App(AppError::Invalid(
            "only local members have accounts".into(),
        )));
    }
    check_password(
        password,
        &[member.name.as_str(), member.display_name.as_str()],
    )?;
    let hash = hash_password(ctx, password.to_owned()).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    match accounts::by_member(c, member.id).await? {
        Some(_) => {
            accounts::set_password(c, member.id, &hash, now).await?;
            accounts::set_state(c, member.id, ACTIVE, now).await?;
        }
        None => {
            accounts::insert(c, member.id, &hash, ACTIVE, None, now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn save_settings(
    ctx: &AppContext,
    member: &MemberRow,
    settings: AccountSettings,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    accounts::save_settings(&mut tx.conn(), member.id, &settings, meent_db::now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A registration waiting for approval, with the collective it asked to join.
#[derive(Debug, Clone)]
pub struct PendingRegistration {
    pub member: MemberRow,
    pub collective: Option<CollectiveRow>,
}

/// The registrations `reader` may decide on: all for administrators, those asking to join a
/// collective they coordinate for coordinators.
pub async fn pending_registrations(
    ctx: &AppContext,
    reader: &Reader,
) -> Result<Vec<PendingRegistration>, AppError> {
    reader.require_member()?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let mut out = Vec::new();
    for (member, collective_id) in accounts::pending(c).await? {
        let collective = match collective_id {
            Some(id) => collective_rows::by_id(c, id).await?,
            None => None,
        };
        let allowed = reader.is_admin()
            || collective
                .as_ref()
                .is_some_and(|col| reader.coordinates(col.id));
        if allowed {
            out.push(PendingRegistration { member, collective });
        }
    }
    Ok(out)
}

/// Approves (the account becomes active and joins the collective it asked for) or refuses
/// (the account is removed) a registration.
pub async fn decide_registration(
    ctx: &AppContext,
    reader: &Reader,
    member_id: i64,
    approve: bool,
) -> Result<(), AppError> {
    let pending = pending_registrations(ctx, reader).await?;
    if !pending.iter().any(|p| p.member.id == member_id) {
        return Err(AppError::NotFound("registration"));
    }
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let collective_id = accounts::take_membership_request(c, member_id).await?;
    if approve {
        accounts::set_state(c, member_id, ACTIVE, now).await?;
        if let Some(collective_id) = collective_id {
            memberships::upsert(c, member_id, collective_id, Role::Member.as_str(), now).await?;
        }
    } else {
        member_rows::delete_local_without_content(c, member_id).await?;
    }
    let mailed = approve && crate::email::tell_approved(c, ctx, member_id, collective_id).await?;
    tx.commit().await?;
    if mailed {
        ctx.wake_mail();
    }
    Ok(())
}

/// Makes an invitation code for `collective`; only its coordinators may. The code is shown
/// once.
pub async fn create_invite(
    ctx: &AppContext,
    reader: &Reader,
    collective: &CollectiveRow,
) -> Result<String, AppError> {
    let member = reader.require_member()?;
    if !collective.local || !reader.coordinates(collective.id) {
        return Err(AppError::Forbidden("only coordinators invite"));
    }
    let code = new_token();
    let mut tx = ctx.db.begin().await?;
    invites::insert(
        &mut tx.conn(),
        &hash_token(&code),
        collective.id,
        member.id,
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(code)
}

pub async fn account_of(ctx: &AppContext, member: &MemberRow) -> Result<AccountRow, AppError> {
    let mut conn = ctx.db.get().await?;
    accounts::by_member(&mut conn.conn(), member.id)
        .await?
        .ok_or(AppError::NotFound("account"))
}

fn new_member(account: &NewAccount, is_admin: bool) -> NewMember {
    NewMember {
        name: account.name.trim().to_owned(),
        display_name: account.display_name.clone(),
        is_admin,
    }
}

fn lang(account: &NewAccount) -> Option<&'static str> {
    account.language.map(Language::as_str)
}

/// A name that does not parse or is taken is the person's to fix, not an internal error.
fn name_error(e: AppError) -> AccountError {
    match e {
        AppError::Conflict(_) => AccountError::NameTaken,
        AppError::Invalid(_) => AccountError::BadName,
        other => AccountError::App(other),
    }
}

pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub(crate) fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How many Argon2 computations (hashes and checks) this instance ran since start: the
/// expensive work the throttles in front of logins and registrations keep bounded, counted
/// so that it can be shown (and tested).
pub fn password_work(ctx: &AppContext) -> u64 {
    work_counter(ctx).0.load(Ordering::Relaxed)
}

#[derive(Default)]
struct PasswordWork(AtomicU64);

fn work_counter(ctx: &AppContext) -> std::sync::Arc<PasswordWork> {
    ctx.extension_or_default::<PasswordWork>()
}

/// Argon2id with the crate's defaults (OWASP's minimum: 19 MiB, two passes), off the async
/// threads: one hash takes tens of milliseconds by design.
pub(crate) async fn hash_password(ctx: &AppContext, password: String) -> Result<String, AppError> {
    work_counter(ctx).0.fetch_add(1, Ordering::Relaxed);
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("password task: {e}")))?
}

/// Checks `password` against `hash`, or against a throwaway hash when there is none.
async fn verify_password(
    ctx: &AppContext,
    password: String,
    hash: Option<String>,
) -> Result<bool, AppError> {
    work_counter(ctx).0.fetch_add(1, Ordering::Relaxed);
    tokio::task::spawn_blocking(move || {
        let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
        let parsed = PasswordHash::new(hash)
            .map_err(|e| AppError::Internal(format!("stored password hash: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| AppError::Internal(format!("password task: {e}")))?
}

/// A valid hash of a random password, to spend the same effort on unknown names.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(new_token().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}
