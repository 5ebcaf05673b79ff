//! The one line every use-case that changes a dilemma or its thread adds before committing:
//! a row in the search change log, in the same transaction, so that every server's search
//! index hears of exactly the committed changes.

use crate::AppError;
use meent_db::{Conn, queries::search};

/// Notes that dilemma `dilemma_id` (or something in its thread) changed.
pub(crate) async fn changed(c: &mut Conn<'_>, dilemma_id: i64) -> Result<(), AppError> {
    Ok(search::record_change(c, dilemma_id, meent_db::now()).await?)
}

/// Notes that learning programme `programme_id` changed.
pub(crate) async fn programme_changed(c: &mut Conn<'_>, programme_id: i64) -> Result<(), AppError> {
    Ok(search::record_programme_change(c, programme_id, meent_db::now()).await?)
}
