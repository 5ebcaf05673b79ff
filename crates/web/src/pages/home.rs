use super::{failure, render};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, collectives};
use meent_db::queries::collectives::CollectiveRow;

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    instance_name: &'a str,
    description: &'a str,
    domain: &'a str,
    collectives: Vec<CollectiveRow>,
}

pub(super) async fn home(ctx: web::Data<AppContext>) -> HttpResponse {
    let name = &ctx.instance.name;
    match collectives::list_local(&ctx).await {
        Ok(collectives) => render(
            StatusCode::OK,
            &Home {
                instance_name: name,
                description: &ctx.instance.description,
                domain: &ctx.instance.domain,
                collectives,
            },
        ),
        Err(e) => failure(name, e),
    }
}
