//! API tokens: made by an administrator command, presented as `Authorization: Bearer …`.

use crate::{AppContext, AppError};
use meent_db::queries::{members::MemberRow, tokens};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Makes a new token for `member`. The token is shown once; only its hash is stored.
pub async fn create_token(
    ctx: &AppContext,
    member: &MemberRow,
    label: &str,
) -> Result<String, AppError> {
    if !member.local {
        return Err(AppError::Invalid("only local members get tokens".into()));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = format!("meent_{}", hex::encode(bytes));
    let mut tx = ctx.db.begin().await?;
    tokens::insert(
        &mut tx.conn(),
        member.id,
        &hash(&token),
        label,
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The member a presented token belongs to.
pub async fn authenticate(ctx: &AppContext, token: &str) -> Result<MemberRow, AppError> {
    let mut conn = ctx.db.get().await?;
    tokens::member_by_hash(&mut conn.conn(), &hash(token))
        .await?
        .ok_or(AppError::Unauthenticated)
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
