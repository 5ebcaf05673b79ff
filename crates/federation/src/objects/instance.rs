use super::parse_url;
use crate::{
    FederationError,
    protocol::actors::{Application, Endpoints},
};
use activitypub_federation::{
    config::Data,
    traits::{Actor, Object},
};
use async_trait::async_trait;
use meent_app::{AppContext, use_cases::site::SiteRow};
use url::Url;

/// The instance's own `Application` actor. It signs outgoing fetches (FEP-2677); it is
/// never stored for other instances.
#[derive(Debug, Clone)]
pub struct ApInstance {
    pub row: SiteRow,
    ap_id: Url,
    inbox: Url,
}

/// The instance actor's `preferredUsername`: the domain without its port, as Mastodon names
/// its instance actor. GoToSocial WebFingers `acct:<this>@<domain>` for every actor that
/// signs a request to it and reads a name with a port (`meent-a:8843`) as a URL: it then
/// refused every fetch Meent signed. Collective and member names are `[a-z0-9_]`, so a
/// domain with a dot or a hyphen cannot clash with one; WebFinger answers for them first.
pub fn instance_username(domain: &str) -> &str {
    domain.split(':').next().unwrap_or(domain)
}

impl ApInstance {
    pub fn new(row: SiteRow, ctx: &AppContext) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApInstance {
            row,
            ap_id,
            inbox: ctx.urls().shared_inbox(),
        })
    }
}

#[async_trait]
impl Object for ApInstance {
    type DataType = AppContext;
    type Kind = Application;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<Self::DataType>,
    ) -> Result<Option<Self>, Self::Error> {
        let row = meent_app::use_cases::site::ensure_site(data).await?;
        if row.ap_id == object_id.as_str() {
            Ok(Some(ApInstance::new(row, data)?))
        } else {
            Ok(None)
        }
    }

    async fn into_json(self, data: &Data<Self::DataType>) -> Result<Self::Kind, Self::Error> {
        let urls = data.urls();
        Ok(Application {
            kind: Default::default(),
            id: self.ap_id.clone(),
            preferred_username: instance_username(&data.instance.domain).to_owned(),
            // The configured name, which may have changed since the actor was made.
            name: data.instance.name.clone(),
            inbox: urls.shared_inbox(),
            outbox: urls.base().join("/actor/outbox")?,
            public_key: super::main_key(&self.ap_id, &self.row.public_key),
            endpoints: Endpoints {
                shared_inbox: Some(urls.shared_inbox()),
            },
            manually_approves_followers: true,
            published: self.row.created_at.and_utc(),
        })
    }

    async fn verify(
        _json: &Self::Kind,
        _expected_domain: &Url,
        _data: &Data<Self::DataType>,
    ) -> Result<(), Self::Error> {
        Err(FederationError::Refused(
            "instance actors of other servers are not stored",
        ))
    }

    async fn from_json(
        _json: Self::Kind,
        _data: &Data<Self::DataType>,
    ) -> Result<Self, Self::Error> {
        Err(FederationError::Refused(
            "instance actors of other servers are not stored",
        ))
    }
}

impl Actor for ApInstance {
    fn public_key_pem(&self) -> &str {
        &self.row.public_key
    }

    fn private_key_pem(&self) -> Option<String> {
        Some(self.row.private_key.expose().to_owned())
    }

    fn inbox(&self) -> Url {
        self.inbox.clone()
    }
}
