//! Documents attached to dilemmas and solutions (SPEC §2): the key agreements, budgets and
//! business plans that made a solution work. What kinds there are, which licences can be
//! chosen, which files are accepted, and how a file's name is made safe.

use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Largest file accepted, in bytes. Volunteers attach scans and spreadsheets, rarely more.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Most documents on one dilemma or solution (a received object with more keeps the first).
pub const MAX_DOCUMENTS_PER_OBJECT: usize = 10;

/// What a document is, as SPEC §2 lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    KeyAgreement,
    Budget,
    BusinessPlan,
    FinancingPlan,
    Template,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::KeyAgreement,
        DocumentKind::Budget,
        DocumentKind::BusinessPlan,
        DocumentKind::FinancingPlan,
        DocumentKind::Template,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::KeyAgreement => "key_agreement",
            DocumentKind::Budget => "budget",
            DocumentKind::BusinessPlan => "business_plan",
            DocumentKind::FinancingPlan => "financing_plan",
            DocumentKind::Template => "template",
            DocumentKind::Other => "other",
        }
    }
}

impl FromStr for DocumentKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownValue {
                what: "document kind",
                value: s.to_owned(),
            })
    }
}

/// The licences a document can be shared under, as SPDX identifiers (what other software
/// understands), plus "all rights reserved" for documents only shown, not to be reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Licence {
    CcBy,
    CcBySa,
    Cc0,
    AllRightsReserved,
}

impl Licence {
    pub const ALL: [Licence; 4] = [
        Licence::CcBy,
        Licence::CcBySa,
        Licence::Cc0,
        Licence::AllRightsReserved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Licence::CcBy => "CC-BY-4.0",
            Licence::CcBySa => "CC-BY-SA-4.0",
            Licence::Cc0 => "CC0-1.0",
            Licence::AllRightsReserved => "all-rights-reserved",
        }
    }
}

impl FromStr for Licence {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Licence::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownValue {
                what: "licence",
                value: s.to_owned(),
            })
    }
}

/// The file types accepted (SPEC §2: PDF, ODT/DOCX, ODS/XLSX, CSV, images), by media type,
/// with the extension a stored file is given.
pub const ACCEPTED_TYPES: [(&str, &str); 9] = [
    ("application/pdf", "pdf"),
    ("application/vnd.oasis.opendocument.text", "odt"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("text/csv", "csv"),
    ("image/png", "png"),
    ("image/jpeg", "jpg"),
    ("image/webp", "webp"),
];

/// The extension for an accepted media type; `None` for any other type.
pub fn extension_of(media_type: &str) -> Option<&'static str> {
    ACCEPTED_TYPES
        .iter()
        .find(|(t, _)| *t == media_type)
        .map(|(_, ext)| *ext)
}

/// Whether a file of this media type is shown inline by browsers (images only; everything
/// else is downloaded, so no uploaded file can run script in the site's origin).
pub fn is_image(media_type: &str) -> bool {
    media_type.starts_with("image/")
}

/// A file name safe in a URL path and a `Content-Disposition` header: letters, digits,
/// `-` and `_` from the title, with the type's extension.
pub fn file_name(title: &str, extension: &str) -> String {
    let mut stem = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.len() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_licences_round_trip() {
        for k in DocumentKind::ALL {
            assert_eq!(k.as_str().parse::<DocumentKind>(), Ok(k));
        }
        for l in Licence::ALL {
            assert_eq!(l.as_str().parse::<Licence>(), Ok(l));
        }
        assert_eq!("cc-by-4.0".parse::<Licence>(), Ok(Licence::CcBy));
        assert!("GPL".parse::<Licence>().is_err());
        assert!("invoice".parse::<DocumentKind>().is_err());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Sleutelafspraken 2026 (concept)", "pdf"),
            "sleutelafspraken-2026-concept.pdf"
        );
        assert_eq!(file_name("../../etc/passwd", "csv"), "etc-passwd.csv");
        assert_eq!(file_name("Begroting ✓ €", "ods"), "begroting.ods");
        assert_eq!(file_name("", "png"), "document.png");
    }

    #[test]
    fn only_listed_types_are_accepted() {
        assert_eq!(extension_of("application/pdf"), Some("pdf"));
        assert_eq!(extension_of("text/html"), None);
        assert_eq!(extension_of("image/svg+xml"), None);
    }
}
