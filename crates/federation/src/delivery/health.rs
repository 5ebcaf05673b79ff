//! Health per remote instance. A failed *attempt round* (one host worker's batch in which
//! nothing got through) counts once, however many activities were in it, so a burst of
//! posts during a short outage does not count as a long one. The instance then waits out a
//! back-off before its next round. It counts as dead only when it has kept failing for
//! `dead_after` (failures spread over time, as Mastodon's and Lemmy's queues decide), and
//! is then tried every `dead_retry`. Any success, or any signed activity received from it,
//! makes it healthy again and its waiting deliveries due at once.

use super::Backoff;
use chrono::NaiveDateTime;
use meent_db::queries::instances::{Failing, InstanceRow};
use std::{collections::HashSet, sync::Mutex, time::Duration};
use tokio::sync::Notify;

#[derive(Debug, Clone, Copy)]
pub struct HealthPolicy {
    pub backoff: Backoff,
    /// How long an instance must keep failing before it counts as dead.
    pub dead_after: Duration,
    /// How often a dead instance is tried.
    pub dead_retry: Duration,
}

fn chrono(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::days(365))
}

impl HealthPolicy {
    /// The state after a failed round at `now`, given the state before it.
    pub fn after_failed_round(&self, before: Option<&InstanceRow>, now: NaiveDateTime) -> Failing {
        let failures = before.map_or(0, |i| i.failures).saturating_add(1);
        let failing_since = before.and_then(|i| i.failing_since).unwrap_or(now).min(now);
        let dead_since = before.and_then(|i| i.dead_since).or_else(|| {
            (now - failing_since >= chrono(self.dead_after) && failures > 1).then_some(now)
        });
        let wait = match dead_since {
            Some(_) => self.dead_retry,
            None => self.backoff.delay(failures.max(1) as u32),
        };
        Failing {
            failures,
            failing_since,
            dead_since,
            retry_at: now + chrono(wait),
        }
    }
}

/// What the delivery engine and the inboxes share in one process: the hosts known to be in
/// back-off (so an incoming activity from one of them can wake its queue without a
/// database read for every other activity), and a signal to the scheduler.
#[derive(Default)]
pub struct DeliveryState {
    backed_off: Mutex<HashSet<String>>,
    pub(super) wake: Notify,
}

impl DeliveryState {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.backed_off.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn set_backed_off(&self, hosts: impl IntoIterator<Item = String>) {
        let mut set = self.lock();
        set.clear();
        set.extend(hosts);
    }

    pub(super) fn mark_backed_off(&self, host: &str) {
        self.lock().insert(host.to_owned());
    }

    /// Takes `host` out of the set; true when it was in it.
    pub(super) fn take(&self, host: &str) -> bool {
        self.lock().remove(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy() -> HealthPolicy {
        HealthPolicy {
            backoff: Backoff {
                base: Duration::from_secs(30),
                max: Duration::from_secs(3600),
            },
            dead_after: Duration::from_secs(24 * 3600),
            dead_retry: Duration::from_secs(6 * 3600),
        }
    }

    fn row(f: Failing) -> InstanceRow {
        InstanceRow {
            host: "b.example".into(),
            failures: f.failures,
            dead_since: f.dead_since,
            last_success: None,
            updated_at: f.failing_since,
            failing_since: Some(f.failing_since),
            retry_at: Some(f.retry_at),
            given_up: 0,
            software: None,
            refusals: 0,
            last_refusal_at: None,
            last_refusal: None,
        }
    }

    fn t0() -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }

    #[test]
    fn a_one_minute_outage_waits_at_most_a_minute_more() {
        let p = policy();
        let mut state = None;
        let mut now = t0();
        // Rounds fail while the peer is down for 60 s, each at its retry time.
        while now < t0() + chrono::Duration::seconds(60) {
            let f = p.after_failed_round(state.as_ref(), now);
            assert!(f.dead_since.is_none());
            now = f.retry_at;
            state = Some(row(f));
        }
        assert!(now - t0() <= chrono::Duration::seconds(120), "{now}");
    }

    proptest! {
        /// However many rounds fail, and however close together, an instance is dead only
        /// once it has been failing for `dead_after`, and surely then; until then the wait
        /// never passes the longest back-off.
        #[test]
        fn dead_exactly_when_failing_long_enough(gaps in proptest::collection::vec(0u32..7200, 1..200)) {
            let p = policy();
            let mut state: Option<InstanceRow> = None;
            let mut now = t0();
            let mut first = None;
            for gap in gaps {
                now += chrono::Duration::seconds(i64::from(gap));
                let first = *first.get_or_insert(now);
                let f = p.after_failed_round(state.as_ref(), now);
                prop_assert_eq!(f.failing_since, first);
                let long_enough = now - first >= chrono::Duration::hours(24) && f.failures > 1;
                match f.dead_since {
                    None => {
                        prop_assert!(!long_enough);
                        prop_assert!(f.retry_at - now <= chrono::Duration::seconds(3600));
                    }
                    Some(at) => prop_assert!(at - first >= chrono::Duration::hours(24)),
                }
                state = Some(row(f));
            }
        }
    }
}
