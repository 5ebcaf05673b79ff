//! A member's e-mail: the address (used once confirmed through a link sent to it), the
//! choice per kind of how it is mailed, one-click unsubscribing, password reset by mail,
//! and the mails around approval of a registration. Everything here does nothing (or says
//! mail is off) on an instance without mail.

use crate::{
    AppContext, AppError,
    mail::{self, LetterContent},
    use_cases::accounts::{AccountError, hash_password, hash_token, new_token},
};
use chrono::Duration;
use meent_db::{
    Conn,
    queries::{
        accounts::{self, AccountRow},
        collectives, mail_choices, mail_tokens,
        members::{self as member_rows, MemberRow},
        memberships, sessions,
    },
};
use meent_domain::{
    MailCadence, Role,
    account::check_password,
    mail::{MAIL_KINDS, NEW_DILEMMA},
};

/// A confirmation link works this long.
const CONFIRM_DAYS: i64 = 7;
/// A password reset link works this long.
const RESET_MINUTES: i64 = 60;
/// The kind of the "someone waits for your approval" mail (a coordinator may turn it off).
pub const REGISTRATION: &str = "registration";

/// An address as typed, trimmed; `None` when empty. A malformed one is refused.
pub fn parse_address(typed: &str) -> Result<Option<String>, AppError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed
        .parse::<lettre::Address>()
        .map(|a| Some(a.to_string()))
        .map_err(|_| AppError::Invalid("that is not an e-mail address".into()))
}

/// Sets (or removes, with `None`) the member's address inside the caller's transaction and
/// mails a confirmation link to a new one. An unchanged, confirmed address keeps its
/// confirmation; saving an unconfirmed one again sends a fresh link (the first may be lost).
pub(crate) async fn set_address_in(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    member: &MemberRow,
    account: &AccountRow,
    email: Option<&str>,
) -> Result<bool, AppError> {
    let Some(mailer) = ctx.mailer() else {
        return Ok(false);
    };
    let confirmed = account.email_confirmed_at.is_some();
    if account.email.as_deref() == email && (email.is_none() || confirmed) {
        return Ok(false);
    }
    let now = meent_db::now();
    // The unsubscribe secret stays what it was: links in mail already sent keep working.
    let mail_key = account.mail_key.clone().unwrap_or_else(new_token);
    accounts::set_email(c, member.id, email, &mail_key, now).await?;
    mail_tokens::expire_of(c, member.id, mail_tokens::CONFIRM, now).await?;
    let Some(email) = email else {
        return Ok(false);
    };
    let token = new_token();
    mail_tokens::insert(
        c,
        &hash_token(&token),
        member.id,
        mail_tokens::CONFIRM,
        email,
        now,
        now + Duration::days(CONFIRM_DAYS),
    )
    .await?;
    let content = LetterContent::ConfirmAddress {
        name: member.display_name.clone(),
        link: ctx.urls().page(&format!("/mail/confirm/{token}")),
    };
    mail::enqueue(
        c,
        &mailer,
        Some(member.id),
        email,
        mail::language_of(account),
        &content,
        None,
    )
    .await?;
    Ok(true)
}

/// Sets or removes the member's address (see [`set_address_in`]).
pub async fn set_address(
    ctx: &AppContext,
    member: &MemberRow,
    typed: &str,
) -> Result<(), AppError> {
    if !ctx.mail_enabled() {
        return Err(AppError::Invalid("this instance sends no e-mail".into()));
    }
    let email = parse_address(typed)?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let account = accounts::by_member(c, member.id)
        .await?
        .ok_or(AppError::NotFound("account"))?;
    let queued = set_address_in(c, ctx, member, &account, email.as_deref()).await?;
    tx.commit().await?;
    if queued {
        ctx.wake_mail();
    }
    Ok(())
}

/// Follows a confirmation link: the address it was sent to is confirmed, if it is still the
/// account's. Returns the member.
pub async fn confirm_address(ctx: &AppContext, token: &str) -> Result<MemberRow, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let hash = hash_token(token.trim());
    let row = mail_tokens::usable(c, &hash, mail_tokens::CONFIRM, now)
        .await?
        .ok_or(AppError::NotFound("link"))?;
    if !mail_tokens::mark_used(c, &hash, now).await?
        || !accounts::confirm_email(c, row.member_id, &row.email, now).await?
    {
        return Err(AppError::NotFound("link"));
    }
    let member = member_rows::by_id(c, row.member_id)
        .await?
        .ok_or(AppError::NotFound("link"))?;
    tx.commit().await?;
    Ok(member)
}

/// Mails a password reset link to the account named `who` (its name or its confirmed
/// address). Says nothing of whether it exists: the page shows the same either way.
pub async fn request_password_reset(ctx: &AppContext, who: &str) -> Result<(), AppError> {
    let Some(mailer) = ctx.mailer() else {
        return Err(AppError::Invalid("this instance sends no e-mail".into()));
    };
    let who = who.trim();
    if who.is_empty() {
        return Ok(());
    }
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let mut found = match accounts::by_name(c, &who.to_lowercase()).await? {
        Some(pair) => vec![pair],
        None => Vec::new(),
    };
    if found.is_empty()
        && who.contains('@')
        && let Ok(Some(address)) = parse_address(who)
    {
        found = accounts::by_confirmed_email(c, &address).await?;
    }
    let mut queued = false;
    for (member, account) in found {
        let Some(to) = account.confirmed_email().map(str::to_owned) else {
            continue;
        };
        mail_tokens::expire_of(c, member.id, mail_tokens::RESET, now).await?;
        let token = new_token();
        mail_tokens::insert(
            c,
            &hash_token(&token),
            member.id,
            mail_tokens::RESET,
            &to,
            now,
            now + Duration::minutes(RESET_MINUTES),
        )
        .await?;
        let content = LetterContent::ResetPassword {
            name: member.name.clone(),
            link: ctx.urls().page(&format!("/password/reset/{token}")),
        };
        mail::enqueue(
            c,
            &mailer,
            Some(member.id),
            &to,
            mail::language_of(&account),
            &content,
            None,
        )
        .await?;
        queued = true;
    }
    tx.commit().await?;
    if queued {
        ctx.wake_mail();
    }
    Ok(())
}

/// Whether a reset link still works (the page asks for a new password only then).
pub async fn reset_link_works(ctx: &AppContext, token: &str) -> Result<bool, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(mail_tokens::usable(
        &mut conn.conn(),
        &hash_token(token.trim()),
        mail_tokens::RESET,
        meent_db::now(),
    )
    .await?
    .is_some())
}

/// Sets a new password through a reset link: the link is used up, every session of the
/// account ends and the old password stops working.
pub async fn reset_password(
    ctx: &AppContext,
    token: &str,
    new: &str,
) -> Result<MemberRow, AccountError> {
    let hash = hash_token(token.trim());
    let member = {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        let row = mail_tokens::usable(c, &hash, mail_tokens::RESET, meent_db::now())
            .await?
            .ok_or(AccountError::App(AppError::NotFound("link")))?;
        member_rows::by_id(c, row.member_id)
            .await?
            .ok_or(AccountError::App(AppError::NotFound("link")))?
    };
    check_password(new, &[member.name.as_str(), member.display_name.as_str()])?;
    let password_hash = hash_password(ctx, new.to_owned()).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    if !mail_tokens::mark_used(c, &hash, now).await? {
        return Err(AccountError::App(AppError::NotFound("link")));
    }
    accounts::set_password(c, member.id, &password_hash, now).await?;
    sessions::delete_others(c, member.id, "").await?;
    mail_tokens::expire_of(c, member.id, mail_tokens::RESET, now).await?;
    tx.commit().await?;
    Ok(member)
}

/// The member's cadence for each kind, in the order of [`MAIL_KINDS`], then
/// [`REGISTRATION`] for coordinators and administrators.
pub async fn choices(
    ctx: &AppContext,
    member: &MemberRow,
) -> Result<Vec<(&'static str, MailCadence)>, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let chosen = mail::digest::cadences(c, member.id).await?;
    let mut out: Vec<(&'static str, MailCadence)> = MAIL_KINDS
        .iter()
        .map(|k| (*k, mail::digest::cadence_in(&chosen, k)))
        .collect();
    if approves_registrations(c, member).await? {
        out.push((
            REGISTRATION,
            mail::digest::cadence_in(&chosen, REGISTRATION),
        ));
    }
    Ok(out)
}

/// Saves the member's choices; unknown kinds are refused, and approval requests are only
/// ever mailed at once or not.
pub async fn save_choices(
    ctx: &AppContext,
    member: &MemberRow,
    chosen: &[(String, MailCadence)],
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    for (kind, cadence) in chosen {
        let known = MAIL_KINDS.contains(&kind.as_str()) || kind == REGISTRATION;
        if !known {
            return Err(AppError::Invalid(format!("unknown kind of mail: {kind}")));
        }
        let cadence = match (kind.as_str(), cadence) {
            (REGISTRATION, MailCadence::Daily | MailCadence::Weekly) => MailCadence::Immediate,
            (_, c) => *c,
        };
        mail_choices::set(c, member.id, kind, cadence.as_str()).await?;
        if kind == NEW_DILEMMA {
            // Chosen anew: what was new before is not mailed now.
            accounts::set_dilemmas_mailed_until(c, member.id, meent_db::now()).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// What an unsubscribe link turns off: one kind, or every kind mailed in a daily or weekly
/// digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsubscribe {
    pub member: MemberRow,
    pub kinds: Vec<String>,
}

/// The member and kinds an unsubscribe link names, without changing anything (for the page
/// a visitor's GET shows: link checkers in mail programs follow links, so only the POST,
/// by a button or the mail program's one click, unsubscribes).
pub async fn unsubscribe_target(
    ctx: &AppContext,
    key: &str,
    what: &str,
) -> Result<Unsubscribe, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    target(c, key, what).await
}

async fn target(c: &mut Conn<'_>, key: &str, what: &str) -> Result<Unsubscribe, AppError> {
    let account = match key.trim() {
        "" => None,
        key => accounts::by_mail_key(c, key).await?,
    }
    .ok_or(AppError::NotFound("link"))?;
    let member = member_rows::by_id(c, account.member_id)
        .await?
        .ok_or(AppError::NotFound("link"))?;
    let kinds = match what {
        "daily" | "weekly" => {
            let cadence: MailCadence = what.parse().map_err(|_| AppError::NotFound("link"))?;
            mail::digest::cadences(c, member.id)
                .await?
                .into_iter()
                .filter(|(_, c)| *c == cadence)
                .map(|(k, _)| k)
                .collect()
        }
        kind if MAIL_KINDS.contains(&kind) || kind == REGISTRATION => vec![kind.to_owned()],
        _ => return Err(AppError::NotFound("link")),
    };
    Ok(Unsubscribe { member, kinds })
}

/// Unsubscribes: the kinds the link names are no longer mailed.
pub async fn unsubscribe(ctx: &AppContext, key: &str, what: &str) -> Result<Unsubscribe, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let found = target(c, key, what).await?;
    for kind in &found.kinds {
        mail_choices::set(c, found.member.id, kind, MailCadence::Off.as_str()).await?;
    }
    tx.commit().await?;
    Ok(found)
}

async fn approves_registrations(c: &mut Conn<'_>, member: &MemberRow) -> Result<bool, AppError> {
    if member.is_admin {
        return Ok(true);
    }
    Ok(memberships::collectives_of(c, member.id)
        .await?
        .iter()
        .any(|(_, role)| role == Role::Coordinator.as_str()))
}

async fn registration_cadence(c: &mut Conn<'_>, member_id: i64) -> Result<MailCadence, AppError> {
    let chosen = mail::digest::cadences(c, member_id).await?;
    Ok(mail::digest::cadence_in(&chosen, REGISTRATION))
}

/// `applicant` registered and waits for approval to join `collective_id`: its coordinators
/// are mailed (the administrators when none of them has a confirmed address). Inside the
/// registration's transaction.
pub(crate) async fn tell_awaiting_approval(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    applicant: &MemberRow,
    collective_id: Option<i64>,
) -> Result<bool, AppError> {
    if !ctx.mail_enabled() {
        return Ok(false);
    }
    let collective = match collective_id {
        Some(id) => collectives::by_id(c, id).await?,
        None => None,
    };
    let mut deciders: Vec<MemberRow> = Vec::new();
    if let Some(col) = &collective {
        for (member, role) in memberships::members_of(c, col.id).await? {
            if role == Role::Coordinator.as_str() {
                deciders.push(member);
            }
        }
    }
    let mut with_address = with_confirmed_address(c, deciders).await?;
    if with_address.is_empty() {
        let admins = member_rows::admins(c).await?;
        with_address = with_confirmed_address(c, admins).await?;
    }
    let mut queued = false;
    for (member, account) in with_address {
        if registration_cadence(c, member.id).await? == MailCadence::Off {
            continue;
        }
        let Some(key) = account.mail_key.as_deref() else {
            continue;
        };
        let unsubscribe = ctx.urls().mail_unsubscribe(key, REGISTRATION);
        let content = LetterContent::AwaitsApproval {
            applicant: applicant.display_name.clone(),
            collective: collective.as_ref().map(|c| c.display_name.clone()),
            review: ctx.urls().page("/manage"),
            settings: ctx.urls().page("/settings"),
            unsubscribe: unsubscribe.clone(),
        };
        queued |= mail::enqueue_to_member(c, ctx, &account, &content, Some(&unsubscribe)).await?;
    }
    Ok(queued)
}

/// Those of `members` whose accounts have a confirmed address, with their accounts.
async fn with_confirmed_address(
    c: &mut Conn<'_>,
    members: Vec<MemberRow>,
) -> Result<Vec<(MemberRow, AccountRow)>, AppError> {
    let mut out = Vec::new();
    for member in members {
        if let Some(account) = accounts::by_member(c, member.id).await?
            && account.confirmed_email().is_some()
        {
            out.push((member, account));
        }
    }
    Ok(out)
}

/// The registration of `member_id` was approved: they are mailed, at a confirmed address.
pub(crate) async fn tell_approved(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    member_id: i64,
    collective_id: Option<i64>,
) -> Result<bool, AppError> {
    let (Some(member), Some(account)) = (
        member_rows::by_id(c, member_id).await?,
        accounts::by_member(c, member_id).await?,
    ) else {
        return Ok(false);
    };
    let collective = match collective_id {
        Some(id) => collectives::by_id(c, id).await?.map(|c| c.display_name),
        None => None,
    };
    let content = LetterContent::Approved {
        name: member.name.clone(),
        collective,
        login: ctx.urls().page("/login"),
    };
    mail::enqueue_to_member(c, ctx, &account, &content, None).await
}
