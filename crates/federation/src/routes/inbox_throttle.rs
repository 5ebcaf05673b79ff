//! Activities accepted per remote actor per window. Counted after the signature is
//! verified (from `InboxActivity::verify`), so that nobody can use up another actor's
//! allowance with requests it did not sign; what goes beyond is answered 429 with
//! `Retry-After`, which senders retry later, and changes nothing.

use crate::FederationError;
use meent_app::{AppContext, rate_limit::KeyedLimit};
use std::{sync::OnceLock, time::Duration};
use url::Url;

#[derive(Default)]
pub struct InboxThrottle {
    limit: OnceLock<KeyedLimit<String>>,
}

/// Sets the limit for this process; the first call counts. Without it nothing is limited.
pub fn install(ctx: &AppContext, per_actor: u32, window: Duration) {
    let _ = ctx
        .extension_or_default::<InboxThrottle>()
        .limit
        .set(KeyedLimit::new(per_actor, window));
}

/// Takes one activity of `actor`'s allowance.
pub(crate) fn take(ctx: &AppContext, actor: &Url) -> Result<(), FederationError> {
    match ctx.extension_or_default::<InboxThrottle>().limit.get() {
        Some(limit) => Ok(limit.take(&actor.to_string())?),
        None => Ok(()),
    }
}
