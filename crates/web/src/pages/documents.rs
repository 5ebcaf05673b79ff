//! Documents on the dilemma page: uploading one to a dilemma or a solution, and downloading
//! it. Files are served so that none can act as a page of this site: images inline, all
//! else as a download, never sniffed, in a sandbox.

use crate::{
    browser::{Ui, csrf, problem},
    upload::{self, UploadError},
};
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use meent_app::{
    AppContext, AppError,
    documents::{self, DocumentProblem, Target},
};
use meent_db::queries::documents::DocumentRow;
use meent_domain::document::is_image;

/// A document as the dilemma page lists it.
pub struct DocumentItem {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub licence: String,
    /// The file type as people know it (PDF, XLSX, …); empty when another server did not say.
    pub format: String,
    /// The size as people read it (`240 kB`); empty for documents on other servers.
    pub size: String,
    pub local: bool,
    /// Its number here, when the reader may remove it.
    pub removable: Option<i64>,
}

fn format_of(media_type: &str) -> String {
    meent_domain::document::extension_of(media_type)
        .map(|e| if e == "jpg" { "JPEG" } else { e }.to_ascii_uppercase())
        .unwrap_or_default()
}

fn size_of(bytes: i64) -> String {
    match bytes {
        0 => String::new(),
        b if b < 1024 * 1024 => format!("{} kB", (b + 1023) / 1024),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

impl DocumentItem {
    pub fn new(ctx: &AppContext, row: &DocumentRow) -> Self {
        DocumentItem {
            href: documents::href(ctx, row),
            title: row.title.clone(),
            kind: row.kind.clone(),
            licence: row.licence.clone(),
            format: format_of(&row.media_type),
            size: if row.local {
                size_of(row.size_bytes)
            } else {
                String::new()
            },
            local: row.local,
            removable: None,
        }
    }
}

fn problem_key(p: DocumentProblem) -> &'static str {
    match p {
        DocumentProblem::NoTitle => "error-document-title",
        DocumentProblem::UnknownKind | DocumentProblem::UnknownLicence => "error-document-choice",
        DocumentProblem::NoFile => "error-document-file",
        DocumentProblem::TooLarge => "error-document-size",
        DocumentProblem::FileType => "error-document-type",
    }
}

async fn attach(
    ctx: web::Data<AppContext>,
    ui: Ui,
    req: HttpRequest,
    form: Multipart,
    target: Target,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    // Who may attach, and the declared size, are checked before the body is read: a refused
    // upload is never read or written.
    let dilemma_id = match documents::may_attach(&ctx, &ui.reader, target).await {
        Ok(id) => id,
        Err(e) => return problem::failure(&ui, e),
    };
    // A refused upload's page leads back to the dilemma, where the form is.
    let back = format!("/d/{dilemma_id}#documents");
    let refused = |status, key| {
        problem::page_back(
            &ui,
            status,
            ("document-refused-title", key),
            (&back, "problem-back-dilemma"),
        )
    };
    let read = match upload::check_declared_size(&req) {
        Ok(()) => upload::read(form).await,
        Err(e) => Err(e),
    };
    let read = match read {
        Ok(read) => read,
        Err(UploadError::TooLarge) => {
            return refused(StatusCode::PAYLOAD_TOO_LARGE, "error-document-size");
        }
        Err(e @ UploadError::Malformed(_)) => {
            tracing::info!(error = %e, "upload refused");
            return refused(StatusCode::BAD_REQUEST, "error-document-file");
        }
    };
    if !csrf::token_matches(&req, &read.csrf) {
        return problem::form_refused(&req, csrf::FormError::Forged).error_response();
    }
    if let Some(p) = documents::problem_with(&read.upload) {
        return refused(StatusCode::UNPROCESSABLE_ENTITY, problem_key(p));
    }
    let app = ctx.clone();
    let reader = ui.reader.clone();
    let result = crate::browser::ui::detached(async move {
        documents::attach(&app, &reader, target, read.upload).await
    })
    .await;
    match result {
        Ok(row) => {
            let anchor = match row.reply_id {
                Some(r) => format!("solution-{r}"),
                None => "documents".to_owned(),
            };
            problem::see_other(&format!("/d/{}#{anchor}", row.dilemma_id))
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn attach_to_dilemma(
    ctx: web::Data<AppContext>,
    ui: Ui,
    req: HttpRequest,
    id: web::Path<i64>,
    form: Multipart,
) -> HttpResponse {
    attach(ctx, ui, req, form, Target::Dilemma(*id)).await
}

pub(super) async fn attach_to_solution(
    ctx: web::Data<AppContext>,
    ui: Ui,
    req: HttpRequest,
    id: web::Path<i64>,
    form: Multipart,
) -> HttpResponse {
    attach(ctx, ui, req, form, Target::Solution(*id)).await
}

/// The file of a local document, for whoever may see its dilemma.
pub(super) async fn download(
    ctx: web::Data<AppContext>,
    ui: Ui,
    path: web::Path<(i64, String)>,
) -> HttpResponse {
    let (id, _name) = path.into_inner();
    let (row, file) = match documents::open(&ctx, &ui.reader, id).await {
        Ok(found) => found,
        Err(e) => return problem::failure(&ui, e),
    };
    let bytes = match tokio::fs::read(&file).await {
        Ok(bytes) => bytes,
        Err(e) => {
            return problem::failure(
                &ui,
                AppError::Internal(format!("reading document {id} at {}: {e}", file.display())),
            );
        }
    };
    let disposition = if is_image(&row.media_type) {
        "inline"
    } else {
        "attachment"
    };
    HttpResponse::Ok()
        .content_type(row.media_type.as_str())
        .insert_header((
            "Content-Disposition",
            format!("{disposition}; filename=\"{}\"", row.file_name),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header((
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; sandbox",
        ))
        .insert_header(("Cache-Control", "private, max-age=3600"))
        .body(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_formats_read_as_people_say_them() {
        assert_eq!(size_of(0), "");
        assert_eq!(size_of(1), "1 kB");
        assert_eq!(size_of(245_000), "240 kB");
        assert_eq!(size_of(3 * 1024 * 1024 + 200_000), "3.2 MB");
        assert_eq!(format_of("application/pdf"), "PDF");
        assert_eq!(format_of("image/jpeg"), "JPEG");
        assert_eq!(format_of("application/x-unknown"), "");
    }
}
