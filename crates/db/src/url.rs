//! Which backend a database URL names. The choice is made from the scheme alone, so a typo
//! is an error rather than a silently created file.

use crate::DbError;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    Postgres(String),
    Sqlite(PathBuf),
}

impl DatabaseLocation {
    pub fn parse(url: &str) -> Result<Self, DbError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseLocation::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| DbError::UnsupportedUrl(redacted(url)))?;
        if path.is_empty() {
            return Err(DbError::UnsupportedUrl(redacted(url)));
        }
        Ok(DatabaseLocation::Sqlite(PathBuf::from(path)))
    }
}

/// `url` with any password replaced by `***`, for logs and error messages.
pub fn redacted(url: &str) -> String {
    match ::url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        // Not parseable, so the password cannot be located: show only the scheme.
        Err(_) => format!("{}://…", url.split("://").next().unwrap_or("?")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        let shown = redacted("postgres://meent:geheim123@db.example/meent");
        assert!(!shown.contains("geheim123"), "{shown}");
        assert!(shown.contains("db.example"), "{shown}");
        assert_eq!(redacted("sqlite://data/meent.db"), "sqlite://data/meent.db");
    }

    #[test]
    fn chooses_backend_by_scheme() {
        assert_eq!(
            DatabaseLocation::parse("sqlite://data/meent.db").unwrap(),
            DatabaseLocation::Sqlite("data/meent.db".into())
        );
        assert_eq!(
            DatabaseLocation::parse("sqlite:///var/lib/meent.db").unwrap(),
            DatabaseLocation::Sqlite("/var/lib/meent.db".into())
        );
        assert!(matches!(
            DatabaseLocation::parse("postgres://postgres@127.0.0.1/meent").unwrap(),
            DatabaseLocation::Postgres(_)
        ));
    }

    #[test]
    fn refuses_unknown_schemes_and_bare_paths() {
        for bad in ["data/meent.db", "mysql://x", "sqlite://", "", "postgre://x"] {
            assert!(DatabaseLocation::parse(bad).is_err(), "{bad}");
        }
    }
}
