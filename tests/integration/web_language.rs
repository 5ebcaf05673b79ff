//! Dutch pages hold no English text and English pages no Dutch: every page of the main
//! walk is read in both languages, and each text on it is compared with the messages of the
//! translation files.

use crate::web_support::{register, set_up, write_dilemma};
use meent_testkit::WebClient;
use std::collections::{BTreeMap, BTreeSet};

/// The simple messages (no arguments, no variants) of a Fluent file, by key.
fn messages(lang: &str) -> BTreeMap<String, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/web/locales")
        .join(lang)
        .join("meent.ftl");
    let text = std::fs::read_to_string(&path).expect("translation file");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
        .filter_map(|l| l.split_once(" = "))
        .filter(|(_, v)| !v.contains('{'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

/// The texts a person reads on a page: text between tags, and labels in attributes.
fn texts(html: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // Script elements hold data, not text to read.
    let mut rest = html.to_owned();
    while let Some(start) = rest.find("<script") {
        let end = rest[start..]
            .find("</script>")
            .map_or(rest.len(), |e| start + e + 9);
        rest.replace_range(start..end, "");
    }
    for piece in rest.split('<') {
        if let Some((tag, text)) = piece.split_once('>') {
            let t = decode(text.trim());
            if !t.is_empty() {
                out.insert(t);
            }
            for attr in ["aria-label=\"", "title=\"", "placeholder=\""] {
                if let Some(i) = tag.find(attr) {
                    let v = &tag[i + attr.len()..];
                    if let Some(end) = v.find('"') {
                        out.insert(decode(&v[..end]));
                    }
                }
            }
        }
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn both_languages_have_the_same_keys() {
    let nl = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/web/locales/nl/meent.ftl"
    ))
    .expect("nl");
    let en = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../crates/web/locales/en/meent.ftl"
    ))
    .expect("en");
    let keys = |t: &str| -> BTreeSet<String> {
        t.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .collect()
    };
    let (nl, en) = (keys(&nl), keys(&en));
    assert_eq!(
        nl.difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in nl"
    );
    assert_eq!(
        en.difference(&nl).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "only in en"
    );
    assert!(nl.len() > 200, "{} keys", nl.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_mixes_the_languages() -> anyhow::Result<()> {
    // With mail on, so that the e-mail parts of the pages are checked too.
    let sink = meent_testkit::SmtpSink::start()?;
    let inst = meent_testkit::start_with(|c| {
        c.instance.registration = meent_domain::RegistrationMode::Open;
        meent_testkit::SmtpSink::configure(sink.addr.port(), c);
    })
    .await?;
    let mut admin = set_up(&inst).await;
    let id = write_dilemma(&mut admin, "Sleutelbeheer").await;
    let mut ria = register(&inst, "ria").await;
    ria.post(
        &format!("/d/{id}/solutions"),
        &[("body", "Sleutelkastje met code.")],
    )
    .await?;
    let nl = messages("nl");
    let en = messages("en");
    // Messages that differ between the languages, by language.
    let only = |mine: &BTreeMap<String, String>,
                other: &BTreeMap<String, String>|
     -> BTreeMap<String, String> {
        other
            .iter()
            .filter(|(k, v)| mine.get(*k).is_some_and(|m| m != *v))
            // A word both languages use ("Budget") is not foreign where it means another
            // thing.
            .filter(|(_, v)| !mine.values().any(|m| m == *v))
            // Language names in their own language label the language switch (with a
            // `lang` attribute), on every page.
            .filter(|(k, _)| {
                !["language-switch", "language-nl", "language-en"].contains(&k.as_str())
            })
            .map(|(k, v)| (v.clone(), k.clone()))
            .collect()
    };
    let foreign_on_nl = only(&nl, &en);
    let foreign_on_en = only(&en, &nl);
    let pages = [
        "/".to_owned(),
        format!("/d/{id}"),
        "/write".into(),
        format!("/d/{id}/edit"),
        "/c/buurtkamer".into(),
        "/u/beheer".into(),
        "/follow".into(),
        "/notifications".into(),
        "/settings".into(),
        "/manage".into(),
        "/bestaat-niet".into(),
        "/search".into(),
        "/search?q=sleutel&scope=network".into(),
    ];
    for (lang, foreign, marker) in [
        ("nl", &foreign_on_nl, "Uitloggen"),
        ("en", &foreign_on_en, "Log out"),
    ] {
        let mut client = admin_in(&inst, lang).await?;
        let mut anonymous = WebClient::with_language(&inst.base, lang)?;
        for (who, path) in pages.iter().map(|p| ("member", p.as_str())).chain(
            [
                "/",
                "/login",
                "/register",
                "/c/buurtkamer",
                "/password/forgot",
            ]
            .map(|p| ("visitor", p)),
        ) {
            let page = if who == "member" {
                client.get(path).await?
            } else {
                anonymous.get(path).await?
            };
            assert!(
                page.status.is_success() || page.status == 404,
                "{lang} {path}: {}",
                page.status
            );
            assert!(
                page.body.contains(&format!("<html lang=\"{lang}\">")),
                "{lang} {path}"
            );
            if who == "member" {
                assert!(page.body.contains(marker), "{lang} {path} is not in {lang}");
            }
            assert!(
                !page.body.contains("Unknown localization"),
                "{lang} {path}: a missing message"
            );
            for text in texts(&page.body) {
                if let Some(key) = foreign.get(&text) {
                    panic!("{lang} page {path} shows the other language's {key}: {text:?}");
                }
            }
        }
    }
    inst.stop().await;
    Ok(())
}

/// The administrator, logged in, with their account set to `lang`.
async fn admin_in(inst: &meent_testkit::TestInstance, lang: &str) -> anyhow::Result<WebClient> {
    let mut client = WebClient::new(&inst.base)?;
    client.get("/login").await?;
    let login = client
        .post(
            "/login",
            &[
                ("name", "beheer"),
                ("password", crate::web_support::PASSWORD),
            ],
        )
        .await?;
    assert_eq!(login.status, 303);
    let saved = client
        .post(
            "/settings",
            &[
                ("language", lang),
                ("notify_solutions", "true"),
                ("notify_acceptances", "true"),
            ],
        )
        .await?;
    assert_eq!(saved.status, 303);
    Ok(client)
}
