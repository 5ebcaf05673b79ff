//! First start: while no administrator exists, this page makes the first collective and the
//! administrator's account, and logs them in.

use super::account::{AccountForm, account_error, signed_in_redirect};
use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, accounts, collectives::NewCollective};
use meent_domain::CollectiveKind;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    collective_display_name: String,
    #[serde(default)]
    collective_name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    municipality: String,
    #[serde(flatten)]
    account: AccountForm,
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage<'a> {
    ui: &'a Ui,
    form: SetupView,
    kinds: Vec<&'static str>,
    error: Option<String>,
}

/// What the form shows again after a refusal (never the password).
#[derive(Default, Clone)]
struct SetupView {
    collective_display_name: String,
    collective_name: String,
    kind: String,
    municipality: String,
    display_name: String,
    name: String,
}

fn page(ui: &Ui, status: StatusCode, form: SetupView, error: Option<String>) -> HttpResponse {
    problem::render(
        status,
        &SetupPage {
            ui,
            form,
            kinds: CollectiveKind::ALL.iter().map(|k| k.as_str()).collect(),
            error,
        },
    )
}

pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui) -> HttpResponse {
    match accounts::needs_setup(&ctx).await {
        Ok(true) => page(&ui, StatusCode::OK, SetupView::default(), None),
        Ok(false) => problem::see_other("/"),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn submit(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<SetupForm>,
) -> HttpResponse {
    let view = SetupView {
        collective_display_name: form.collective_display_name.clone(),
        collective_name: form.collective_name.clone(),
        kind: form.kind.clone(),
        municipality: form.municipality.clone(),
        display_name: form.account.display_name.clone(),
        name: form.account.name.clone(),
    };
    let refuse = |key: &str| {
        page(
            &ui,
            StatusCode::UNPROCESSABLE_ENTITY,
            view.clone(),
            Some(ui.t(key)),
        )
    };
    if form.collective_display_name.trim().is_empty() {
        return refuse("error-collective-name");
    }
    if form.account.password != form.account.password_again {
        return refuse("error-passwords-differ");
    }
    let Ok(kind) = form.kind.parse::<CollectiveKind>() else {
        return refuse("error-kind");
    };
    let collective = NewCollective {
        name: form.collective_name.trim().to_owned(),
        display_name: form.collective_display_name.trim().to_owned(),
        summary: String::new(),
        kind,
        municipality: Some(form.municipality.trim().to_owned()),
        neighbourhood: None,
        languages: vec![ui.lang_code().to_owned()],
        open: true,
    };
    match accounts::setup(&ctx, collective, form.account.new_account(ui.lang)).await {
        Ok((member, _)) => signed_in_redirect(&ctx, &ui, &member, "/write?welcome=1").await,
        Err(e) => match account_error(&e) {
            Some(key) => refuse(key),
            None => problem::failure(&ui, into_app(e)),
        },
    }
}

fn into_app(e: accounts::AccountError) -> meent_app::AppError {
    match e {
        accounts::AccountError::App(e) => e,
        other => meent_app::AppError::Invalid(other.to_string()),
    }
}
