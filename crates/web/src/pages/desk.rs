//! A support organisation's desk: open dilemmas of the collectives its members follow,
//! longest without an answer first, with a theme and municipality filter.

use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext,
    use_cases::desk::{self, DeskFilter, DeskItem},
};
use meent_domain::Theme;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage<'a> {
    ui: &'a Ui,
    name: String,
    items: Vec<DeskItem>,
    themes: Vec<&'static str>,
    theme: String,
    municipality: String,
}

#[derive(Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    municipality: String,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    q: web::Query<DeskQuery>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let q = q.into_inner();
    let filter = DeskFilter {
        theme: Some(q.theme.clone()).filter(|t| !t.is_empty()),
        municipality: Some(q.municipality.clone()).filter(|m| !m.trim().is_empty()),
    };
    match desk::desk(&ctx, &ui.reader, &name, &filter).await {
        Ok(items) => problem::render(
            StatusCode::OK,
            &DeskPage {
                ui: &ui,
                name: name.into_inner(),
                items,
                themes: Theme::ALL.iter().map(|t| t.id()).collect(),
                theme: q.theme,
                municipality: q.municipality,
            },
        ),
        Err(e) => problem::failure(&ui, e),
    }
}
