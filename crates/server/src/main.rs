//! `meent`: start an instance, run migrations, or administer collectives and members.

mod commands;

use clap::Parser;
use commands::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match commands::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meent: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
