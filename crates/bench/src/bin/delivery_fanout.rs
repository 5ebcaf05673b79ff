//! One activity delivered to 1,000 inboxes on loopback (SPEC §6: ≤ 2 s on 2 cores).
//!
//! An instance's collective gets 1,000 followers whose inboxes are served by a small
//! counting server on this machine; a member posts one public dilemma, and the clock runs
//! from the post until every inbox has received its Announce. (The collective also sends
//! `Announce(Page)` for Mastodon-like servers; those are counted separately.) All 1,000
//! inboxes are on one host, so the per-instance concurrency is raised to 64 for the run.
//! Run with `cargo run --release -p meent-bench --bin delivery_fanout`.

use actix_web::{App, HttpResponse, HttpServer, web};
use meent_db::queries::{follows, members};
use meent_domain::Role;
use std::{
    collections::HashSet,
    net::TcpListener,
    sync::Mutex,
    time::{Duration, Instant},
};

const INBOXES: usize = 1000;

#[derive(Default)]
struct Received {
    announce_create: HashSet<usize>,
    announce_page: HashSet<usize>,
}

async fn inbox(
    n: web::Path<usize>,
    body: web::Bytes,
    received: web::Data<Mutex<Received>>,
) -> HttpResponse {
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let mut r = received.lock().unwrap_or_else(|p| p.into_inner());
    if json["object"]["type"] == "Create" {
        r.announce_create.insert(*n);
    } else {
        r.announce_page.insert(*n);
    }
    HttpResponse::Accepted().finish()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let received = web::Data::new(Mutex::new(Received::default()));
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let sink_port = listener.local_addr()?.port();
    let data = received.clone();
    let sink = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/inbox/{n}", web::post().to(inbox))
    })
    .workers(1)
    .listen(listener)?
    .run();
    let sink_handle = sink.handle();
    tokio::spawn(sink);

    let a = meent_testkit::start_with(|c| {
        c.http.workers = 1;
        c.federation.delivery_concurrency = 64;
    })
    .await?;
    let buurt = a.create_collective("buurt", true).await?;
    let (_, token) = a.create_member("mia", Some((&buurt, Role::Member))).await?;

    let now = meent_db::now();
    let mut tx = a.ctx().db.begin().await?;
    let c = &mut tx.conn();
    for i in 0..INBOXES {
        let ap_id = format!("http://localhost:{sink_port}/u/{i}");
        let m = members::upsert_remote(
            c,
            &members::MemberForm {
                ap_id,
                local: false,
                name: format!("f{i}"),
                display_name: format!("Volger {i}"),
                summary: String::new(),
                inbox_url: format!("http://localhost:{sink_port}/inbox/{i}"),
                shared_inbox_url: None,
                public_key: String::new(),
                private_key: None,
                last_refreshed_at: now,
                updated_at: now,
            },
        )
        .await?;
        follows::upsert(
            c,
            m.id,
            buurt.id,
            "accepted",
            &format!("http://localhost:{sink_port}/follow/{i}"),
            now,
        )
        .await?;
    }
    tx.commit().await?;

    let started = Instant::now();
    let (status, body) = a
        .send(
            reqwest::Method::POST,
            "/api/v1/collectives/buurt/dilemmas",
            &token,
            Some(serde_json::json!({ "title": "Wie beheert de sleutel?", "body": "…", "themes": ["keys_and_access"] })),
        )
        .await?;
    anyhow::ensure!(status == 201, "posting failed: {body}");
    let deadline = started + Duration::from_secs(60);
    let (create_done, page_done) = loop {
        let (c, p) = {
            let r = received.lock().unwrap_or_else(|p| p.into_inner());
            (r.announce_create.len(), r.announce_page.len())
        };
        if c == INBOXES || Instant::now() > deadline {
            break (c, p);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let elapsed = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        create_done == INBOXES,
        "only {create_done} of {INBOXES} inboxes reached in 60 s"
    );
    println!("inboxes reached: {create_done} (Announce(Page) so far: {page_done})");
    meent_bench::report("one activity to 1,000 inboxes", elapsed, "s", 2.0, true);

    // The instance first: it is still sending the extra Announce(Page)s, which would fail
    // (and be logged as failures) if the inboxes went away before it.
    a.stop().await;
    sink_handle.stop(false).await;
    Ok(())
}
