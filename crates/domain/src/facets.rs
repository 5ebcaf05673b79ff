//! Context facets (SPEC §2): what kind of situation a dilemma or confirmation comes from,
//! so that others can judge whether a solution fits theirs.

use crate::UnknownValue;
use serde::{Deserialize, Serialize};

macro_rules! closed_list {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($key => Ok($name::$variant),)+
                    _ => Err(UnknownValue { what: $what, value: s.to_owned() }),
                }
            }
        }
    };
}

closed_list!(
    /// Who owns the building the collective works in or about.
    BuildingOwner, "building owner", {
        Municipality => "municipality",
        HousingAssociation => "housing_association",
        Private => "private",
        Own => "own",
    }
);

closed_list!(
    /// The collective's legal form.
    LegalForm, "legal form", {
        Informal => "informal",
        Association => "association",
        Foundation => "foundation",
        Cooperative => "cooperative",
    }
);

closed_list!(
    /// Roughly how many people are active in the collective.
    CollectiveSize, "collective size", {
        UpTo5 => "up_to_5",
        From6To15 => "6_to_15",
        From16To50 => "16_to_50",
        Over50 => "over_50",
    }
);

closed_list!(
    /// The yearly budget the collective works with.
    BudgetRange, "budget range", {
        None => "none",
        UpTo1000 => "up_to_1000",
        From1000To10000 => "1000_to_10000",
        From10000To100000 => "10000_to_100000",
        Over100000 => "over_100000",
    }
);

/// The facets of one situation. Every facet is optional: people say what they know.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextFacets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building_owner: Option<BuildingOwner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_form: Option<LegalForm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective_size: Option<CollectiveSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_range: Option<BudgetRange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_round_trip_and_refuse_unknown_values() {
        for v in BuildingOwner::ALL {
            assert_eq!(v.as_str().parse::<BuildingOwner>(), Ok(*v));
        }
        for v in BudgetRange::ALL {
            assert_eq!(v.as_str().parse::<BudgetRange>(), Ok(*v));
        }
        assert!("castle".parse::<BuildingOwner>().is_err());
        let f: ContextFacets =
            serde_json::from_str(r#"{"municipality":"Utrecht","legalForm":"foundation"}"#).unwrap();
        assert_eq!(f.legal_form, Some(LegalForm::Foundation));
        assert!(serde_json::from_str::<ContextFacets>(r#"{"legalForm":"empire"}"#).is_err());
    }
}
