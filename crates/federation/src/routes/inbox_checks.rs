//! What an inbox checks of a request before the federation library reads it: the media
//! type, that the signature is fresh, and that the key that signed it is the activity's
//! actor's. All cheap, all on headers and the activity's first fields.

use crate::FederationError;
use actix_web::http::header::{CONTENT_TYPE, DATE, HeaderMap};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

/// How far in the future a signature's `Date` may be (clocks differ a little).
pub(super) const MAX_CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);
/// How old a signature's `Date` may be: the federation library's own expiry.
pub(super) const MAX_AGE: TimeDelta = TimeDelta::hours(1);

/// An activity is posted as `application/activity+json`, or as JSON-LD with the
/// ActivityStreams profile (ActivityPub §5.1); anything else gets 415.
pub(super) fn check_media_type(headers: &HeaderMap) -> Result<(), FederationError> {
    let value = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let essence = parts.next().unwrap_or_default();
    let accepted = match essence {
        "application/activity+json" => true,
        "application/ld+json" => parts.any(|p| {
            p.strip_prefix("profile=")
                .is_some_and(|profile| profile.contains("https://www.w3.org/ns/activitystreams"))
        }),
        _ => false,
    };
    if !accepted {
        return Err(FederationError::UnsupportedMediaType);
    }
    Ok(())
}

/// A signature dated more than [`MAX_CLOCK_SKEW`] ahead or more than [`MAX_AGE`] ago is
/// refused: a request signed for later could be replayed for as long as its date allows.
pub(super) fn check_date(headers: &HeaderMap, now: DateTime<Utc>) -> Result<(), FederationError> {
    let Some(date) = headers.get(DATE) else {
        // Signatures over `(created)` carry their time inside; the library checks those.
        return Ok(());
    };
    let date = date
        .to_str()
        .ok()
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .ok_or_else(|| FederationError::Unverified("the Date header is not a date".into()))?
        .with_timezone(&Utc);
    if date > now + MAX_CLOCK_SKEW {
        return Err(FederationError::Unverified(
            "the request is dated in the future".into(),
        ));
    }
    if date < now - MAX_AGE {
        return Err(FederationError::Unverified(
            "the request's signature has expired".into(),
        ));
    }
    Ok(())
}

/// The first fields of an activity, read before it is parsed as a whole.
#[derive(Deserialize)]
pub(super) struct Head {
    pub id: Url,
    #[serde(default)]
    pub actor: Value,
}

impl Head {
    /// The actor's id as a URL, when it is one.
    pub(super) fn actor_url(&self) -> Option<Url> {
        self.actor_id().and_then(|a| Url::parse(a).ok())
    }

    fn actor_id(&self) -> Option<&str> {
        match &self.actor {
            Value::String(s) => Some(s),
            Value::Object(map) => map.get("id").and_then(Value::as_str),
            _ => None,
        }
    }
}

/// The `keyId` the Signature header names.
fn key_id(headers: &HeaderMap) -> Option<&str> {
    let signature = headers.get("signature")?.to_str().ok()?;
    signature.split(',').find_map(|part| {
        part.trim()
            .strip_prefix("keyId=")
            .map(|v| v.trim_matches('"'))
    })
}

/// The key that signed the request belongs to the activity's actor: its id is the actor's
/// id followed by a fragment (`#main-key`, as Lemmy and Mastodon publish) or a path
/// (`/main-key`, as GoToSocial does). The library then verifies the signature with that
/// actor's key, so a server cannot sign in the name of another actor, not even one of its
/// own.
pub(super) fn check_key_owner(headers: &HeaderMap, head: &Head) -> Result<(), FederationError> {
    let (Some(key), Some(actor)) = (key_id(headers), head.actor_id()) else {
        return Err(FederationError::Unverified(
            "the signature names no key, or the activity no actor".into(),
        ));
    };
    let owned = key
        .strip_prefix(actor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('#') || rest.starts_with('/'));
    if !owned {
        return Err(FederationError::Unverified(
            "the request is signed with another actor's key".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(
                HeaderName::from_static(k),
                HeaderValue::from_str(v).expect("header"),
            );
        }
        map
    }

    #[test]
    fn media_types() {
        let ok = |ct: &str| check_media_type(&headers(&[("content-type", ct)])).is_ok();
        assert!(ok("application/activity+json"));
        assert!(ok("application/activity+json; charset=utf-8"));
        assert!(ok(
            r#"application/ld+json; profile="https://www.w3.org/ns/activitystreams""#
        ));
        assert!(!ok("application/ld+json"));
        assert!(!ok("application/json"));
        assert!(!ok("text/plain"));
        assert!(check_media_type(&HeaderMap::new()).is_err());
    }

    #[test]
    fn dates_outside_the_window_are_refused() {
        let now = Utc::now();
        let at = |d: DateTime<Utc>| {
            let text = d.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
            check_date(&headers(&[("date", &text)]), now)
        };
        assert!(at(now).is_ok());
        assert!(at(now + TimeDelta::minutes(4)).is_ok());
        assert!(at(now - TimeDelta::minutes(59)).is_ok());
        assert!(at(now + TimeDelta::minutes(6)).is_err());
        assert!(at(now + TimeDelta::days(365)).is_err());
        assert!(at(now - TimeDelta::minutes(61)).is_err());
        assert!(check_date(&headers(&[("date", "yesterday")]), now).is_err());
    }

    #[test]
    fn the_key_must_be_the_actors() {
        let head = |actor: &str| Head {
            id: Url::parse("https://v.example/a/1").expect("url"),
            actor: Value::String(actor.into()),
        };
        let signed = |key: &str| {
            headers(&[(
                "signature",
                &format!(r#"keyId="{key}",algorithm="rsa-sha256",signature="x""#),
            )])
        };
        let p = head("https://v.example/u/p");
        assert!(check_key_owner(&signed("https://v.example/u/p#main-key"), &p).is_ok());
        assert!(check_key_owner(&signed("https://v.example/u/p/main-key"), &p).is_ok());
        assert!(check_key_owner(&signed("https://v.example/u/m#main-key"), &p).is_err());
        assert!(check_key_owner(&signed("https://v.example/u/pp#main-key"), &p).is_err());
        assert!(check_key_owner(&signed("https://v.example/#main-key"), &p).is_err());
        assert!(check_key_owner(&HeaderMap::new(), &p).is_err());
    }
}
