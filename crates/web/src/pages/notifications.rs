//! A member's notifications: new solutions, acceptances, confirmations, follow requests.

use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, notifications};
use meent_db::queries::notifications::NotificationRow;

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage<'a> {
    ui: &'a Ui,
    items: Vec<NotificationRow>,
}

pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    match notifications::read_latest(&ctx, member).await {
        Ok(items) => problem::render(StatusCode::OK, &NotificationsPage { ui: &ui, items }),
        Err(e) => problem::failure(&ui, e),
    }
}
