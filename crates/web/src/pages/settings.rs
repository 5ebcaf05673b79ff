//! A member's settings: language, which notifications they want, and their password.

use super::account::account_error;
use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, accounts};
use meent_db::queries::accounts::{AccountRow, AccountSettings};
use meent_domain::Language;
use serde::Deserialize;

/// The stored settings of an account, as the starting point of a change.
pub fn current(account: &AccountRow) -> AccountSettings {
    AccountSettings {
        language: account.language.clone(),
        notify_solutions: account.notify_solutions,
        notify_acceptances: account.notify_acceptances,
        notify_confirmations: account.notify_confirmations,
        notify_follow_requests: account.notify_follow_requests,
        notify_session_reminders: account.notify_session_reminders,
        notify_mentions: account.notify_mentions,
    }
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage<'a> {
    ui: &'a Ui,
    settings: AccountSettings,
    /// A message confirming what was saved.
    saved: Option<String>,
    error: Option<String>,
    /// The e-mail part, when the instance sends mail.
    mail: Option<super::email::MailSection>,
}

async fn page(
    ctx: &AppContext,
    ui: &Ui,
    status: StatusCode,
    settings: AccountSettings,
    saved: Option<String>,
    error: Option<String>,
) -> HttpResponse {
    let mail = match super::email::section(ctx, ui).await {
        Ok(mail) => mail,
        Err(e) => return problem::failure(ui, e),
    };
    problem::render(
        status,
        &SettingsPage {
            ui,
            settings,
            saved,
            error,
            mail,
        },
    )
}

/// The settings page again, saying why a change was refused.
pub(super) async fn refused(ctx: &AppContext, ui: &Ui, key: &str) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(ui);
    };
    page(
        ctx,
        ui,
        StatusCode::UNPROCESSABLE_ENTITY,
        current(&signed.account),
        None,
        Some(ui.t(key)),
    )
    .await
}

#[derive(Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<SavedQuery>,
) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(&ui);
    };
    let saved = match q.saved.as_str() {
        "settings" => Some(ui.t("settings-saved")),
        "password" => Some(ui.t("password-changed")),
        "email" => Some(ui.t("settings-email-saved")),
        "mail" => Some(ui.t("settings-mail-saved")),
        _ => None,
    };
    page(
        &ctx,
        &ui,
        StatusCode::OK,
        current(&signed.account),
        saved,
        None,
    )
    .await
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    notify_solutions: bool,
    #[serde(default)]
    notify_acceptances: bool,
    #[serde(default)]
    notify_confirmations: bool,
    #[serde(default)]
    notify_follow_requests: bool,
    #[serde(default)]
    notify_session_reminders: bool,
    #[serde(default)]
    notify_mentions: bool,
}

pub(super) async fn save(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(&ui);
    };
    let settings = AccountSettings {
        // Anything but a known language means "follow the browser".
        language: form
            .language
            .parse::<Language>()
            .ok()
            .map(|l| l.as_str().to_owned()),
        notify_solutions: form.notify_solutions,
        notify_acceptances: form.notify_acceptances,
        notify_confirmations: form.notify_confirmations,
        notify_follow_requests: form.notify_follow_requests,
        notify_session_reminders: form.notify_session_reminders,
        notify_mentions: form.notify_mentions,
    };
    match accounts::save_settings(&ctx, &signed.member, settings).await {
        Ok(()) => problem::see_other("/settings?saved=settings"),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

pub(super) async fn change_password(
    ctx: web::Data<AppContext>,
    ui: Ui,
    client: crate::throttle::Client,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(&ui);
    };
    // The current password is checked with Argon2: bounded per account, like logins.
    if let Err(e) = client.throttles().password_change(signed.member.id) {
        return problem::failure(&ui, e);
    }
    let refuse = |key: &'static str| refused(&ctx, &ui, key);
    if form.password != form.password_again {
        return refuse("error-passwords-differ").await;
    }
    match accounts::change_password(
        &ctx,
        &signed.member,
        &form.current,
        &form.password,
        &signed.session,
    )
    .await
    {
        Ok(()) => problem::see_other("/settings?saved=password"),
        Err(accounts::AccountError::WrongCredentials) => refuse("error-current-password").await,
        Err(e) => match account_error(&e) {
            Some(key) => refuse(key).await,
            None => problem::failure(&ui, meent_app::AppError::Internal(e.to_string())),
        },
    }
}
