//! Followers-only objects for Mastodon-like followers. Those servers work out who may see a
//! post from its addressing alone: one addressed neither to Public nor to its *author's*
//! followers is a direct message, shown only to the accounts it mentions, and nobody may
//! boost it (GoToSocial 0.19's `ExtractVisibility` and `StatusBoostable`; seen with a real
//! GoToSocial 0.19.2, which stored a followers-only dilemma as direct and dropped the
//! collective's boost of it). So each such follower is sent its own copy of the author's
//! `Create` or `Update`, addressed to it and mentioning it: to that follower alone, so no
//! follower learns who else follows.

use meent_db::queries::members::MemberRow;
use serde_json::{Value, json};

/// `activity` (a `Create` or `Update` from the object's author) addressed to `follower` as
/// well, with a `Mention` of it in the object's `tag`.
pub(super) fn addressed_to(activity: &Value, follower: &MemberRow) -> Value {
    let mut copy = activity.clone();
    add_to(&mut copy["to"], &follower.ap_id);
    let object = &mut copy["object"];
    add_to(&mut object["to"], &follower.ap_id);
    let mention = json!({
        "type": "Mention",
        "href": follower.ap_id,
        "name": handle(follower),
    });
    match object.get_mut("tag").and_then(Value::as_array_mut) {
        Some(tags) if tags.iter().any(|t| t["href"] == follower.ap_id.as_str()) => {}
        Some(tags) => tags.push(mention),
        None => object["tag"] = json!([mention]),
    }
    copy
}

/// Adds `id` to an addressing field, which may be missing, a string or a list.
fn add_to(field: &mut Value, id: &str) {
    let mut list = match field.take() {
        Value::Array(list) => list,
        Value::Null => Vec::new(),
        one => vec![one],
    };
    if !list.iter().any(|v| v == id) {
        list.push(json!(id));
    }
    *field = Value::Array(list);
}

/// `@name@host` of a remote member, as mentions are written.
fn handle(member: &MemberRow) -> String {
    format!("@{}", meent_domain::handle_of(&member.name, &member.ap_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gina() -> MemberRow {
        let now = chrono::Utc::now().naive_utc();
        MemberRow {
            id: 4,
            ap_id: "http://gts-a/users/gina".into(),
            local: false,
            name: "gina".into(),
            display_name: "Gina".into(),
            summary: String::new(),
            inbox_url: "http://gts-a/users/gina/inbox".into(),
            shared_inbox_url: None,
            public_key: String::new(),
            private_key: None,
            is_admin: false,
            last_refreshed_at: now,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn the_copy_is_addressed_to_and_mentions_its_follower_only() {
        let create = json!({
            "type": "Create", "actor": "https://m/u/mia",
            "to": ["https://m/c/huurders"],
            "object": { "type": "Page", "to": "https://m/c/huurders",
                        "tag": [{ "type": "Hashtag", "name": "#sleutel" }] },
        });
        let copy = addressed_to(&create, &gina());
        assert_eq!(
            copy["to"],
            json!(["https://m/c/huurders", "http://gts-a/users/gina"])
        );
        assert_eq!(
            copy["object"]["to"],
            json!(["https://m/c/huurders", "http://gts-a/users/gina"])
        );
        assert_eq!(copy["object"]["tag"][0]["type"], "Hashtag");
        assert_eq!(
            copy["object"]["tag"][1],
            json!({ "type": "Mention", "href": "http://gts-a/users/gina", "name": "@gina@gts-a" })
        );
        // Addressed once, however often it is applied.
        let twice = addressed_to(&copy, &gina());
        assert_eq!(twice, copy);
    }
}
