//! Runs housekeeping (`meent_app::housekeeping`) every `housekeeping.interval_secs`, the
//! first time one interval after start.

use crate::Config;
use meent_app::AppContext;
use meent_search::SearchIndex;
use std::time::Duration;
use tokio::task::JoinHandle;

pub fn spawn(ctx: AppContext, config: &Config, index: SearchIndex) -> JoinHandle<()> {
    let settings = config.housekeeping.settings();
    let every = Duration::from_secs(config.housekeeping.interval_secs.max(1));
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            let now = meent_db::now();
            if let Err(e) = meent_app::housekeeping::run(&ctx, &settings, index.cursor(), now).await
            {
                tracing::error!(error = %e, "housekeeping failed; trying again next time");
            }
        }
    })
}
