use super::dto::{Follow, FollowTarget, Follower};
use crate::{ApiError, auth::Authenticated, error::ErrorBody};
use actix_web::{HttpResponse, delete, get, post, web};
use meent_app::{AppContext, collectives, follows};

/// The collectives the signed-in member follows or asked to follow.
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<Follow>), (status = 401, body = ErrorBody))
)]
#[get("/me/follows")]
pub async fn my_follows(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Vec<Follow>>, ApiError> {
    let list = follows::follows_of(&ctx, &me).await?;
    Ok(web::Json(
        list.into_iter()
            .map(|(f, c)| Follow {
                id: f.id,
                collective: c.into(),
                state: f.state,
            })
            .collect(),
    ))
}

/// Follow a collective on this or another instance, by `@name@host` or URL. Open
/// collectives accept at once; others keep the follow `pending` until a coordinator decides.
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    request_body = FollowTarget,
    responses(
        (status = 201, body = Follow),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody, description = "the address is not allowed (private or loopback)"),
        (status = 404, body = ErrorBody),
        (status = 502, body = ErrorBody, description = "the other instance could not be reached")
    )
)]
#[post("/me/follows")]
pub async fn follow_collective(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
    body: web::Json<FollowTarget>,
) -> Result<HttpResponse, ApiError> {
    let collective = follows::resolve_collective(&ctx, &body.target).await?;
    let row = follows::follow(&ctx, &me, &collective).await?;
    Ok(HttpResponse::Created().json(Follow {
        id: row.id,
        collective: collective.into(),
        state: row.state,
    }))
}

/// Stop following a collective (or withdraw a pending request).
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    params(("target" = String, Query, description = "`@name@host` or the collective's URL")),
    responses(
        (status = 204, description = "no longer following"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[delete("/me/follows")]
pub async fn unfollow_collective(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
    query: web::Query<FollowTarget>,
) -> Result<HttpResponse, ApiError> {
    let collective = follows::resolve_collective(&ctx, &query.target).await?;
    if follows::unfollow(&ctx, &me, &collective).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(meent_app::AppError::NotFound("follow").into())
    }
}

/// Follow requests waiting for a coordinator of the collective.
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "the collective's handle")),
    responses(
        (status = 200, body = Vec<Follower>),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[get("/collectives/{name}/follow-requests")]
pub async fn pending_follow_requests(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Vec<Follower>>, ApiError> {
    let collective = collectives::local_by_name(&ctx, &name).await?;
    let list = follows::pending_requests(&ctx, &me, &collective).await?;
    Ok(web::Json(list.into_iter().map(Follower::from).collect()))
}

async fn decide(
    ctx: &AppContext,
    me: &meent_db::queries::members::MemberRow,
    name: &str,
    follow_id: i64,
    approve: bool,
) -> Result<HttpResponse, ApiError> {
    let collective = collectives::local_by_name(ctx, name).await?;
    follows::decide(ctx, me, &collective, follow_id, approve).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Approve a follow request (coordinators).
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    params(
        ("name" = String, Path, description = "the collective's handle"),
        ("id" = i64, Path, description = "the follow's id")
    ),
    responses(
        (status = 204, description = "approved"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/collectives/{name}/follow-requests/{id}/approve")]
pub async fn approve_follow(
    ctx: web::Data<AppContext>,
    path: web::Path<(String, i64)>,
    Authenticated(me): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let (name, id) = path.into_inner();
    decide(&ctx, &me, &name, id, true).await
}

/// Reject a follow request, or remove a follower (coordinators).
#[utoipa::path(
    tag = "following",
    security(("bearer" = [])),
    params(
        ("name" = String, Path, description = "the collective's handle"),
        ("id" = i64, Path, description = "the follow's id")
    ),
    responses(
        (status = 204, description = "rejected"),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/collectives/{name}/follow-requests/{id}/reject")]
pub async fn reject_follow(
    ctx: web::Data<AppContext>,
    path: web::Path<(String, i64)>,
    Authenticated(me): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let (name, id) = path.into_inner();
    decide(&ctx, &me, &name, id, false).await
}
