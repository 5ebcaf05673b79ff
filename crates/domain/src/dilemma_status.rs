use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a dilemma stands: `open` → `solved` (a solution was accepted) → `closed`;
/// reopening returns it to `open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DilemmaStatus {
    Open,
    Solved,
    Closed,
}

impl DilemmaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DilemmaStatus::Open => "open",
            DilemmaStatus::Solved => "solved",
            DilemmaStatus::Closed => "closed",
        }
    }

    /// The status after the set of accepted solutions changed: solved while any is
    /// accepted, open again when none is (a closed dilemma stays closed).
    pub fn after_acceptance_change(self, accepted_count: usize) -> DilemmaStatus {
        match (self, accepted_count) {
            (DilemmaStatus::Closed, _) => DilemmaStatus::Closed,
            (_, 0) => DilemmaStatus::Open,
            _ => DilemmaStatus::Solved,
        }
    }

    /// The status after reopening: solved if solutions are still accepted, else open.
    pub fn reopened(accepted_count: usize) -> DilemmaStatus {
        if accepted_count > 0 {
            DilemmaStatus::Solved
        } else {
            DilemmaStatus::Open
        }
    }
}

impl FromStr for DilemmaStatus {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(DilemmaStatus::Open),
            "solved" => Ok(DilemmaStatus::Solved),
            "closed" => Ok(DilemmaStatus::Closed),
            _ => Err(UnknownValue {
                what: "dilemma status",
                value: s.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DilemmaStatus::*;
    use super::*;

    #[test]
    fn acceptance_drives_the_status() {
        assert_eq!(Open.after_acceptance_change(1), Solved);
        assert_eq!(Solved.after_acceptance_change(0), Open);
        assert_eq!(Closed.after_acceptance_change(2), Closed);
        assert_eq!(DilemmaStatus::reopened(1), Solved);
        assert_eq!(DilemmaStatus::reopened(0), Open);
    }
}
