mod admin;
mod search;
mod serve;

use clap::{Parser, Subcommand};
use meent_server::Config;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "meent",
    version,
    about = "Meent: knowledge sharing for resident collectives"
)]
pub struct Cli {
    /// Configuration file (default: config/meent.toml when present).
    #[arg(long, global = true, env = "MEENT_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the instance (migrations run first).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Create and list collectives, members and API tokens.
    #[command(subcommand)]
    Admin(admin::Admin),
    /// Manage this server's search index.
    #[command(subcommand)]
    Search(search::Search),
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    init_logging(&config);
    match cli.command {
        Command::Serve => serve::serve(&config).await,
        Command::Migrate => {
            let location = meent_db::DatabaseLocation::parse(&config.database.url)?;
            let ran = meent_db::migrate::run(&location).await?;
            println!(
                "{ran} migration(s) applied to {}",
                meent_db::redacted_url(&config.database.url)
            );
            Ok(())
        }
        Command::Admin(cmd) => admin::run(&config, cmd).await,
        Command::Search(cmd) => search::run(&config, cmd).await,
    }
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&config.log.filter));
    // Colours only on a terminal: a log file or journal would keep the escape codes.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .try_init();
}
