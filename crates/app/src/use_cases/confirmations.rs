//! "This worked for us too": another collective confirms a solution.

use crate::{
    AppContext, AppError,
    outbox::enqueue_in_thread,
    search_log, text,
    urls::Urls,
    use_cases::access::{Reader, visible},
};
use meent_db::queries::{
    collectives,
    confirmations::{self, ConfirmationForm, ConfirmationRow},
    dilemmas,
    replies::{self, SOLUTION},
};
use meent_domain::{ContextFacets, Verb};

const MAX_ACCOUNT: usize = 5_000;

#[derive(Debug, Clone)]
pub struct ConfirmationInput {
    /// Handle of the local collective that confirms; the member must belong to it.
    pub collective: String,
    /// A short account of how it worked for them (Markdown).
    pub account: String,
    pub facets: ContextFacets,
}

pub async fn confirm(
    ctx: &AppContext,
    reader: &Reader,
    solution_id: i64,
    input: ConfirmationInput,
) -> Result<ConfirmationRow, AppError> {
    let author = reader.require_member()?;
    if input.account.trim().is_empty() || input.account.chars().count() > MAX_ACCOUNT {
        return Err(AppError::Invalid(format!(
            "tell in 1 to {MAX_ACCOUNT} characters how it worked for you"
        )));
    }
    let facets = serde_json::to_string(&input.facets)
        .map_err(|e| AppError::Internal(format!("facets: {e}")))?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let solution = replies::by_id(c, solution_id)
        .await?
        .filter(|r| r.kind == SOLUTION && !r.deleted)
        .ok_or(AppError::NotFound("solution"))?;
    let d = visible(reader, dilemmas::by_id(c, solution.dilemma_id).await?)?;
    let collective = collectives::local_by_name(c, &input.collective)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.is_member_of(collective.id) {
        return Err(AppError::Forbidden(
            "you can only confirm for your own collective",
        ));
    }
    if collective.id == d.collective_id {
        return Err(AppError::Invalid(
            "a collective confirms solutions to other collectives' dilemmas".into(),
        ));
    }
    let form = ConfirmationForm {
        ap_id: Urls::provisional(),
        local: true,
        solution_id: solution.id,
        author_id: author.id,
        collective: collective.ap_id,
        account: text::markdown(&input.account),
        facets,
        published: now,
    };
    let row = confirmations::upsert(c, &form, now).await?;
    let (row, verb) = if row.ap_id.starts_with("urn:uuid:") {
        let row =
            confirmations::set_ap_id(c, row.id, ctx.urls().confirmation(row.id).as_str()).await?;
        crate::notifications::confirmed(c, &solution, author).await?;
        (row, Verb::Create)
    } else {
        (row, Verb::Update)
    };
    enqueue_in_thread(c, ctx, &d, verb, &author.ap_id, &row.ap_id).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A member withdraws their collective's confirmation of a solution: it is removed here
/// and the thread's other servers get a `Delete` of it.
pub async fn withdraw(
    ctx: &AppContext,
    reader: &Reader,
    solution_id: i64,
    collective_name: &str,
) -> Result<(), AppError> {
    let member = reader.require_member()?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let solution = replies::by_id(c, solution_id)
        .await?
        .filter(|r| r.kind == SOLUTION && !r.deleted)
        .ok_or(AppError::NotFound("solution"))?;
    let d = visible(reader, dilemmas::by_id(c, solution.dilemma_id).await?)?;
    let collective = collectives::local_by_name(c, collective_name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.is_member_of(collective.id) {
        return Err(AppError::Forbidden(
            "only a member of the collective withdraws its confirmation",
        ));
    }
    let row = confirmations::of_solution(c, solution.id)
        .await?
        .into_iter()
        .find(|x| x.local && x.collective == collective.ap_id)
        .ok_or(AppError::NotFound("confirmation"))?;
    confirmations::delete(c, row.id).await?;
    enqueue_in_thread(c, ctx, &d, Verb::Delete, &member.ap_id, &row.ap_id).await?;
    search_log::changed(c, d.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}
