use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A member's role in a collective. Coordinators approve followers and manage members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Coordinator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coordinator => "coordinator",
        }
    }
}

impl FromStr for Role {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "member" => Ok(Role::Member),
            "coordinator" => Ok(Role::Coordinator),
            _ => Err(UnknownValue {
                what: "role",
                value: s.to_owned(),
            }),
        }
    }
}
