//! Sessions (bijeenkomsten): how they are held, where a registration stands, and their time
//! as a time of day in a time zone (what the organiser types) and as UTC (what is stored).

use crate::UnknownValue;
use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The time zone a session is in unless its organiser says otherwise.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Amsterdam";

/// Where a session is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingMode {
    Online,
    Physical,
    Hybrid,
}

impl MeetingMode {
    pub const ALL: [MeetingMode; 3] = [
        MeetingMode::Physical,
        MeetingMode::Online,
        MeetingMode::Hybrid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingMode::Online => "online",
            MeetingMode::Physical => "physical",
            MeetingMode::Hybrid => "hybrid",
        }
    }

    /// Whether people join through a meeting link.
    pub fn has_link(self) -> bool {
        self != MeetingMode::Physical
    }

    /// Whether people come to a place.
    pub fn has_place(self) -> bool {
        self != MeetingMode::Online
    }
}

impl FromStr for MeetingMode {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MeetingMode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| UnknownValue {
                what: "session mode",
                value: s.to_owned(),
            })
    }
}

/// Where a collective's registration for a session stands. The organiser's instance decides;
/// the registering instance shows what it was told (`Pending` until then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationState {
    /// Sent to the organiser's instance, not answered yet.
    Pending,
    /// Has a place.
    Accepted,
    /// On the waiting list: moves up when a place comes free.
    Waiting,
    /// Withdrawn by the collective.
    Cancelled,
    /// Refused by the organiser's instance.
    Rejected,
}

impl RegistrationState {
    pub const ALL: [RegistrationState; 5] = [
        RegistrationState::Pending,
        RegistrationState::Accepted,
        RegistrationState::Waiting,
        RegistrationState::Cancelled,
        RegistrationState::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationState::Pending => "pending",
            RegistrationState::Accepted => "accepted",
            RegistrationState::Waiting => "waiting",
            RegistrationState::Cancelled => "cancelled",
            RegistrationState::Rejected => "rejected",
        }
    }

    /// Whether the collective still counts as coming (or hoping to).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            RegistrationState::Pending | RegistrationState::Accepted | RegistrationState::Waiting
        )
    }
}

impl FromStr for RegistrationState {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegistrationState::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| UnknownValue {
                what: "registration state",
                value: s.to_owned(),
            })
    }
}

/// A time zone by its IANA name ("Europe/Amsterdam").
pub fn time_zone(name: &str) -> Result<Tz, UnknownValue> {
    name.parse::<Tz>().map_err(|_| UnknownValue {
        what: "time zone",
        value: name.to_owned(),
    })
}

/// Why a wall-clock time cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalTimeError {
    #[error(transparent)]
    Zone(#[from] UnknownValue),
    /// The clocks skip it (the hour lost when summer time starts).
    #[error("{0} does not exist in {1}: the clocks are put forward then")]
    Skipped(NaiveDateTime, String),
}

/// The UTC moment of `local` on the clocks of `zone`. In the hour that occurs twice when
/// summer time ends the first (summer-time) one is meant, as a person reading a calendar
/// would assume.
pub fn to_utc(local: NaiveDateTime, zone: &str) -> Result<NaiveDateTime, LocalTimeError> {
    let tz = time_zone(zone)?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc())
        .ok_or_else(|| LocalTimeError::Skipped(local, zone.to_owned()))
}

/// The wall-clock time in `zone` of the UTC moment `utc` (UTC itself for an unknown zone).
pub fn to_local(utc: NaiveDateTime, zone: &str) -> NaiveDateTime {
    match time_zone(zone) {
        Ok(tz) => tz.from_utc_datetime(&utc).naive_local(),
        Err(_) => utc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn half_past_seven_in_amsterdam_is_an_hour_earlier_in_utc_in_winter_two_in_summer() {
        assert_eq!(
            to_utc(at("2027-01-14 19:30"), DEFAULT_TIME_ZONE),
            Ok(at("2027-01-14 18:30"))
        );
        assert_eq!(
            to_utc(at("2027-07-14 19:30"), DEFAULT_TIME_ZONE),
            Ok(at("2027-07-14 17:30"))
        );
        assert_eq!(
            to_local(at("2027-07-14 17:30"), DEFAULT_TIME_ZONE),
            at("2027-07-14 19:30")
        );
    }

    #[test]
    fn the_skipped_hour_is_refused_and_the_doubled_one_is_summer_time() {
        assert!(matches!(
            to_utc(at("2027-03-28 02:30"), DEFAULT_TIME_ZONE),
            Err(LocalTimeError::Skipped(..))
        ));
        assert_eq!(
            to_utc(at("2027-10-31 02:30"), DEFAULT_TIME_ZONE),
            Ok(at("2027-10-31 00:30"))
        );
        assert!(to_utc(at("2027-01-14 19:30"), "Mars/Olympus").is_err());
    }

    #[test]
    fn states_and_modes_read_back_what_they_write() {
        for s in RegistrationState::ALL {
            assert_eq!(s.as_str().parse(), Ok(s));
        }
        for m in MeetingMode::ALL {
            assert_eq!(m.as_str().parse(), Ok(m));
        }
        assert!("zoom".parse::<MeetingMode>().is_err());
    }
}
