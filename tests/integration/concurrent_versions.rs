//! Two versions of one remote dilemma arriving at the same moment — the `Create` with the
//! first version and the `Update` with the second, sent side by side as a real server's
//! delivery queue does — end as the newer version, whichever is stored first. (On
//! PostgreSQL the two are stored by concurrent transactions; before the version check
//! became part of the upsert, the older one sometimes overwrote the newer.)

use meent_domain::Role;
use meent_testkit::{
    FakePeer,
    fake_peer::{activity, page},
    start,
};
use serde_json::json;

#[tokio::test]
async fn the_newer_version_wins_when_create_and_update_arrive_together() -> anyhow::Result<()> {
    const PAIRS: usize = 16;
    let a = start().await?;
    let v = FakePeer::start().await?;
    let (p, vg) = (v.add_person("p")?, v.add_group("vg")?);
    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a.create_member("mia", Some((&buurt, Role::Member))).await?;
    crate::support::follow_fake_group(&a, &mia, &v, &vg, &v.url("accept/1")).await?;
    let inbox = a.url("/inbox");

    for i in 0..PAIRS {
        let url = v.url(&format!("post/{i}"));
        let first = page(
            &url,
            &p,
            &vg.id,
            &format!("Eerste versie {i}"),
            "Wie weet raad?",
        );
        let mut second = page(
            &url,
            &p,
            &vg.id,
            &format!("Tweede versie {i}"),
            "Wie weet raad?",
        );
        second["updated"] = json!("2026-11-20T10:05:00Z");
        v.serve(&url, second.clone());
        let create = activity("Create", &v.url(&format!("create/{i}")), &p.id, first);
        let update = activity("Update", &v.url(&format!("update/{i}")), &p.id, second);
        // Alternate which leaves first; both are in flight together either way.
        let (c, u) = if i % 2 == 0 {
            tokio::join!(
                v.post_signed(&p, &inbox, &create),
                v.post_signed(&p, &inbox, &update)
            )
        } else {
            let (u, c) = tokio::join!(
                v.post_signed(&p, &inbox, &update),
                v.post_signed(&p, &inbox, &create)
            );
            (c, u)
        };
        // A server error is retried by a real sender: do so once.
        if c? >= 500 {
            v.post_signed(&p, &inbox, &create).await?;
        }
        if u? >= 500 {
            v.post_signed(&p, &inbox, &update).await?;
        }
    }
    let (status, list) = a.get("/api/v1/dilemmas?limit=100", None).await?;
    assert_eq!(status, 200);
    let titles: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter(|d| {
            d["url"]
                .as_str()
                .is_some_and(|u| u.starts_with(v.url("post/").as_str()))
        })
        .filter_map(|d| d["title"].as_str())
        .collect();
    assert_eq!(titles.len(), PAIRS, "{list}");
    let older: Vec<&&str> = titles.iter().filter(|t| t.starts_with("Eerste")).collect();
    assert!(older.is_empty(), "the older version won: {older:?}");
    a.stop().await;
    v.stop().await;
    Ok(())
}
