use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Who may see a dilemma (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone; federated.
    Public,
    /// Delivered only to approved followers of the collective; fetchable only with a
    /// signed request from one of them; never listed publicly.
    Followers,
    /// Members of the collective only; never leaves the instance.
    Internal,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Followers => "followers",
            Visibility::Internal => "internal",
        }
    }

    /// Whether anything about it may be sent to other instances.
    pub fn federates(self) -> bool {
        self != Visibility::Internal
    }
}

impl FromStr for Visibility {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "public" => Ok(Visibility::Public),
            "followers" => Ok(Visibility::Followers),
            "internal" => Ok(Visibility::Internal),
            _ => Err(UnknownValue {
                what: "visibility",
                value: s.to_owned(),
            }),
        }
    }
}
