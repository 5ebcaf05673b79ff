//! Local members: creation, lookup and their place in collectives.

use crate::{AppContext, AppError, keys};
use meent_db::Conn;
use meent_db::queries::{
    collectives::CollectiveRow,
    handles, members,
    members::{MemberForm, MemberRow},
    memberships,
};
use meent_domain::{Handle, Role};

#[derive(Debug, Clone)]
pub struct NewMember {
    pub name: String,
    pub display_name: String,
    pub is_admin: bool,
}

pub async fn create(ctx: &AppContext, new: NewMember) -> Result<MemberRow, AppError> {
    let is_admin = new.is_admin;
    let form = prepare(ctx, new).await?;
    let mut tx = ctx.db.begin().await?;
    let row = insert(&mut tx.conn(), form, is_admin).await?;
    tx.commit().await?;
    Ok(row)
}

/// Checks a new member and makes their keys, before any transaction is opened.
pub(crate) async fn prepare(ctx: &AppContext, new: NewMember) -> Result<MemberForm, AppError> {
    let handle = Handle::parse(&new.name)?;
    let name = handle.as_str();
    let display_name = match new.display_name.trim() {
        "" => name.to_owned(),
        d if d.chars().count() > 200 => {
            return Err(AppError::Invalid(
                "a display name has at most 200 characters".into(),
            ));
        }
        d => d.to_owned(),
    };
    let keys = keys::generate().await?;
    let urls = ctx.urls();
    let now = meent_db::now();
    let form = MemberForm {
        ap_id: urls.member(name).to_string(),
        local: true,
        name: name.to_owned(),
        display_name,
        summary: String::new(),
        inbox_url: urls.member_inbox(name).to_string(),
        shared_inbox_url: Some(urls.shared_inbox().to_string()),
        public_key: keys.public_pem,
        private_key: Some(meent_db::SecretText::new(keys.private_pem)),
        last_refreshed_at: now,
        updated_at: now,
    };
    Ok(form)
}

/// Claims the member's name and stores them, inside the caller's transaction.
pub(crate) async fn insert(
    c: &mut Conn<'_>,
    form: MemberForm,
    is_admin: bool,
) -> Result<MemberRow, AppError> {
    if !handles::claim(c, &form.name, "member").await? {
        return Err(AppError::Conflict(format!(
            "the name {} is already taken",
            form.name
        )));
    }
    Ok(members::insert(c, &form, is_admin, form.updated_at).await?)
}

/// Makes `member` a member of the local `collective` with `role` (or changes their role).
pub async fn join(
    ctx: &AppContext,
    member: &MemberRow,
    collective: &CollectiveRow,
    role: Role,
) -> Result<(), AppError> {
    if !member.local || !collective.local {
        return Err(AppError::Invalid(
            "only local members can join local collectives".into(),
        ));
    }
    let mut tx = ctx.db.begin().await?;
    memberships::upsert(
        &mut tx.conn(),
        member.id,
        collective.id,
        role.as_str(),
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list_local(ctx: &AppContext) -> Result<Vec<MemberRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(members::list_local(&mut conn.conn()).await?)
}

pub async fn local_by_name(ctx: &AppContext, name: &str) -> Result<MemberRow, AppError> {
    let mut conn = ctx.db.get().await?;
    members::local_by_name(&mut conn.conn(), name)
        .await?
        .ok_or(AppError::NotFound("member"))
}

/// The collectives a member acts for, with their role in each.
pub async fn collectives_of(
    ctx: &AppContext,
    member: &MemberRow,
) -> Result<Vec<(CollectiveRow, Role)>, AppError> {
    let mut conn = ctx.db.get().await?;
    memberships::collectives_of(&mut conn.conn(), member.id)
        .await?
        .into_iter()
        .map(|(c, role)| Ok((c, role.parse()?)))
        .collect()
}

/// Whether `member` may act as coordinator of `collective`: its coordinators and the
/// instance's administrators may.
pub async fn may_coordinate(
    ctx: &AppContext,
    member: &MemberRow,
    collective: &CollectiveRow,
) -> Result<bool, AppError> {
    if !member.local || !collective.local {
        return Ok(false);
    }
    if member.is_admin {
        return Ok(true);
    }
    let mut conn = ctx.db.get().await?;
    let role = memberships::role_of(&mut conn.conn(), member.id, collective.id).await?;
    Ok(role.as_deref() == Some(Role::Coordinator.as_str()))
}
