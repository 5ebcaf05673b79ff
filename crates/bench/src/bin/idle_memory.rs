//! Resident memory of an idle instance (SPEC §6: under 40 MB).
//!
//! Starts one instance in this process on SQLite, as `meent serve` does, serves a few
//! requests of each kind, lets it idle, then reads this process's resident set size.
//! Run with `cargo run --release -p meent-bench --bin idle_memory`.

use std::time::Duration;

/// A field of `/proc/self/status`, in KiB (`VmRSS`, `RssAnon`, `RssFile`).
fn status_kib(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {field} in /proc/self/status"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let a = meent_testkit::start_with(|c| c.http.workers = 2).await?;
    a.create_collective("buurtkamer", true).await?;
    for path in [
        "/",
        "/c/buurtkamer",
        "/api/v1/instance",
        "/api/openapi.json",
        "/nodeinfo/2.1",
    ] {
        for _ in 0..20 {
            a.http.get(a.url(path)).send().await?.bytes().await?;
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mib = |field| -> anyhow::Result<f64> { Ok(status_kib(field)? as f64 / 1024.0) };
    // The resident set counts the pages of the program's code that were read in (shared,
    // and given back under memory pressure) as well as its own memory; both are shown, the
    // target is checked against the whole.
    println!(
        "of which the process's own memory (RssAnon) {:.1} MiB, mapped program and library \
         code (RssFile) {:.1} MiB",
        mib("RssAnon")?,
        mib("RssFile")?
    );
    meent_bench::report(
        "idle instance resident memory",
        mib("VmRSS")?,
        "MiB",
        40.0,
        true,
    );
    a.stop().await;
    Ok(())
}
