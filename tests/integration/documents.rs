//! Documents (SPEC §2): attached to a dilemma in the web interface and downloaded safely;
//! refused when they are not what they claim, too large, or sent without the form's token
//! or by someone who may not; and carried across instances as `attachment`s, both ways.

use crate::web_support::{register, set_up, write_dilemma};
use meent_domain::Role;
use meent_testkit::{TestInstance, eventually, start_many, start_with};
use reqwest::Method;
use serde_json::{Value, json};

/// A small but real PDF header: the content decides the type, not the name.
fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec()
}

const FIELDS: [(&str, &str); 3] = [
    ("title", "Sleutelafspraken buurthuis"),
    ("kind", "key_agreement"),
    ("licence", "CC-BY-4.0"),
];

#[tokio::test]
async fn a_document_is_attached_listed_and_downloaded_safely() -> anyhow::Result<()> {
    let a = start_with(|c| c.instance.registration = meent_domain::RegistrationMode::Open).await?;
    let mut admin = set_up(&a).await;
    let id = write_dilemma(&mut admin, "Wie mag de sleutel hebben?").await;
    let page = admin.get(&format!("/d/{id}")).await?;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));

    let added = admin
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            ("afspraken.pdf", pdf()),
            true,
        )
        .await?;
    assert_eq!(added.status, 303, "{}", added.body);
    let page = admin.get(&format!("/d/{id}")).await?;
    let href = "/documents/1/sleutelafspraken-buurthuis.pdf";
    assert!(page.body.contains(href), "{}", page.body);
    assert!(page.body.contains("Sleutelafspraak"), "the kind is shown");

    // Anyone may download the document of a public dilemma; it is a download, never a page.
    let visitor = reqwest::get(a.url(href)).await?;
    assert_eq!(visitor.status(), 200);
    let headers = visitor.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()?
            .starts_with("attachment")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-security-policy"]
            .to_str()?
            .contains("sandbox")
    );
    assert_eq!(visitor.bytes().await?.to_vec(), pdf());

    // Refusals, each with its reason and nothing stored.
    let html = admin
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            (
                "plan.pdf",
                b"<html><script>alert(1)</script></html>".to_vec(),
            ),
            true,
        )
        .await?;
    assert_eq!(html.status, 422);
    assert!(
        html.body.contains("Dit soort bestand kan niet"),
        "{}",
        html.body
    );
    let huge = admin
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            ("groot.pdf", vec![b'%'; 10 * 1024 * 1024 + 1]),
            true,
        )
        .await?;
    assert_eq!(huge.status, 413, "{}", huge.body);
    assert!(huge.body.contains("groter dan 10 MB"));
    // Each refusal leads back to the dilemma, where the form is.
    for refused in [&html, &huge] {
        assert!(
            refused.body.contains(&format!(
                "<a href=\"/d/{id}#documents\">Terug naar het dilemma</a>"
            )),
            "{}",
            refused.body
        );
    }
    let forged = admin
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            ("afspraken.pdf", pdf()),
            false,
        )
        .await?;
    assert_eq!(forged.status, 403);
    let mut other = register(&a, "ria").await;
    let not_hers = other
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            ("afspraken.pdf", pdf()),
            true,
        )
        .await?;
    assert_eq!(not_hers.status, 403, "{}", not_hers.body);
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await?;
    assert_eq!(
        thread["documents"].as_array().map(Vec::len),
        Some(1),
        "{thread}"
    );
    assert_eq!(thread["documents"][0]["kind"], "key_agreement");
    assert_eq!(thread["documents"][0]["licence"], "CC-BY-4.0");
    Ok(())
}

#[tokio::test]
async fn internal_documents_are_not_downloaded_by_others() -> anyhow::Result<()> {
    let a = start_many(1).await?.pop().expect("one instance");
    let kern = a.create_collective("kern", true).await?;
    let (_, mia) = a.create_member("mia", Some((&kern, Role::Member))).await?;
    let (_, outsider) = a.create_member("oscar", None).await?;
    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/kern/dilemmas",
            &mia,
            Some(
                json!({ "title": "Interne begroting", "body": "Alleen voor ons.",
                         "themes": ["budgets_and_subsidies"], "language": "nl",
                         "visibility": "internal" }),
            ),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().expect("id");
    let (status, doc) = a
        .upload(
            &format!("/api/v1/dilemmas/{id}/documents"),
            &mia,
            [
                ("title", "Begroting"),
                ("kind", "budget"),
                ("licence", "CC0-1.0"),
            ],
            ("begroting.csv", b"post;bedrag\nhuur;1200\n".to_vec()),
        )
        .await?;
    assert_eq!(status, 201, "{doc}");
    assert_eq!(doc["media_type"], "text/csv");
    let url = doc["url"].as_str().expect("url").to_owned();
    let anonymous = reqwest::get(&url).await?;
    assert_eq!(anonymous.status(), 404);
    // An outsider cannot attach to it either: for them it does not exist.
    let (status, _) = a
        .upload(
            &format!("/api/v1/dilemmas/{id}/documents"),
            &outsider,
            FIELDS,
            ("afspraken.pdf", pdf()),
        )
        .await?;
    assert_eq!(status, 404);
    Ok(())
}

/// The thread of the dilemma with ActivityPub id `url` on `on`, once `ready` holds for it.
async fn thread_when(
    on: &TestInstance,
    url: &str,
    what: &str,
    ready: impl Fn(&Value) -> bool,
) -> Value {
    eventually(what, || async {
        let (_, list) = on.get("/api/v1/dilemmas?limit=100", None).await.ok()?;
        let id = list
            .as_array()?
            .iter()
            .find(|d| d["url"] == url)?
            .get("id")?
            .as_i64()?;
        let (_, thread) = on.get(&format!("/api/v1/dilemmas/{id}"), None).await.ok()?;
        ready(&thread).then_some(thread)
    })
    .await
}

#[tokio::test]
async fn documents_travel_with_dilemmas_and_solutions() -> anyhow::Result<()> {
    let mut instances = start_many(2).await?;
    let b = instances.pop().expect("B");
    let a = instances.pop().expect("A");
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    let bcol = b.create_collective("bcol", true).await?;
    let (_, bob) = b.create_member("bob", Some((&bcol, Role::Member))).await?;
    crate::support::follow_accepted(&b, &bob, &a.handle("buurt")).await;

    let (status, d) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({ "title": "Hoe regelen we het sleutelbeheer?",
                         "body": "Wie heeft welke sleutel?", "themes": ["keys_and_access"],
                         "language": "nl", "visibility": "public" })),
        )
        .await?;
    assert_eq!(status, 201, "{d}");
    let id = d["id"].as_i64().expect("id");
    let url = d["url"].as_str().expect("url").to_owned();
    let (status, doc) = a
        .upload(
            &format!("/api/v1/dilemmas/{id}/documents"),
            &mia,
            FIELDS,
            ("afspraken.pdf", pdf()),
        )
        .await?;
    assert_eq!(status, 201, "{doc}");
    let doc_url = doc["url"].as_str().expect("url").to_owned();

    // What A serves: a Document attachment with Meent's kind and licence, and a link in
    // the content for software that ignores attachments.
    let page: Value = reqwest::Client::new()
        .get(&url)
        .header("accept", "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(page["attachment"][0]["type"], "Document", "{page}");
    assert_eq!(page["attachment"][0]["url"], json!(doc_url));
    assert_eq!(page["attachment"][0]["documentKind"], "key_agreement");
    assert_eq!(page["attachment"][0]["licence"], "CC-BY-4.0");
    assert!(
        page["content"]
            .as_str()
            .unwrap_or_default()
            .contains(&doc_url)
    );
    // Lemmy shows the Markdown `source` rather than `content`: the link is there as well.
    let source = page["source"]["content"].as_str().unwrap_or_default();
    assert!(source.starts_with("Wie heeft welke sleutel?"), "{page}");
    assert!(source.contains(&format!("]({doc_url})")), "{page}");

    // B learns of the document through the Update, and links to A for it.
    let on_b = thread_when(&b, &url, "the document reaches B", |t| {
        t["documents"].as_array().is_some_and(|d| !d.is_empty())
    })
    .await;
    assert_eq!(on_b["documents"][0]["url"], json!(doc_url), "{on_b}");
    assert_eq!(on_b["documents"][0]["id"], Value::Null, "not copied to B");
    assert!(
        !on_b["dilemma"]["content"]
            .as_str()
            .unwrap_or_default()
            .contains("meent-documents"),
        "B shows the document once, not also as a link in the text"
    );
    assert_eq!(
        on_b["dilemma"]["source"], "Wie heeft welke sleutel?",
        "B keeps the text as written, without the links A added for Lemmy"
    );

    // Bob answers from B with his own budget attached; A lists it with his solution.
    let b_id = on_b["dilemma"]["id"].as_i64().expect("id on B");
    let (status, solution) = b
        .send(
            Method::POST,
            &format!("/api/v1/dilemmas/{b_id}/solutions"),
            &bob,
            Some(json!({ "body": "Wij werken met een sleutelplan.", "from_experience": true })),
        )
        .await?;
    assert_eq!(status, 201, "{solution}");
    let sid = solution["id"].as_i64().expect("solution id");
    let (status, bdoc) = b
        .upload(
            &format!("/api/v1/solutions/{sid}/documents"),
            &bob,
            [
                ("title", "Ons sleutelplan"),
                ("kind", "template"),
                ("licence", "CC-BY-SA-4.0"),
            ],
            ("sleutelplan.pdf", pdf()),
        )
        .await?;
    assert_eq!(status, 201, "{bdoc}");
    let on_a = thread_when(&a, &url, "Bob's document reaches A", |t| {
        t["documents"].as_array().is_some_and(|d| d.len() == 2)
    })
    .await;
    let theirs = on_a["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["title"] == "Ons sleutelplan")
        .expect("Bob's document on A")
        .clone();
    assert_eq!(theirs["url"], bdoc["url"]);
    assert_eq!(theirs["kind"], "template");
    let solution_on_a = on_a["solutions"][0]["id"].clone();
    assert_eq!(theirs["solution_id"], solution_on_a, "{on_a}");

    // Bob may not attach to Mia's dilemma from his instance's API: it is not his.
    let (status, _) = b
        .upload(
            &format!("/api/v1/dilemmas/{b_id}/documents"),
            &bob,
            FIELDS,
            ("afspraken.pdf", pdf()),
        )
        .await?;
    assert_eq!(status, 403);
    Ok(())
}

#[tokio::test]
async fn a_removed_document_leaves_the_thread_here_and_at_a_follower_and_its_file_goes()
-> anyhow::Result<()> {
    let a = start_with(|c| c.instance.registration = meent_domain::RegistrationMode::Open).await?;
    let mut admin = set_up(&a).await;
    // A plain ActivityPub server follows the collective.
    let peer = meent_testkit::FakePeer::start().await?;
    a.fake_follower(&peer, "gina", "buurtkamer").await?;
    let id = write_dilemma(&mut admin, "Wie mag de sleutel hebben?").await;
    let added = admin
        .post_file(
            &format!("/d/{id}/documents"),
            &FIELDS,
            ("afspraken.pdf", pdf()),
            true,
        )
        .await?;
    assert_eq!(added.status, 303, "{}", added.body);
    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await?;
    let doc_id = thread["documents"][0]["id"].as_i64().expect("the document");
    let stored = std::fs::read_dir(&a.config().documents.dir)?.count();
    assert_eq!(stored, 1, "one folder holds the file");

    // Someone else is not offered the removal and is refused it.
    let mut other = register(&a, "ria").await;
    let page = other.get(&format!("/d/{id}")).await?;
    assert!(!page.body.contains(&format!("/documents/{doc_id}/delete")));
    assert_eq!(
        other
            .post(&format!("/documents/{doc_id}/delete"), &[])
            .await?
            .status,
        403
    );

    let page = admin.get(&format!("/d/{id}")).await?;
    assert!(
        page.body
            .contains(&format!("href=\"/documents/{doc_id}/delete\"")),
        "{}",
        page.body
    );
    let asked = admin.get(&format!("/documents/{doc_id}/delete")).await?;
    assert!(
        asked.body.contains("Dit document verwijderen?"),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("Sleutelafspraken buurthuis"),
        "{}",
        asked.body
    );
    let done = admin
        .post(&format!("/documents/{doc_id}/delete"), &[])
        .await?;
    assert_eq!(done.status, 303, "{}", done.body);

    let (_, thread) = a.get(&format!("/api/v1/dilemmas/{id}"), None).await?;
    assert_eq!(thread["documents"], json!([]), "{thread}");
    let download = reqwest::get(a.url("/documents/1/sleutelafspraken-buurthuis.pdf")).await?;
    assert_eq!(download.status(), 404);
    let files: usize = walk_files(std::path::Path::new(&a.config().documents.dir));
    assert_eq!(files, 0, "the file is gone");
    // The follower gets the dilemma again, without the attachment.
    eventually(
        "the follower gets the dilemma without the document",
        || async {
            peer.inbox_posts().into_iter().find(|p| {
                let page = if p["type"] == "Announce" {
                    &p["object"]["object"]
                } else {
                    &p["object"]
                };
                let update = p["type"] == "Update" || p["object"]["type"] == "Update";
                update
                    && page["type"] == "Page"
                    && page["attachment"].as_array().is_none_or(|a| {
                        !a.iter().any(|x| x["name"] == "Sleutelafspraken buurthuis")
                    })
            })
        },
    )
    .await;
    Ok(())
}

/// How many files are under `dir`, in any folder.
fn walk_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() { walk_files(&path) } else { 1 }
                })
                .sum()
        })
        .unwrap_or(0)
}
