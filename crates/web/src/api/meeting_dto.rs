//! Sessions (bijeenkomsten) and registrations as the API shows and takes them.

use super::dto::Collective;
use chrono::{NaiveDateTime, SecondsFormat};
use meent_app::use_cases::meetings::{MeetingInput, MeetingView, RegistrationView};
use meent_db::queries::meetings::MeetingRow;
use meent_domain::{MeetingMode, meeting};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A session as its organiser writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingInputBody {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// `online`, `physical` or `hybrid`.
    pub mode: String,
    /// Wall-clock time in `time_zone`, e.g. `2027-01-14T19:30`.
    #[schema(value_type = String, example = "2027-01-14T19:30")]
    pub starts_at: String,
    #[schema(value_type = String, example = "2027-01-14T21:30")]
    pub ends_at: String,
    /// An IANA time zone; default `Europe/Amsterdam`.
    #[serde(default)]
    pub time_zone: String,
    #[serde(default)]
    pub place: String,
    /// Told only to collectives with a place.
    #[serde(default)]
    pub meeting_link: Option<String>,
    /// How many collectives get a place; absent for no limit.
    #[serde(default)]
    pub capacity: Option<i64>,
    /// URLs of the dilemmas it is about (on any instance), at least one.
    pub dilemmas: Vec<String>,
}

/// A wall-clock time as typed in a form or the API: `2027-01-14T19:30` (seconds allowed).
pub fn parse_local_time(s: &str) -> Result<NaiveDateTime, meent_app::AppError> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| {
            meent_app::AppError::Invalid(format!(
                "{s:?} is not a date and time like 2027-01-14T19:30"
            ))
        })
}

impl MeetingInputBody {
    pub fn into_input(self) -> Result<MeetingInput, meent_app::AppError> {
        Ok(MeetingInput {
            title: self.title,
            description: self.description,
            mode: self.mode.parse::<MeetingMode>()?,
            starts_at: parse_local_time(&self.starts_at)?,
            ends_at: parse_local_time(&self.ends_at)?,
            time_zone: self.time_zone,
            place: self.place,
            meeting_link: self.meeting_link,
            capacity: self.capacity,
            dilemmas: self.dilemmas,
        })
    }
}

/// A session.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Meeting {
    /// Its number on this instance.
    pub id: i64,
    /// Its ActivityPub id (where its page is on its own instance).
    pub url: String,
    pub local: bool,
    pub title: String,
    /// Sanitised HTML.
    pub description: String,
    /// `online`, `physical` or `hybrid`.
    pub mode: String,
    /// UTC, RFC 3339.
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    /// The start on the clocks of `time_zone`, e.g. `2027-01-14T19:30`.
    pub local_start: String,
    pub local_end: String,
    pub place: String,
    /// Absent: no limit.
    pub capacity: Option<i64>,
}

fn utc(t: NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn wall_clock(t: NaiveDateTime, zone: &str) -> String {
    meeting::to_local(t, zone)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

impl From<MeetingRow> for Meeting {
    fn from(m: MeetingRow) -> Self {
        Meeting {
            id: m.id,
            url: m.ap_id,
            local: m.local,
            title: m.title,
            description: m.content,
            mode: m.mode,
            starts_at: utc(m.starts_at),
            ends_at: utc(m.ends_at),
            local_start: wall_clock(m.starts_at, &m.time_zone),
            local_end: wall_clock(m.ends_at, &m.time_zone),
            time_zone: m.time_zone,
            place: m.place,
            capacity: m.capacity,
        }
    }
}

/// A dilemma a session is about.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingDilemma {
    pub url: String,
    /// Its number here, when it is stored here and you may see it.
    pub id: Option<i64>,
    pub title: Option<String>,
}

/// A collective's registration for a session.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Registration {
    /// The registered collective's ActivityPub id.
    pub collective_url: String,
    pub collective: Option<Collective>,
    /// `pending` (not answered yet by the organiser's instance), `accepted`, `waiting`,
    /// `cancelled` or `rejected`.
    pub state: String,
    pub registered_at: String,
    /// One of your own collectives.
    pub mine: bool,
}

impl From<RegistrationView> for Registration {
    fn from(r: RegistrationView) -> Self {
        Registration {
            collective_url: r.row.collective,
            collective: r.collective.map(Into::into),
            state: r.state.as_str().into(),
            registered_at: utc(r.row.registered_at),
            mine: r.mine,
        }
    }
}

/// A session with its organiser, dilemmas and registrations.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub organiser: Collective,
    pub dilemmas: Vec<MeetingDilemma>,
    /// On the organiser's instance all of them; elsewhere those of its own collectives.
    pub registrations: Vec<Registration>,
    /// Collectives with a place.
    pub participants: i64,
    /// Only for the organiser and collectives with a place.
    pub meeting_link: Option<String>,
    /// You coordinate the organising collective.
    pub can_manage: bool,
    /// What came out of it, once the organiser wrote it.
    pub outcome: Option<MeetingOutcome>,
}

/// A session's outcome.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingOutcome {
    /// Sanitised HTML.
    pub conclusions: String,
    /// The collectives that took part (their URLs).
    pub participants: Vec<String>,
    /// UTC, RFC 3339.
    pub written_at: String,
}

/// What came out of a session, as its organiser writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    /// Markdown.
    #[serde(default)]
    pub conclusions: String,
    /// Solutions proposed at the session (Markdown each): each becomes a solution to the
    /// session's first dilemma, marked `from_session`, which that dilemma's collective can
    /// accept.
    #[serde(default)]
    pub candidate_solutions: Vec<String>,
}

impl From<MeetingView> for MeetingDetail {
    fn from(v: MeetingView) -> Self {
        let outcome = v.meeting.outcome_at.map(|at| MeetingOutcome {
            conclusions: v.meeting.outcome.clone(),
            participants: v.meeting.participant_list(),
            written_at: utc(at),
        });
        MeetingDetail {
            outcome,
            meeting: v.meeting.into(),
            organiser: v.organiser.into(),
            dilemmas: v
                .dilemmas
                .into_iter()
                .map(|(url, d)| MeetingDilemma {
                    url,
                    id: d.as_ref().map(|d| d.id),
                    title: d.map(|d| d.title),
                })
                .collect(),
            registrations: v.registrations.into_iter().map(Into::into).collect(),
            participants: v.participants,
            meeting_link: v.meeting_link,
            can_manage: v.can_manage,
        }
    }
}

/// Which of your collectives registers.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    /// The handle of a local collective you belong to.
    pub collective: String,
}
