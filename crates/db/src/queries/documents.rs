//! Documents attached to dilemmas and solutions.

use crate::{Conn, DbError, on_conn, schema::documents};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: i64,
    pub local: bool,
    pub dilemma_id: i64,
    /// Set when the document belongs to a solution rather than the dilemma itself.
    pub reply_id: Option<i64>,
    pub uploader_id: Option<i64>,
    pub title: String,
    pub kind: String,
    pub licence: String,
    pub media_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    /// Of a local file's content: where it is kept. Empty for received documents.
    pub sha256: String,
    /// Where a received document is served by its instance. Empty for local documents.
    pub url: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = documents)]
pub struct DocumentForm {
    pub local: bool,
    pub dilemma_id: i64,
    pub reply_id: Option<i64>,
    pub uploader_id: Option<i64>,
    pub title: String,
    pub kind: String,
    pub licence: String,
    pub media_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub url: String,
    pub created_at: NaiveDateTime,
}

pub async fn insert(conn: &mut Conn<'_>, form: &DocumentForm) -> Result<DocumentRow, DbError> {
    Ok(on_conn!(conn, |c| diesel::insert_into(documents::table)
        .values(form)
        .returning(DocumentRow::as_returning())
        .get_result(c)
        .await)?)
}

pub async fn by_id(conn: &mut Conn<'_>, id: i64) -> Result<Option<DocumentRow>, DbError> {
    Ok(on_conn!(conn, |c| documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .get_result(c)
        .await
        .optional())?)
}

/// Every document in a dilemma's thread (its own and its solutions'), oldest first.
/// A received document by the address its instance serves it at.
pub async fn by_url(conn: &mut Conn<'_>, url: &str) -> Result<Option<DocumentRow>, DbError> {
    Ok(on_conn!(conn, |c| documents::table
        .filter(documents::url.eq(url))
        .select(DocumentRow::as_select())
        .first(c)
        .await
        .optional())?)
}

pub async fn of_dilemma(conn: &mut Conn<'_>, dilemma_id: i64) -> Result<Vec<DocumentRow>, DbError> {
    Ok(on_conn!(conn, |c| documents::table
        .filter(documents::dilemma_id.eq(dilemma_id))
        .order(documents::id.asc())
        .select(DocumentRow::as_select())
        .load(c)
        .await)?)
}

/// The documents of the dilemma itself (`reply` none) or of one solution.
pub async fn of_object(
    conn: &mut Conn<'_>,
    dilemma_id: i64,
    reply: Option<i64>,
) -> Result<Vec<DocumentRow>, DbError> {
    Ok(on_conn!(conn, |c| {
        let q = documents::table
            .filter(documents::dilemma_id.eq(dilemma_id))
            .order(documents::id.asc())
            .select(DocumentRow::as_select())
            .into_boxed();
        match reply {
            Some(r) => q.filter(documents::reply_id.eq(r)),
            None => q.filter(documents::reply_id.is_null()),
        }
        .load(c)
        .await
    })?)
}

/// Replaces the received documents of an object with what its latest version lists.
pub async fn replace_remote(
    conn: &mut Conn<'_>,
    dilemma_id: i64,
    reply: Option<i64>,
    forms: &[DocumentForm],
) -> Result<(), DbError> {
    on_conn!(conn, |c| {
        let q = diesel::delete(documents::table)
            .filter(documents::dilemma_id.eq(dilemma_id))
            .filter(documents::local.eq(false));
        match reply {
            Some(r) => q.filter(documents::reply_id.eq(r)).execute(c).await,
            None => q.filter(documents::reply_id.is_null()).execute(c).await,
        }
    })?;
    // One by one: SQLite cannot batch rows with optional columns, and there are few.
    for form in forms {
        on_conn!(conn, |c| diesel::insert_into(documents::table)
            .values(form)
            .execute(c)
            .await)?;
    }
    Ok(())
}

/// Whether another document still uses the stored file with this hash.
pub async fn hash_in_use(conn: &mut Conn<'_>, sha256: &str) -> Result<bool, DbError> {
    let n: i64 = on_conn!(conn, |c| documents::table
        .filter(documents::sha256.eq(sha256))
        .filter(documents::local.eq(true))
        .count()
        .get_result(c)
        .await)?;
    Ok(n > 0)
}

pub async fn delete(conn: &mut Conn<'_>, id: i64) -> Result<(), DbError> {
    on_conn!(conn, |c| diesel::delete(documents::table.find(id))
        .execute(c)
        .await)?;
    Ok(())
}
