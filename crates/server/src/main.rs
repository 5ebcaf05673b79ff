//! `meent`: start an instance, run migrations, or administer collectives and members.

mod commands;

use clap::Parser;
use commands::Cli;

/// mimalloc rather than the system allocator: an inbox under load allocates and frees many
/// small buffers across threads, where glibc's allocator spent about a tenth of the CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
