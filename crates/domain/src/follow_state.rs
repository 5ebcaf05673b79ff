use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a follow stands. A closed collective keeps a follow `Pending` until a coordinator
/// approves it; a rejected follow is removed rather than kept in a third state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowState {
    Pending,
    Accepted,
}

impl FollowState {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowState::Pending => "pending",
            FollowState::Accepted => "accepted",
        }
    }
}

impl FromStr for FollowState {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(FollowState::Pending),
            "accepted" => Ok(FollowState::Accepted),
            _ => Err(UnknownValue {
                what: "follow state",
                value: s.to_owned(),
            }),
        }
    }
}
