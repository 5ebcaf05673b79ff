use super::{parse_url, verify_remote_id};
use crate::FederationError;
use activitypub_federation::{
    config::Data,
    protocol::public_key::PublicKey,
    traits::{Actor, Object},
};
use async_trait::async_trait;
use meent_app::AppContext;
use meent_db::queries::{collectives, members};
use serde::{Deserialize, Serialize};
use url::Url;

/// Whoever signed a request: a person or collective we know, or any other actor (such as an
/// instance's `Application` actor, which signs fetches) read from its server for the
/// moment and not stored.
#[derive(Debug, Clone)]
pub struct ApSigner {
    id: Url,
    public_key_pem: String,
    inbox: Url,
}

/// The parts of any actor document a signature check needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignerDocument {
    id: Url,
    inbox: Url,
    public_key: PublicKey,
}

impl ApSigner {
    pub fn id(&self) -> &Url {
        &self.id
    }
}

#[async_trait]
impl Object for ApSigner {
    type DataType = AppContext;
    type Kind = SignerDocument;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.id
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<AppContext>,
    ) -> Result<Option<Self>, FederationError> {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let known = match members::by_ap_id(c, object_id.as_str()).await? {
            Some(m) => Some((m.public_key, m.inbox_url)),
            None => collectives::by_ap_id(c, object_id.as_str())
                .await?
                .map(|g| (g.public_key, g.inbox_url)),
        };
        known
            .map(|(public_key_pem, inbox)| {
                Ok(ApSigner {
                    inbox: parse_url(&inbox)?,
                    id: object_id,
                    public_key_pem,
                })
            })
            .transpose()
    }

    async fn into_json(self, _data: &Data<AppContext>) -> Result<SignerDocument, FederationError> {
        Err(FederationError::Refused("a signer is only read"))
    }

    async fn verify(
        json: &SignerDocument,
        expected_domain: &Url,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify_remote_id(&json.id, expected_domain, data)?;
        if json.public_key.owner != json.id {
            return Err(FederationError::Refused("the key belongs to another actor"));
        }
        Ok(())
    }

    async fn from_json(
        json: SignerDocument,
        _data: &Data<AppContext>,
    ) -> Result<Self, FederationError> {
        Ok(ApSigner {
            id: json.id,
            public_key_pem: json.public_key.public_key_pem,
            inbox: json.inbox,
        })
    }
}

impl Actor for ApSigner {
    fn public_key_pem(&self) -> &str {
        &self.public_key_pem
    }

    fn private_key_pem(&self) -> Option<String> {
        None
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }
}
