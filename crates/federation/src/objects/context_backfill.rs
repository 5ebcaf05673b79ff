//! Thread backfill (FEP-f228): when a remote dilemma is stored for the first time, the rest
//! of its thread is fetched from the `context` collection it names (FEP-7888). Without it an
//! instance that learns of a dilemma late (an answer to an unknown dilemma, a newly followed
//! collective's outbox, a URL pasted into search) would show the dilemma without its
//! answers until new ones arrive.
//!
//! The collection is read only for the ids it lists: each item is dereferenced through
//! `ObjectId`, so it is fetched from its origin and checked and stored exactly as an answer
//! received in the inbox. Embedded copies are never trusted.

use super::{
    ApNote,
    backfill_queue::{BackfillLimits, BackfillQueue},
};
use crate::FederationError;
use activitypub_federation::{
    config::Data,
    fetch::{fetch_object_http, object_id::ObjectId},
};
use meent_app::AppContext;
use meent_db::queries::{confirmations, dilemmas, replies};
use serde::Deserialize;
use serde_json::Value;
use std::{collections::HashSet, sync::Arc};
use url::Url;

/// At most this many collection pages are read (the collection itself counts as one).
pub(crate) const MAX_PAGES: usize = 10;

/// The instance's backfill queue (installed by `build`; made with the default limits if a
/// context was built otherwise).
fn queue_of(data: &AppContext) -> Arc<BackfillQueue> {
    if let Some(queue) = data.extension::<BackfillQueue>() {
        return queue;
    }
    data.set_extension(BackfillQueue::new(BackfillLimits::default()));
    data.extension::<BackfillQueue>()
        .unwrap_or_else(|| Arc::new(BackfillQueue::new(BackfillLimits::default())))
}

/// A collection or collection page, as far as backfill reads it. Which fields are present
/// decides how it is read: items inline (`orderedItems` or `items`), or pages from `first`
/// along `next`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CollectionDoc {
    #[serde(default)]
    ordered_items: Option<Value>,
    #[serde(default)]
    items: Option<Value>,
    /// A page's URL, or the page itself embedded (as Mastodon does).
    #[serde(default)]
    first: Option<Value>,
    #[serde(default)]
    next: Option<Value>,
}

/// Whether two URLs are on the same host and port (ports matter: in debug mode several
/// instances share `localhost`).
pub(crate) fn same_host(a: &Url, b: &Url) -> bool {
    a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// Starts fetching the thread of the remote dilemma `dilemma` (its id) from `context`, in
/// the background: whoever stored the dilemma (an inbox request, a search) does not wait
/// for it, and its failure only ends up in the log.
pub(crate) fn spawn(dilemma: Url, context: Url, data: &Data<AppContext>) {
    if !same_host(&dilemma, &context) {
        // Only the dilemma's own server may say what is in its thread.
        tracing::info!(%dilemma, %context, "context collection on another host than the dilemma: not read");
        return;
    }
    // Following a collective can bring many new dilemmas at once, and a hostile server can
    // make up any number: their threads are fetched a few at a time, and when too many wait
    // the rest are dropped (they still show whatever arrives later).
    let queue = queue_of(data);
    let host = context.host_str().unwrap_or_default().to_owned();
    let Some(ticket) = queue.admit(&host) else {
        tracing::info!(%dilemma, %host, "too many thread backfills waiting: this one is dropped");
        return;
    };
    let max_items = queue.limits().items_per_dilemma;
    let data = data.reset_request_count();
    tokio::spawn(ticket.run(async move {
        match backfill(&dilemma, &context, max_items, &data).await {
            Ok(stored) => {
                tracing::debug!(%dilemma, stored, "thread backfilled from its context collection")
            }
            Err(e) => {
                tracing::info!(%dilemma, %context, error = %e, "thread backfill failed")
            }
        }
    }));
}

/// Reads the ids in `context` and dereferences those not known yet; returns how many were
/// stored. One item failing (gone, refused, unreachable) does not stop the others.
async fn backfill(
    dilemma: &Url,
    context: &Url,
    max_items: usize,
    data: &Data<AppContext>,
) -> Result<usize, FederationError> {
    let ids = collect_ids(dilemma, context, max_items, |url| async move {
        fetch(&url, data).await
    })
    .await?;
    let mut stored = 0;
    for id in ids {
        if &id == dilemma || data.urls().is_local(&id) || is_known(&id, data).await? {
            continue;
        }
        // Each item gets its own fetch budget, as an incoming activity would: an answer
        // deep in a comment chain may need its parents and authors fetched too.
        match ObjectId::<ApNote>::from(id.clone())
            .dereference(&data.reset_request_count())
            .await
        {
            Ok(_) => stored += 1,
            Err(e) => tracing::debug!(%id, error = %e, "thread item not stored"),
        }
    }
    Ok(stored)
}

/// The item ids of the collection at `context`, in order and without repeats, from at most
/// `MAX_PAGES` documents and at most `max_items` items. Pages must stay on the dilemma's
/// host. `fetch` reads one document (a parameter so that paging can be tested without a
/// server).
async fn collect_ids<F, Fut>(
    dilemma: &Url,
    context: &Url,
    max_items: usize,
    mut fetch: F,
) -> Result<Vec<Url>, FederationError>
where
    F: FnMut(Url) -> Fut,
    Fut: Future<Output = Result<CollectionDoc, FederationError>>,
{
    let mut ids = Ids::new(max_items);
    let collection = fetch(context.clone()).await?;
    let mut pages_read = 1;
    ids.take_items(&collection);
    let mut visited: HashSet<Url> = HashSet::from([context.clone()]);
    // `first` may be embedded: its items are read from it and its `next` followed.
    let mut next = match collection.first {
        Some(Value::Object(page)) => {
            let page: CollectionDoc =
                serde_json::from_value(Value::Object(page)).unwrap_or_default();
            ids.take_items(&page);
            link(page.next.as_ref())
        }
        first => link(first.as_ref()),
    };
    while let Some(url) = next.take() {
        if ids.is_full() || pages_read >= MAX_PAGES || !visited.insert(url.clone()) {
            break;
        }
        if !same_host(dilemma, &url) {
            tracing::info!(%dilemma, page = %url, "context page on another host: not read");
            break;
        }
        // What was gathered so far is still worth fetching when a later page fails.
        let page = match fetch(url.clone()).await {
            Ok(page) => page,
            Err(e) => {
                tracing::info!(page = %url, error = %e, "context page not read");
                break;
            }
        };
        pages_read += 1;
        ids.take_items(&page);
        next = link(page.next.as_ref());
    }
    Ok(ids.list)
}

/// A signed fetch (as every fetch of the library is, by the instance actor), with the
/// library's checks: size limit, content type, and the document's id being its URL.
async fn fetch(url: &Url, data: &Data<AppContext>) -> Result<CollectionDoc, FederationError> {
    Ok(fetch_object_http(url, &data.reset_request_count())
        .await?
        .object)
}

/// A link to a page: its URL, or an embedded object's `id`.
fn link(value: Option<&Value>) -> Option<Url> {
    match value? {
        Value::String(s) => Url::parse(s).ok(),
        Value::Object(o) => Url::parse(o.get("id").and_then(Value::as_str)?).ok(),
        _ => None,
    }
}

/// The ids gathered so far, up to `max`.
struct Ids {
    list: Vec<Url>,
    seen: HashSet<Url>,
    max: usize,
}

impl Ids {
    fn new(max: usize) -> Self {
        Ids {
            list: Vec::new(),
            seen: HashSet::new(),
            max,
        }
    }

    fn is_full(&self) -> bool {
        self.list.len() >= self.max
    }

    /// Adds a document's items: `orderedItems` and `items`, each one item or a list, each
    /// item an id or an object with an `id`. Anything else is skipped.
    fn take_items(&mut self, doc: &CollectionDoc) {
        let all = [&doc.ordered_items, &doc.items];
        for value in all.into_iter().flatten() {
            let items = match value {
                Value::Array(items) => items.as_slice(),
                one => std::slice::from_ref(one),
            };
            for item in items {
                if self.is_full() {
                    return;
                }
                if let Some(id) = link(Some(item))
                    && self.seen.insert(id.clone())
                {
                    self.list.push(id);
                }
            }
        }
    }
}

/// Whether the thread item `id` is stored here already (as a dilemma, an answer or a
/// confirmation), so it need not be fetched.
async fn is_known(id: &Url, data: &Data<AppContext>) -> Result<bool, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    Ok(dilemmas::by_ap_id(c, id.as_str()).await?.is_some()
        || replies::by_ap_id(c, id.as_str()).await?.is_some()
        || confirmations::by_ap_id(c, id.as_str()).await?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::HashMap;

    /// The item limit in these tests.
    const MAX: usize = 500;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("a URL")
    }

    /// Walks a collection served from `docs` (URL → document); returns the ids and the
    /// URLs that were fetched.
    async fn walk(context: &str, docs: HashMap<String, Value>) -> (Vec<String>, Vec<String>) {
        let fetched = std::cell::RefCell::new(Vec::new());
        let ids = collect_ids(
            &url("https://a.example/d/1"),
            &url(context),
            MAX,
            |u: Url| {
                fetched.borrow_mut().push(u.to_string());
                let doc = docs.get(u.as_str()).cloned();
                async move {
                    let doc = doc.ok_or(FederationError::NotFound("page"))?;
                    Ok(serde_json::from_value(doc)?)
                }
            },
        )
        .await
        .expect("the collection is read");
        (
            ids.into_iter().map(String::from).collect(),
            fetched.into_inner(),
        )
    }

    #[tokio::test]
    async fn pages_are_followed_from_first_along_next() {
        let ctx = "https://a.example/d/1/context";
        let page = |n: usize| format!("{ctx}?page={n}");
        let docs = HashMap::from([
            (
                ctx.to_owned(),
                json!({ "type": "OrderedCollection", "id": ctx, "first": page(1) }),
            ),
            (
                page(1),
                json!({ "type": "OrderedCollectionPage", "id": page(1),
                        "orderedItems": ["https://a.example/d/1", "https://b.example/r/2"],
                        "next": page(2) }),
            ),
            (
                page(2),
                json!({ "type": "CollectionPage", "id": page(2),
                        "items": [{ "id": "https://a.example/r/3" }] }),
            ),
        ]);
        let (ids, fetched) = walk(ctx, docs).await;
        assert_eq!(
            ids,
            [
                "https://a.example/d/1",
                "https://b.example/r/2",
                "https://a.example/r/3"
            ]
        );
        assert_eq!(fetched, [ctx.to_owned(), page(1), page(2)]);
    }

    #[tokio::test]
    async fn an_embedded_first_page_is_read_and_its_next_followed() {
        let ctx = "https://a.example/d/1/context";
        let two = format!("{ctx}?page=2");
        let docs = HashMap::from([
            (
                ctx.to_owned(),
                json!({ "id": ctx, "first": { "type": "OrderedCollectionPage",
                        "orderedItems": ["https://b.example/r/2"], "next": two } }),
            ),
            (
                two.clone(),
                json!({ "id": two, "orderedItems": ["https://c.example/r/3"] }),
            ),
        ]);
        let (ids, _) = walk(ctx, docs).await;
        assert_eq!(ids, ["https://b.example/r/2", "https://c.example/r/3"]);
    }

    #[tokio::test]
    async fn paging_stops_at_the_page_limit_at_a_loop_and_at_another_host() {
        let ctx = "https://a.example/d/1/context";
        let page = |n: usize| format!("{ctx}?page={n}");
        // An endless chain of pages: only MAX_PAGES documents are read.
        let mut docs: HashMap<String, Value> = (1..100)
            .map(|n| {
                (
                    page(n),
                    json!({ "id": page(n), "orderedItems": [format!("https://b.example/r/{n}")],
                            "next": page(n + 1) }),
                )
            })
            .collect();
        docs.insert(ctx.to_owned(), json!({ "id": ctx, "first": page(1) }));
        let (ids, fetched) = walk(ctx, docs).await;
        assert_eq!(fetched.len(), MAX_PAGES);
        assert_eq!(ids.len(), MAX_PAGES - 1);

        // A page naming itself as next is read once.
        let docs = HashMap::from([
            (ctx.to_owned(), json!({ "id": ctx, "first": page(1) })),
            (
                page(1),
                json!({ "id": page(1), "orderedItems": ["https://b.example/r/1"], "next": page(1) }),
            ),
        ]);
        assert_eq!(walk(ctx, docs).await.1, [ctx.to_owned(), page(1)]);

        // A page on another host is not fetched; what came before is kept.
        let elsewhere = "https://evil.example/page";
        let docs = HashMap::from([(
            ctx.to_owned(),
            json!({ "id": ctx, "orderedItems": ["https://b.example/r/1"], "first": elsewhere }),
        )]);
        let (ids, fetched) = walk(ctx, docs).await;
        assert_eq!(ids, ["https://b.example/r/1"]);
        assert_eq!(fetched, [ctx.to_owned()]);
    }

    #[tokio::test]
    async fn a_page_that_fails_ends_paging_but_keeps_what_was_read() {
        let ctx = "https://a.example/d/1/context";
        let docs = HashMap::from([(
            ctx.to_owned(),
            json!({ "id": ctx, "orderedItems": ["https://b.example/r/1"],
                    "first": format!("{ctx}?page=1") }),
        )]);
        assert_eq!(walk(ctx, docs).await.0, ["https://b.example/r/1"]);
    }

    fn ids_of(doc: Value) -> Vec<String> {
        let doc: CollectionDoc = serde_json::from_value(doc).expect("a collection");
        let mut ids = Ids::new(MAX);
        ids.take_items(&doc);
        ids.list.into_iter().map(String::from).collect()
    }

    #[test]
    fn items_are_ids_or_objects_with_ids_in_either_list() {
        let ids = ids_of(json!({
            "type": "OrderedCollection",
            "orderedItems": [
                "https://a.example/d/1",
                { "type": "Note", "id": "https://b.example/r/2", "content": "not trusted" },
                { "type": "Note" },
                42,
                "https://a.example/d/1"
            ],
            "items": "https://c.example/r/3"
        }));
        assert_eq!(
            ids,
            [
                "https://a.example/d/1",
                "https://b.example/r/2",
                "https://c.example/r/3"
            ]
        );
    }

    #[test]
    fn no_more_than_the_item_limit_is_taken() {
        let many: Vec<String> = (0..MAX + 20)
            .map(|i| format!("https://a.example/r/{i}"))
            .collect();
        assert_eq!(ids_of(json!({ "items": many })).len(), MAX);
    }

    #[test]
    fn a_page_link_is_a_url_or_an_embedded_page() {
        let url = "https://a.example/d/1/context?page=2";
        assert_eq!(
            link(Some(&json!(url))).map(String::from).as_deref(),
            Some(url)
        );
        assert_eq!(
            link(Some(&json!({ "type": "OrderedCollectionPage", "id": url })))
                .map(String::from)
                .as_deref(),
            Some(url)
        );
        assert_eq!(link(Some(&json!(["no"]))), None);
    }

    #[test]
    fn hosts_differ_by_port_too() {
        let a = |s: &str| Url::parse(s).expect("a URL");
        assert!(same_host(
            &a("https://a.example/d/1"),
            &a("https://a.example:443/x")
        ));
        assert!(!same_host(
            &a("http://localhost:1/d/1"),
            &a("http://localhost:2/d/1/context")
        ));
        assert!(!same_host(
            &a("https://a.example/d/1"),
            &a("https://b.example/d/1/context")
        ));
    }
}
