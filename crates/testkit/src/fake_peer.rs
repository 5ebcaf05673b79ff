//! A fake remote server for tests whose other party must not be Meent's own code: it serves
//! whatever JSON a test puts at a path (actors with real keys, objects, activities, or a
//! 404/410 for things that are gone), records every request it receives, and signs POSTs to
//! Meent inboxes as any of its actors — honestly, or in the ways a hostile server would
//! (another actor's key, a date far off, a wrong media type).

mod actor;
mod server;

pub use actor::FakeActor;

use crate::signing::{SignOptions, sign_get_covering, sign_post_with};
use anyhow::Context;
use serde_json::{Value, json};
use server::{Recorded, Shared};
use std::net::TcpListener;
use url::Url;

/// One running fake server at `http://localhost:PORT/`.
pub struct FakePeer {
    base: Url,
    shared: Shared,
    /// `None` while it is down.
    handle: Option<actix_web::dev::ServerHandle>,
    http: reqwest::Client,
}

impl FakePeer {
    /// Starts a fake server on a random port.
    pub async fn start() -> anyhow::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let base = Url::parse(&format!("http://localhost:{port}/"))?;
        let shared = Shared::default();
        let handle = server::run(listener, shared.clone())?;
        Ok(Self {
            base,
            shared,
            handle: Some(handle),
            http: reqwest::Client::new(),
        })
    }

    /// Goes down as a crashed server does: its port refuses connections until
    /// [`come_back`](Self::come_back). What it recorded and serves is kept.
    pub async fn go_down(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.stop(false).await;
        }
    }

    /// Serves again on the same port.
    pub fn come_back(&mut self) -> anyhow::Result<()> {
        if self.handle.is_none() {
            let port = self.base.port().context("the fake peer's port")?;
            let listener = TcpListener::bind(("127.0.0.1", port))
                .with_context(|| format!("binding port {port} again"))?;
            self.handle = Some(server::run(listener, self.shared.clone())?);
        }
        Ok(())
    }

    /// Answers every inbox POST only after `delay`, as a slow server does.
    pub fn set_inbox_delay(&self, delay: std::time::Duration) {
        self.shared.set_inbox_delay(delay);
    }

    /// `localhost:PORT`.
    pub fn domain(&self) -> String {
        match self.base.port() {
            Some(p) => format!("localhost:{p}"),
            None => "localhost".into(),
        }
    }

    /// The absolute URL of `path` on this server.
    pub fn url(&self, path: &str) -> Url {
        self.base
            .join(path.trim_start_matches('/'))
            .expect("a path joins onto the base URL")
    }

    /// Serves `body` as `application/activity+json` at the path of `url` (200).
    pub fn serve(&self, url: &Url, body: Value) {
        self.serve_status(url, 200, body);
    }

    /// Serves `body` at the path of `url` with `status`.
    pub fn serve_status(&self, url: &Url, status: u16, body: Value) {
        self.shared.put(url.path(), status, body);
    }

    /// Serves `body` at the path of `url` only to requests that accept `application/json`;
    /// others get 406, as GoToSocial answers for its NodeInfo.
    pub fn serve_json_only(&self, url: &Url, body: Value) {
        self.shared.put_json_only(url.path(), body);
    }

    /// Stops serving the path of `url`: it answers 404 from now on.
    pub fn forget(&self, url: &Url) {
        self.shared.remove(url.path());
    }

    /// A person at `/u/{name}` with a key of its own, served as ActivityPub JSON.
    pub fn add_person(&self, name: &str) -> anyhow::Result<FakeActor> {
        let actor = FakeActor::new(self, "Person", &format!("u/{name}"), name)?;
        self.serve(&actor.id, actor.document());
        self.serve(&actor.followers, collection(&actor.followers, &[]));
        self.serve(&actor.outbox, collection(&actor.outbox, &[]));
        Ok(actor)
    }

    /// A group (a collective, or a Lemmy community) at `/c/{name}`.
    pub fn add_group(&self, name: &str) -> anyhow::Result<FakeActor> {
        let actor = FakeActor::new(self, "Group", &format!("c/{name}"), name)?;
        self.serve(&actor.id, actor.document());
        self.serve(&actor.followers, collection(&actor.followers, &[]));
        self.serve(&actor.outbox, collection(&actor.outbox, &[]));
        Ok(actor)
    }

    /// Answers every POST from now on with `status` and `body`, as a peer that refuses
    /// what it is sent does (Lemmy answers 400 with a JSON error).
    pub fn refuse_posts(&self, status: u16, body: &str) {
        self.shared.set_post_answer(status, body);
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests()
    }

    /// The bodies of the POSTs received at any path ending in `/inbox`.
    pub fn inbox_posts(&self) -> Vec<Value> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("inbox"))
            .filter_map(|r| r.body)
            .collect()
    }

    /// How often each activity reached an inbox here, by activity id (Accepts, which
    /// answer this server's own follows, left out).
    pub fn arrivals(&self) -> std::collections::HashMap<String, usize> {
        let mut seen = std::collections::HashMap::new();
        for body in self.inbox_posts() {
            if body["type"] == "Accept" {
                continue;
            }
            if let Some(id) = body["id"].as_str() {
                *seen.entry(id.to_owned()).or_insert(0) += 1;
            }
        }
        seen
    }

    /// How many GETs of paths starting with `prefix` were received.
    pub fn get_count(&self, prefix: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path.starts_with(prefix))
            .count()
    }

    /// POSTs `body` to `inbox`, signed by `actor` as an honest server would.
    pub async fn post_signed(
        &self,
        actor: &FakeActor,
        inbox: &Url,
        body: &Value,
    ) -> anyhow::Result<u16> {
        self.post_signed_with(actor, inbox, body, SignOptions::default())
            .await
    }

    /// POSTs `body` to `inbox` signed with `actor`'s key, changing what `options` says.
    pub async fn post_signed_with(
        &self,
        actor: &FakeActor,
        inbox: &Url,
        body: &Value,
        options: SignOptions,
    ) -> anyhow::Result<u16> {
        let bytes = serde_json::to_vec(body)?;
        let key_id = options.key_id.clone().unwrap_or_else(|| actor.key_id());
        let signed = sign_post_with(inbox, &bytes, &key_id, actor.private_key_pem(), &options)?;
        let mut request = self.http.post(inbox.clone()).body(bytes);
        for (name, value) in &signed.headers {
            if name != "host" {
                request = request.header(name, value);
            }
        }
        let response = request.send().await.context("posting to an inbox")?;
        Ok(response.status().as_u16())
    }

    /// GETs `url` as ActivityPub JSON, signed by `actor` the way GoToSocial signs fetches
    /// (no digest, key id `<actor>/main-key`): the status and the body.
    pub async fn get_signed_like_gotosocial(
        &self,
        actor: &FakeActor,
        url: &Url,
    ) -> anyhow::Result<(u16, String)> {
        self.get_signed(actor, url, &format!("{}/main-key", actor.id))
            .await
    }

    /// GETs `url` signed with `actor`'s key as GoToSocial signs, naming `key_id` (which a
    /// forger sets to another actor's key).
    pub async fn get_signed(
        &self,
        actor: &FakeActor,
        url: &Url,
        key_id: &str,
    ) -> anyhow::Result<(u16, String)> {
        self.get_signed_covering(actor, url, key_id, true).await
    }

    /// GETs `url` with a signature that covers no time and no `Date` header: one that a
    /// listener could replay for ever.
    pub async fn get_signed_undated(
        &self,
        actor: &FakeActor,
        url: &Url,
    ) -> anyhow::Result<(u16, String)> {
        self.get_signed_covering(actor, url, &format!("{}/main-key", actor.id), false)
            .await
    }

    async fn get_signed_covering(
        &self,
        actor: &FakeActor,
        url: &Url,
        key_id: &str,
        dated: bool,
    ) -> anyhow::Result<(u16, String)> {
        let mut request = self
            .http
            .get(url.clone())
            .header("accept", "application/activity+json");
        for (name, value) in sign_get_covering(url, key_id, actor.private_key_pem(), dated)? {
            request = request.header(name, value);
        }
        let response = request.send().await.context("fetching a document")?;
        let status = response.status().as_u16();
        Ok((status, response.text().await?))
    }

    /// Stops the server.
    pub async fn stop(mut self) {
        self.go_down().await;
    }
}

/// An `OrderedCollection` at `id` holding `items` in order.
pub fn collection(id: &Url, items: &[Value]) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "OrderedCollection",
        "id": id,
        "totalItems": items.len(),
        "orderedItems": items,
    })
}

/// A `Page` (a dilemma, or a Lemmy post) by `author` in `group`.
pub fn page(id: &Url, author: &FakeActor, group: &Url, title: &str, text: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Page",
        "id": id,
        "attributedTo": author.id,
        "to": [group, "https://www.w3.org/ns/activitystreams#Public"],
        "cc": [],
        "audience": group,
        "name": title,
        "content": format!("<p>{text}</p>"),
        "mediaType": "text/html",
        "published": "2026-11-20T10:00:00Z",
    })
}

/// A `Note` (a solution or comment) by `author` answering `in_reply_to` in thread `context`.
pub fn note(id: &Url, author: &FakeActor, in_reply_to: &Url, context: &Url, text: &str) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Note",
        "id": id,
        "attributedTo": author.id,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [],
        "inReplyTo": in_reply_to,
        "context": context,
        "content": format!("<p>{text}</p>"),
        "mediaType": "text/html",
        "published": "2026-11-20T11:00:00Z",
    })
}

/// An activity of `kind` with `id` by `actor` about `object`, addressed to the public.
pub fn activity(kind: &str, id: &Url, actor: &Url, object: Value) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": kind,
        "id": id,
        "actor": actor,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [],
        "object": object,
    })
}
