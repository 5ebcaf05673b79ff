//! Resident memory of an idle instance (SPEC §6: under 40 MB).
//!
//! Starts one instance in this process on SQLite, as `meent serve` does, serves a few
//! requests of each kind, lets it idle, then reads this process's resident set size.
//! Run with `cargo run --release -p meent-bench --bin idle_memory`.

use std::time::Duration;

fn rss_kib() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no VmRSS in /proc/self/status"))
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
    let mib = rss_kib()? as f64 / 1024.0;
    meent_bench::report("idle instance resident memory", mib, "MiB", 40.0, true);
    a.stop().await;
    Ok(())
}
