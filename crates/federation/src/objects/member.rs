use super::{MAX_NAME, MAX_SUMMARY, parse_url, verify_remote_id};
use crate::{
    FederationError,
    activities::received,
    protocol::actors::{Endpoints, Expertise, Person, PersonOrService},
};
use activitypub_federation::{
    config::Data,
    traits::{Actor, Object},
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use meent_app::AppContext;
use meent_db::queries::{
    expertise,
    members::{self, MemberForm, MemberRow},
};
use url::Url;

/// The longest declared expertise kept from another server, in characters (as here).
const MAX_EXPERTISE: usize = meent_app::use_cases::expertise::MAX_DESCRIPTION;

/// A member (or a remote person) as an ActivityPub `Person`.
#[derive(Debug, Clone)]
pub struct ApMember {
    pub row: MemberRow,
    ap_id: Url,
}

impl ApMember {
    pub fn new(row: MemberRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApMember { row, ap_id })
    }
}

#[async_trait]
impl Object for ApMember {
    type DataType = AppContext;
    type Kind = Person;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        (!self.row.local).then(|| self.row.last_refreshed_at.and_utc())
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<Self::DataType>,
    ) -> Result<Option<Self>, Self::Error> {
        if let Some(member) = received::known_member(&object_id) {
            return Ok(Some(member));
        }
        let mut conn = data.db.get().await?;
        let member = members::by_ap_id(&mut conn.conn(), object_id.as_str())
            .await?
            .map(ApMember::new)
            .transpose()?;
        if let Some(m) = &member {
            received::remember_member(m);
        }
        Ok(member)
    }

    async fn into_json(self, data: &Data<Self::DataType>) -> Result<Self::Kind, Self::Error> {
        let row = self.row;
        let urls = data.urls();
        let expertise = {
            let mut conn = data.db.get().await?;
            expertise::of(&mut conn.conn(), row.id).await?
        }
        .map(|e| Expertise {
            themes: e.theme_list(),
            content: e.description,
        });
        Ok(Person {
            expertise,
            kind: PersonOrService::Person,
            id: self.ap_id.clone(),
            preferred_username: row.name.clone(),
            name: Some(row.display_name.clone()),
            summary: (!row.summary.is_empty()).then(|| meent_app::text::html(&row.summary)),
            url: Some(self.ap_id.clone()),
            inbox: parse_url(&row.inbox_url)?,
            outbox: Some(urls.member_outbox(&row.name)),
            followers: Some(urls.member_followers(&row.name)),
            public_key: super::main_key(&self.ap_id, &row.public_key),
            endpoints: Some(Endpoints {
                shared_inbox: Some(urls.shared_inbox()),
            }),
            published: Some(row.created_at.and_utc()),
            updated: Some(row.updated_at.and_utc()),
        })
    }

    async fn verify(
        json: &Self::Kind,
        expected_domain: &Url,
        data: &Data<Self::DataType>,
    ) -> Result<(), Self::Error> {
        verify_remote_id(&json.id, expected_domain, data)?;
        verify_remote_id(&json.inbox, expected_domain, data)
    }

    async fn from_json(json: Self::Kind, data: &Data<Self::DataType>) -> Result<Self, Self::Error> {
        let now = meent_db::now();
        let name = meent_app::text::text(&json.preferred_username, MAX_NAME);
        let form = MemberForm {
            ap_id: json.id.to_string(),
            local: false,
            display_name: json
                .name
                .map(|n| meent_app::text::text(&n, MAX_NAME))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| name.clone()),
            name,
            summary: json
                .summary
                .map(|s| meent_app::text::html(&s.chars().take(MAX_SUMMARY).collect::<String>()))
                .unwrap_or_default(),
            inbox_url: json.inbox.to_string(),
            shared_inbox_url: json
                .endpoints
                .and_then(|e| e.shared_inbox)
                .map(|u| u.to_string()),
            public_key: json.public_key.public_key_pem,
            private_key: None,
            last_refreshed_at: now,
            updated_at: now,
        };
        let (themes, description) = received_expertise(json.expertise);
        let mut tx = data.db.begin().await?;
        let row = members::upsert_remote(&mut tx.conn(), &form).await?;
        expertise::set(&mut tx.conn(), row.id, &themes, &description, now).await?;
        tx.commit().await?;
        let member = ApMember::new(row)?;
        received::remember_member(&member);
        Ok(member)
    }
}

/// A person's declared expertise as another server sent it: only themes Meent knows, and
/// the words as plain text of at most [`MAX_EXPERTISE`] characters.
fn received_expertise(expertise: Option<Expertise>) -> (String, String) {
    let Some(e) = expertise else {
        return (String::new(), String::new());
    };
    let themes: Vec<&str> = e
        .themes
        .iter()
        .filter_map(|t| t.parse::<meent_domain::Theme>().ok())
        .map(meent_domain::Theme::id)
        .fold(Vec::new(), |mut out, t| {
            if !out.contains(&t) {
                out.push(t);
            }
            out
        });
    (
        themes.join(","),
        meent_app::text::text(&e.content, MAX_EXPERTISE),
    )
}

impl Actor for ApMember {
    fn public_key_pem(&self) -> &str {
        &self.row.public_key
    }

    fn private_key_pem(&self) -> Option<String> {
        self.row.private_key.as_ref().map(|k| k.expose().to_owned())
    }

    fn inbox(&self) -> Url {
        super::stored_inbox(&self.row.inbox_url, &self.ap_id)
    }

    fn shared_inbox(&self) -> Option<Url> {
        super::stored_url(self.row.shared_inbox_url.as_deref())
    }
}
