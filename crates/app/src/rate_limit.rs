//! One keyed rate limit: `n` attempts per key, refilled evenly over a window. Used by the
//! web throttles (per address, per account) and by the inboxes (per remote actor).

use crate::AppError;
use governor::{
    DefaultKeyedRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use std::{hash::Hash, num::NonZeroU32, time::Duration};

/// Past this many tracked keys, the ones back at a full allowance are forgotten, so that a
/// stream of new keys cannot grow the table without end.
const MAX_TRACKED_KEYS: usize = 10_000;

pub struct KeyedLimit<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
}

impl<K: Hash + Eq + Clone> KeyedLimit<K> {
    pub fn new(n: u32, window: Duration) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let period = (window / n.get()).max(Duration::from_millis(1));
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(n);
        KeyedLimit {
            limiter: RateLimiter::keyed(quota),
        }
    }

    /// Takes one attempt for `key`, or says (as `TooManyRequests`) how many seconds until
    /// one is allowed.
    pub fn take(&self, key: &K) -> Result<(), AppError> {
        if self.limiter.len() > MAX_TRACKED_KEYS {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            AppError::TooManyRequests(wait.as_secs().max(1))
        })
    }
}
