//! The index on its own, without a database: stemming, visibility, filters, similar.

use crate::{
    Audience, DilemmaSummary, Draft, Filters, IndexedDilemma, SearchIndex, SearchRequest,
    SearchResults,
};

fn dilemma(id: i64, lang: &str, title: &str, body: &str, visibility: &str) -> IndexedDilemma {
    IndexedDilemma {
        summary: DilemmaSummary {
            id,
            ap_id: format!("https://a.example/d/{id}"),
            local: true,
            title: title.into(),
            language: lang.into(),
            status: "open".into(),
            visibility: visibility.into(),
            // A theme whose name shares no word with the texts below: theme names are
            // searched too.
            themes: vec!["legal_form_and_governance".into()],
            hashtags: vec![],
            municipality: Some("Utrecht".into()),
            collective_id: id * 10,
            collective_name: "c".into(),
            collective_display_name: "C".into(),
            collective_ap_id: "https://a.example/c/c".into(),
            collective_kind: "tenants_committee".into(),
            solutions: 0,
            accepted: 0,
            confirmations: 0,
            accepted_solutions: vec![],
            published: chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .unwrap(),
        },
        body: body.into(),
        solutions: vec![],
        documents: vec![],
    }
}

async fn index_of(docs: Vec<IndexedDilemma>) -> SearchIndex {
    let index = SearchIndex::in_memory(15_000_000).unwrap();
    index.write(&[], &docs, false, Some(1)).await.unwrap();
    index
}

/// The first page of results for the words `q`.
fn search(index: &SearchIndex, q: &str, audience: &Audience) -> SearchResults {
    index
        .search(
            &SearchRequest {
                q: q.into(),
                page: 1,
                per_page: 20,
                ..Default::default()
            },
            audience,
        )
        .unwrap()
}

fn ids(index: &SearchIndex, q: &str, audience: &Audience) -> Vec<i64> {
    let r = search(index, q, audience);
    r.hits.iter().map(|h| h.dilemma.id).collect()
}

#[tokio::test]
async fn dutch_and_english_words_are_found_by_their_stems() {
    let index = index_of(vec![
        dilemma(
            1,
            "nl",
            "Wie beheert de sleutels?",
            "Het buurthuis heeft te weinig sleutels.",
            "public",
        ),
        dilemma(
            2,
            "nl",
            "Subsidie",
            "Onze begrotingen kloppen niet meer.",
            "public",
        ),
        dilemma(
            3,
            "nl",
            "Te weinig handen",
            "We zoeken vrijwilligers voor de bar.",
            "public",
        ),
        dilemma(
            4,
            "en",
            "Who holds the keys?",
            "The community centre has too few keys.",
            "public",
        ),
    ])
    .await;
    let all = Audience::public();
    assert_eq!(ids(&index, "sleutel", &all), vec![1]);
    assert_eq!(ids(&index, "begroting", &all), vec![2]);
    assert_eq!(ids(&index, "vrijwilliger", &all), vec![3]);
    assert_eq!(ids(&index, "key", &all), vec![4]);
}

#[tokio::test]
async fn hits_carry_highlighted_snippets_and_facets() {
    let index = index_of(vec![dilemma(
        1,
        "nl",
        "Sleutels <en> beheer",
        "Het buurthuis heeft te weinig sleutels voor alle vrijwilligers.",
        "public",
    )])
    .await;
    let r = search(&index, "sleutel", &Audience::public());
    let hit = &r.hits[0];
    assert!(
        hit.snippet_html.contains("<b>sleutels</b>"),
        "{}",
        hit.snippet_html
    );
    assert!(hit.title_html.contains("&lt;en&gt;"), "{}", hit.title_html);
    assert_eq!(r.facets["status"][0].value, "open");
    assert_eq!(r.facets["municipality"][0].value, "Utrecht");
    assert_eq!(r.facets["theme"][0].count, 1);
}

/// The snippet comes from the body when the words are there, and from the solutions only
/// when they are not.
#[tokio::test]
async fn the_snippet_is_from_a_solution_only_when_the_body_lacks_the_words() {
    let mut in_solution = dilemma(1, "nl", "Sleutels", "Er zijn te weinig sleutels.", "public");
    in_solution.solutions = vec!["Wij hangen een kluisje bij de deur.".into()];
    let mut in_both = dilemma(
        2,
        "nl",
        "Deur",
        "Het kluisje bij de deur is kapot.",
        "public",
    );
    in_both.solutions = vec!["Een nieuw kluisje kost weinig.".into()];
    let index = index_of(vec![in_solution, in_both]).await;
    let r = search(&index, "kluisje", &Audience::public());
    let hit = |id: i64| r.hits.iter().find(|h| h.dilemma.id == id).expect("hit");
    assert!(hit(1).snippet_from_solution);
    assert!(
        hit(1).snippet_html.contains("<b>kluisje</b> bij de deur"),
        "{}",
        hit(1).snippet_html
    );
    assert!(!hit(2).snippet_from_solution);
    assert!(
        hit(2)
            .snippet_html
            .contains("<b>kluisje</b> bij de deur is kapot"),
        "{}",
        hit(2).snippet_html
    );
}

#[tokio::test]
async fn followers_only_and_internal_need_the_right_reader() {
    let index = index_of(vec![
        dilemma(1, "nl", "Sleutels openbaar", "", "public"),
        dilemma(2, "nl", "Sleutels volgers", "", "followers"),
        dilemma(3, "nl", "Sleutels intern", "", "internal"),
    ])
    .await;
    let mut found = ids(&index, "sleutel", &Audience::public());
    assert_eq!(found, vec![1]);
    let follower = Audience {
        followers_of: vec![20, 30],
        ..Default::default()
    };
    found = ids(&index, "sleutel", &follower);
    found.sort();
    assert_eq!(found, vec![1, 2]);
    let member = Audience {
        members_of: vec![30],
        ..Default::default()
    };
    found = ids(&index, "sleutel", &member);
    found.sort();
    assert_eq!(found, vec![1, 3]);
}

#[tokio::test]
async fn filters_narrow_and_similar_finds_related() {
    let mut closed = dilemma(
        2,
        "nl",
        "Sleutelbeheer in het buurthuis",
        "Wie krijgt een sleutel van het buurthuis?",
        "public",
    );
    closed.summary.status = "closed".into();
    let index = index_of(vec![
        dilemma(
            1,
            "nl",
            "Sleutels van het buurthuis",
            "Wie beheert de sleutels van het buurthuis?",
            "public",
        ),
        closed,
        dilemma(
            3,
            "nl",
            "Begroting",
            "De begroting voor volgend jaar.",
            "public",
        ),
    ])
    .await;
    let r = index
        .search(
            &SearchRequest {
                q: "buurthuis".into(),
                filters: Filters {
                    status: Some("closed".into()),
                    ..Default::default()
                },
                page: 1,
                per_page: 20,
            },
            &Audience::public(),
        )
        .unwrap();
    assert_eq!(
        r.hits.iter().map(|h| h.dilemma.id).collect::<Vec<_>>(),
        vec![2]
    );
    let similar = index.similar_to(1, &Audience::public(), 5).unwrap();
    assert_eq!(similar.first().map(|h| h.dilemma.id), Some(2));
    assert!(similar.iter().all(|h| h.dilemma.id != 1));
    let draft = Draft {
        title: "Sleutels".into(),
        body: "Het buurthuis en de sleutels".into(),
        language: "nl".into(),
    };
    let similar = index.similar(&draft, None, &Audience::public(), 5).unwrap();
    assert!(!similar.is_empty() && similar.iter().all(|h| h.dilemma.id != 3));
}

/// Every edit or new answer replaces a dilemma's document, and until segments merge the
/// replaced one still counts in word statistics. Similar dilemmas must stay computable
/// (tantivy's MoreLikeThis panicked here: "3 >= 4").
#[tokio::test]
async fn similar_survives_replaced_documents() {
    let text = |n: usize| {
        dilemma(
            1,
            "nl",
            "Sleutel van het buurthuis",
            &format!("Wie mag de sleutel hebben? Versie {n}."),
            "public",
        )
    };
    let index = index_of(vec![
        text(0),
        dilemma(
            2,
            "nl",
            "Sleutelkluis",
            "Een sleutel in een kluis.",
            "public",
        ),
        dilemma(
            3,
            "nl",
            "Sleutelrooster",
            "Een rooster voor de sleutel.",
            "public",
        ),
    ])
    .await;
    for n in 1..=5 {
        index
            .write(&[1], &[text(n)], false, Some(n as i64 + 1))
            .await
            .unwrap();
        let similar = index.similar_to(1, &Audience::public(), 5).unwrap();
        let mut found: Vec<i64> = similar.iter().map(|h| h.dilemma.id).collect();
        found.sort();
        assert_eq!(found, vec![2, 3], "after edit {n}");
    }
}

/// Random sequences of adding, replacing and deleting dilemmas, with and without commits in
/// between: similar dilemmas never fail and never return the dilemma itself. Fixed seed, so
/// a CI run is repeatable.
#[test]
fn similar_never_fails_whatever_the_index_went_through() {
    use proptest::{
        prelude::*,
        test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
    };
    #[derive(Debug, Clone)]
    enum Op {
        Put(i64, usize),
        Delete(i64),
    }
    let words = [
        "sleutel buurthuis",
        "sleutel kluis",
        "begroting buurthuis",
        "rooster sleutel kluis",
    ];
    let op = prop_oneof![
        (1i64..6, 0usize..4).prop_map(|(id, w)| Op::Put(id, w)),
        (1i64..6).prop_map(Op::Delete),
    ];
    let ops = proptest::collection::vec((op, any::<bool>()), 1..40);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let config = Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    runner
        .run(&ops, |ops| {
            runtime.block_on(async {
                let index = SearchIndex::in_memory(15_000_000).unwrap();
                let mut cursor = 0;
                for (op, commit) in ops {
                    cursor += 1;
                    let commit = commit.then_some(cursor);
                    match op {
                        Op::Put(id, w) => {
                            let d = dilemma(id, "nl", words[w], words[(w + 1) % 4], "public");
                            index.write(&[id], &[d], false, commit).await.unwrap();
                        }
                        Op::Delete(id) => index.write(&[id], &[], false, commit).await.unwrap(),
                    }
                    for id in 1..6 {
                        let similar = index.similar_to(id, &Audience::public(), 5);
                        let similar = similar.map_err(|e| TestCaseError::fail(e.to_string()))?;
                        prop_assert!(similar.iter().all(|h| h.dilemma.id != id));
                    }
                }
                Ok(())
            })
        })
        .unwrap();
}

fn programme(id: i64, title: &str, body: &str) -> crate::IndexedProgramme {
    crate::IndexedProgramme {
        summary: crate::ProgrammeSummary {
            id,
            ap_id: format!("https://s.example/p/{id}"),
            local: true,
            title: title.into(),
            themes: vec!["keys_and_access".into()],
            steps: 2,
            collective_name: "lsa".into(),
            collective_display_name: "LSA".into(),
            collective_ap_id: "https://s.example/c/lsa".into(),
            published: chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .unwrap(),
        },
        body: body.into(),
    }
}

#[tokio::test]
async fn programmes_share_the_index_but_never_count_as_dilemmas() {
    let index = index_of(vec![dilemma(
        1,
        "nl",
        "Wie beheert de sleutels?",
        "Drie sleutels.",
        "public",
    )])
    .await;
    // The same number as the dilemma: programmes have their own key.
    index
        .write_programmes(
            &[],
            &[programme(
                1,
                "Sleutels beheren",
                "Stap voor stap naar een sleutelplan.",
            )],
        )
        .await
        .unwrap();
    index.write(&[], &[], false, Some(2)).await.unwrap();
    for audience in [
        Audience::public(),
        Audience {
            everything: true,
            ..Default::default()
        },
        Audience {
            everything: true,
            local_only: true,
            ..Default::default()
        },
    ] {
        let r = search(&index, "sleutels", &audience);
        assert_eq!(r.total, 1, "{audience:?}");
        assert_eq!(ids(&index, "", &audience), vec![1], "{audience:?}");
    }
    let found = index
        .search_programmes("sleutels", Some("keys_and_access"), 1, 10)
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].title, "Sleutels beheren");
    assert_eq!(index.search_programmes("", None, 1, 10).unwrap().total, 1);
    assert_eq!(
        index
            .search_programmes("sleutels", Some("budgets_and_subsidies"), 1, 10)
            .unwrap()
            .total,
        0
    );
    // Replacing the programme's document keeps the dilemma's.
    index.write_programmes(&[1], &[]).await.unwrap();
    index.write(&[], &[], false, Some(3)).await.unwrap();
    assert_eq!(index.search_programmes("", None, 1, 10).unwrap().total, 0);
    assert_eq!(search(&index, "sleutels", &Audience::public()).total, 1);
}

#[tokio::test]
async fn theme_names_and_document_names_are_searched_with_the_dilemma() {
    let mut budget = dilemma(1, "nl", "Geld voor het feest", "Wie betaalt?", "public");
    budget.summary.themes = vec!["budgets_and_subsidies".into()];
    let mut keys = dilemma(2, "en", "Who holds it?", "Nobody knows.", "public");
    keys.documents = vec![
        "Sleutelafspraken buurthuis".into(),
        "sleutelafspraken-buurthuis.pdf".into(),
    ];
    let plain = dilemma(3, "nl", "Iets anders", "Over de tuin.", "public");
    let index = index_of(vec![budget, keys, plain]).await;
    let public = Audience::public();
    // "Budgetten en subsidies" in Dutch, "Budgets and subsidies" in English.
    assert_eq!(ids(&index, "subsidie", &public), vec![1]);
    assert_eq!(ids(&index, "subsidies", &public), vec![1]);
    // A document's title, and its file name.
    assert_eq!(ids(&index, "sleutelafspraken", &public), vec![2]);
    assert_eq!(ids(&index, "pdf", &public), vec![2]);
}

/// Whether the words `q` find dilemma `id`.
fn finds(index: &SearchIndex, q: &str, id: i64) -> bool {
    ids(index, q, &Audience::public()).contains(&id)
}

/// Issue 19 §6: a Dutch compound and its parts find each other, whichever is typed, while a
/// word that merely begins with a listed word is not cut up.
#[tokio::test]
async fn dutch_compounds_and_their_parts_find_each_other() {
    let mut subsidies = dilemma(9, "nl", "Geld voor het feest", "Wie betaalt?", "public");
    subsidies.summary.themes = vec!["budgets_and_subsidies".into()];
    let index = index_of(vec![
        dilemma(1, "nl", "Geld", "Het bewonersbudget is op.", "public"),
        dilemma(
            2,
            "nl",
            "Verdelen",
            "Wij verdelen het budget eerlijk.",
            "public",
        ),
        dilemma(
            3,
            "nl",
            "Potten",
            "Drie budgetpotjes voor de tuin.",
            "public",
        ),
        dilemma(4, "nl", "Eén pot", "Eén budgetpotje is genoeg.", "public"),
        dilemma(
            5,
            "nl",
            "Wie regelt het?",
            "Het sleutelbeheer loopt mis.",
            "public",
        ),
        dilemma(
            6,
            "nl",
            "Kwijt",
            "Wie heeft de sleutel van de kelder?",
            "public",
        ),
        dilemma(
            7,
            "nl",
            "Statushouders",
            "De huisvesting is krap.",
            "public",
        ),
        dilemma(8, "nl", "Klein", "Het huis is te klein.", "public"),
        subsidies,
    ])
    .await;
    // budget ↔ bewonersbudget
    assert!(finds(&index, "budget", 1));
    assert!(finds(&index, "bewonersbudget", 2));
    assert_eq!(ids(&index, "bewonersbudget", &Audience::public())[0], 1);
    // budgetpotjes ↔ budgetpotje, and the diminutive alone finds either.
    assert!(finds(&index, "budgetpotjes", 4));
    assert!(finds(&index, "budgetpotje", 3));
    assert!(finds(&index, "potje", 3));
    assert!(finds(&index, "potjes", 4));
    let mut best: Vec<i64> = ids(&index, "budgetpotjes", &Audience::public())[..2].to_vec();
    best.sort();
    assert_eq!(
        best,
        vec![3, 4],
        "the compound itself ranks above its parts"
    );
    // sleutelbeheer ↔ sleutel
    assert!(finds(&index, "sleutel", 5));
    assert!(finds(&index, "sleutelbeheer", 6));
    assert_eq!(ids(&index, "sleutelbeheer", &Audience::public())[0], 5);
    // A theme's name, and a compound of it.
    assert_eq!(ids(&index, "subsidie", &Audience::public()), vec![9]);
    assert!(finds(&index, "subsidiepot", 9));
    // "huisvesting" is not "huis" + "vesting": housing is not about a house.
    assert_eq!(ids(&index, "huis", &Audience::public()), vec![8]);
    assert_eq!(ids(&index, "huisvesting", &Audience::public()), vec![7]);
    // A part found alone must not bring in what the other words rule out.
    assert_eq!(
        ids(&index, "sleutelbeheer kelder", &Audience::public()),
        vec![6]
    );
    // A quoted compound asks for just that word.
    assert_eq!(
        ids(&index, "\"sleutelbeheer\"", &Audience::public()),
        vec![5]
    );
}

/// The highlighted title is the whole title, escaped, with only the marks added: its
/// punctuation stays, before, between and after the words found; a compound found by its
/// part is marked whole.
#[tokio::test]
async fn the_highlighted_title_keeps_its_punctuation() {
    let index = index_of(vec![
        dilemma(
            1,
            "nl",
            "\"Wie\" beheert de sleutels? Kluis, of: <bak> & zo!",
            "Tekst.",
            "public",
        ),
        dilemma(2, "nl", "Bewonersbudget: wie beslist?", "Tekst.", "public"),
    ])
    .await;
    let title = |q: &str| {
        search(&index, q, &Audience::public()).hits[0]
            .title_html
            .clone()
    };
    assert_eq!(
        title("sleutel kluis"),
        "&quot;Wie&quot; beheert de <b>sleutels</b>? <b>Kluis</b>, of: &lt;bak&gt; &amp; zo!"
    );
    assert_eq!(title("budget"), "<b>Bewonersbudget</b>: wie beslist?");
    // Found by its text only: the title as it is.
    assert_eq!(
        title("tekst beslist"),
        "Bewonersbudget: wie <b>beslist</b>?"
    );
}

/// Snippets are made from the plain text, so Markdown (here sent as text inside HTML, as
/// some peers do) shows as words without its marks.
#[tokio::test]
async fn snippets_show_no_markdown() {
    let body = crate::text::plain(concat!(
        "<p>**Vet**: het _budget_ en [de begroting](https://x.example/b).</p>",
        "<p># Kop over het budget</p><p>- een lijst<br>- met het budget</p>",
    ));
    let index = index_of(vec![dilemma(1, "nl", "Geld", &body, "public")]).await;
    for q in ["budget", "begroting", ""] {
        let r = search(&index, q, &Audience::public());
        let snippet = &r.hits[0].snippet_html;
        for mark in ["*", "_", "#", "[", "](", "x.example", "- "] {
            assert!(!snippet.contains(mark), "{q:?}: {mark:?} in {snippet}");
        }
        assert!(snippet.contains("Vet"), "{q:?}: {snippet}");
    }
    let r = search(&index, "begroting", &Audience::public());
    assert!(
        r.hits[0].snippet_html.contains("de <b>begroting</b>."),
        "{}",
        r.hits[0].snippet_html
    );
}
