//! The fixed list of dilemma themes (SPEC §2), with stable ids and Dutch and English labels.
//! Ids are stored and federated; labels are only shown.

use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    KeysAndAccess,
    BudgetsAndSubsidies,
    BusinessPlanAndFinancing,
    RunningACommunityBuilding,
    WorkingWithTheMunicipality,
    WorkingWithTheHousingAssociation,
    RenovationAndRehousing,
    VolunteersAndOrganisation,
    CareAndSupport,
    SafetyAndLiveability,
    CommunicationAndParticipation,
    LegalFormAndGovernance,
}

impl Theme {
    pub const ALL: [Theme; 12] = [
        Theme::KeysAndAccess,
        Theme::BudgetsAndSubsidies,
        Theme::BusinessPlanAndFinancing,
        Theme::RunningACommunityBuilding,
        Theme::WorkingWithTheMunicipality,
        Theme::WorkingWithTheHousingAssociation,
        Theme::RenovationAndRehousing,
        Theme::VolunteersAndOrganisation,
        Theme::CareAndSupport,
        Theme::SafetyAndLiveability,
        Theme::CommunicationAndParticipation,
        Theme::LegalFormAndGovernance,
    ];

    /// The stable id, stored and sent as `meent:theme` and as a hashtag.
    pub fn id(self) -> &'static str {
        match self {
            Theme::KeysAndAccess => "keys_and_access",
            Theme::BudgetsAndSubsidies => "budgets_and_subsidies",
            Theme::BusinessPlanAndFinancing => "business_plan_and_financing",
            Theme::RunningACommunityBuilding => "running_a_community_building",
            Theme::WorkingWithTheMunicipality => "working_with_the_municipality",
            Theme::WorkingWithTheHousingAssociation => "working_with_the_housing_association",
            Theme::RenovationAndRehousing => "renovation_and_rehousing",
            Theme::VolunteersAndOrganisation => "volunteers_and_organisation",
            Theme::CareAndSupport => "care_and_support",
            Theme::SafetyAndLiveability => "safety_and_liveability",
            Theme::CommunicationAndParticipation => "communication_and_participation",
            Theme::LegalFormAndGovernance => "legal_form_and_governance",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Theme::KeysAndAccess => "Sleutels en toegang tot gebouwen",
            Theme::BudgetsAndSubsidies => "Budgetten en subsidies",
            Theme::BusinessPlanAndFinancing => "Ondernemingsplan en financiering",
            Theme::RunningACommunityBuilding => "Een buurthuis runnen",
            Theme::WorkingWithTheMunicipality => "Samenwerken met de gemeente",
            Theme::WorkingWithTheHousingAssociation => "Samenwerken met de woningcorporatie",
            Theme::RenovationAndRehousing => "Renovatie en herhuisvesting",
            Theme::VolunteersAndOrganisation => "Vrijwilligers en organisatie",
            Theme::CareAndSupport => "Zorg en ondersteuning",
            Theme::SafetyAndLiveability => "Veiligheid en leefbaarheid",
            Theme::CommunicationAndParticipation => "Communicatie en participatie",
            Theme::LegalFormAndGovernance => "Rechtsvorm en bestuur",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Theme::KeysAndAccess => "Keys and access to buildings",
            Theme::BudgetsAndSubsidies => "Budgets and subsidies",
            Theme::BusinessPlanAndFinancing => "Business plan and financing",
            Theme::RunningACommunityBuilding => "Running a community building",
            Theme::WorkingWithTheMunicipality => "Working with the municipality",
            Theme::WorkingWithTheHousingAssociation => "Working with the housing association",
            Theme::RenovationAndRehousing => "Renovation and rehousing",
            Theme::VolunteersAndOrganisation => "Volunteers and organisation",
            Theme::CareAndSupport => "Care and support",
            Theme::SafetyAndLiveability => "Safety and liveability",
            Theme::CommunicationAndParticipation => "Communication and participation",
            Theme::LegalFormAndGovernance => "Legal form and governance",
        }
    }
}

impl FromStr for Theme {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Theme::ALL
            .into_iter()
            .find(|t| t.id() == s)
            .ok_or_else(|| UnknownValue {
                what: "theme",
                value: s.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_round_trip() {
        let ids: HashSet<_> = Theme::ALL.iter().map(|t| t.id()).collect();
        assert_eq!(ids.len(), Theme::ALL.len());
        for t in Theme::ALL {
            assert_eq!(t.id().parse::<Theme>(), Ok(t));
            assert!(!t.label_nl().is_empty() && !t.label_en().is_empty());
        }
    }
}
