//! The URLs of local things. Every local ActivityPub id is made here, so the routes that
//! serve them (in `web` and `federation`) and the ids stored in the database agree.

use url::Url;

#[derive(Debug, Clone)]
pub struct Urls {
    base: Url,
}

impl Urls {
    /// `base` is the public URL of the instance, e.g. `https://meent.example/`.
    pub fn new(mut base: Url) -> Self {
        base.set_path("/");
        base.set_query(None);
        base.set_fragment(None);
        Urls { base }
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    fn join(&self, path: &str) -> Url {
        let mut u = self.base.clone();
        u.set_path(path);
        u
    }

    pub fn instance_actor(&self) -> Url {
        self.join("/actor")
    }
    pub fn shared_inbox(&self) -> Url {
        self.join("/inbox")
    }
    pub fn collective(&self, name: &str) -> Url {
        self.join(&format!("/c/{name}"))
    }
    pub fn collective_inbox(&self, name: &str) -> Url {
        self.join(&format!("/c/{name}/inbox"))
    }
    pub fn collective_outbox(&self, name: &str) -> Url {
        self.join(&format!("/c/{name}/outbox"))
    }
    pub fn collective_followers(&self, name: &str) -> Url {
        self.join(&format!("/c/{name}/followers"))
    }
    pub fn member(&self, name: &str) -> Url {
        self.join(&format!("/u/{name}"))
    }
    pub fn member_inbox(&self, name: &str) -> Url {
        self.join(&format!("/u/{name}/inbox"))
    }
    pub fn member_outbox(&self, name: &str) -> Url {
        self.join(&format!("/u/{name}/outbox"))
    }
    pub fn member_followers(&self, name: &str) -> Url {
        self.join(&format!("/u/{name}/followers"))
    }
    /// A page of the web interface by its path (`/settings`, `/login`, ...), for links in mail.
    pub fn page(&self, path: &str) -> Url {
        self.join(path)
    }
    /// The one-click unsubscribe link of a mail (`what`: a kind, or `daily`/`weekly`).
    pub fn mail_unsubscribe(&self, key: &str, what: &str) -> Url {
        self.join(&format!("/mail/unsubscribe/{key}/{what}"))
    }
    pub fn dilemma(&self, id: i64) -> Url {
        self.join(&format!("/d/{id}"))
    }
    /// The dilemma's thread as a collection (FEP-7888 `context`).
    pub fn dilemma_context(&self, id: i64) -> Url {
        self.join(&format!("/d/{id}/context"))
    }
    /// A solution or comment.
    pub fn reply(&self, id: i64) -> Url {
        self.join(&format!("/r/{id}"))
    }
    /// A local document's file; the name is only for people and their downloads.
    pub fn document(&self, id: i64, file_name: &str) -> Url {
        self.join(&format!("/documents/{id}/{file_name}"))
    }
    pub fn confirmation(&self, id: i64) -> Url {
        self.join(&format!("/confirmations/{id}"))
    }
    /// A session (bijeenkomst): its page, and its `Event` for ActivityPub.
    pub fn meeting(&self, id: i64) -> Url {
        self.join(&format!("/m/{id}"))
    }
    /// A learning programme: its page, and its `Article` for ActivityPub.
    pub fn programme(&self, id: i64) -> Url {
        self.join(&format!("/p/{id}"))
    }
    /// The number of a local document from its address (`/documents/{id}/{name}`).
    pub fn local_document_id(&self, url: &Url) -> Option<i64> {
        if !self.is_local(url) {
            return None;
        }
        let mut parts = url.path_segments()?;
        (parts.next()? == "documents").then_some(())?;
        parts.next()?.parse().ok()
    }
    /// A placeholder id, unique, used for the moment between inserting a row and knowing
    /// the number its real id is made from (both happen in one transaction).
    pub fn provisional() -> String {
        format!("urn:uuid:{}", uuid::Uuid::new_v4())
    }
    /// A fresh id for an activity this instance sends.
    pub fn new_activity(&self, kind: &str) -> Url {
        self.join(&format!(
            "/activities/{}/{}",
            kind.to_ascii_lowercase(),
            uuid::Uuid::new_v4()
        ))
    }

    /// The id of an activity this instance sent, from the two parts of its path.
    pub fn activity(&self, kind: &str, id: &str) -> Url {
        self.join(&format!("/activities/{kind}/{id}"))
    }

    /// True when `url` points at this instance (same scheme, host and port).
    pub fn is_local(&self, url: &Url) -> bool {
        url.scheme() == self.base.scheme()
            && url.host_str() == self.base.host_str()
            && url.port_or_known_default() == self.base.port_or_known_default()
    }
}
