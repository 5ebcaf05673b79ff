//! The home page: for a member, the dilemmas of their own and followed collectives, filtered
//! by theme and status; for a visitor, the collectives here and their newest public dilemmas.

use super::listing::{DilemmaItem, items};
use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, accounts, collectives, dilemmas};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::{DilemmaStatus, Theme};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    theme: String,
    #[serde(default)]
    status: String,
    /// Set after a dilemma was removed: the page says so.
    #[serde(default)]
    removed: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    ui: &'a Ui,
    description: &'a str,
    domain: &'a str,
    collectives: Vec<CollectiveRow>,
    dilemmas: Vec<DilemmaItem>,
    themes: Vec<&'static str>,
    statuses: Vec<&'static str>,
    theme: String,
    status: String,
    removed: bool,
}

pub(super) async fn home(
    ctx: web::Data<AppContext>,
    ui: Ui,
    query: web::Query<HomeQuery>,
) -> HttpResponse {
    match accounts::needs_setup(&ctx).await {
        Ok(true) => return problem::see_other("/setup"),
        Ok(false) => {}
        Err(e) => return problem::failure(&ui, e),
    }
    // Unknown filter values are ignored rather than refused: they come from old links.
    let theme = query.theme.parse::<Theme>().ok();
    let status = query.status.parse::<DilemmaStatus>().ok();
    let load = async {
        let rows = if ui.signed_in() {
            dilemmas::feed(&ctx, &ui.reader, theme, status, 50, 0).await?
        } else {
            dilemmas::list(&ctx, &ui.reader, None, status, 20, 0).await?
        };
        let collectives = collectives::list_local(&ctx).await?;
        Ok::<_, AppError>((items(&ctx, rows).await?, collectives))
    };
    match load.await {
        Ok((dilemmas, collectives)) => problem::render(
            StatusCode::OK,
            &Home {
                ui: &ui,
                description: &ctx.instance.description,
                domain: &ctx.instance.domain,
                collectives,
                dilemmas,
                themes: Theme::ALL.iter().map(|t| t.id()).collect(),
                statuses: ["open", "solved", "closed"].into(),
                theme: theme.map(|t| t.id().to_owned()).unwrap_or_default(),
                status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
                removed: !query.removed.is_empty(),
            },
        ),
        Err(e) => problem::failure(&ui, e),
    }
}
