//! Beheer, for administrators: creating further collectives and editing any collective's
//! profile in the browser (the command line can do both too). The use-cases check that the
//! visitor is an administrator.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError,
    collectives::{self, NewCollective, ProfileInput},
};
use meent_domain::CollectiveKind;
use serde::Deserialize;

/// The form's fields, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct CollectiveFields {
    #[serde(default)]
    name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    neighbourhood: String,
    /// New followers wait for a coordinator (new collectives only).
    #[serde(default)]
    closed: String,
}

#[derive(Template)]
#[template(path = "collective_admin_form.html")]
struct FormPage<'a> {
    ui: &'a Ui,
    /// The handle of the collective being edited; `None` for a new one.
    editing: Option<String>,
    form: CollectiveFields,
    kinds: Vec<&'static str>,
    error: Option<String>,
}

fn form_page(
    ui: &Ui,
    status: StatusCode,
    editing: Option<String>,
    form: CollectiveFields,
    error: Option<String>,
) -> HttpResponse {
    problem::render(
        status,
        &FormPage {
            ui,
            editing,
            form,
            kinds: CollectiveKind::ALL.iter().map(|k| k.as_str()).collect(),
            error,
        },
    )
}

fn only_admins(ui: &Ui) -> Option<HttpResponse> {
    if !ui.signed_in() {
        return Some(problem::login_first(ui));
    }
    (!ui.reader.is_admin()).then(|| {
        problem::failure(
            ui,
            AppError::Forbidden("only administrators manage collectives"),
        )
    })
}

/// What went wrong, as the form says it; `None` for what is not the form's to fix.
fn form_error(ui: &Ui, e: &AppError) -> Option<String> {
    match e {
        AppError::Conflict(_) => Some(ui.t("error-collective-taken")),
        AppError::Invalid(_) => Some(ui.t("error-collective-fields")),
        _ => None,
    }
}

fn optional(v: &str) -> Option<String> {
    Some(v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub(super) async fn new_form(ui: Ui) -> HttpResponse {
    if let Some(refused) = only_admins(&ui) {
        return refused;
    }
    let form = CollectiveFields {
        kind: CollectiveKind::ResidentsCollective.as_str().into(),
        ..Default::default()
    };
    form_page(&ui, StatusCode::OK, None, form, None)
}

pub(super) async fn create(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<CollectiveFields>,
) -> HttpResponse {
    if let Some(refused) = only_admins(&ui) {
        return refused;
    }
    let Ok(kind) = form.kind.parse::<CollectiveKind>() else {
        let error = Some(ui.t("error-collective-fields"));
        return form_page(&ui, StatusCode::BAD_REQUEST, None, form, error);
    };
    let new = NewCollective {
        name: form.name.trim().to_owned(),
        display_name: form.display_name.clone(),
        summary: form.summary.clone(),
        kind,
        municipality: optional(&form.municipality),
        neighbourhood: optional(&form.neighbourhood),
        languages: Vec::new(),
        open: form.closed.is_empty(),
    };
    match collectives::create_as_admin(&ctx, &ui.reader, new).await {
        Ok(c) => problem::see_other(&format!("/c/{}", c.name)),
        Err(e) => match form_error(&ui, &e) {
            Some(error) => form_page(
                &ui,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                form,
                Some(error),
            ),
            None => problem::failure(&ui, e),
        },
    }
}

pub(super) async fn edit_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    if let Some(refused) = only_admins(&ui) {
        return refused;
    }
    match collectives::local_by_name(&ctx, &name).await {
        Ok(c) => {
            let form = CollectiveFields {
                name: c.name.clone(),
                display_name: c.display_name,
                summary: c.summary,
                kind: c.kind,
                municipality: c.municipality.unwrap_or_default(),
                neighbourhood: c.neighbourhood.unwrap_or_default(),
                closed: String::new(),
            };
            form_page(&ui, StatusCode::OK, Some(c.name), form, None)
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn save(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    CsrfForm(form): CsrfForm<CollectiveFields>,
) -> HttpResponse {
    if let Some(refused) = only_admins(&ui) {
        return refused;
    }
    let editing = Some(name.to_string());
    let Ok(kind) = form.kind.parse::<CollectiveKind>() else {
        let error = Some(ui.t("error-collective-fields"));
        return form_page(&ui, StatusCode::BAD_REQUEST, editing, form, error);
    };
    let input = ProfileInput {
        display_name: form.display_name.clone(),
        summary: form.summary.clone(),
        kind,
        municipality: optional(&form.municipality),
        neighbourhood: optional(&form.neighbourhood),
    };
    match collectives::update_profile(&ctx, &ui.reader, &name, input).await {
        Ok(c) => problem::see_other(&format!("/c/{}", c.name)),
        Err(e) => match form_error(&ui, &e) {
            Some(error) => form_page(
                &ui,
                StatusCode::UNPROCESSABLE_ENTITY,
                editing,
                form,
                Some(error),
            ),
            None => problem::failure(&ui, e),
        },
    }
}
