//! A support organisation's desk: open dilemmas of the collectives its members follow,
//! longest without an answer first, with a theme and municipality filter; with
//! `?network=1` also the open dilemmas found elsewhere.

use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext,
    use_cases::desk::{self, DeskFilter, DeskItem, WiderDesk},
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
    /// Asked for with `?network=1`: the open dilemmas of everyone else.
    wider: Option<WiderDesk>,
}

#[derive(Deserialize)]
pub struct DeskQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    municipality: String,
    /// Any value asks for the network-wide part too.
    #[serde(default)]
    network: String,
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
    let found = async {
        let items = desk::desk(&ctx, &ui.reader, &name, &filter).await?;
        let wider = if q.network.is_empty() {
            None
        } else {
            Some(desk::network_beside(&ctx, &ui.reader, &items, &filter).await?)
        };
        Ok::<_, meent_app::AppError>((items, wider))
    };
    match found.await {
        Ok((items, wider)) => problem::render(
            StatusCode::OK,
            &DeskPage {
                ui: &ui,
                name: name.into_inner(),
                items,
                themes: Theme::ALL.iter().map(|t| t.id()).collect(),
                theme: q.theme,
                municipality: q.municipality,
                wider,
            },
        ),
        Err(e) => problem::failure(&ui, e),
    }
}
