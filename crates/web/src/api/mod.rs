//! The JSON API under `/api/v1`. Handlers are registered through `utoipa_actix_web`, so a
//! route cannot exist without its entry in the OpenAPI document.

mod collectives;
mod desk;
mod dilemma_dto;
mod dilemmas;
mod documents;
mod dto;
mod follows;
mod instance;
mod invitations;
mod meeting_dto;
mod meetings;
mod members;
mod programme_dto;
mod programmes;
mod replies;
mod search;
mod search_dto;
mod suggestions;

use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_actix_web::service_config::ServiceConfig;

pub use dilemma_dto::*;
pub use documents::Document;
pub use dto::*;
pub use meeting_dto::*;
pub use programme_dto::*;
pub use search::NetworkSearchPolicy;
pub use search_dto::*;

/// Registers every API handler; mount it under `/api/v1`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(instance::get_instance)
        .service(instance::remote_instances)
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
        .service(replies::withdraw_confirmation)
        .service(documents::attach_to_dilemma)
        .service(documents::attach_to_solution)
        .service(search::search_dilemmas)
        .service(search::similar_to_draft)
        .service(search::network_search)
        .service(search::similar_dilemmas)
        .service(meetings::create_session)
        .service(meetings::collective_sessions)
        .service(meetings::get_session)
        .service(meetings::edit_session)
        .service(meetings::cancel_session)
        .service(meetings::register_for_session)
        .service(meetings::cancel_registration)
        .service(meetings::write_outcome)
        .service(invitations::invite)
        .service(invitations::list)
        .service(desk::get_desk_network)
        .service(desk::get_desk)
        .service(programmes::create_programme)
        .service(programmes::collective_programmes)
        .service(programmes::get_programme)
        .service(programmes::edit_programme)
        .service(programmes::delete_programme)
        .service(programmes::follow_programme)
        .service(programmes::unfollow_programme)
        .service(programmes::record_progress)
        .service(suggestions::dilemma_suggestions)
        .service(suggestions::my_expertise)
        .service(suggestions::set_my_expertise);
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

/// Any `/api/v1` path or method that is not an endpoint: 405 with `Allow` for a documented
/// path asked with another method, 404 otherwise; both in the documented shape.
pub async fn no_such_path(
    req: actix_web::HttpRequest,
    served: Option<actix_web::web::Data<ServedDocument>>,
) -> actix_web::HttpResponse {
    let allowed = served
        .map(|doc| methods_of(&doc.0, req.path()))
        .unwrap_or_default();
    if allowed.is_empty() {
        return actix_web::HttpResponse::NotFound().json(crate::error::ErrorBody {
            error: format!("no such API endpoint: {}", req.path()),
        });
    }
    actix_web::HttpResponse::MethodNotAllowed()
        .insert_header(("Allow", allowed.join(", ")))
        .json(crate::error::ErrorBody {
            error: format!(
                "{} is not allowed here; use {}",
                req.method(),
                allowed.join(", ")
            ),
        })
}

/// The methods the document lists for the path template that `path` fits.
fn methods_of(doc: &serde_json::Value, path: &str) -> Vec<String> {
    let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) else {
        return Vec::new();
    };
    let fits = |template: &str| {
        let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
        t.len() == p.len()
            && t.iter()
                .zip(&p)
                .all(|(t, p)| t == p || (t.starts_with('{') && !p.is_empty()))
    };
    paths
        .iter()
        .filter(|(template, _)| fits(template))
        .flat_map(|(_, item)| item.as_object().into_iter().flat_map(|o| o.keys()))
        .map(|m| m.to_uppercase())
        .collect()
}

/// Answers any operation can give besides its own: unreadable input, a bearer token that is
/// not valid, a path naming nothing, a body too large or of another type, too many requests.
fn common_responses(operation: &serde_json::Value) -> Vec<(&'static str, &'static str)> {
    let mut common = vec![
        ("400", "The request could not be read or is not valid."),
        ("401", "The bearer token is not valid (or one is needed)."),
        (
            "404",
            "Nothing here: the path names nothing, or nothing you may see.",
        ),
        (
            "429",
            "Too many requests; try again after `Retry-After` seconds.",
        ),
    ];
    if operation.get("requestBody").is_some() {
        common.push(("413", "The request body is too large."));
        common.push(("415", "The request body is not of a documented media type."));
    }
    common
}

/// The document of [`served_document`], made once at start: served at `/api/openapi.json`
/// and read by [`no_such_path`].
pub struct ServedDocument(pub serde_json::Value);

/// The OpenAPI document as served: what utoipa generates from the handlers, with every
/// response given the `description` OpenAPI requires (the status's reason phrase where a
/// handler gave none), and the 404 and 429 answers every path can give.
pub fn served_document(api: &utoipa::openapi::OpenApi) -> serde_json::Value {
    let mut doc = serde_json::to_value(api).unwrap_or_default();
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return doc;
    };
    for item in paths.values_mut() {
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for operation in operations.values_mut() {
            let operation_copy = operation.clone();
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut())
            else {
                continue;
            };
            for (status, description) in common_responses(&operation_copy) {
                responses.entry(status).or_insert_with(|| {
                    serde_json::json!({
                        "description": description,
                        "content": { "application/json": { "schema": {
                            "$ref": "#/components/schemas/ErrorBody"
                        } } }
                    })
                });
            }
            for (status, response) in responses.iter_mut() {
                let described = response
                    .get("description")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| !d.is_empty());
                if !described && let Some(r) = response.as_object_mut() {
                    let reason = status
                        .parse::<u16>()
                        .ok()
                        .and_then(|s| actix_web::http::StatusCode::from_u16(s).ok())
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Response");
                    r.insert("description".into(), reason.into());
                }
            }
        }
    }
    doc
}
