//! Wiring search: open this server's index (made anew when missing or damaged), hand it to
//! the use-cases, and start the indexer that rebuilds it if needed and follows the change log.

use crate::Config;
use anyhow::Context;
use meent_app::{AppContext, use_cases::search::NetworkSettings};
use meent_search::{IndexerSettings, Opened, SearchIndex};
use std::{path::Path, time::Duration};
use tokio::task::JoinHandle;

/// Opens the index named by the configuration.
pub fn open_index(config: &Config) -> anyhow::Result<(SearchIndex, Opened)> {
    let dir = Path::new(&config.search.index_dir);
    SearchIndex::open(dir, config.search.writer_memory_mb * 1024 * 1024)
        .with_context(|| format!("opening the search index in {}", dir.display()))
}

/// Opens the index, installs it and the network-search settings into `ctx`, and starts the
/// indexer task.
pub async fn start(
    config: &Config,
    ctx: &AppContext,
) -> anyhow::Result<(JoinHandle<()>, SearchIndex)> {
    // A server stopping in this process (tests restart instances) may hold the index's one
    // writer for a moment longer.
    let mut tries = 0;
    let (index, opened) = loop {
        match open_index(config) {
            Ok(opened) => break opened,
            Err(e) if tries < 50 => {
                tries += 1;
                tracing::debug!(error = %e, "search index busy; waiting");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e),
        }
    };
    if opened == Opened::Fresh {
        tracing::info!(dir = %config.search.index_dir, "new search index; building it from the database");
    }
    ctx.set_search(index.clone());
    ctx.set_network(NetworkSettings {
        hubs: config.search.hub_urls(),
        timeout: Duration::from_millis(config.search.network_timeout_ms.max(1)),
        max_instances: config.search.network_max_instances,
    });
    let task = tokio::spawn(meent_search::run_indexer(
        ctx.db.clone(),
        index.clone(),
        opened,
        IndexerSettings {
            poll_interval: Duration::from_millis(config.search.poll_interval_ms.max(10)),
        },
    ));
    Ok((task, index))
}
