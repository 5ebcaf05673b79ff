use super::dto::InstanceInfo;
use crate::ApiError;
use actix_web::{get, web};
use meent_app::{AppContext, use_cases::site};

/// What this instance is.
#[utoipa::path(tag = "instance", responses((status = 200, body = InstanceInfo)))]
#[get("/instance")]
pub async fn get_instance(ctx: web::Data<AppContext>) -> Result<web::Json<InstanceInfo>, ApiError> {
    let usage = site::usage(&ctx).await?;
    Ok(web::Json(InstanceInfo {
        domain: ctx.instance.domain.clone(),
        name: ctx.instance.name.clone(),
        description: ctx.instance.description.clone(),
        software: "meent".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        collectives: usage.local_collectives,
        members: usage.local_members,
    }))
}
