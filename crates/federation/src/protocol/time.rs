//! How times of posts are written. In whole seconds, as Mastodon writes them: a receiver
//! stores them at its own precision (GoToSocial in microseconds) and compares the
//! `published` of each Update with what it stored; Meent's nanoseconds never matched, so a
//! real GoToSocial 0.19.2 refused every edit of a post it had been sent directly
//! ("status … 'published' changed").

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serializer;

/// Serialises a present time as RFC 3339 in whole seconds (`2026-12-06T01:53:09Z`).
pub fn whole_seconds<S: Serializer>(
    time: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::Secs, true)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Post {
        #[serde(serialize_with = "whole_seconds")]
        published: Option<DateTime<Utc>>,
    }

    #[test]
    fn times_are_written_in_whole_seconds() {
        let published = DateTime::parse_from_rfc3339("2026-12-06T01:53:09.840557269Z")
            .map(|t| t.with_timezone(&Utc))
            .ok();
        let json = serde_json::to_value(Post { published }).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({ "published": "2026-12-06T01:53:09Z" }))
        );
    }
}
