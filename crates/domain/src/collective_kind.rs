use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// The kinds of collective SPEC §2 names. Stored and sent as their snake_case key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectiveKind {
    ResidentsCollective,
    TenantsCommittee,
    ResidentsInitiative,
    CoreGroup,
    SupportOrganisation,
}

impl CollectiveKind {
    pub const ALL: [CollectiveKind; 5] = [
        CollectiveKind::ResidentsCollective,
        CollectiveKind::TenantsCommittee,
        CollectiveKind::ResidentsInitiative,
        CollectiveKind::CoreGroup,
        CollectiveKind::SupportOrganisation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CollectiveKind::ResidentsCollective => "residents_collective",
            CollectiveKind::TenantsCommittee => "tenants_committee",
            CollectiveKind::ResidentsInitiative => "residents_initiative",
            CollectiveKind::CoreGroup => "core_group",
            CollectiveKind::SupportOrganisation => "support_organisation",
        }
    }
}

impl fmt::Display for CollectiveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CollectiveKind {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CollectiveKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownValue {
                what: "collective kind",
                value: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind() {
        for kind in CollectiveKind::ALL {
            assert_eq!(kind.as_str().parse::<CollectiveKind>(), Ok(kind));
        }
        assert!("club".parse::<CollectiveKind>().is_err());
    }
}
