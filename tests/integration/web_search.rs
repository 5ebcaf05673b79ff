//! The search page and similar dilemmas in the web interface (issue 5 §4 and §6): found by a
//! stem with the matched word marked, filters, similar dilemmas on the dilemma page, on
//! preview and for the write page's script, and a network result opened on another instance.

use crate::web_support::{set_up, write_dilemma};
use meent_testkit::{WebClient, start, start_with};

fn search_path(q: &str, extra: &str) -> String {
    let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/search?q={q}{extra}")
}

#[tokio::test]
async fn the_search_page_finds_by_stem_and_filters() -> anyhow::Result<()> {
    let a = start().await?;
    let mut admin = set_up(&a).await;
    let id = write_dilemma(&mut admin, "Wie beheert de sleutels van het buurthuis?").await;

    let empty = admin.get("/search").await?;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("role=\"search\""), "{}", empty.body);
    assert!(!empty.body.contains("/d/"), "no results before a search");

    let path = search_path("sleutel", "");
    let page = admin
        .get_until(&path, "the dilemma is indexed and found by its stem", |p| {
            p.body.contains(&format!("href=\"/d/{id}\""))
        })
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<b>sleutels</b>"),
        "the matched word is marked: {}",
        page.body
    );
    assert!(page.body.contains("1 dilemma gevonden"), "{}", page.body);

    // A filter that no result has: nothing, and the filter stays chosen.
    let solved = admin
        .get(&search_path("sleutel", "&status=solved&accepted=yes"))
        .await?;
    assert!(!solved.body.contains(&format!("href=\"/d/{id}\"")));
    assert!(solved.body.contains("Niets gevonden"), "{}", solved.body);
    assert!(solved.body.contains("value=\"solved\" selected"));

    // An empty choice in the form is no filter, not an error.
    let blank = admin
        .get(&search_path(
            "sleutel",
            "&theme=&status=&kind=&language=&municipality=&scope=local",
        ))
        .await?;
    assert_eq!(blank.status, 200);
    assert!(blank.body.contains(&format!("href=\"/d/{id}\"")));

    // Hostile words are shown escaped, never as markup.
    let hostile = admin
        .get(&search_path("<script>alert(1)</script>", ""))
        .await?;
    assert_eq!(hostile.status, 200);
    assert!(!hostile.body.contains("<script>alert(1)"));

    // A handle that names nothing: a clear message.
    let missing = admin.get(&search_path("@niemand@localhost:1", "")).await?;
    assert_eq!(missing.status, 404, "{}", missing.body);
    assert!(missing.body.contains("niet gevonden"), "{}", missing.body);
    Ok(())
}

#[tokio::test]
async fn similar_dilemmas_show_on_the_dilemma_page_preview_and_while_typing() -> anyhow::Result<()>
{
    let a = start().await?;
    let mut admin = set_up(&a).await;
    let first = write_dilemma(&mut admin, "Sleutelbeheer van de buurtkamer").await;
    let second = write_dilemma(&mut admin, "Wie krijgt een sleutel van de buurtkamer?").await;

    let page = admin
        .get_until(
            &format!("/d/{second}"),
            "the second dilemma's page suggests the first",
            |p| p.body.contains(&format!("href=\"/d/{first}\"")),
        )
        .await;
    assert!(page.body.contains("Lijkt op"), "{}", page.body);

    // Without JavaScript: on preview.
    admin.get("/write").await?;
    let preview = admin
        .post(
            "/write",
            &[
                ("title", "Sleutel van de buurtkamer kwijt"),
                ("body", "Wie mag de sleutel hebben?"),
                ("theme", "keys_and_access"),
                ("language", "nl"),
                ("visibility", "public"),
                ("action", "preview"),
            ],
        )
        .await?;
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(preview.body.contains(&format!("href=\"/d/{first}\"")));
    assert!(preview.body.contains("/static/similar.js"));

    // The script's fragment: only with the form's token.
    let forged = admin
        .post_raw(
            "/write/similar",
            &[("title", "sleutel"), ("csrf", "not-the-token")],
        )
        .await?;
    assert_eq!(forged.status, 403);
    admin.get("/write").await?;
    let fragment = admin
        .post("/write/similar", &[("title", "sleutel buurtkamer")])
        .await?;
    assert_eq!(fragment.status, 200, "{}", fragment.body);
    assert!(
        fragment.body.contains(&format!("href=\"/d/{first}\"")),
        "{}",
        fragment.body
    );
    assert!(!fragment.body.contains("<html"), "a fragment, not a page");

    let script = WebClient::new(&a.base)?.get("/static/similar.js").await?;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("/write/similar"));
    Ok(())
}

#[tokio::test]
async fn a_network_result_opens_on_the_searching_instance() -> anyhow::Result<()> {
    let a = start().await?;
    let mut admin_a = set_up(&a).await;
    let id = write_dilemma(&mut admin_a, "Zonnepanelen op het dak van het buurthuis").await;
    let hubs = vec![a.base.to_string()];
    let c = start_with(|config| config.search.hubs = hubs).await?;
    let mut admin_c = set_up(&c).await;

    let path = search_path("zonnepaneel", "&scope=network");
    let page = admin_c
        .get_until(&path, "C's network search finds A's dilemma", |p| {
            p.body.contains("Zonnepanelen")
        })
        .await;
    assert!(
        page.body.contains(&format!("van {}", a.domain)),
        "the origin is shown: {}",
        page.body
    );
    let marker = "href=\"/search?q=";
    let start = page.body.find(marker).expect("an open link") + "href=\"".len();
    let end = start + page.body[start..].find('"').expect("end of link");
    let open = page.body[start..end].replace("&amp;", "&");
    assert!(open.contains(&format!("%2Fd%2F{id}")), "{open}");

    let opened = admin_c.get(&open).await?;
    assert_eq!(opened.status, 303, "{}", opened.body);
    let location = opened.location().expect("to the dilemma").to_owned();
    let shown = admin_c.get(&location).await?;
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Zonnepanelen op het dak"));
    assert!(
        shown.body.contains("/solutions\""),
        "it can be answered from C"
    );
    Ok(())
}
