//! `meent search reindex`: rebuild this server's search index from the database.

use anyhow::Context;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use meent_server::{Config, app_context, search::open_index};

#[derive(Debug, Subcommand)]
pub enum Search {
    /// Rebuild the search index from the database, showing progress. Stop the server that
    /// uses the same index folder first (the index has one writer).
    Reindex,
}

pub async fn run(config: &Config, cmd: Search) -> anyhow::Result<()> {
    match cmd {
        Search::Reindex => reindex(config).await,
    }
}

async fn reindex(config: &Config) -> anyhow::Result<()> {
    let ctx = app_context(config).await?;
    let (index, _) = open_index(config)?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing dilemmas [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
        )
        .context("progress bar template")?
        .progress_chars("=> "),
    );
    let started = std::time::Instant::now();
    let bar_in = bar.clone();
    let done = meent_search::rebuild(&ctx.db, &index, &mut move |done, total| {
        bar_in.set_length(total);
        bar_in.set_position(done);
    })
    .await?;
    bar.finish();
    println!(
        "indexed {done} dilemma(s) in {:.1?} into {}",
        started.elapsed(),
        config.search.index_dir
    );
    Ok(())
}
