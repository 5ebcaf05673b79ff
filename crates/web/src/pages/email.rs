//! The e-mail pages: the address and the mail choices on the settings page, following a
//! confirmation link, unsubscribing (a page with a button, and the one-click POST of
//! RFC 8058 that mail programs send), and resetting a forgotten password. Without mail
//! configured every one of them answers "not found".

use super::account::account_error;
use crate::{
    browser::{CsrfForm, Ui, problem},
    throttle::Client,
};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, email};
use meent_domain::MailCadence;
use serde::Deserialize;
use std::collections::HashMap;

/// The e-mail part of the settings page.
pub struct MailSection {
    pub email: String,
    pub confirmed: bool,
    /// Per kind: (kind, chosen cadence).
    pub choices: Vec<(&'static str, MailCadence)>,
}

impl MailSection {
    pub fn cadences(&self) -> [MailCadence; 4] {
        MailCadence::ALL
    }
}

/// The section for the signed-in member, when the instance sends mail.
pub async fn section(ctx: &AppContext, ui: &Ui) -> Result<Option<MailSection>, AppError> {
    let (Some(signed), true) = (&ui.signed, ctx.mail_enabled()) else {
        return Ok(None);
    };
    Ok(Some(MailSection {
        email: signed.account.email.clone().unwrap_or_default(),
        confirmed: signed.account.confirmed_email().is_some(),
        choices: email::choices(ctx, &signed.member).await?,
    }))
}

#[derive(Deserialize)]
pub struct AddressForm {
    #[serde(default)]
    email: String,
}

pub(super) async fn save_address(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<AddressForm>,
) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(&ui);
    };
    if !ctx.mail_enabled() {
        return problem::not_found(&ui);
    }
    match email::set_address(&ctx, &signed.member, &form.email).await {
        Ok(()) => problem::see_other("/settings?saved=email"),
        Err(AppError::Invalid(_)) => super::settings::refused(&ctx, &ui, "error-bad-email").await,
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn save_choices(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> HttpResponse {
    let Some(signed) = &ui.signed else {
        return problem::login_first(&ui);
    };
    if !ctx.mail_enabled() {
        return problem::not_found(&ui);
    }
    let mut chosen = Vec::new();
    for (field, value) in &form {
        let Some(kind) = field.strip_prefix("mail_") else {
            continue;
        };
        let Ok(cadence) = value.parse::<MailCadence>() else {
            return problem::page(
                &ui,
                StatusCode::BAD_REQUEST,
                "problem-invalid-title",
                "problem-invalid",
            );
        };
        chosen.push((kind.to_owned(), cadence));
    }
    match email::save_choices(&ctx, &signed.member, &chosen).await {
        Ok(()) => problem::see_other("/settings?saved=mail"),
        Err(e) => problem::failure(&ui, e),
    }
}

fn link_invalid(ui: &Ui) -> HttpResponse {
    problem::page(
        ui,
        StatusCode::NOT_FOUND,
        "link-invalid-title",
        "link-invalid",
    )
}

pub(super) async fn confirm(
    ctx: web::Data<AppContext>,
    ui: Ui,
    token: web::Path<String>,
) -> HttpResponse {
    match email::confirm_address(&ctx, &token).await {
        Ok(_) => problem::page(
            &ui,
            StatusCode::OK,
            "email-confirmed-title",
            "email-confirmed",
        ),
        Err(AppError::NotFound(_)) => link_invalid(&ui),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage<'a> {
    ui: &'a Ui,
    name: String,
    kinds: Vec<String>,
    action: String,
}

pub(super) async fn unsubscribe_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (key, what) = path.into_inner();
    match email::unsubscribe_target(&ctx, &key, &what).await {
        Ok(target) => problem::render(
            StatusCode::OK,
            &UnsubscribePage {
                ui: &ui,
                name: target.member.display_name,
                kinds: target
                    .kinds
                    .iter()
                    .map(|k| ui.t(&format!("mail-kind-{k}")))
                    .collect(),
                action: format!("/mail/unsubscribe/{key}/{what}"),
            },
        ),
        Err(AppError::NotFound(_)) => link_invalid(&ui),
        Err(e) => problem::failure(&ui, e),
    }
}

/// The button on the page and the mail program's one click (RFC 8058: a POST with the
/// body `List-Unsubscribe=One-Click`, without cookies). The secret in the address is what
/// authorises it, so no form token is asked for.
pub(super) async fn unsubscribe(
    ctx: web::Data<AppContext>,
    ui: Ui,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let (key, what) = path.into_inner();
    match email::unsubscribe(&ctx, &key, &what).await {
        Ok(_) => problem::page(
            &ui,
            StatusCode::OK,
            "unsubscribe-done-title",
            "unsubscribe-done",
        ),
        Err(AppError::NotFound(_)) => link_invalid(&ui),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage<'a> {
    ui: &'a Ui,
}

pub(super) async fn forgot_form(ctx: web::Data<AppContext>, ui: Ui) -> HttpResponse {
    if !ctx.mail_enabled() {
        return problem::not_found(&ui);
    }
    problem::render(StatusCode::OK, &ForgotPage { ui: &ui })
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    who: String,
}

pub(super) async fn forgot(
    ctx: web::Data<AppContext>,
    ui: Ui,
    client: Client,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> HttpResponse {
    if !ctx.mail_enabled() {
        return problem::not_found(&ui);
    }
    // Each request may send a mail: bounded per address like registrations.
    if let Err(e) = client.throttles().registration(client.address) {
        return problem::failure(&ui, e);
    }
    match email::request_password_reset(&ctx, &form.who).await {
        Ok(()) => problem::page(&ui, StatusCode::OK, "forgot-sent-title", "forgot-sent"),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage<'a> {
    ui: &'a Ui,
    action: String,
    error: Option<String>,
}

pub(super) async fn reset_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    token: web::Path<String>,
) -> HttpResponse {
    match email::reset_link_works(&ctx, &token).await {
        Ok(true) => problem::render(
            StatusCode::OK,
            &ResetPage {
                ui: &ui,
                action: format!("/password/reset/{}", token.as_str()),
                error: None,
            },
        ),
        Ok(false) => link_invalid(&ui),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

pub(super) async fn reset(
    ctx: web::Data<AppContext>,
    ui: Ui,
    token: web::Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> HttpResponse {
    let refuse = |key: &str| {
        problem::render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ResetPage {
                ui: &ui,
                action: format!("/password/reset/{}", token.as_str()),
                error: Some(ui.t(key)),
            },
        )
    };
    if form.password != form.password_again {
        return refuse("error-passwords-differ");
    }
    match email::reset_password(&ctx, &token, &form.password).await {
        Ok(_) => problem::page(&ui, StatusCode::OK, "reset-done-title", "reset-done"),
        Err(meent_app::accounts::AccountError::App(AppError::NotFound(_))) => link_invalid(&ui),
        Err(e) => match account_error(&e) {
            Some(key) => refuse(key),
            None => problem::failure(&ui, AppError::Internal(e.to_string())),
        },
    }
}
