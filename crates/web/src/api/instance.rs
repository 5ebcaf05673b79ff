use super::dto::InstanceInfo;
use crate::{ApiError, auth::Authenticated, error::ErrorBody};
use actix_web::{get, web};
use chrono::{DateTime, Utc};
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

/// How delivery to one remote instance is going.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RemoteInstance {
    /// Host (with port only for test instances on one machine).
    pub host: String,
    /// `healthy`, `backing_off` (rounds failed recently; retried at `retry_at`) or `dead`
    /// (failing since `failing_since` for longer than the configured time).
    pub state: String,
    /// Failed attempt rounds since the last success.
    pub failed_rounds: i32,
    pub failing_since: Option<DateTime<Utc>>,
    pub retry_at: Option<DateTime<Utc>>,
    pub dead_since: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    /// Deliveries waiting for it now.
    pub queued: i64,
    /// Deliveries given up (dropped) because it stayed dead too long.
    pub given_up: i64,
    /// The server software it runs, from its NodeInfo, once learned.
    pub software: Option<String>,
    /// Deliveries it refused (answered 4xx: final, not retried).
    pub refusals: i64,
    pub last_refusal_at: Option<DateTime<Utc>>,
    /// The last refusal: its HTTP status and the start of the peer's answer.
    pub last_refusal: Option<String>,
}

/// Remote instances this one delivers to, with their health (administrators only).
#[utoipa::path(
    tag = "instance",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<RemoteInstance>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody))
)]
#[get("/admin/instances")]
pub async fn remote_instances(
    ctx: web::Data<AppContext>,
    Authenticated(me): Authenticated,
) -> Result<web::Json<Vec<RemoteInstance>>, ApiError> {
    let list = site::remote_instances(&ctx, &me).await?;
    let utc = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.and_utc());
    Ok(web::Json(
        list.into_iter()
            .map(|i| RemoteInstance {
                state: if i.row.dead_since.is_some() {
                    "dead"
                } else if i.row.retry_at.is_some() {
                    "backing_off"
                } else {
                    "healthy"
                }
                .into(),
                failed_rounds: i.row.failures,
                failing_since: utc(i.row.failing_since),
                retry_at: utc(i.row.retry_at),
                dead_since: utc(i.row.dead_since),
                last_success: utc(i.row.last_success),
                queued: i.queued,
                given_up: i.row.given_up,
                software: i.row.software,
                refusals: i.row.refusals,
                last_refusal_at: utc(i.row.last_refusal_at),
                last_refusal: i.row.last_refusal,
                host: i.row.host,
            })
            .collect(),
    ))
}
