use super::dto::{Me, Member, Membership};
use crate::{ApiError, auth::Authenticated, error::ErrorBody};
use actix_web::{get, web};
use meent_app::{AppContext, AppError, members};

/// The members of this instance (administrators only).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<Member>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
#[get("/members")]
pub async fn list_members(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Vec<Member>>, ApiError> {
    if !me.is_admin {
        return Err(AppError::Forbidden("only administrators list all members").into());
    }
    let rows = members::list_local(&ctx).await?;
    Ok(web::Json(rows.into_iter().map(Member::from).collect()))
}

/// One member of this instance.
#[utoipa::path(
    tag = "members",
    params(("name" = String, Path, description = "the member's handle")),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody))
)]
#[get("/members/{name}")]
pub async fn get_member(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> Result<web::Json<Member>, ApiError> {
    Ok(web::Json(members::local_by_name(&ctx, &name).await?.into()))
}

/// The signed-in member and the collectives they act for.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody))
)]
#[get("/me")]
pub async fn get_me(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Me>, ApiError> {
    let collectives = members::collectives_of(&ctx, &me).await?;
    Ok(web::Json(Me {
        is_admin: me.is_admin,
        member: me.into(),
        collectives: collectives
            .into_iter()
            .map(|(c, role)| Membership {
                collective: c.into(),
                role: role.as_str().to_owned(),
            })
            .collect(),
    }))
}
