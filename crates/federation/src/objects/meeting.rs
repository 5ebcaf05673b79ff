//! Sessions (bijeenkomsten) as ActivityPub `Event`s: rendered for other servers, and
//! checked and stored when another server (Meent or Mobilizon) sends or serves one.

use super::{ApCollective, parse_url, verify_remote_id};
use crate::{
    FederationError,
    protocol::{
        actors::Source,
        event::{Event, Outcome, Place},
        objects::PUBLIC,
    },
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use async_trait::async_trait;
use meent_app::{AppContext, text, use_cases::meetings};
use meent_db::queries::{
    collectives,
    meetings::{self as rows, MeetingForm, MeetingRow},
};
use meent_domain::{MeetingMode, meeting};
use url::Url;

/// Longest description kept from another server, in characters.
const MAX_CONTENT: usize = 50_000;
/// How many dilemmas of a remote session are kept.
const MAX_DILEMMAS: usize = 10;
/// How many participating collectives of a remote session's outcome are kept.
const MAX_PARTICIPANTS: usize = 200;
/// A remote session without an end is taken to last this long.
const DEFAULT_HOURS: i64 = 2;

#[derive(Debug, Clone)]
pub struct ApMeeting {
    pub row: MeetingRow,
    ap_id: Url,
}

impl ApMeeting {
    pub fn new(row: MeetingRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApMeeting { row, ap_id })
    }
}

/// How a received session is held: Meent says so; Mobilizon says whether it is online and
/// where it is.
fn mode_of(json: &Event) -> MeetingMode {
    if let Some(mode) = json.meeting_mode.as_deref().and_then(|m| m.parse().ok()) {
        return mode;
    }
    let has_place = json
        .location
        .as_ref()
        .is_some_and(|p| !p.one_line().is_empty());
    match (json.is_online.unwrap_or(false), has_place) {
        (true, true) => MeetingMode::Hybrid,
        (true, false) => MeetingMode::Online,
        _ => MeetingMode::Physical,
    }
}

#[async_trait]
impl Object for ApMeeting {
    type DataType = AppContext;
    type Kind = Event;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn is_deleted(&self) -> bool {
        self.row.deleted
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<AppContext>,
    ) -> Result<Option<Self>, FederationError> {
        let mut conn = data.db.get().await?;
        rows::by_ap_id(&mut conn.conn(), object_id.as_str())
            .await?
            .map(ApMeeting::new)
            .transpose()
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Event, FederationError> {
        let m = self.row;
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let collective = collectives::by_id(c, m.collective_id)
            .await?
            .ok_or(FederationError::NotFound("collective"))?;
        let dilemmas = rows::dilemmas_of(c, m.id)
            .await?
            .iter()
            .map(|d| parse_url(d))
            .collect::<Result<Vec<_>, _>>()?;
        let mode: MeetingMode = m.mode.parse().map_err(meent_app::AppError::from)?;
        let participants = m.participant_count;
        let outcome = m.outcome_at.map(|at| Outcome {
            content: m.outcome.clone(),
            participants: m
                .participant_list()
                .iter()
                .filter_map(|p| Url::parse(p).ok())
                .collect(),
            published: Some(at.and_utc()),
        });
        Ok(Event {
            kind: Default::default(),
            id: self.ap_id.clone(),
            attributed_to: parse_url(&collective.ap_id)?,
            to: vec![parse_url(PUBLIC)?],
            cc: super::stored_url(collective.followers_url.as_deref())
                .into_iter()
                .collect(),
            name: m.title,
            content: Some(m.content),
            media_type: Some("text/html".into()),
            source: (!m.source.is_empty()).then(|| Source {
                content: m.source,
                media_type: "text/markdown".into(),
            }),
            start_time: m.starts_at.and_utc(),
            end_time: Some(m.ends_at.and_utc()),
            timezone: Some(m.time_zone),
            location: (mode.has_place() && !m.place.is_empty()).then(|| Place {
                kind: "Place".into(),
                name: Some(m.place),
                address: None,
            }),
            is_online: Some(mode.has_link()),
            meeting_mode: Some(mode.as_str().into()),
            join_mode: Some("free".into()),
            // Mobilizon writes 0 for no limit.
            maximum_attendee_capacity: Some(m.capacity.unwrap_or(0)),
            remaining_attendee_capacity: m.capacity.map(|cap| (cap - participants).max(0)),
            participant_count: Some(participants),
            context: dilemmas.first().cloned(),
            dilemmas,
            outcome,
            url: Some(self.ap_id.clone()),
            published: Some(m.published.and_utc()),
            updated: m.updated.map(|u| u.and_utc()),
        })
    }

    async fn verify(
        json: &Event,
        expected_domain: &Url,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify_remote_id(&json.id, expected_domain, data)?;
        if !crate::activities::policy::same_server(&json.attributed_to, &json.id) {
            return Err(FederationError::Refused(
                "a session's organiser is on another server than the session",
            ));
        }
        if json
            .content
            .as_ref()
            .is_some_and(|c| c.len() > 4 * MAX_CONTENT)
            || json.name.len() > 10_000
        {
            return Err(FederationError::Invalid("the session is too large".into()));
        }
        Ok(())
    }

    async fn from_json(json: Event, data: &Data<AppContext>) -> Result<Self, FederationError> {
        let collective = ObjectId::<ApCollective>::from(json.attributed_to.clone())
            .dereference(data)
            .await?;
        if collective.row.local {
            return Err(FederationError::Refused(
                "sessions of this instance's collectives are written here",
            ));
        }
        let mode = mode_of(&json);
        let zone = json
            .timezone
            .clone()
            .filter(|z| meeting::time_zone(z).is_ok())
            .unwrap_or_else(|| meeting::DEFAULT_TIME_ZONE.into());
        let starts = json.start_time.naive_utc();
        let ends = json
            .end_time
            .map(|e| e.naive_utc())
            .filter(|e| *e > starts)
            .unwrap_or(starts + chrono::Duration::hours(DEFAULT_HOURS));
        let about: Vec<String> = json
            .dilemmas
            .iter()
            .chain(json.context.iter())
            .filter(|u| matches!(u.scheme(), "https" | "http"))
            .map(Url::to_string)
            .fold(Vec::new(), |mut out, u| {
                if !out.contains(&u) && out.len() < MAX_DILEMMAS {
                    out.push(u);
                }
                out
            });
        let now = meent_db::now();
        let form = MeetingForm {
            ap_id: json.id.to_string(),
            local: false,
            collective_id: collective.row.id,
            title: text::text(&json.name, 200),
            source: json
                .source
                .filter(|s| s.media_type == "text/markdown")
                .map(|s| s.content.chars().take(MAX_CONTENT).collect())
                .unwrap_or_default(),
            content: text::html(
                &json
                    .content
                    .unwrap_or_default()
                    .chars()
                    .take(4 * MAX_CONTENT)
                    .collect::<String>(),
            ),
            mode: mode.as_str().into(),
            starts_at: starts,
            ends_at: ends,
            time_zone: zone,
            place: json
                .location
                .as_ref()
                .map(|p| text::text(&p.one_line(), 500))
                .unwrap_or_default(),
            meeting_link: None,
            capacity: json.maximum_attendee_capacity.filter(|c| *c > 0),
            participant_count: json.participant_count.unwrap_or(0).max(0),
            published: super::not_after_now(json.published).unwrap_or(now),
            updated: super::not_after_now(json.updated),
        };
        let outcome = json.outcome;
        let row = meetings::store_remote(data, form, about).await?;
        if let Some(outcome) = outcome {
            let participants: Vec<String> = outcome
                .participants
                .iter()
                .filter(|u| matches!(u.scheme(), "https" | "http"))
                .take(MAX_PARTICIPANTS)
                .map(Url::to_string)
                .collect();
            let at = super::not_after_now(outcome.published).unwrap_or(now);
            let html = text::html(
                &outcome
                    .content
                    .chars()
                    .take(4 * MAX_CONTENT)
                    .collect::<String>(),
            );
            meetings::store_remote_outcome(data, &row, &html, &participants, at).await?;
        }
        let row = {
            let mut conn = data.db.get().await?;
            rows::by_id(&mut conn.conn(), row.id)
                .await?
                .ok_or(FederationError::NotFound("session"))?
        };
        ApMeeting::new(row)
    }
}
