//! Local collectives: creation and lookup.

use crate::{AppContext, AppError, keys};
use meent_db::Conn;
use meent_db::queries::{
    collectives::{self, CollectiveForm},
    handles, memberships,
};
use meent_domain::{CollectiveKind, Handle, Role};

pub use meent_db::queries::collectives::CollectiveRow;

#[derive(Debug, Clone)]
pub struct NewCollective {
    pub name: String,
    pub display_name: String,
    pub summary: String,
    pub kind: CollectiveKind,
    pub municipality: Option<String>,
    pub neighbourhood: Option<String>,
    pub languages: Vec<String>,
    /// Open collectives accept followers at once; closed ones wait for a coordinator.
    pub open: bool,
}

const MAX_DISPLAY_NAME: usize = 200;
const MAX_SUMMARY: usize = 10_000;

pub async fn create(ctx: &AppContext, new: NewCollective) -> Result<CollectiveRow, AppError> {
    let form = prepare(ctx, new).await?;
    let mut tx = ctx.db.begin().await?;
    let row = insert(&mut tx.conn(), form).await?;
    tx.commit().await?;
    Ok(row)
}

/// Checks a new collective and makes its keys, before any transaction is opened.
pub(crate) async fn prepare(
    ctx: &AppContext,
    new: NewCollective,
) -> Result<CollectiveForm, AppError> {
    let handle = Handle::parse(&new.name)?;
    let display_name = new.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME {
        return Err(AppError::Invalid(format!(
            "a collective's name needs 1 to {MAX_DISPLAY_NAME} characters"
        )));
    }
    if new.summary.chars().count() > MAX_SUMMARY {
        return Err(AppError::Invalid("the description is too long".into()));
    }
    let keys = keys::generate().await?;
    let urls = ctx.urls();
    let name = handle.as_str();
    let now = meent_db::now();
    let languages = if new.languages.is_empty() {
        "nl".to_owned()
    } else {
        new.languages.join(",")
    };
    let form = CollectiveForm {
        ap_id: urls.collective(name).to_string(),
        local: true,
        name: name.to_owned(),
        display_name: display_name.to_owned(),
        summary: new.summary,
        kind: new.kind.as_str().to_owned(),
        municipality: new.municipality.filter(|s| !s.trim().is_empty()),
        neighbourhood: new.neighbourhood.filter(|s| !s.trim().is_empty()),
        languages,
        open: new.open,
        inbox_url: urls.collective_inbox(name).to_string(),
        shared_inbox_url: Some(urls.shared_inbox().to_string()),
        outbox_url: Some(urls.collective_outbox(name).to_string()),
        followers_url: Some(urls.collective_followers(name).to_string()),
        public_key: keys.public_pem,
        private_key: Some(meent_db::SecretText::new(keys.private_pem)),
        last_refreshed_at: now,
        updated_at: now,
    };
    Ok(form)
}

/// Claims the collective's name and stores it, inside the caller's transaction.
pub(crate) async fn insert(
    c: &mut Conn<'_>,
    form: CollectiveForm,
) -> Result<CollectiveRow, AppError> {
    if !handles::claim(c, &form.name, "collective").await? {
        return Err(AppError::Conflict(format!(
            "the name {} is already taken",
            form.name
        )));
    }
    // People tell collectives apart by the name they read: two here may not share one.
    let wanted = form.display_name.trim().to_lowercase();
    if collectives::list_local(c)
        .await?
        .iter()
        .any(|other| other.display_name.trim().to_lowercase() == wanted)
    {
        return Err(AppError::Conflict(format!(
            "a collective here is already called {}",
            form.display_name.trim()
        )));
    }
    Ok(collectives::insert(c, &form, form.updated_at).await?)
}

/// A collective's profile as an administrator edits it.
#[derive(Debug, Clone)]
pub struct ProfileInput {
    pub display_name: String,
    pub summary: String,
    pub kind: CollectiveKind,
    pub municipality: Option<String>,
    pub neighbourhood: Option<String>,
}

/// An administrator creates a collective (from the pages; the command line has its own).
pub async fn create_as_admin(
    ctx: &AppContext,
    reader: &crate::use_cases::access::Reader,
    new: NewCollective,
) -> Result<CollectiveRow, AppError> {
    if !reader.is_admin() {
        return Err(AppError::Forbidden(
            "only administrators create collectives",
        ));
    }
    create(ctx, new).await
}

/// An administrator changes the profile of any collective here; its followers elsewhere
/// get an `Update` of it.
pub async fn update_profile(
    ctx: &AppContext,
    reader: &crate::use_cases::access::Reader,
    name: &str,
    input: ProfileInput,
) -> Result<CollectiveRow, AppError> {
    if !reader.is_admin() {
        return Err(AppError::Forbidden(
            "only administrators edit a collective's profile",
        ));
    }
    let display_name = input.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME {
        return Err(AppError::Invalid(format!(
            "a collective's name needs 1 to {MAX_DISPLAY_NAME} characters"
        )));
    }
    if input.summary.chars().count() > MAX_SUMMARY {
        return Err(AppError::Invalid("the description is too long".into()));
    }
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let collective = collectives::local_by_name(c, name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let wanted = display_name.to_lowercase();
    if collectives::list_local(c)
        .await?
        .iter()
        .any(|o| o.id != collective.id && o.display_name.trim().to_lowercase() == wanted)
    {
        return Err(AppError::Conflict(format!(
            "a collective here is already called {display_name}"
        )));
    }
    let optional = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (municipality, neighbourhood) = (
        optional(&input.municipality),
        optional(&input.neighbourhood),
    );
    let row = collectives::update_profile(
        c,
        collective.id,
        &collectives::Profile {
            display_name,
            summary: input.summary.trim(),
            kind: input.kind.as_str(),
            municipality: municipality.as_deref(),
            neighbourhood: neighbourhood.as_deref(),
        },
        meent_db::now(),
    )
    .await?;
    // Its followers elsewhere are told (an `Update` of the `Group`).
    crate::outbox::enqueue(
        c,
        &meent_domain::OutboundActivity::UpdateCollective {
            id: ctx.urls().new_activity("update"),
            actor: url::Url::parse(&row.ap_id)
                .map_err(|e| AppError::Internal(format!("a collective's id: {e}")))?,
        },
    )
    .await?;
    // Its dilemmas carry its name and place in the search index: indexed again.
    let all = ["public", "followers", "internal"];
    let mut offset = 0;
    loop {
        let page = meent_db::queries::dilemmas::list(
            c,
            meent_db::queries::dilemmas::ListFilter {
                collective_id: Some(row.id),
                status: None,
                visibilities: &all,
                limit: 500,
                offset,
            },
        )
        .await?;
        for d in &page {
            crate::search_log::changed(c, d.id).await?;
        }
        if page.len() < 500 {
            break;
        }
        offset += 500;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

pub async fn list_local(ctx: &AppContext) -> Result<Vec<CollectiveRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(collectives::list_local(&mut conn.conn()).await?)
}

pub async fn local_by_name(ctx: &AppContext, name: &str) -> Result<CollectiveRow, AppError> {
    let mut conn = ctx.db.get().await?;
    collectives::local_by_name(&mut conn.conn(), name)
        .await?
        .ok_or(AppError::NotFound("collective"))
}

/// The members of a local collective with their roles.
pub async fn members(
    ctx: &AppContext,
    collective: &CollectiveRow,
) -> Result<Vec<(meent_db::queries::members::MemberRow, Role)>, AppError> {
    let mut conn = ctx.db.get().await?;
    memberships::members_of(&mut conn.conn(), collective.id)
        .await?
        .into_iter()
        .map(|(m, role)| Ok((m, role.parse()?)))
        .collect()
}

/// The collectives with these ids (local or remote), for showing lists of dilemmas.
pub async fn by_ids(
    ctx: &AppContext,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, CollectiveRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(collectives::by_ids(&mut conn.conn(), ids)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect())
}

/// A collective known here by its local id, local or remote.
pub async fn by_id(ctx: &AppContext, id: i64) -> Result<CollectiveRow, AppError> {
    let mut conn = ctx.db.get().await?;
    collectives::by_id(&mut conn.conn(), id)
        .await?
        .ok_or(AppError::NotFound("collective"))
}

/// A coordinator gives a member of their collective another role, or (`None`) removes them
/// from it. A collective keeps at least one coordinator.
pub async fn set_member_role(
    ctx: &AppContext,
    reader: &crate::use_cases::access::Reader,
    collective: &CollectiveRow,
    member_id: i64,
    role: Option<Role>,
) -> Result<(), AppError> {
    if !collective.local || !reader.coordinates(collective.id) {
        return Err(AppError::Forbidden("only coordinators manage members"));
    }
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let current = memberships::members_of(c, collective.id).await?;
    if !current.iter().any(|(m, _)| m.id == member_id) {
        return Err(AppError::NotFound("member"));
    }
    let coordinators_after = current
        .iter()
        .filter(|(m, r)| {
            if m.id == member_id {
                role == Some(Role::Coordinator)
            } else {
                r == Role::Coordinator.as_str()
            }
        })
        .count();
    if coordinators_after == 0 {
        return Err(AppError::Conflict(
            "a collective keeps at least one coordinator".into(),
        ));
    }
    match role {
        Some(role) => {
            memberships::upsert(c, member_id, collective.id, role.as_str(), meent_db::now())
                .await?;
        }
        None => {
            memberships::delete(c, member_id, collective.id).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
