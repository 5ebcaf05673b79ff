use super::dto::{Collective, CollectiveMember, Follower};
use crate::{ApiError, auth::Authenticated, error::ErrorBody};
use actix_web::{get, web};
use meent_app::{AppContext, AppError, collectives, follows, members};

/// The collectives on this instance.
#[utoipa::path(tag = "collectives", responses((status = 200, body = Vec<Collective>)))]
#[get("/collectives")]
pub async fn list_collectives(
    ctx: web::Data<AppContext>,
) -> Result<web::Json<Vec<Collective>>, ApiError> {
    let rows = collectives::list_local(&ctx).await?;
    Ok(web::Json(rows.into_iter().map(Collective::from).collect()))
}

/// One collective on this instance.
#[utoipa::path(
    tag = "collectives",
    params(("name" = String, Path, description = "the collective's handle")),
    responses((status = 200, body = Collective), (status = 404, body = ErrorBody))
)]
#[get("/collectives/{name}")]
pub async fn get_collective(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> Result<web::Json<Collective>, ApiError> {
    Ok(web::Json(
        collectives::local_by_name(&ctx, &name).await?.into(),
    ))
}

/// The members of a collective, with their roles.
#[utoipa::path(
    tag = "collectives",
    params(("name" = String, Path, description = "the collective's handle")),
    responses((status = 200, body = Vec<CollectiveMember>), (status = 404, body = ErrorBody))
)]
#[get("/collectives/{name}/members")]
pub async fn collective_members(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> Result<web::Json<Vec<CollectiveMember>>, ApiError> {
    let collective = collectives::local_by_name(&ctx, &name).await?;
    let list = collectives::members(&ctx, &collective).await?;
    Ok(web::Json(
        list.into_iter()
            .map(|(m, role)| CollectiveMember {
                member: m.into(),
                role: role.as_str().to_owned(),
            })
            .collect(),
    ))
}

/// The approved followers of a collective. Who follows a collective is not public: only its
/// members and the instance's administrators see this.
#[utoipa::path(
    tag = "collectives",
    params(("name" = String, Path, description = "the collective's handle")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Follower>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[get("/collectives/{name}/followers")]
pub async fn collective_followers(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Vec<Follower>>, ApiError> {
    let collective = collectives::local_by_name(&ctx, &name).await?;
    let is_member = members::collectives_of(&ctx, &me)
        .await?
        .iter()
        .any(|(c, _)| c.id == collective.id);
    if !is_member && !me.is_admin {
        return Err(AppError::Forbidden("only members of the collective see its followers").into());
    }
    let list = follows::followers_with_follows(&ctx, &collective).await?;
    Ok(web::Json(list.into_iter().map(Follower::from).collect()))
}
