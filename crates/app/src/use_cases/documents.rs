//! Documents attached to dilemmas and solutions: a member uploads the file that made their
//! solution work (a key agreement, a budget, a business plan); it is kept under its content
//! hash in the data folder and announced with an `Update` of the object it belongs to.

use crate::{
    AppContext, AppError,
    outbox::enqueue_in_thread,
    text,
    use_cases::access::{Reader, visible},
};
use meent_db::queries::{
    dilemmas::{self, DilemmaRow},
    documents::{self, DocumentForm, DocumentRow},
    replies::{self, SOLUTION},
};
use meent_domain::{
    DocumentKind, Licence, Verb,
    document::{
        ACCEPTED_TYPES, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_OBJECT, extension_of, file_name,
    },
};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// What a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Dilemma(i64),
    Solution(i64),
}

/// A file as uploaded, with what the member said about it.
#[derive(Debug, Clone)]
pub struct Upload {
    pub title: String,
    pub kind: String,
    pub licence: String,
    /// The name the file had on the member's computer (only its extension is used).
    pub original_name: String,
    pub bytes: Vec<u8>,
}

/// The media type of an upload, judged from its content: a file is what its bytes say, not
/// what its name or the browser claims. CSV has no signature: it is accepted by name when
/// it is text.
pub fn media_type_of(original_name: &str, bytes: &[u8]) -> Option<&'static str> {
    if let Some(found) = infer::get(bytes) {
        return ACCEPTED_TYPES
            .iter()
            .find(|(t, _)| *t == found.mime_type())
            .map(|(t, _)| *t);
    }
    let is_csv_name = original_name.to_ascii_lowercase().ends_with(".csv");
    let is_text = std::str::from_utf8(bytes).is_ok_and(|s| !s.contains('\0'));
    (is_csv_name && is_text).then_some("text/csv")
}

/// Where the file with content hash `sha256` is kept.
fn stored_path(dir: &Path, sha256: &str) -> PathBuf {
    dir.join(&sha256[..2]).join(sha256)
}

/// Writes `bytes` under its hash, through a temporary file so that a crash never leaves a
/// half-written file under the final name. The same content uploaded twice is kept once.
async fn store_file(dir: &Path, sha256: &str, bytes: &[u8]) -> Result<(), AppError> {
    let path = stored_path(dir, sha256);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    let io = |e: std::io::Error| AppError::Internal(format!("storing a document: {e}"));
    let parent = path
        .parent()
        .ok_or_else(|| AppError::Internal("document folder".into()))?;
    tokio::fs::create_dir_all(parent).await.map_err(io)?;
    let tmp = parent.join(format!("{sha256}.{}.part", uuid::Uuid::new_v4()));
    tokio::fs::write(&tmp, bytes).await.map_err(io)?;
    tokio::fs::rename(&tmp, &path).await.map_err(io)?;
    Ok(())
}

/// What is wrong with an upload, for a message the member understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentProblem {
    NoTitle,
    UnknownKind,
    UnknownLicence,
    NoFile,
    TooLarge,
    FileType,
}

/// Checks an upload against the rules, without storing anything.
pub fn problem_with(upload: &Upload) -> Option<DocumentProblem> {
    if upload.title.trim().is_empty() {
        Some(DocumentProblem::NoTitle)
    } else if upload.kind.parse::<DocumentKind>().is_err() {
        Some(DocumentProblem::UnknownKind)
    } else if upload.licence.parse::<Licence>().is_err() {
        Some(DocumentProblem::UnknownLicence)
    } else if upload.bytes.is_empty() {
        Some(DocumentProblem::NoFile)
    } else if upload.bytes.len() > MAX_DOCUMENT_BYTES {
        Some(DocumentProblem::TooLarge)
    } else if media_type_of(&upload.original_name, &upload.bytes).is_none() {
        Some(DocumentProblem::FileType)
    } else {
        None
    }
}

fn check(upload: &Upload) -> Result<(String, DocumentKind, Licence, &'static str), AppError> {
    let refused = |why: &str| AppError::Invalid(why.into());
    match problem_with(upload) {
        Some(DocumentProblem::NoTitle) => Err(refused("give the document a title")),
        Some(DocumentProblem::UnknownKind) => Err(refused("unknown document kind")),
        Some(DocumentProblem::UnknownLicence) => Err(refused("unknown licence")),
        Some(DocumentProblem::NoFile) => Err(refused("choose a file")),
        Some(DocumentProblem::TooLarge) => Err(AppError::TooLarge(format!(
            "a document may be at most {} MB",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ))),
        Some(DocumentProblem::FileType) => Err(refused(
            "this kind of file is not accepted: use PDF, ODT, DOCX, ODS, XLSX, CSV, PNG, JPEG \
             or WebP",
        )),
        None => {
            let kind = upload.kind.parse::<DocumentKind>()?;
            let licence = upload.licence.parse::<Licence>()?;
            let media_type = media_type_of(&upload.original_name, &upload.bytes)
                .ok_or_else(|| refused("this kind of file is not accepted"))?;
            Ok((
                text::text(upload.title.trim(), 200),
                kind,
                licence,
                media_type,
            ))
        }
    }
}

/// Whether `reader` may attach a document to `target` now (permission and the per-object
/// count), checked before an upload's body is read, so that a refused upload is neither
/// read nor written anywhere.
/// Whether `reader` may attach a document to `target`; the number of its dilemma, which
/// a refused upload's page links back to.
pub async fn may_attach(
    ctx: &AppContext,
    reader: &Reader,
    target: Target,
) -> Result<i64, AppError> {
    let mut conn = ctx.db.get().await?;
    let (dilemma, _, _) = allowed_target(&mut conn.conn(), reader, target).await?;
    Ok(dilemma.id)
}

/// The dilemma, reply and object id a document for `target` belongs to, if `reader` may
/// attach one there.
async fn allowed_target(
    c: &mut meent_db::Conn<'_>,
    reader: &Reader,
    target: Target,
) -> Result<(DilemmaRow, Option<i64>, String), AppError> {
    let member = reader.require_member()?;
    let (dilemma, reply, object_ap_id) = match target {
        Target::Dilemma(id) => {
            let d = visible(reader, dilemmas::by_id(c, id).await?)?;
            if !d.local || !reader.may_manage(&d) {
                return Err(AppError::Forbidden(
                    "only the dilemma's author or a coordinator can attach documents to it",
                ));
            }
            let ap_id = d.ap_id.clone();
            (d, None, ap_id)
        }
        Target::Solution(id) => {
            let r = replies::by_id(c, id)
                .await?
                .filter(|r| r.kind == SOLUTION && !r.deleted)
                .ok_or(AppError::NotFound("solution"))?;
            let d = visible(reader, dilemmas::by_id(c, r.dilemma_id).await?)?;
            if !r.local || r.author_id != member.id {
                return Err(AppError::Forbidden(
                    "only the solution's author can attach documents to it",
                ));
            }
            (d, Some(r.id), r.ap_id)
        }
    };
    if documents::of_object(c, dilemma.id, reply).await?.len() >= MAX_DOCUMENTS_PER_OBJECT {
        return Err(AppError::Invalid(format!(
            "at most {MAX_DOCUMENTS_PER_OBJECT} documents per dilemma or solution"
        )));
    }
    Ok((dilemma, reply, object_ap_id))
}

/// Attaches an uploaded file to a local dilemma (by its author or a coordinator of its
/// collective) or to a solution (by its author), and tells the thread with an `Update`.
pub async fn attach(
    ctx: &AppContext,
    reader: &Reader,
    target: Target,
    upload: Upload,
) -> Result<DocumentRow, AppError> {
    let member = reader.require_member()?;
    let (title, kind, licence, media_type) = check(&upload)?;
    let sha256 = hex::encode(Sha256::digest(&upload.bytes));
    let extension = extension_of(media_type).unwrap_or("bin");
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    // Checked again here, in the transaction that writes: the earlier check may be stale.
    let (dilemma, reply, object_ap_id) = allowed_target(c, reader, target).await?;
    // The file goes before the row, so a row never points at a file that is not there; it
    // is written only once every check has passed. A crash between the two leaves only an
    // unused file.
    store_file(&ctx.instance.documents_dir, &sha256, &upload.bytes).await?;
    let row = documents::insert(
        c,
        &DocumentForm {
            local: true,
            dilemma_id: dilemma.id,
            reply_id: reply,
            uploader_id: Some(member.id),
            file_name: file_name(&title, extension),
            title,
            kind: kind.as_str().into(),
            licence: licence.as_str().into(),
            media_type: media_type.into(),
            size_bytes: upload.bytes.len() as i64,
            sha256,
            url: String::new(),
            created_at: meent_db::now(),
        },
    )
    .await?;
    // The object's version moves on, so a receiver can tell this Update from an older
    // version of the object that arrives after it.
    match reply {
        Some(r) => replies::touch(c, r, row.created_at).await?,
        None => dilemmas::touch(c, dilemma.id, row.created_at).await?,
    }
    enqueue_in_thread(c, ctx, &dilemma, Verb::Update, &member.ap_id, &object_ap_id).await?;
    // Its title and file name are searched with the dilemma.
    crate::search_log::changed(c, dilemma.id).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// Whether `reader` may remove the local document `row` of `dilemma`: its uploader, or the
/// dilemma's author or a coordinator of its collective.
pub fn may_remove(reader: &Reader, dilemma: &DilemmaRow, row: &DocumentRow) -> bool {
    let uploader = reader
        .member
        .as_ref()
        .is_some_and(|m| row.uploader_id == Some(m.id));
    row.local && (uploader || (dilemma.local && reader.may_manage(dilemma)))
}

/// The local document `id` and its dilemma, when `reader` may remove it; checked on the
/// connection or transaction `c`.
async fn removable_on(
    c: &mut meent_db::Conn<'_>,
    reader: &Reader,
    id: i64,
) -> Result<(DocumentRow, DilemmaRow), AppError> {
    reader.require_member()?;
    let row = documents::by_id(c, id)
        .await?
        .filter(|d| d.local)
        .ok_or(AppError::NotFound("document"))?;
    let dilemma = visible(reader, dilemmas::by_id(c, row.dilemma_id).await?)?;
    if !may_remove(reader, &dilemma, &row) {
        return Err(AppError::Forbidden(
            "only who uploaded it, the dilemma's author or a coordinator removes a document",
        ));
    }
    Ok((row, dilemma))
}

/// A local document the reader may remove, with its dilemma (for the confirmation page).
pub async fn removable(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
) -> Result<(DocumentRow, DilemmaRow), AppError> {
    let mut conn = ctx.db.get().await?;
    removable_on(&mut conn.conn(), reader, id).await
}

/// Removes a local document: the thread's other servers get an `Update` of its dilemma or
/// solution without it, and the file goes once no other document uses it.
pub async fn remove(ctx: &AppContext, reader: &Reader, id: i64) -> Result<DocumentRow, AppError> {
    let member = reader.require_member()?;
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    // Checked again in the transaction that removes it.
    let (row, dilemma) = removable_on(c, reader, id).await?;
    documents::delete(c, row.id).await?;
    let now = meent_db::now();
    let object_ap_id = match row.reply_id {
        Some(r) => {
            replies::touch(c, r, now).await?;
            replies::by_id(c, r)
                .await?
                .map(|r| r.ap_id)
                .ok_or(AppError::NotFound("solution"))?
        }
        None => {
            dilemmas::touch(c, dilemma.id, now).await?;
            dilemma.ap_id.clone()
        }
    };
    enqueue_in_thread(c, ctx, &dilemma, Verb::Update, &member.ap_id, &object_ap_id).await?;
    crate::search_log::changed(c, dilemma.id).await?;
    let still_used = documents::hash_in_use(c, &row.sha256).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    // After the commit: a crash in between leaves an unused file, never a row without one.
    if !still_used {
        let path = stored_path(&ctx.instance.documents_dir, &row.sha256);
        if let Err(e) = tokio::fs::remove_file(&path).await {
            tracing::warn!(error = %e, path = %path.display(), "a removed document's file stayed");
        }
    }
    Ok(row)
}

/// A local document and where its file is, for a reader who may see its dilemma.
pub async fn open(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
) -> Result<(DocumentRow, PathBuf), AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let row = documents::by_id(c, id)
        .await?
        .filter(|d| d.local)
        .ok_or(AppError::NotFound("document"))?;
    visible(reader, dilemmas::by_id(c, row.dilemma_id).await?)?;
    let path = stored_path(&ctx.instance.documents_dir, &row.sha256);
    Ok((row, path))
}

/// Every document in the thread of a dilemma the caller has already shown the reader.
pub async fn of_dilemma(ctx: &AppContext, dilemma_id: i64) -> Result<Vec<DocumentRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(documents::of_dilemma(&mut conn.conn(), dilemma_id).await?)
}

/// Where a document can be downloaded: here for local ones, at its instance for others.
pub fn href(ctx: &AppContext, row: &DocumentRow) -> String {
    if row.local {
        ctx.urls().document(row.id, &row.file_name).to_string()
    } else {
        row.url.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_the_type() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
        assert_eq!(media_type_of("x.pdf", pdf), Some("application/pdf"));
        // A PDF named .csv is still a PDF; HTML named .pdf is refused.
        assert_eq!(media_type_of("x.csv", pdf), Some("application/pdf"));
        assert_eq!(media_type_of("x.pdf", b"<html><script>"), None);
        assert_eq!(
            media_type_of("begroting.csv", b"post;bedrag\nhuur;1200\n"),
            Some("text/csv")
        );
        assert_eq!(media_type_of("begroting.txt", b"post;bedrag\n"), None);
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        assert_eq!(media_type_of("foto.png", &png), Some("image/png"));
        // An executable is not a document, whatever its name.
        assert_eq!(
            media_type_of("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
            None
        );
    }
}
