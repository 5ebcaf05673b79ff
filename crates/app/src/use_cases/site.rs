//! The instance itself: its `Application` actor and the figures NodeInfo reports.

use crate::{AppContext, AppError, keys};
use meent_db::queries::{collectives, members, site};

pub use meent_db::queries::site::SiteRow;

/// Returns the instance actor, making its key pair on first start.
pub async fn ensure_site(ctx: &AppContext) -> Result<SiteRow, AppError> {
    {
        let mut conn = ctx.db.get().await?;
        if let Some(row) = site::get(&mut conn.conn()).await? {
            return Ok(row);
        }
    }
    let keys = keys::generate().await?;
    let row = SiteRow {
        id: 1,
        ap_id: ctx.urls().instance_actor().to_string(),
        name: ctx.instance.name.clone(),
        public_key: keys.public_pem,
        private_key: meent_db::SecretText::new(keys.private_pem),
        created_at: meent_db::now(),
    };
    let mut tx = ctx.db.begin().await?;
    site::insert_if_missing(&mut tx.conn(), &row).await?;
    tx.commit().await?;
    // Another server on the same database may have won the race: read what is stored.
    let mut conn = ctx.db.get().await?;
    site::get(&mut conn.conn())
        .await?
        .ok_or(AppError::NotFound("instance actor"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub local_members: i64,
    pub local_collectives: i64,
    pub local_dilemmas: i64,
}

pub async fn usage(ctx: &AppContext) -> Result<Usage, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    Ok(Usage {
        local_members: members::count_local(c).await?,
        local_collectives: collectives::count_local(c).await?,
        local_dilemmas: meent_db::queries::dilemmas::count_local(c).await?,
    })
}

/// How delivery to one remote instance is going, for its administrator.
#[derive(Debug, Clone)]
pub struct RemoteInstanceHealth {
    pub row: meent_db::queries::instances::InstanceRow,
    /// Deliveries waiting for it now.
    pub queued: i64,
}

/// Every remote instance delivered to, with its health and queue (administrators only).
pub async fn remote_instances(
    ctx: &AppContext,
    me: &meent_db::queries::members::MemberRow,
) -> Result<Vec<RemoteInstanceHealth>, AppError> {
    if !me.is_admin {
        return Err(AppError::Forbidden(
            "only administrators see how delivery goes",
        ));
    }
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let queued: std::collections::HashMap<String, i64> =
        meent_db::queries::deliveries::count_by_host(c)
            .await?
            .into_iter()
            .collect();
    Ok(meent_db::queries::instances::list(c)
        .await?
        .into_iter()
        .map(|row| RemoteInstanceHealth {
            queued: queued.get(&row.host).copied().unwrap_or(0),
            row,
        })
        .collect())
}
