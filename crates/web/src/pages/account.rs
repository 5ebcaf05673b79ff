//! Logging in and out, registering, and the anonymous language choice.

use crate::{
    browser::{CsrfForm, Ui, cookies, problem},
    throttle::Client,
};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext,
    accounts::{self, AccountError, Joining, NewAccount},
    collectives,
};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};
use meent_domain::{Language, RegistrationMode};
use serde::Deserialize;

/// The fields of a new account, shared by the set-up and registration forms.
#[derive(Deserialize, Default)]
pub struct AccountForm {
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_again: String,
    /// Optional, on the registration form when the instance sends mail.
    #[serde(default)]
    pub email: String,
}

impl AccountForm {
    pub fn new_account(&self, lang: Language) -> NewAccount {
        NewAccount {
            name: self.name.trim().to_lowercase(),
            display_name: self.display_name.trim().to_owned(),
            password: self.password.clone(),
            language: Some(lang),
            email: Some(self.email.trim().to_owned()).filter(|e| !e.is_empty()),
        }
    }
}

/// The message key for an account failure the person can fix; `None` for our failures.
pub fn account_error(e: &AccountError) -> Option<&'static str> {
    Some(match e {
        AccountError::WrongCredentials => "error-wrong-credentials",
        AccountError::Pending => "error-pending",
        AccountError::PasswordTooShort => "error-password-short",
        AccountError::PasswordTooLong => "error-password-long",
        AccountError::PasswordTooCommon => "error-password-common",
        AccountError::NameTaken => "error-name-taken",
        AccountError::BadName => "error-bad-name",
        AccountError::BadInvite => "error-bad-invite",
        AccountError::InviteRequired => "error-invite-required",
        AccountError::NoCollective => "error-no-collective",
        AccountError::AlreadySetUp => "error-already-set-up",
        AccountError::BadEmail => "error-bad-email",
        AccountError::App(_) => return None,
    })
}

fn app_error(e: AccountError) -> meent_app::AppError {
    match e {
        AccountError::App(e) => e,
        other => meent_app::AppError::Invalid(other.to_string()),
    }
}

/// Starts a session for `member` and sends the browser on to `next`.
pub async fn signed_in_redirect(
    ctx: &AppContext,
    ui: &Ui,
    member: &MemberRow,
    next: &str,
) -> HttpResponse {
    match accounts::start_session(ctx, member).await {
        Ok(token) => HttpResponse::SeeOther()
            .insert_header(("Location", next))
            .cookie(cookies::session(ctx, token))
            .finish(),
        Err(e) => problem::failure(ui, e),
    }
}

/// Only paths on this site are followed after logging in, so that a link cannot send people
/// elsewhere ("open redirect"): see `browser::redirect`. `None` for a target with control
/// characters, which is refused with 400.
fn safe_next(ctx: &AppContext, next: &str) -> Option<String> {
    crate::browser::redirect::local_target(ctx.urls().base(), next).ok()
}

fn bad_target(ui: &Ui) -> HttpResponse {
    problem::page(
        ui,
        StatusCode::BAD_REQUEST,
        "problem-invalid-title",
        "problem-invalid",
    )
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    ui: &'a Ui,
    name: String,
    next: String,
    error: Option<String>,
    /// Whether "forgot your password" can be offered (the instance sends mail).
    mail: bool,
}

pub(super) async fn login_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<NextQuery>,
) -> HttpResponse {
    if ui.signed_in() {
        return problem::see_other("/");
    }
    let Some(next) = safe_next(&ctx, &q.next) else {
        return bad_target(&ui);
    };
    problem::render(
        StatusCode::OK,
        &LoginPage {
            ui: &ui,
            name: String::new(),
            next,
            error: None,
            mail: ctx.mail_enabled(),
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(super) async fn login(
    ctx: web::Data<AppContext>,
    ui: Ui,
    client: Client,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> HttpResponse {
    let Some(next) = safe_next(&ctx, &form.next) else {
        return bad_target(&ui);
    };
    if let Err(e) = client.throttles().login(client.address, &form.name) {
        tracing::info!(address = %client.address, "login throttled");
        return problem::failure(&ui, e);
    }
    match accounts::login(&ctx, &form.name, &form.password).await {
        Ok((member, _)) => signed_in_redirect(&ctx, &ui, &member, &next).await,
        Err(e) => match account_error(&e) {
            Some(key) => problem::render(
                StatusCode::UNAUTHORIZED,
                &LoginPage {
                    ui: &ui,
                    name: form.name,
                    next,
                    error: Some(ui.t(key)),
                    mail: ctx.mail_enabled(),
                },
            ),
            None => problem::failure(&ui, app_error(e)),
        },
    }
}

#[derive(Deserialize)]
pub struct Empty {}

pub(super) async fn logout(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(_): CsrfForm<Empty>,
) -> HttpResponse {
    if let Some(signed) = &ui.signed
        && let Err(e) = accounts::end_session(&ctx, &signed.session).await
    {
        return problem::failure(&ui, e);
    }
    HttpResponse::SeeOther()
        .insert_header(("Location", "/"))
        .cookie(cookies::removal(&ctx, cookies::SESSION))
        .finish()
}

#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// The language switch in the footer: a cookie for visitors, the account setting for members.
pub(super) async fn language(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<LanguageForm>,
) -> HttpResponse {
    let Some(next) = safe_next(&ctx, &form.next) else {
        return bad_target(&ui);
    };
    let Ok(lang) = form.lang.parse::<Language>() else {
        return problem::page(
            &ui,
            StatusCode::BAD_REQUEST,
            "problem-invalid-title",
            "problem-invalid",
        );
    };
    if let Some(signed) = &ui.signed {
        let mut settings = super::settings::current(&signed.account);
        settings.language = Some(lang.as_str().to_owned());
        if let Err(e) = accounts::save_settings(&ctx, &signed.member, settings).await {
            return problem::failure(&ui, e);
        }
    }
    HttpResponse::SeeOther()
        .insert_header(("Location", next))
        .cookie(cookies::language(&ctx, lang.as_str()))
        .finish()
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage<'a> {
    ui: &'a Ui,
    mode: &'static str,
    collectives: Vec<CollectiveRow>,
    /// The collective the invitation in the link leads into, while it is unused.
    invited_into: Option<CollectiveRow>,
    form: RegisterView,
    error: Option<String>,
    /// Whether the instance sends mail (the address field is shown only then).
    mail: bool,
}

#[derive(Default, Clone)]
struct RegisterView {
    display_name: String,
    name: String,
    email: String,
    collective: String,
    invite: String,
}

#[derive(Deserialize, Default)]
pub struct RegisterQuery {
    #[serde(default)]
    invite: String,
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(flatten)]
    account: AccountForm,
    #[serde(default)]
    collective: String,
    #[serde(default)]
    invite: String,
}

async fn register_page(
    ctx: &AppContext,
    ui: &Ui,
    status: StatusCode,
    form: RegisterView,
    error: Option<String>,
) -> HttpResponse {
    let load = async {
        let collectives = collectives::list_local(ctx).await?;
        let invited_into = accounts::invited_into(ctx, &form.invite).await?;
        Ok::<_, meent_app::AppError>((collectives, invited_into))
    };
    match load.await {
        Ok((collectives, invited_into)) => problem::render(
            status,
            &RegisterPage {
                ui,
                mode: ctx.instance.registration.as_str(),
                collectives,
                invited_into,
                form,
                error,
                mail: ctx.mail_enabled(),
            },
        ),
        Err(e) => problem::failure(ui, e),
    }
}

pub(super) async fn register_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<RegisterQuery>,
) -> HttpResponse {
    if ui.signed_in() {
        return problem::see_other("/");
    }
    let view = RegisterView {
        invite: q.invite.clone(),
        ..Default::default()
    };
    register_page(&ctx, &ui, StatusCode::OK, view, None).await
}

#[derive(Template)]
#[template(path = "registered.html")]
struct RegisteredPage<'a> {
    ui: &'a Ui,
}

pub(super) async fn register(
    ctx: web::Data<AppContext>,
    ui: Ui,
    client: Client,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> HttpResponse {
    if let Err(e) = client.throttles().registration(client.address) {
        tracing::info!(address = %client.address, "registration throttled");
        return problem::failure(&ui, e);
    }
    let view = RegisterView {
        display_name: form.account.display_name.clone(),
        name: form.account.name.clone(),
        email: form.account.email.clone(),
        collective: form.collective.clone(),
        invite: form.invite.clone(),
    };
    if form.account.password != form.account.password_again {
        let error = Some(ui.t("error-passwords-differ"));
        return register_page(&ctx, &ui, StatusCode::UNPROCESSABLE_ENTITY, view, error).await;
    }
    let joining = if !form.invite.trim().is_empty()
        || ctx.instance.registration == RegistrationMode::Invite
    {
        Joining::Invite(form.invite.trim().to_owned())
    } else {
        Joining::Collective(form.collective.clone())
    };
    match accounts::register(&ctx, form.account.new_account(ui.lang), joining).await {
        Ok(r) if r.active => signed_in_redirect(&ctx, &ui, &r.member, "/").await,
        Ok(_) => problem::render(StatusCode::OK, &RegisteredPage { ui: &ui }),
        Err(e) => match account_error(&e) {
            Some(key) => {
                let error = Some(ui.t(key));
                register_page(&ctx, &ui, StatusCode::UNPROCESSABLE_ENTITY, view, error).await
            }
            None => problem::failure(&ui, app_error(e)),
        },
    }
}
