//! A member's declared expertise (koppelen): areas from the theme list and a few words of
//! their own, so support organisations can ask them to help with a dilemma.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, use_cases::expertise};
use meent_domain::Theme;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "expertise.html")]
struct ExpertisePage<'a> {
    ui: &'a Ui,
    themes: Vec<&'static str>,
    chosen: Vec<String>,
    description: String,
    saved: bool,
    error: Option<String>,
}

impl ExpertisePage<'_> {
    fn has_theme(&self, id: &&str) -> bool {
        self.chosen.iter().any(|t| t == id)
    }
}

fn page(
    ui: &Ui,
    status: StatusCode,
    chosen: Vec<String>,
    description: String,
    saved: bool,
    error: Option<String>,
) -> HttpResponse {
    problem::render(
        status,
        &ExpertisePage {
            ui,
            themes: Theme::ALL.iter().map(|t| t.id()).collect(),
            chosen,
            description,
            saved,
            error,
        },
    )
}

#[derive(Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: bool,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<SavedQuery>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match expertise::mine(&ctx, &ui.reader).await {
        Ok(row) => page(
            &ui,
            StatusCode::OK,
            row.as_ref().map(|r| r.theme_list()).unwrap_or_default(),
            row.map(|r| r.description).unwrap_or_default(),
            q.saved,
            None,
        ),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct ExpertiseFields {
    #[serde(default)]
    theme: Vec<String>,
    #[serde(default)]
    description: String,
}

pub(super) async fn save(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<ExpertiseFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match expertise::set_mine(&ctx, &ui.reader, &form.theme, &form.description).await {
        Ok(()) => problem::see_other("/settings/expertise?saved=true"),
        Err(AppError::Invalid(_)) => {
            let error = Some(ui.t("hint-expertise-description"));
            page(
                &ui,
                StatusCode::BAD_REQUEST,
                form.theme,
                form.description,
                false,
                error,
            )
        }
        Err(e) => problem::failure(&ui, e),
    }
}
