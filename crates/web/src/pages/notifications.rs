//! A member's notifications: new solutions, acceptances, confirmations, follow requests,
//! each naming the dilemma or session it is about.

use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext,
    notifications::{self, Named},
};

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage<'a> {
    ui: &'a Ui,
    items: Vec<Named>,
}

pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui) -> HttpResponse {
    let Some(member) = ui.member() else {
        return problem::login_first(&ui);
    };
    match notifications::read_latest_named(&ctx, member).await {
        Ok(items) => problem::render(StatusCode::OK, &NotificationsPage { ui: &ui, items }),
        Err(e) => problem::failure(&ui, e),
    }
}
