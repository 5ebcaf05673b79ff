use std::{future::Future, time::Duration};

/// Polls `check` until it yields `Some`, for at most 30 seconds; panics naming `what` if it
/// never does. Federation is asynchronous: this is how tests wait for it, never with sleeps
/// of a guessed length.
pub async fn eventually<T, F, Fut>(what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    eventually_within(what, Duration::from_secs(30), check).await
}

/// [`eventually`] with a longer wait, for tests of volume (hundreds of activities on a
/// loaded machine): what they check is that everything arrives, not how fast (that is the
/// benchmarks' job).
pub async fn eventually_within<T, F, Fut>(what: &str, patience: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + patience;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
