//! A local member's profile page.

use crate::browser::{Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, members};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage<'a> {
    ui: &'a Ui,
    domain: &'a str,
    m: MemberRow,
    collectives: Vec<CollectiveRow>,
}

pub(super) async fn show(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    let load = async {
        let m = members::local_by_name(&ctx, &name).await?;
        let collectives = members::collectives_of(&ctx, &m).await?;
        Ok::<_, AppError>((m, collectives))
    };
    match load.await {
        Ok((m, collectives)) => problem::render(
            StatusCode::OK,
            &MemberPage {
                ui: &ui,
                domain: &ctx.instance.domain,
                m,
                collectives: collectives.into_iter().map(|(c, _)| c).collect(),
            },
        ),
        Err(e) => problem::failure(&ui, e),
    }
}
