//! Dates into tantivy's, which count nanoseconds in an `i64` (about the years 1678 to 2261):
//! a date beyond that, from a query or from another server, would overflow (a panic in
//! debug builds, a wrong date in release). Nothing Meent stores or asks for lies outside
//! 1700–2200, so dates are clamped to that range.

use tantivy::DateTime;

/// 1700-01-01T00:00:00Z and 2200-12-31T23:59:59Z in seconds since the epoch.
const EARLIEST: i64 = -8_520_336_000;
const LATEST: i64 = 7_289_654_399;

pub(crate) fn from_secs(secs: i64) -> DateTime {
    DateTime::from_timestamp_secs(secs.clamp(EARLIEST, LATEST))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_far_off_are_clamped_not_overflowed() {
        for year in [1, 1000, 3422, 9999] {
            let secs = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| d.and_utc().timestamp())
                .unwrap_or_default();
            let _ = from_secs(secs);
        }
        assert_eq!(from_secs(i64::MAX).into_timestamp_secs(), LATEST);
        assert_eq!(from_secs(i64::MIN).into_timestamp_secs(), EARLIEST);
        assert_eq!(from_secs(0).into_timestamp_secs(), 0);
    }
}
