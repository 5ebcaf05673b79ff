//! The Follow, Accept and Undo documents that Lemmy and Mastodon send, and their actors,
//! parse into what the inbox handles (fixtures: tests/fixtures/ORIGIN.md).

use meent_federation::{
    activities::InboxActivity,
    protocol::actors::{Group, Person},
};
use meent_testkit::fixture;
use serde_json::Value;

fn activity(path: &str) -> InboxActivity {
    let text = fixture(path);
    let value: Value = serde_json::from_str(&text).expect("json");
    // lemmy-live files wrap the activity with the headers it arrived with.
    let value = value.get("activity").cloned().unwrap_or(value);
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn follows_from_lemmy_and_mastodon_parse() {
    for path in [
        "lemmy/follow.json",
        "mastodon/follow.json",
        "lemmy-live/00_Follow.json",
    ] {
        match activity(path) {
            InboxActivity::Follow(f) => assert!(f.object.path().contains('/'), "{path}"),
            other => panic!("{path} parsed as {other:?}"),
        }
    }
}

#[test]
fn accept_from_lemmy_parses_with_its_follow() {
    match activity("lemmy/accept.json") {
        InboxActivity::Accept(a) => {
            assert_eq!(a.actor.as_str(), "http://enterprise.lemmy.ml/c/main");
            assert_eq!(
                a.object.id().as_str(),
                "http://ds9.lemmy.ml/activities/follow/6abcd50b-b8ca-4952-86b0-a6dd8cc12866"
            );
        }
        other => panic!("parsed as {other:?}"),
    }
}

#[test]
fn undo_follow_from_lemmy_and_mastodon_parse() {
    for path in [
        "lemmy/undo_follow.json",
        "mastodon/undo_follow.json",
        "lemmy-live/04_Undo_Follow.json",
    ] {
        match activity(path) {
            InboxActivity::Undo(u) => assert!(u.object.id().as_str().starts_with("http"), "{path}"),
            other => panic!("{path} parsed as {other:?}"),
        }
    }
}

#[test]
fn actors_of_lemmy_and_mastodon_parse() {
    let group: Group = serde_json::from_str(&fixture("lemmy/group.json")).expect("group");
    assert_eq!(group.preferred_username, "tenforward");
    assert!(group.public_key.public_key_pem.contains("PUBLIC KEY"));
    for path in ["lemmy/person.json", "mastodon/person.json"] {
        let person: Person =
            serde_json::from_str(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!person.preferred_username.is_empty());
    }
}

#[test]
fn lemmy_attachments_become_documents_to_link() {
    use meent_federation::protocol::objects::Page;
    let page: Page = serde_json::from_str(&fixture("lemmy/page_image_and_link.json"))
        .expect("a Lemmy post with attachments parses");
    let urls: Vec<&str> = page.attachment.iter().map(|a| a.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png",
            "https://example.com/some-article"
        ]
    );
    assert_eq!(page.attachment[0].media_type.as_deref(), Some("image/png"));
    assert_eq!(page.attachment[1].kind, "Link");
}
