//! Documents over the API: attaching a file to a dilemma or a solution (multipart), and the
//! documents listed with a dilemma's thread.

use crate::{ApiError, auth::SignedIn, error::ErrorBody, upload};
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, post, web};
use meent_app::{
    AppContext, AppError,
    documents::{self, Target},
};
use meent_db::queries::documents::DocumentRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A document attached to a dilemma or one of its solutions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Document {
    /// Its number here; absent for documents listed by other instances.
    pub id: Option<i64>,
    /// Where the file is downloaded (here, or at the instance that has it).
    pub url: String,
    pub title: String,
    /// `key_agreement`, `budget`, `business_plan`, `financing_plan`, `template` or `other`.
    pub kind: String,
    /// An SPDX identifier (`CC-BY-4.0`, …) or `all-rights-reserved`; empty when unknown.
    pub licence: String,
    pub media_type: String,
    /// Size of a local file in bytes; 0 when unknown.
    pub size_bytes: i64,
    /// The solution it belongs to; absent for the dilemma's own documents.
    pub solution_id: Option<i64>,
}

impl Document {
    pub fn new(ctx: &AppContext, row: &DocumentRow) -> Self {
        Document {
            id: row.local.then_some(row.id),
            url: documents::href(ctx, row),
            title: row.title.clone(),
            kind: row.kind.clone(),
            licence: row.licence.clone(),
            media_type: row.media_type.clone(),
            size_bytes: row.size_bytes,
            solution_id: row.reply_id,
        }
    }
}

/// The multipart form of an upload.
#[derive(ToSchema)]
#[allow(dead_code)] // Describes the form for the OpenAPI document; read by `upload::read`.
pub struct DocumentUpload {
    title: String,
    /// See `Document.kind`.
    kind: String,
    /// See `Document.licence`.
    licence: String,
    /// PDF, ODT, DOCX, ODS, XLSX, CSV, PNG, JPEG or WebP; at most 10 MB.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

async fn attach(
    ctx: &AppContext,
    reader: &meent_app::use_cases::access::Reader,
    req: &HttpRequest,
    target: Target,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    // Permission and declared size first: a refused upload is neither read nor written.
    documents::may_attach(ctx, reader, target).await?;
    let read = match upload::check_declared_size(req) {
        Ok(()) => upload::read(form).await,
        Err(e) => Err(e),
    };
    let read = read.map_err(|e| match e {
        upload::UploadError::TooLarge => AppError::TooLarge(e.to_string()),
        upload::UploadError::Malformed(why) => AppError::Invalid(why),
    })?;
    let row = documents::attach(ctx, reader, target, read.upload).await?;
    Ok(HttpResponse::Created().json(Document::new(ctx, &row)))
}

/// Attach a document to a dilemma (its author or a coordinator of its collective).
#[utoipa::path(
    tag = "documents",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the dilemma's number")),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = Document),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody)
    )
)]
#[post("/dilemmas/{id}/documents")]
pub async fn attach_to_dilemma(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    req: HttpRequest,
    id: web::Path<i64>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    attach(&ctx, &reader, &req, Target::Dilemma(*id), form).await
}

/// Attach a document to a solution (its author).
#[utoipa::path(
    tag = "documents",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the solution's number")),
    request_body(content = DocumentUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = Document),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody)
    )
)]
#[post("/solutions/{id}/documents")]
pub async fn attach_to_solution(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    req: HttpRequest,
    id: web::Path<i64>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    attach(&ctx, &reader, &req, Target::Solution(*id), form).await
}
