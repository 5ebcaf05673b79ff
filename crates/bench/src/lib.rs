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
