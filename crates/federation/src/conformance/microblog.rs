//! What Mastodon-like servers (GoToSocial, Mastodon, Pleroma/Akkoma, Misskey and the like)
//! require of what they receive, as read from GoToSocial 0.19's inbox
//! (`internal/federation/federatingdb/{announce,update,delete}.go`) and confirmed against a
//! running GoToSocial 0.19.2. They have no notion of a group's thread:
//! - an `Announce` is a boost of the object it names, which they fetch by id and must be a
//!   post (`Note`, `Page`, `Article`, `Question`); an announced activity (`Create`, `Update`,
//!   `Delete`) is fetched as a post, fails and is dropped. So a new dilemma reaches them as
//!   the collective's `Announce` of the bare `Page`;
//! - an `Update` of a post is applied when sent directly; when its actor is not the post's
//!   author the post is fetched again from its origin (GoToSocial's `forwarded` case);
//! - a `Delete` of a post is honoured only from the post's own author (`status.AccountID ==
//!   requesting.ID`): a collective deleting a member's dilemma is ignored.
//!
//! Meent therefore sends these servers, besides what every follower gets, the bare
//! `Announce` of a new object and a direct `Update` / `Delete` signed by the object's author.

use serde_json::Value;

/// The kinds of post a boost may name.
const POSTS: [&str; 4] = ["Note", "Page", "Article", "Question"];

/// Whether a server running `software` (NodeInfo's name, lower case) is a microblog: one
/// that needs the forms above. Group-aware servers read a collective's announced activities
/// and are not sent them (Lemmy refuses the bare Page); unknown software gets only what
/// every follower gets.
pub fn is_microblog(software: &str) -> bool {
    !matches!(
        software,
        "meent" | "lemmy" | "mbin" | "kbin" | "piefed" | "lotide"
    )
}

/// Whether a microblog would show `activity` (sent by the signer `signer`, who for a
/// `Delete` must be `author`, the stored author of the object); the reason if not.
pub fn check(activity: &Value, signer: &str, author: Option<&str>) -> Result<(), String> {
    let kind = activity["type"].as_str().unwrap_or_default();
    let actor = activity["actor"].as_str().unwrap_or_default();
    if actor != signer {
        return Err(format!(
            "the actor {actor:?} did not sign it ({signer:?} did)"
        ));
    }
    if let Some(object) = activity["object"].as_object() {
        for field in ["published", "updated"] {
            if let Some(time) = object.get(field).and_then(Value::as_str)
                && finer_than_microseconds(time)
            {
                return Err(format!(
                    "{field} {time:?}: GoToSocial keeps microseconds and refuses the next Update as re-dated"
                ));
            }
        }
    }
    match kind {
        "Announce" => {
            if activity.get("published").and_then(Value::as_str).is_none() {
                return Err("an Announce without published (GoToSocial warns)".into());
            }
            let object = &activity["object"];
            if object.is_string() {
                return Ok(());
            }
            let inner = object["type"].as_str().unwrap_or_default();
            if POSTS.contains(&inner) {
                Ok(())
            } else {
                Err(format!(
                    "a boost of a {inner:?}: fetched as a post, not one, dropped"
                ))
            }
        }
        "Update" => {
            let inner = activity["object"]["type"].as_str().unwrap_or_default();
            if POSTS.contains(&inner) {
                Ok(())
            } else {
                Err(format!("an Update of a {inner:?} is not a post's edit"))
            }
        }
        "Delete" => match author {
            Some(author) if author == actor => Ok(()),
            _ => Err("a Delete not from the post's author is ignored".into()),
        },
        // Sent to them only by the post's author, whom they do not follow: GoToSocial's
        // `StatusableOK` drops such a Create unless it mentions the receiver.
        "Create" => {
            let object = &activity["object"];
            let inner = object["type"].as_str().unwrap_or_default();
            if !POSTS.contains(&inner) {
                return Err(format!("a Create of a {inner:?} is not a post"));
            }
            if object["attributedTo"].as_str() != Some(actor) {
                return Err("a Create not from the post's author is refetched, not shown".into());
            }
            let mentions = object["tag"]
                .as_array()
                .is_some_and(|tags| tags.iter().any(|t| t["type"] == "Mention"));
            if mentions {
                Ok(())
            } else {
                Err("a Create from someone not followed that mentions nobody is dropped".into())
            }
        }
        "Like" | "Undo" | "Follow" | "Accept" | "Reject" => Ok(()),
        other => Err(format!("a microblog has no use for a {other:?}")),
    }
}

/// Whether an RFC 3339 time has more than six digits after the second.
fn finer_than_microseconds(time: &str) -> bool {
    time.split_once('.')
        .is_some_and(|(_, rest)| rest.chars().take_while(char::is_ascii_digit).count() > 6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn announced_activities_are_not_boosts() {
        let announce = |object: Value| json!({ "type": "Announce", "actor": "https://m/c/a", "published": "2026-12-05T10:00:00Z", "object": object });
        assert!(check(&announce(json!({"type": "Page"})), "https://m/c/a", None).is_ok());
        assert!(check(&announce(json!("https://m/d/1")), "https://m/c/a", None).is_ok());
        assert!(check(&announce(json!({"type": "Update"})), "https://m/c/a", None).is_err());
        let mut undated = announce(json!({"type": "Page"}));
        undated.as_object_mut().map(|m| m.remove("published"));
        assert!(check(&undated, "https://m/c/a", None).is_err());
    }

    #[test]
    fn post_times_are_no_finer_than_microseconds() {
        let update = |published: &str| {
            json!({ "type": "Update", "actor": "https://m/u/mia",
            "object": { "type": "Page", "published": published } })
        };
        let check = |u: Value| check(&u, "https://m/u/mia", None);
        assert!(check(update("2026-12-06T01:53:09Z")).is_ok());
        assert!(check(update("2026-12-06T01:53:09.840557Z")).is_ok());
        assert!(check(update("2026-12-06T01:53:09.840557269Z")).is_err());
    }

    #[test]
    fn only_the_author_deletes() {
        let delete =
            json!({ "type": "Delete", "actor": "https://m/u/mia", "object": "https://m/d/1" });
        assert!(check(&delete, "https://m/u/mia", Some("https://m/u/mia")).is_ok());
        assert!(check(&delete, "https://m/u/mia", Some("https://m/u/bas")).is_err());
        assert!(check(&delete, "https://m/c/tuin", Some("https://m/u/mia")).is_err());
    }

    #[test]
    fn group_aware_servers_are_not_microblogs() {
        assert!(is_microblog("gotosocial"));
        assert!(is_microblog("mastodon"));
        assert!(!is_microblog("lemmy"));
        assert!(!is_microblog("meent"));
    }
}
