//! Beheer in the browser (issue 19 §7): an administrator creates a further collective and
//! edits any collective's profile through the pages; the actor another server fetches, the
//! search index, a plain ActivityPub follower (an `Update` of the `Group`) and a Meent
//! follower carry the new profile; a member who is not an administrator may not; two
//! collectives cannot end up with one name.

use crate::web_support::{register, set_up, write_dilemma};
use meent_testkit::{FakePeer, eventually, start_with};
use reqwest::header;

#[tokio::test]
async fn an_administrator_creates_and_edits_collectives_in_the_pages() -> anyhow::Result<()> {
    let a = start_with(|c| c.instance.registration = meent_domain::RegistrationMode::Open).await?;
    let mut admin = set_up(&a).await;
    let manage = admin.get("/manage").await?;
    assert!(
        manage.body.contains("href=\"/admin/collectives/new\""),
        "{}",
        manage.body
    );
    assert!(
        manage
            .body
            .contains("href=\"/admin/collectives/buurtkamer\""),
        "{}",
        manage.body
    );

    let made = admin
        .post(
            "/admin/collectives",
            &[
                ("display_name", "Huurders West"),
                ("name", "huurderswest"),
                ("kind", "tenants_committee"),
                ("summary", "De huurders van blok West."),
                ("municipality", "Utrecht"),
                ("neighbourhood", "Lombok"),
            ],
        )
        .await?;
    assert_eq!(made.status, 303, "{}", made.body);
    let taken = admin
        .post(
            "/admin/collectives",
            &[
                ("display_name", "huurders west"),
                ("name", "hw2"),
                ("kind", "tenants_committee"),
            ],
        )
        .await?;
    assert_eq!(taken.status, 422, "{}", taken.body);
    assert!(taken.body.contains("al in gebruik"), "{}", taken.body);

    // The first collective's profile, changed; a dilemma of it is found under the new name,
    // and its followers elsewhere are told.
    write_dilemma(&mut admin, "Wie beheert de sleutel?").await;
    let peer = FakePeer::start().await?;
    a.fake_follower(&peer, "gina", "buurtkamer").await?;
    let b = meent_testkit::start().await?;
    let (_, bob) = b.create_member("bob", None).await?;
    crate::support::follow_accepted(&b, &bob, &a.handle("buurtkamer")).await;
    let form = admin.get("/admin/collectives/buurtkamer").await?;
    assert!(
        form.body.contains("value=\"Buurtkamer Oost\""),
        "filled in: {}",
        form.body
    );
    let saved = admin
        .post(
            "/admin/collectives/buurtkamer",
            &[
                ("display_name", "Buurtkamer Oost-Zuid"),
                ("kind", "residents_initiative"),
                ("summary", "Nu ook voor Zuid."),
                ("municipality", "Utrecht"),
                ("neighbourhood", ""),
            ],
        )
        .await?;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let clash = admin
        .post(
            "/admin/collectives/buurtkamer",
            &[
                ("display_name", "Huurders West"),
                ("kind", "residents_initiative"),
            ],
        )
        .await?;
    assert_eq!(clash.status, 422, "{}", clash.body);

    let update = eventually("the plain follower gets an Update of the Group", || async {
        peer.inbox_posts()
            .into_iter()
            .find(|p| p["type"] == "Update" && p["object"]["type"] == "Group")
    })
    .await;
    assert_eq!(update["actor"], a.url("/c/buurtkamer").as_str(), "{update}");
    assert_eq!(update["object"]["name"], "Buurtkamer Oost-Zuid", "{update}");
    eventually("B knows the new name", || async {
        let (_, follows) = b.get("/api/v1/me/follows", Some(&bob)).await.ok()?;
        (follows[0]["collective"]["display_name"] == "Buurtkamer Oost-Zuid").then_some(())
    })
    .await;

    // What another server fetches.
    let actor: serde_json::Value = a
        .http
        .get(a.url("/c/buurtkamer"))
        .header(header::ACCEPT, "application/activity+json")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(actor["name"], "Buurtkamer Oost-Zuid", "{actor}");
    assert!(
        actor["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Nu ook voor Zuid.")),
        "{actor}"
    );
    eventually("the index knows the new name", || async {
        let (_, found) = a.get("/api/v1/search?q=sleutel", None).await.ok()?;
        (found["hits"][0]["collective"]["display_name"] == "Buurtkamer Oost-Zuid").then_some(())
    })
    .await;

    // A member who is not an administrator may not.
    let mut ria = register(&a, "ria").await;
    assert_eq!(ria.get("/admin/collectives/new").await?.status, 403);
    let refused = ria
        .post(
            "/admin/collectives/buurtkamer",
            &[("display_name", "Van Ria"), ("kind", "core_group")],
        )
        .await?;
    assert_eq!(refused.status, 403);
    let (_, listed) = a.get("/api/v1/collectives", None).await?;
    assert!(!listed.to_string().contains("Van Ria"), "{listed}");
    Ok(())
}
