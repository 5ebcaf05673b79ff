//! An actor of the fake peer: its id, key and the document that describes it.

use super::FakePeer;
use rsa::{
    RsaPrivateKey,
    pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding},
};
use serde_json::{Value, json};
use url::Url;

/// A person or group on a fake peer, with a key pair of its own.
#[derive(Clone)]
pub struct FakeActor {
    pub id: Url,
    pub kind: String,
    pub name: String,
    pub inbox: Url,
    pub outbox: Url,
    pub followers: Url,
    private_key_pem: String,
    public_key_pem: String,
}

impl FakeActor {
    pub(super) fn new(peer: &FakePeer, kind: &str, path: &str, name: &str) -> anyhow::Result<Self> {
        let key = RsaPrivateKey::new(&mut rand::thread_rng(), 2048)?;
        let private_key_pem = key.to_pkcs8_pem(LineEnding::LF)?.to_string();
        let public_key_pem = key.to_public_key().to_public_key_pem(LineEnding::LF)?;
        let id = peer.url(path);
        Ok(Self {
            inbox: peer.url(&format!("{path}/inbox")),
            outbox: peer.url(&format!("{path}/outbox")),
            followers: peer.url(&format!("{path}/followers")),
            id,
            kind: kind.into(),
            name: name.into(),
            private_key_pem,
            public_key_pem,
        })
    }

    /// The id of its key, as Mastodon and Lemmy write it.
    pub fn key_id(&self) -> String {
        format!("{}#main-key", self.id)
    }

    /// Its private key, PKCS#8 PEM.
    pub fn private_key_pem(&self) -> &str {
        &self.private_key_pem
    }

    /// The actor document its server serves at its id.
    pub fn document(&self) -> Value {
        json!({
            "@context": [
                "https://www.w3.org/ns/activitystreams",
                "https://w3id.org/security/v1"
            ],
            "type": self.kind,
            "id": self.id,
            "preferredUsername": self.name,
            "name": self.name,
            "inbox": self.inbox,
            "outbox": self.outbox,
            "followers": self.followers,
            "publicKey": {
                "id": self.key_id(),
                "owner": self.id,
                "publicKeyPem": self.public_key_pem,
            },
        })
    }
}
