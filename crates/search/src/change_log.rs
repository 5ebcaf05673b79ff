//! Where the indexer stands in the change log: the highest id it has read, and the gaps
//! below that id which may still fill.
//!
//! PostgreSQL hands out ids at insert, not at commit, so a change with a lower id can become
//! visible after one with a higher id. Rather than re-reading everything from a point kept
//! well behind (which costs a read of every recent row at every poll), the indexer reads
//! only rows above the highest id it has seen and re-checks the few ids it skipped. A gap
//! still empty after [`SETTLE`] is taken to be an id that was never committed (a rolled
//! back transaction). On SQLite, with one writer, gaps do not occur.

use std::time::{Duration, Instant};

/// How long a gap is waited for.
pub const SETTLE: Duration = Duration::from_secs(30);
/// Gaps kept at most; beyond that the oldest are given up, so a flood of rolled-back
/// transactions cannot make every poll slower.
const MAX_GAPS: usize = 1_000;

/// Ids `from..=to`, not seen yet, first missed at `seen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Gap {
    from: i64,
    to: i64,
    seen: Instant,
}

#[derive(Debug, Clone)]
pub struct LogPosition {
    high: i64,
    gaps: Vec<Gap>,
}

impl LogPosition {
    /// Everything up to and including `cursor` has been applied.
    pub fn starting_at(cursor: i64) -> LogPosition {
        LogPosition {
            high: cursor,
            gaps: Vec::new(),
        }
    }

    /// The highest id read; new rows are those above it.
    pub fn high(&self) -> i64 {
        self.high
    }

    /// The gaps to re-check, as inclusive id ranges.
    pub fn gap_ranges(&self) -> Vec<(i64, i64)> {
        self.gaps.iter().map(|g| (g.from, g.to)).collect()
    }

    /// Notes a row read above [`high`](Self::high); rows come in ascending id order. The
    /// ids skipped on the way become a gap.
    pub fn read(&mut self, id: i64, now: Instant) {
        if id <= self.high {
            return;
        }
        if id > self.high + 1 {
            self.gaps.push(Gap {
                from: self.high + 1,
                to: id - 1,
                seen: now,
            });
            if self.gaps.len() > MAX_GAPS {
                let given_up = self.gaps.remove(0);
                tracing::warn!(
                    from = given_up.from,
                    to = given_up.to,
                    "too many gaps in the search change log; giving up the oldest"
                );
            }
        }
        self.high = id;
    }

    /// Notes a row found inside a gap: the gap is split around it.
    pub fn filled(&mut self, id: i64) {
        let Some(at) = self.gaps.iter().position(|g| g.from <= id && id <= g.to) else {
            return;
        };
        let gap = self.gaps.remove(at);
        let halves = [
            Gap { to: id - 1, ..gap },
            Gap {
                from: id + 1,
                ..gap
            },
        ];
        let kept: Vec<Gap> = halves.into_iter().filter(|g| g.from <= g.to).collect();
        self.gaps.splice(at..at, kept);
    }

    /// Gives up gaps that stayed empty for [`SETTLE`].
    pub fn expire(&mut self, now: Instant) {
        self.gaps
            .retain(|g| now.saturating_duration_since(g.seen) < SETTLE);
    }

    /// The position to store with the index: just below the lowest open gap, else the
    /// highest id read. A restart reads again from there; applying a change twice is
    /// harmless (a dilemma is reindexed from its rows).
    pub fn cursor(&self) -> i64 {
        self.gaps
            .iter()
            .map(|g| g.from - 1)
            .min()
            .unwrap_or(self.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_rows_leave_no_gap() {
        let now = Instant::now();
        let mut p = LogPosition::starting_at(10);
        for id in 11..=20 {
            p.read(id, now);
        }
        assert_eq!(p.high(), 20);
        assert_eq!(p.gap_ranges(), vec![]);
        assert_eq!(p.cursor(), 20);
    }

    #[test]
    fn skipped_ids_hold_the_cursor_until_filled() {
        let now = Instant::now();
        let mut p = LogPosition::starting_at(10);
        p.read(11, now);
        p.read(15, now);
        p.read(16, now);
        assert_eq!(p.gap_ranges(), vec![(12, 14)]);
        assert_eq!(p.cursor(), 11);
        p.filled(13);
        assert_eq!(p.gap_ranges(), vec![(12, 12), (14, 14)]);
        assert_eq!(p.cursor(), 11);
        p.filled(12);
        assert_eq!(p.cursor(), 13);
        p.filled(14);
        assert_eq!(p.gap_ranges(), vec![]);
        assert_eq!(p.cursor(), 16);
    }

    #[test]
    fn rows_at_or_below_the_high_mark_are_not_new() {
        let now = Instant::now();
        let mut p = LogPosition::starting_at(10);
        p.read(10, now);
        p.read(5, now);
        assert_eq!(p.high(), 10);
        assert_eq!(p.gap_ranges(), vec![]);
    }

    #[test]
    fn a_gap_is_given_up_after_settling() {
        let start = Instant::now();
        let mut p = LogPosition::starting_at(0);
        p.read(3, start);
        p.read(9, start + Duration::from_secs(20));
        assert_eq!(p.gap_ranges(), vec![(1, 2), (4, 8)]);
        p.expire(start + SETTLE);
        assert_eq!(p.gap_ranges(), vec![(4, 8)]);
        assert_eq!(p.cursor(), 3);
        p.expire(start + Duration::from_secs(20) + SETTLE);
        assert_eq!(p.cursor(), 9);
    }

    #[test]
    fn the_number_of_gaps_is_bounded() {
        let now = Instant::now();
        let mut p = LogPosition::starting_at(0);
        for i in 1..=(MAX_GAPS as i64 + 5) {
            p.read(i * 2, now);
        }
        assert_eq!(p.gap_ranges().len(), MAX_GAPS);
        assert_eq!(p.gap_ranges()[0], (11, 11));
    }
}
