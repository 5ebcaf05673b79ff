use crate::{
    FederationError,
    objects::{ApCollective, ApInstance, ApMember},
    protocol::context::meent_context,
};
use activitypub_federation::{config::Data, traits::Object};
use actix_web::{HttpResponse, web};
use meent_app::{AppContext, collectives, members, use_cases::site};

pub(super) async fn collective(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = collectives::local_by_name(&data, &name).await?;
    ApCollective::new(row)?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn member(
    name: web::Path<String>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = members::local_by_name(&data, &name).await?;
    ApMember::new(row)?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn instance(data: Data<AppContext>) -> Result<HttpResponse, FederationError> {
    let row = site::ensure_site(&data).await?;
    ApInstance::new(row, &data)?
        .http_response(meent_context(), &data)
        .await
}
