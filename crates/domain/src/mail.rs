//! E-mail choices: per kind of notification a member chooses how it is mailed, and when a
//! daily or weekly digest is due.

use crate::UnknownValue;
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;
use std::str::FromStr;

/// How a kind of notification reaches a member by mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailCadence {
    /// A mail of its own as soon as it happens.
    Immediate,
    /// Gathered into one mail a day.
    Daily,
    /// Gathered into one mail a week (on Monday).
    Weekly,
    /// Not mailed.
    Off,
}

impl MailCadence {
    pub const ALL: [MailCadence; 4] = [
        MailCadence::Immediate,
        MailCadence::Daily,
        MailCadence::Weekly,
        MailCadence::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailCadence::Immediate => "immediate",
            MailCadence::Daily => "daily",
            MailCadence::Weekly => "weekly",
            MailCadence::Off => "off",
        }
    }
}

impl FromStr for MailCadence {
    type Err = UnknownValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MailCadence::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownValue {
                what: "mail cadence",
                value: s.to_owned(),
            })
    }
}

/// The kinds of mail a member chooses a cadence for: the notification kinds, and new
/// dilemmas of the collectives they follow (which are not notifications).
pub const MAIL_KINDS: [&str; 7] = [
    "solution",
    "acceptance",
    "confirmation",
    "follow_request",
    "session_reminder",
    "mention",
    NEW_DILEMMA,
];

/// New public dilemmas of collectives the member follows.
pub const NEW_DILEMMA: &str = "new_dilemma";

/// The cadence of `kind` for a member who chose nothing: what is about them or their own
/// question at once, what is merely new in the network once a day.
pub fn default_cadence(kind: &str) -> MailCadence {
    match kind {
        NEW_DILEMMA | "confirmation" => MailCadence::Daily,
        _ => MailCadence::Immediate,
    }
}

/// The moment up to which items of `cadence` are due at `now` (UTC): `now` itself for
/// immediate mail, the latest `hour` o'clock in `tz` at or before `now` for a daily digest,
/// and the latest such Monday for a weekly one. Everything that happened before it and was
/// not mailed goes into the digest; what happened after waits for the next.
pub fn due_until(cadence: MailCadence, now: NaiveDateTime, hour: u32, tz: Tz) -> NaiveDateTime {
    let local = tz.from_utc_datetime(&now);
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    let mut day = local.date_naive();
    if local.time() < at {
        day = day.pred_opt().unwrap_or(day);
    }
    if cadence == MailCadence::Weekly {
        let back = day.weekday().num_days_from_monday();
        day -= Duration::days(i64::from(back));
        debug_assert_eq!(day.weekday(), Weekday::Mon);
    }
    match cadence {
        MailCadence::Immediate | MailCadence::Off => now,
        MailCadence::Daily | MailCadence::Weekly => {
            // A moment skipped by a clock change (02:00-03:00 in spring) counts as the
            // first moment after it.
            let naive = day.and_time(at);
            tz.from_local_datetime(&naive)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(naive + Duration::hours(1)))
                        .earliest()
                })
                .map(|t| t.naive_utc())
                .unwrap_or(now)
                .min(now)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid date")
    }

    #[test]
    fn a_daily_digest_covers_up_to_seven_in_amsterdam() {
        let tz = chrono_tz::Europe::Amsterdam;
        // Winter: 07:00 in Amsterdam is 06:00 UTC.
        assert_eq!(
            due_until(MailCadence::Daily, utc(2026, 12, 8, 6, 30), 7, tz),
            utc(2026, 12, 8, 6, 0)
        );
        // Before seven, the digest of the day before.
        assert_eq!(
            due_until(MailCadence::Daily, utc(2026, 12, 8, 5, 59), 7, tz),
            utc(2026, 12, 7, 6, 0)
        );
        // Summer: 07:00 is 05:00 UTC.
        assert_eq!(
            due_until(MailCadence::Daily, utc(2026, 7, 8, 5, 0), 7, tz),
            utc(2026, 7, 8, 5, 0)
        );
    }

    #[test]
    fn a_weekly_digest_covers_up_to_monday() {
        let tz = chrono_tz::Europe::Amsterdam;
        // Sunday 6 December 2026 → Monday 30 November.
        assert_eq!(
            due_until(MailCadence::Weekly, utc(2026, 12, 6, 12, 0), 7, tz),
            utc(2026, 11, 30, 6, 0)
        );
        // Monday 7 December after seven → that Monday.
        assert_eq!(
            due_until(MailCadence::Weekly, utc(2026, 12, 7, 9, 0), 7, tz),
            utc(2026, 12, 7, 6, 0)
        );
    }

    #[test]
    fn cadences_read_back() {
        for c in MailCadence::ALL {
            assert_eq!(c.as_str().parse::<MailCadence>(), Ok(c));
        }
        assert!("sometimes".parse::<MailCadence>().is_err());
    }

    proptest! {
        /// A digest never covers the future, nor more than a week (plus a day) back.
        #[test]
        fn due_until_is_in_the_past_and_recent(secs in 0i64..4_000_000_000, hour in 0u32..24) {
            let now = chrono::DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc()).unwrap_or_default();
            for c in MailCadence::ALL {
                let until = due_until(c, now, hour, chrono_tz::Europe::Amsterdam);
                prop_assert!(until <= now);
                prop_assert!(now - until <= Duration::days(8));
            }
        }
    }
}
