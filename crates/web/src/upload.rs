//! Reading a document upload (`multipart/form-data`): a few short text fields and one file,
//! with limits applied while reading, so an oversized upload is refused without being kept
//! in memory whole.

use actix_multipart::Multipart;
use futures::TryStreamExt;
use meent_app::documents::Upload;
use meent_domain::document::MAX_DOCUMENT_BYTES;

/// Longest text field read from an upload form.
const MAX_FIELD: usize = 4 * 1024;
/// Most parts read from one upload form.
const MAX_PARTS: usize = 16;

/// Why an upload could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the file is larger than {} MB", MAX_DOCUMENT_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("the upload could not be read: {0}")]
    Malformed(String),
}

/// An upload as read: the document and the form's CSRF token (checked by page handlers).
pub struct ReadUpload {
    pub upload: Upload,
    pub csrf: String,
}

/// Most bytes of form around the file: its other fields and the multipart framing.
const MAX_FRAMING: usize = MAX_PARTS * (MAX_FIELD + 1024);

/// Refuses an upload whose declared length is already too large, before a byte is read.
pub fn check_declared_size(req: &actix_web::HttpRequest) -> Result<(), UploadError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match declared {
        Some(n) if n > MAX_DOCUMENT_BYTES + MAX_FRAMING => Err(UploadError::TooLarge),
        _ => Ok(()),
    }
}

/// Reads the fields `title`, `kind`, `licence`, `csrf` and the file `file`.
pub async fn read(mut form: Multipart) -> Result<ReadUpload, UploadError> {
    let malformed = |e: actix_multipart::MultipartError| UploadError::Malformed(e.to_string());
    let mut upload = Upload {
        title: String::new(),
        kind: String::new(),
        licence: String::new(),
        original_name: String::new(),
        bytes: Vec::new(),
    };
    let mut csrf = String::new();
    let mut parts = 0;
    while let Some(mut field) = form.try_next().await.map_err(malformed)? {
        parts += 1;
        if parts > MAX_PARTS {
            return Err(UploadError::Malformed("too many parts".into()));
        }
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.original_name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect();
            while let Some(chunk) = field.try_next().await.map_err(malformed)? {
                if upload.bytes.len() + chunk.len() > MAX_DOCUMENT_BYTES {
                    return Err(UploadError::TooLarge);
                }
                upload.bytes.extend_from_slice(&chunk);
            }
            continue;
        }
        let mut value = Vec::new();
        while let Some(chunk) = field.try_next().await.map_err(malformed)? {
            if value.len() + chunk.len() > MAX_FIELD {
                return Err(UploadError::Malformed(format!("field {name} is too long")));
            }
            value.extend_from_slice(&chunk);
        }
        let value = String::from_utf8(value)
            .map_err(|_| UploadError::Malformed(format!("field {name} is not text")))?;
        match name.as_str() {
            "title" => upload.title = value,
            "kind" => upload.kind = value,
            "licence" => upload.licence = value,
            "csrf" => csrf = value,
            // Unknown fields are ignored, as in other forms.
            _ => {}
        }
    }
    Ok(ReadUpload { upload, csrf })
}
