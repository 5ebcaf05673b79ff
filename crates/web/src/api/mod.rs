//! The JSON API under `/api/v1`. Handlers are registered through `utoipa_actix_web`, so a
//! route cannot exist without its entry in the OpenAPI document.

mod collectives;
mod dilemma_dto;
mod dilemmas;
mod documents;
mod dto;
mod follows;
mod instance;
mod members;
mod replies;
mod search;
mod search_dto;

use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_actix_web::service_config::ServiceConfig;

pub use dilemma_dto::*;
pub use documents::Document;
pub use dto::*;
pub use search::NetworkSearchPolicy;
pub use search_dto::*;

/// Registers every API handler; mount it under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(instance::get_instance)
        .service(collectives::list_collectives)
        .service(collectives::get_collective)
        .service(collectives::collective_members)
        .service(collectives::collective_followers)
        .service(follows::pending_follow_requests)
        .service(follows::approve_follow)
        .service(follows::reject_follow)
        .service(members::list_members)
        .service(members::get_member)
        .service(members::get_me)
        .service(follows::my_follows)
        .service(follows::follow_collective)
        .service(follows::unfollow_collective)
        .service(dilemmas::list_themes)
        .service(dilemmas::list_dilemmas)
        .service(dilemmas::create_dilemma)
        .service(dilemmas::get_dilemma)
        .service(dilemmas::edit_dilemma)
        .service(dilemmas::delete_dilemma)
        .service(dilemmas::accept_solutions)
        .service(dilemmas::close_dilemma)
        .service(dilemmas::reopen_dilemma)
        .service(dilemmas::like_dilemma)
        .service(dilemmas::unlike_dilemma)
        .service(replies::add_solution)
        .service(replies::add_comment)
        .service(replies::edit_reply)
        .service(replies::delete_reply)
        .service(replies::like_reply)
        .service(replies::unlike_reply)
        .service(replies::confirm_solution)
        .service(documents::attach_to_dilemma)
        .service(documents::attach_to_solution)
        .service(search::search_dilemmas)
        .service(search::similar_to_draft)
        .service(search::network_search)
        .service(search::similar_dilemmas);
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Meent API",
        description = "The JSON API of a Meent instance: collectives, members and following. \
            Calls that act for a member take `Authorization: Bearer <token>`; \
            an administrator makes tokens with `meent admin token`."
    ),
    modifiers(&BearerAuth),
    components(schemas(crate::error::ErrorBody))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
