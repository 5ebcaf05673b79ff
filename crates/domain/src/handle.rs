//! Handles: local names (`buurtkamer`) and references to actors elsewhere
//! (`@buurtkamer@meent.example`, `buurtkamer@meent.example` or a URL).

use serde::{Deserialize, Serialize};
use std::fmt;
use url::Url;

const MAX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandleError {
    #[error("a name needs 1 to {MAX_LEN} characters")]
    Length,
    #[error("a name may hold only lowercase letters, digits and _ (got {0:?})")]
    Characters(String),
    #[error("not a handle (@name@host) or an http(s) URL: {0:?}")]
    NotAReference(String),
}

/// A local handle: lowercase ASCII letters, digits and `_`, as Lemmy and Mastodon accept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Handle(String);

impl Handle {
    pub fn parse(name: &str) -> Result<Self, HandleError> {
        if name.is_empty() || name.len() > MAX_LEN {
            return Err(HandleError::Length);
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(HandleError::Characters(name.to_owned()));
        }
        Ok(Handle(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Handle {
    type Error = HandleError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Handle::parse(&value)
    }
}

impl From<Handle> for String {
    fn from(h: Handle) -> String {
        h.0
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a person points at an actor on another instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorRef {
    /// `name@host` (the leading `@` removed); host may carry a port.
    Acct {
        name: String,
        host: String,
    },
    Url(Url),
}

impl ActorRef {
    pub fn parse(input: &str) -> Result<Self, HandleError> {
        let input = input.trim();
        if input.starts_with("http://") || input.starts_with("https://") {
            return Url::parse(input)
                .map(ActorRef::Url)
                .map_err(|_| HandleError::NotAReference(input.to_owned()));
        }
        let acct = input.strip_prefix("acct:").unwrap_or(input);
        // `!community@host` is how Lemmy users write a community (a collective here).
        let acct = acct
            .strip_prefix('@')
            .or_else(|| acct.strip_prefix('!'))
            .unwrap_or(acct);
        match acct.split_once('@') {
            Some((name, host))
                if !name.is_empty()
                    && !host.is_empty()
                    && !host.contains(['@', '/', '?', '#', ' '])
                    && !name.contains(['/', '?', '#', ' ', ':'])
                    // The host must be one a URL can have (a valid international domain
                    // name or an address, with an optional port).
                    && Url::parse(&format!("https://{host}/"))
                        .is_ok_and(|u| u.host_str().is_some() && u.path() == "/") =>
            {
                Ok(ActorRef::Acct {
                    name: name.to_owned(),
                    host: host.to_ascii_lowercase(),
                })
            }
            _ => Err(HandleError::NotAReference(input.to_owned())),
        }
    }
}

impl fmt::Display for ActorRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActorRef::Acct { name, host } => write!(f, "@{name}@{host}"),
            ActorRef::Url(url) => f.write_str(url.as_str()),
        }
    }
}

/// `name@host[:port]` of an actor called `name` whose id is `ap_id`, as handles and
/// mentions name it (the port only where the id has one, as in tests).
pub fn handle_of(name: &str, ap_id: &str) -> String {
    let host = url::Url::parse(ap_id)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_owned(),
            })
        })
        .unwrap_or_default();
    format!("{name}@{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_carry_the_port_only_when_the_id_has_one() {
        assert_eq!(handle_of("gina", "http://gts-a/users/gina"), "gina@gts-a");
        assert_eq!(
            handle_of("mia", "http://localhost:8080/u/mia"),
            "mia@localhost:8080"
        );
    }

    #[test]
    fn lemmy_community_handles_name_the_community() {
        let expected = ActorRef::Acct {
            name: "tuin".into(),
            host: "lemmy.example".into(),
        };
        assert_eq!(ActorRef::parse("!tuin@lemmy.example"), Ok(expected.clone()));
        assert_eq!(ActorRef::parse("@tuin@lemmy.example"), Ok(expected));
    }

    #[test]
    fn handles_with_hosts_no_url_can_have_are_refused() {
        assert!(ActorRef::parse("@buurt@xn--a.example").is_err());
        assert!(ActorRef::parse("@buurt@exa_mple..nl%").is_err());
        assert!(ActorRef::parse("@buurt@bewoners.example.nl").is_ok());
        assert!(ActorRef::parse("@buurt@localhost:8080").is_ok());
        assert!(ActorRef::parse("@buurt@bücher.example").is_ok());
    }

    #[test]
    fn local_handles() {
        assert!(Handle::parse("buurtkamer_west2").is_ok());
        assert!(Handle::parse("").is_err());
        assert!(Handle::parse("Buurt").is_err());
        assert!(Handle::parse("buurt kamer").is_err());
        assert!(Handle::parse(&"a".repeat(65)).is_err());
    }

    #[test]
    fn actor_references() {
        assert_eq!(
            ActorRef::parse("@buurt@Meent.Example").unwrap(),
            ActorRef::Acct {
                name: "buurt".into(),
                host: "meent.example".into()
            }
        );
        assert_eq!(
            ActorRef::parse("buurt@localhost:8080").unwrap(),
            ActorRef::Acct {
                name: "buurt".into(),
                host: "localhost:8080".into()
            }
        );
        assert!(matches!(
            ActorRef::parse("https://lemmy.example/c/x").unwrap(),
            ActorRef::Url(_)
        ));
        for bad in ["buurt", "@buurt", "@@x", "a@b@c", "ftp://x/y", "a b@c"] {
            assert!(ActorRef::parse(bad).is_err(), "{bad}");
        }
    }
}
