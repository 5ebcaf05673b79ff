//! A hostile server at the federation boundary (issue 14): fake remote hosts, not Meent,
//! sign requests as their own actors and try to write in someone else's name, rewrite or
//! delete what is not theirs, or slip content in through a collective's announce. Each
//! attempt is answered 4xx and changes nothing a reader of this instance can see; the
//! honest versions of the same activities still work.
//!
//! Hosts: A (Meent), V (fake: people P and M, the collective VG that a member of A
//! follows, and VG2 whose follow is still pending), E (fake: the collective EG that nobody
//! here follows, and a person EP).

use meent_domain::Role;
use meent_testkit::{
    FakeActor, FakePeer, SignOptions, TestInstance, eventually,
    fake_peer::{activity, note, page},
    start,
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime};
use url::Url;

/// Everything a reader of `a` sees through its API: the dilemmas and each whole thread.
async fn observed(a: &TestInstance) -> Value {
    let (status, list) = a
        .get("/api/v1/dilemmas?limit=100", None)
        .await
        .expect("list");
    assert_eq!(status, 200, "{list}");
    let mut threads = Vec::new();
    for d in list.as_array().expect("an array") {
        let id = d["id"].as_i64().expect("an id");
        let (_, thread) = a
            .get(&format!("/api/v1/dilemmas/{id}"), None)
            .await
            .expect("thread");
        threads.push(thread);
    }
    json!({ "list": list, "threads": threads })
}

/// The local number of the dilemma with ActivityPub id `url`, once it is there.
async fn local_id(a: &TestInstance, url: &Url) -> i64 {
    eventually(&format!("{url} is stored"), || async {
        let (_, list) = a.get("/api/v1/dilemmas?limit=100", None).await.ok()?;
        list.as_array()?
            .iter()
            .find(|d| d["url"] == url.as_str())
            .and_then(|d| d["id"].as_i64())
    })
    .await
}

async fn thread(a: &TestInstance, id: i64) -> Value {
    let (status, body) = a
        .get(&format!("/api/v1/dilemmas/{id}"), None)
        .await
        .expect("thread");
    assert_eq!(status, 200, "{body}");
    body
}

/// Fresh activity ids on `peer`.
fn new_id(peer: &FakePeer, kind: &str) -> Url {
    peer.url(&format!(
        "activities/{}/{}",
        kind.to_lowercase(),
        uuid_like()
    ))
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("a{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// `inner` announced by `group`.
fn announce(peer: &FakePeer, group: &FakeActor, inner: Value) -> Value {
    activity("Announce", &new_id(peer, "announce"), &group.id, inner)
}

/// A signed POST that must be refused: 4xx, and nothing visible on `a` changed.
async fn refused(
    a: &TestInstance,
    what: &str,
    send: impl std::future::Future<Output = anyhow::Result<u16>>,
) {
    let before = observed(a).await;
    let status = send.await.expect("the request is answered");
    assert!(
        (400..500).contains(&status),
        "{what}: answered {status}, expected a refusal"
    );
    assert_eq!(observed(a).await, before, "{what}: something changed");
}

struct World {
    a: TestInstance,
    v: FakePeer,
    e: FakePeer,
    p: FakeActor,
    m: FakeActor,
    vg: FakeActor,
    eg: FakeActor,
    ep: FakeActor,
    inbox: Url,
    /// A member of A who coordinates `buurt` and follows VG.
    mia: String,
    /// A dilemma of A's collective `buurt`.
    local: (Url, i64),
    /// P's dilemma in VG, and P's solution to it, as stored on A.
    remote: (Url, i64),
    solution: Url,
}

async fn world() -> anyhow::Result<World> {
    let a = start().await?;
    let v = FakePeer::start().await?;
    let e = FakePeer::start().await?;
    let (p, m, vg) = (v.add_person("p")?, v.add_person("m")?, v.add_group("vg")?);
    let (eg, ep) = (e.add_group("eg")?, e.add_person("ep")?);
    let inbox = a.url("/inbox");

    let buurt = a.create_collective("buurt", true).await?;
    let (_, mia) = a
        .create_member("mia", Some((&buurt, Role::Coordinator)))
        .await?;
    let (status, posted) = a
        .send(
            Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &mia,
            Some(json!({ "title": "Wie mag de sleutel hebben?", "body": "Eén sleutelhouder of meer?", "themes": ["keys_and_access"] })),
        )
        .await?;
    assert_eq!(status, 201, "{posted}");
    let local = (
        Url::parse(posted["url"].as_str().expect("url"))?,
        posted["id"].as_i64().expect("id"),
    );

    // mia follows VG; VG accepts, as its server would.
    crate::support::follow_fake_group(&a, &mia, &v, &vg, &new_id(&v, "accept")).await?;

    // VG passes on P's dilemma and P's solution, honestly.
    let remote_url = v.url("post/1");
    let dilemma = page(
        &remote_url,
        &p,
        &vg.id,
        "Hoe komen we bij het budget?",
        "Wie weet hoe?",
    );
    v.serve(&remote_url, dilemma.clone());
    let create = activity("Create", &new_id(&v, "create"), &p.id, dilemma);
    assert_eq!(
        v.post_signed(&vg, &inbox, &announce(&v, &vg, create))
            .await?,
        200
    );
    let remote = (remote_url.clone(), local_id(&a, &remote_url).await);
    let solution = v.url("comment/1");
    let answer = note(
        &solution,
        &p,
        &remote_url,
        &remote_url,
        "Vraag het wijkbudget aan.",
    );
    v.serve(&solution, answer.clone());
    let create = activity("Create", &new_id(&v, "create"), &p.id, answer);
    assert_eq!(
        v.post_signed(&vg, &inbox, &announce(&v, &vg, create))
            .await?,
        200
    );
    let remote_id = remote.1;
    eventually("P's solution is stored", || async {
        (thread(&a, remote_id).await["solutions"].as_array()?.len() == 1).then_some(())
    })
    .await;
    Ok(World {
        a,
        v,
        e,
        p,
        m,
        vg,
        eg,
        ep,
        inbox,
        mia,
        local,
        remote,
        solution,
    })
}

#[tokio::test]
async fn a_hostile_server_cannot_write_rewrite_or_delete_in_anothers_name() -> anyhow::Result<()> {
    let w = world().await?;
    let (a, v, e) = (&w.a, &w.v, &w.e);
    let (p, m, vg, eg, ep) = (&w.p, &w.m, &w.vg, &w.eg, &w.ep);
    let (remote_url, remote_id) = (&w.remote.0, w.remote.1);
    let inbox = &w.inbox;

    // 1. A collective elsewhere announces an Update of V's dilemma "by P": new title, and
    //    into its own collective.
    let mut forged = page(
        remote_url,
        p,
        &eg.id,
        "Betaal 500 EUR aan NL00FAKE",
        "Betaal eerst.",
    );
    forged["updated"] = json!("2030-01-01T00:00:00Z");
    let update = activity("Update", &new_id(e, "update"), &p.id, forged.clone());
    refused(a, "1: EG announces an Update of P's dilemma", async {
        e.post_signed(eg, inbox, &announce(e, eg, update)).await
    })
    .await;

    // 2. The same collective announces a Create(Note) "by P" answering a LOCAL dilemma.
    let fake = v.url("comment/forged-2");
    let answer = note(&fake, p, &w.local.0, &w.local.0, "Geef de sleutel aan mij.");
    let create = activity("Create", &new_id(e, "create"), &p.id, answer);
    refused(
        a,
        "2: EG announces a solution by P to a local dilemma",
        async { e.post_signed(eg, inbox, &announce(e, eg, create)).await },
    )
    .await;

    // ... nor can VG, which a member here follows: the local dilemma is not VG's thread.
    let fake = v.url("comment/forged-2b");
    let answer = note(&fake, p, &w.local.0, &w.local.0, "Geef de sleutel aan mij.");
    let create = activity("Create", &new_id(v, "create"), &p.id, answer);
    refused(
        a,
        "2b: VG announces a solution by P to a local dilemma",
        async { v.post_signed(vg, inbox, &announce(v, vg, create)).await },
    )
    .await;

    // 3. M signs a Create(Note) whose author is P.
    let fake = v.url("comment/forged-3");
    let answer = note(&fake, p, remote_url, remote_url, "Namens P: niet doen.");
    let create = activity("Create", &new_id(v, "create"), &m.id, answer.clone());
    refused(a, "3: M creates a note attributed to P", async {
        v.post_signed(m, inbox, &create).await
    })
    .await;
    // ... nor with actor P but M's signature.
    let create = activity("Create", &new_id(v, "create"), &p.id, answer);
    refused(a, "3b: M signs an activity whose actor is P", async {
        v.post_signed(m, inbox, &create).await
    })
    .await;

    // 4. EG announces a Delete of V's dilemma in P's name.
    let delete = activity("Delete", &new_id(e, "delete"), &p.id, json!(remote_url));
    refused(a, "4: EG announces P's Delete of P's dilemma", async {
        e.post_signed(eg, inbox, &announce(e, eg, delete)).await
    })
    .await;

    // 5a. EG, followed by nobody, announces a Like "by" mia, a local member.
    let mia_url = a.url("/u/mia");
    let like = activity("Like", &new_id(e, "like"), &mia_url, json!(remote_url));
    refused(a, "5a: EG announces a like by a local member", async {
        e.post_signed(eg, inbox, &announce(e, eg, like)).await
    })
    .await;

    // ... nor can VG, which is followed: a local member's activities are written here only.
    let like = activity("Like", &new_id(v, "like"), &mia_url, json!(remote_url));
    refused(a, "5a-b: VG announces a like by a local member", async {
        v.post_signed(vg, inbox, &announce(v, vg, like)).await
    })
    .await;

    // 5b. M updates P's solution (same host, another person), dated in the future.
    let mut edited = note(&w.solution, p, remote_url, remote_url, "Doe niets.");
    edited["updated"] = json!("2030-01-01T00:00:00Z");
    let update = activity("Update", &new_id(v, "update"), &m.id, edited.clone());
    refused(a, "5b: M updates P's solution", async {
        v.post_signed(m, inbox, &update).await
    })
    .await;

    // 6. A request signed with a Date a year ahead. The activity itself is honest (P's new
    //    solution): only the date is wrong, and it is taken once the date is right.
    let year = Duration::from_secs(365 * 24 * 3600);
    let honest_url = v.url("comment/honest-6");
    let honest = note(
        &honest_url,
        p,
        remote_url,
        remote_url,
        "Begin bij de wijkraad.",
    );
    let create_honest = activity("Create", &new_id(v, "create"), &p.id, honest);
    refused(a, "6: a Date one year in the future", async {
        let options = SignOptions {
            date: Some(SystemTime::now() + year),
            ..Default::default()
        };
        v.post_signed_with(p, inbox, &create_honest, options).await
    })
    .await;

    // 7. P deletes a LOCAL dilemma.
    let delete = activity("Delete", &new_id(v, "delete"), &p.id, json!(w.local.0));
    refused(a, "7: P deletes a dilemma of this instance", async {
        v.post_signed(p, inbox, &delete).await
    })
    .await;

    // 8. P likes the dilemma honestly; M tries to undo P's like.
    let like_id = new_id(v, "like");
    let like = activity("Like", &like_id, &p.id, json!(remote_url));
    assert_eq!(v.post_signed(p, inbox, &like).await?, 200);
    assert_eq!(thread(a, remote_id).await["likes"], 1);
    let undo = activity("Undo", &new_id(v, "undo"), &m.id, like.clone());
    refused(a, "8: M undoes P's like", async {
        v.post_signed(m, inbox, &undo).await
    })
    .await;

    // 9. mia asks to follow VG2 (no answer yet); M, not VG2, accepts it.
    let vg2 = v.add_group("vg2")?;
    let (status, _) = a
        .send(
            Method::POST,
            "/api/v1/me/follows",
            &w.mia,
            Some(json!({ "target": vg2.id })),
        )
        .await?;
    assert!(status == 201 || status == 200);
    let follow = eventually("A sends its Follow to VG2", || async {
        v.inbox_posts()
            .into_iter()
            .find(|b| b["type"] == "Follow" && b["object"] == vg2.id.as_str())
    })
    .await;
    let accept = activity("Accept", &new_id(v, "accept"), &m.id, follow);
    let status = v.post_signed(m, inbox, &accept).await?;
    assert!((400..500).contains(&status), "9: answered {status}");
    let (_, follows) = a.get("/api/v1/me/follows", Some(&w.mia)).await?;
    let state = follows
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|f| f["collective"]["url"] == vg2.id.as_str())
        })
        .map(|f| f["state"].clone());
    assert_eq!(state, Some(json!("pending")), "9: {follows}");

    // 10. VG announces a Create(Note) by EP (another server) whose server does not have it.
    let elsewhere = e.url("comment/not-there");
    let answer = note(
        &elsewhere,
        ep,
        remote_url,
        remote_url,
        "Verzonnen antwoord.",
    );
    let create = activity("Create", &new_id(e, "create"), &ep.id, answer.clone());
    refused(
        a,
        "10: an announced note its own server does not serve",
        async {
            v.post_signed(vg, inbox, &announce(v, vg, create.clone()))
                .await
        },
    )
    .await;

    // 11. The same honest activity with the wrong media type; 12. signed with M's key and
    //     keyId in P's name.
    refused(a, "11: text/plain", async {
        let options = SignOptions {
            content_type: Some("text/plain".into()),
            ..Default::default()
        };
        v.post_signed_with(p, inbox, &create_honest, options).await
    })
    .await;
    refused(a, "12: P's activity with M's keyId and key", async {
        let options = SignOptions {
            key_id: Some(m.key_id()),
            ..Default::default()
        };
        v.post_signed_with(m, inbox, &create_honest, options).await
    })
    .await;
    // ... and with P's keyId but M's key.
    refused(a, "12b: P's keyId, M's signature", async {
        let options = SignOptions {
            key_id: Some(p.key_id()),
            ..Default::default()
        };
        v.post_signed_with(m, inbox, &create_honest, options).await
    })
    .await;

    // 14. P places a new dilemma in EG, a collective on another server, by naming it.
    let placed = v.url("post/placed");
    let dilemma = page(
        &placed,
        p,
        &eg.id,
        "Geplaatst bij een ander",
        "Niet via EG.",
    );
    v.serve(&placed, dilemma.clone());
    let create = activity("Create", &new_id(v, "create"), &p.id, dilemma);
    refused(
        a,
        "14: a dilemma placed in another server's collective",
        async { v.post_signed(p, inbox, &create).await },
    )
    .await;

    // 13. EG announces a dilemma of its own thread, but nobody here follows EG.
    let theirs = e.url("post/eg-1");
    let dilemma = page(&theirs, ep, &eg.id, "Koop onze cursus", "Nu met korting.");
    e.serve(&theirs, dilemma.clone());
    let create = activity("Create", &new_id(e, "create"), &ep.id, dilemma);
    refused(
        a,
        "13: an announce by a collective nobody here follows",
        async { e.post_signed(eg, inbox, &announce(e, eg, create)).await },
    )
    .await;

    // The honest versions still work. P's solution, signed now and as JSON-LD, is taken.
    assert_eq!(v.post_signed(p, inbox, &create_honest).await?, 200);
    eventually("P's second solution is stored", || async {
        let t = thread(a, remote_id).await;
        t["solutions"]
            .as_array()?
            .iter()
            .any(|s| s["url"] == honest_url.as_str())
            .then_some(())
    })
    .await;
    // EP's server serves the note: VG's announce is taken.
    e.serve(&elsewhere, answer.clone());
    let create = activity("Create", &new_id(e, "create"), &ep.id, answer);
    assert_eq!(
        v.post_signed(vg, inbox, &announce(v, vg, create)).await?,
        200
    );
    eventually("EP's confirmed note is stored", || async {
        let t = thread(a, remote_id).await;
        t["solutions"]
            .as_array()?
            .iter()
            .any(|s| s["url"] == elsewhere.as_str())
            .then_some(())
    })
    .await;
    // P edits P's own dilemma.
    let mut own = page(
        remote_url,
        p,
        &vg.id,
        "Hoe komen we bij het wijkbudget?",
        "Bijgewerkt.",
    );
    own["updated"] = json!("2026-11-21T10:00:00Z");
    let update = activity("Update", &new_id(v, "update"), &p.id, own);
    assert_eq!(v.post_signed(p, inbox, &update).await?, 200);
    eventually("P's edit is shown", || async {
        (thread(a, remote_id).await["dilemma"]["title"] == "Hoe komen we bij het wijkbudget?")
            .then_some(())
    })
    .await;
    // P edits P's own solution.
    let mut own = note(
        &w.solution,
        p,
        remote_url,
        remote_url,
        "Vraag het wijkbudget vóór 1 maart aan.",
    );
    own["updated"] = json!("2026-11-21T11:00:00Z");
    let update = activity("Update", &new_id(v, "update"), &p.id, own);
    assert_eq!(v.post_signed(p, inbox, &update).await?, 200);
    eventually("P's edit of the solution is shown", || async {
        let t = thread(a, remote_id).await;
        t["solutions"]
            .as_array()?
            .iter()
            .any(|s| {
                s["url"] == w.solution.as_str()
                    && s["content"].as_str().is_some_and(|c| c.contains("1 maart"))
            })
            .then_some(())
    })
    .await;
    // P takes P's like back.
    let undo = activity("Undo", &new_id(v, "undo"), &p.id, like);
    assert_eq!(v.post_signed(p, inbox, &undo).await?, 200);
    assert_eq!(thread(a, remote_id).await["likes"], 0);
    // VG, whose thread it is, removes P's solution (moderation).
    let delete = activity("Delete", &new_id(v, "delete"), &vg.id, json!(w.solution));
    assert_eq!(v.post_signed(vg, inbox, &delete).await?, 200);
    eventually("VG's removal of P's solution is shown", || async {
        let t = thread(a, remote_id).await;
        let left = t["solutions"].as_array()?;
        (!left.iter().any(|s| s["url"] == w.solution.as_str())).then_some(())
    })
    .await;

    w.a.stop().await;
    w.v.stop().await;
    w.e.stop().await;
    Ok(())
}

/// A collective's profile is changed only by the collective: an `Update` of another
/// group's `Group`, or of one of ours, is refused and changes nothing; the group's own is
/// taken.
#[tokio::test]
async fn only_a_group_changes_its_own_profile() -> anyhow::Result<()> {
    let a = meent_testkit::start().await?;
    let (_, anna) = crate::support::collective_with_member(&a, "huis", "anna").await;
    let peer = meent_testkit::FakePeer::start().await?;
    let tuin = peer.add_group("tuin")?;
    let other = peer.add_group("buren")?;
    crate::support::follow_fake_group(&a, &anna, &peer, &tuin, &peer.url("/accept/1")).await?;
    let renamed = |group: &meent_testkit::FakeActor, name: &str| {
        let mut doc = group.document();
        doc["name"] = serde_json::json!(name);
        doc
    };
    let update = |n: u32, actor: &url::Url, object: serde_json::Value| {
        meent_testkit::fake_peer::activity(
            "Update",
            &peer.url(&format!("/update/{n}")),
            actor,
            object,
        )
    };
    // Another group claims to rename tuin; tuin's server claims to rename our collective.
    let forged = update(1, &other.id, renamed(&tuin, "Overgenomen"));
    assert_eq!(
        peer.post_signed(&other, &a.url("/inbox"), &forged).await?,
        403
    );
    let mut ours = renamed(&tuin, "Van ons");
    ours["id"] = serde_json::json!(a.url("/c/huis"));
    let hijack = update(2, &tuin.id, ours);
    assert_eq!(
        peer.post_signed(&tuin, &a.url("/inbox"), &hijack).await?,
        403
    );
    let name_of_tuin = || async {
        let (_, follows) = a
            .get("/api/v1/me/follows", Some(&anna))
            .await
            .expect("follows");
        follows[0]["collective"]["display_name"].clone()
    };
    assert_eq!(name_of_tuin().await, "tuin");
    let (_, huis) = a.get("/api/v1/collectives/huis", None).await?;
    assert_ne!(huis["display_name"], "Van ons", "{huis}");

    // Its own Update is taken.
    let own = update(3, &tuin.id, renamed(&tuin, "Tuinclub Noord"));
    assert_eq!(peer.post_signed(&tuin, &a.url("/inbox"), &own).await?, 200);
    assert_eq!(name_of_tuin().await, "Tuinclub Noord");
    Ok(())
}
