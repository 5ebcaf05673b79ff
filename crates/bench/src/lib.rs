//! Shared output format of the benchmarks, so docs/benchmarks.md can quote them alike.

/// Prints `name: figure unit (target: comparison target unit) — PASS|MISS`.
pub fn report(name: &str, figure: f64, unit: &str, target: f64, lower_is_better: bool) {
    let met = if lower_is_better {
        figure <= target
    } else {
        figure >= target
    };
    let cmp = if lower_is_better { "≤" } else { "≥" };
    println!(
        "{name}: {figure:.1} {unit} (target {cmp} {target} {unit}) — {}",
        if met { "PASS" } else { "MISS" }
    );
}

/// User and system CPU time this process has used so far, in seconds (Linux), from
/// `/proc/self/stat`; 0 where that cannot be read.
pub fn process_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th, in clock ticks of 1/100 s on Linux.
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
