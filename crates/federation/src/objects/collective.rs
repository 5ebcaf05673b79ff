use super::{MAX_NAME, MAX_SUMMARY, parse_url, verify_remote_id};
use crate::{
    FederationError,
    protocol::actors::{Endpoints, Group},
};
use activitypub_federation::{
    config::Data,
    traits::{Actor, Object},
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use meent_app::AppContext;
use meent_db::queries::collectives::{self, CollectiveForm, CollectiveRow};
use url::Url;

/// A collective as an ActivityPub `Group`.
#[derive(Debug, Clone)]
pub struct ApCollective {
    pub row: CollectiveRow,
    ap_id: Url,
}

impl ApCollective {
    pub fn new(row: CollectiveRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApCollective { row, ap_id })
    }
}

#[async_trait]
impl Object for ApCollective {
    type DataType = AppContext;
    type Kind = Group;
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
        let mut conn = data.db.get().await?;
        collectives::by_ap_id(&mut conn.conn(), object_id.as_str())
            .await?
            .map(ApCollective::new)
            .transpose()
    }

    async fn into_json(self, data: &Data<Self::DataType>) -> Result<Self::Kind, Self::Error> {
        let row = self.row;
        let urls = data.urls();
        Ok(Group {
            kind: Default::default(),
            id: self.ap_id.clone(),
            preferred_username: row.name.clone(),
            name: Some(row.display_name.clone()),
            summary: (!row.summary.is_empty()).then(|| meent_app::text::html(&row.summary)),
            source: None,
            url: Some(self.ap_id.clone()),
            inbox: parse_url(&row.inbox_url)?,
            outbox: Some(urls.collective_outbox(&row.name)),
            followers: Some(urls.collective_followers(&row.name)),
            public_key: super::main_key(&self.ap_id, &row.public_key),
            endpoints: Some(Endpoints {
                shared_inbox: Some(urls.shared_inbox()),
            }),
            manually_approves_followers: !row.open,
            // Dilemmas are written by the collective's own members, here; a post sent from
            // Lemmy would be refused (403) and stay "pending" there. Lemmy refuses it at once,
            // telling its author, when only moderators may post (checked in Lemmy 1.0's
            // post creation).
            posting_restricted_to_mods: Some(true),
            discoverable: Some(true),
            collective_kind: Some(row.kind.clone()).filter(|k| !k.is_empty()),
            municipality: row.municipality.clone(),
            neighbourhood: row.neighbourhood.clone(),
            published: Some(row.created_at.and_utc()),
            updated: Some(row.updated_at.and_utc()),
            language: Some(serde_json::Value::Array(
                row.languages
                    .split(',')
                    .filter(|l| !l.is_empty())
                    .map(|l| serde_json::json!({ "identifier": l, "name": crate::conformance::language_name(l) }))
                    .collect(),
            ))
            .filter(|l| l.as_array().is_some_and(|a| !a.is_empty())),
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
        let kind = json
            .collective_kind
            .filter(|k| k.parse::<meent_domain::CollectiveKind>().is_ok())
            .unwrap_or_default();
        let form = CollectiveForm {
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
            kind,
            municipality: json
                .municipality
                .map(|m| meent_app::text::text(&m, MAX_NAME)),
            neighbourhood: json
                .neighbourhood
                .map(|m| meent_app::text::text(&m, MAX_NAME)),
            languages: languages_of(json.language.as_ref()),
            open: !json.manually_approves_followers,
            inbox_url: json.inbox.to_string(),
            shared_inbox_url: json
                .endpoints
                .and_then(|e| e.shared_inbox)
                .map(|u| u.to_string()),
            outbox_url: json.outbox.map(|u| u.to_string()),
            followers_url: json.followers.map(|u| u.to_string()),
            public_key: json.public_key.public_key_pem,
            private_key: None,
            last_refreshed_at: now,
            updated_at: now,
        };
        let mut tx = data.db.begin().await?;
        let row = collectives::upsert_remote(&mut tx.conn(), &form).await?;
        tx.commit().await?;
        ApCollective::new(row)
    }
}

impl Actor for ApCollective {
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

/// The language codes a remote group declares (Lemmy: `[{identifier, name}]`), comma
/// separated as local collectives keep theirs; "und" (undetermined) and anything that is not
/// a two- or three-letter code are left out.
pub(crate) fn languages_of(declared: Option<&serde_json::Value>) -> String {
    let tags: Vec<&serde_json::Value> = match declared {
        Some(serde_json::Value::Array(list)) => list.iter().collect(),
        Some(one @ serde_json::Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    tags.into_iter()
        .filter_map(|t| t.get("identifier")?.as_str())
        .map(str::to_ascii_lowercase)
        .filter(|c| (2..=3).contains(&c.len()) && c.chars().all(|c| c.is_ascii_lowercase()))
        .filter(|c| c != "und")
        .take(20)
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod language_tests {
    use super::languages_of;
    use serde_json::json;

    #[test]
    fn a_lemmy_communitys_languages_are_read() {
        let lemmy = json!([{"identifier": "und", "name": "Undetermined"}, {"identifier": "nl", "name": "Nederlands"}]);
        assert_eq!(languages_of(Some(&lemmy)), "nl");
        assert_eq!(languages_of(Some(&json!({"identifier": "fr"}))), "fr");
        assert_eq!(languages_of(Some(&json!("nl"))), "");
        assert_eq!(languages_of(None), "");
        assert_eq!(languages_of(Some(&json!([{"identifier": "<b>"}]))), "");
    }
}
