//! Dilemma pages stay up while a thread changes (issue 15): one dilemma gets 60 answers, one
//! at a time, with edits, deletions, acceptances and a rebuilt index in between; after every
//! step its page, two other dilemma pages and `/similar` answer 200. (Before, tantivy's
//! MoreLikeThis panicked once replaced documents outnumbered live ones: every dilemma page
//! then dropped its connection.)

use meent_domain::Role;
use meent_testkit::{TestInstance, start};
use reqwest::Method;
use serde_json::{Value, json};

async fn post(inst: &TestInstance, path: &str, token: &str, body: Value) -> Value {
    let (status, answer) = inst
        .send(Method::POST, path, token, Some(body))
        .await
        .expect("answered");
    assert!(status == 200 || status == 201, "{path}: {status} {answer}");
    answer
}

/// Every read a visitor makes of these dilemmas: all must be 200.
async fn all_pages_answer(inst: &TestInstance, ids: &[i64], step: &str) {
    for id in ids {
        for path in [format!("/d/{id}"), format!("/api/v1/dilemmas/{id}/similar")] {
            let status = inst
                .http
                .get(inst.base.join(&path).expect("url"))
                .send()
                .await
                .unwrap_or_else(|e| panic!("{step}: {path} dropped the connection: {e}"))
                .status();
            assert_eq!(status, 200, "{step}: {path}");
        }
    }
}

#[tokio::test]
async fn sixty_answers_with_edits_deletes_accepts_and_a_reindex_never_break_a_page()
-> anyhow::Result<()> {
    let mut inst = start().await?;
    let buurt = inst.create_collective("buurt", true).await?;
    let (_, author) = inst
        .create_member("auteur", Some((&buurt, Role::Coordinator)))
        .await?;
    let (_, helper) = inst
        .create_member("helper", Some((&buurt, Role::Member)))
        .await?;
    let mut ids = Vec::new();
    for title in [
        "Wie beheert de sleutel van het buurthuis?",
        "Sleutel van de buurtkamer kwijt",
        "Een sleutelplan voor het buurthuis",
    ] {
        let d = post(
            &inst,
            "/api/v1/collectives/buurt/dilemmas",
            &author,
            json!({ "title": title, "body": "Hoe regelen jullie de sleutel en het beheer?", "themes": ["keys_and_access"] }),
        )
        .await;
        ids.push(d["id"].as_i64().expect("id"));
    }
    let main = ids[0];
    let mut answers: Vec<i64> = Vec::new();
    for i in 0..60 {
        let step = format!("step {i}");
        let answer = post(
            &inst,
            &format!("/api/v1/dilemmas/{main}/solutions"),
            &helper,
            json!({ "body": format!("Antwoord {i}: een sleutelkastje met code, beheer door de buurtkamer.") }),
        )
        .await;
        answers.push(answer["id"].as_i64().expect("id"));
        all_pages_answer(&inst, &ids, &step).await;
        if i % 5 == 4 {
            let (status, body) = inst
                .send(
                    Method::PUT,
                    &format!("/api/v1/dilemmas/{main}"),
                    &author,
                    Some(json!({
                        "title": format!("Wie beheert de sleutel van het buurthuis? ({i})"),
                        "body": format!("Versie {i}: de sleutel, het beheer en het buurthuis."),
                        "themes": ["keys_and_access"]
                    })),
                )
                .await?;
            assert_eq!(status, 200, "{step}: edit {body}");
            all_pages_answer(&inst, &ids, &format!("{step} after an edit")).await;
        }
        if i % 7 == 6 {
            let gone = answers.remove(0);
            let (status, body) = inst
                .send(
                    Method::DELETE,
                    &format!("/api/v1/replies/{gone}"),
                    &helper,
                    None,
                )
                .await?;
            assert!(
                status == 200 || status == 204,
                "{step}: delete {status} {body}"
            );
            all_pages_answer(&inst, &ids, &format!("{step} after a delete")).await;
        }
        if i % 10 == 9 {
            let latest = *answers.last().expect("an answer");
            post(
                &inst,
                &format!("/api/v1/dilemmas/{main}/accept"),
                &author,
                json!({ "solution_ids": [latest] }),
            )
            .await;
            all_pages_answer(&inst, &ids, &format!("{step} after accepting")).await;
        }
        if i == 30 {
            // A reindex: the index is removed and rebuilt from the database at start.
            let stopped = inst.halt(false).await;
            std::fs::remove_dir_all(stopped.search_index_dir())?;
            inst = stopped.start().await?;
            all_pages_answer(&inst, &ids, &format!("{step} after a reindex")).await;
        }
    }
    // The thread holds what was done to it.
    let (_, thread) = inst.get(&format!("/api/v1/dilemmas/{main}"), None).await?;
    let solutions = thread["solutions"].as_array().map_or(0, Vec::len);
    assert_eq!(solutions, answers.len(), "{thread}");
    inst.stop().await;
    Ok(())
}
