//! Rules for web accounts: how people may register, which languages the interface speaks,
//! and what makes an acceptable password.

use crate::UnknownValue;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// How a newcomer gets an account on this instance (an instance setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationMode {
    /// Anyone may register and join a collective at once.
    Open,
    /// Only with an invitation code made by a collective's coordinator.
    Invite,
    /// Anyone may register; a coordinator or administrator approves before they can log in.
    #[default]
    Approval,
}

impl RegistrationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationMode::Open => "open",
            RegistrationMode::Invite => "invite",
            RegistrationMode::Approval => "approval",
        }
    }
}

impl FromStr for RegistrationMode {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(RegistrationMode::Open),
            "invite" => Ok(RegistrationMode::Invite),
            "approval" => Ok(RegistrationMode::Approval),
            _ => Err(UnknownValue {
                what: "registration mode",
                value: s.to_owned(),
            }),
        }
    }
}

/// The languages the web interface is translated into. Dutch is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

impl FromStr for Language {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            _ => Err(UnknownValue {
                what: "language",
                value: s.to_owned(),
            }),
        }
    }
}

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 1_000;

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
}

/// Length is the rule (as NIST SP 800-63B advises): no composition rules that push people
/// towards "Welkom01!".
pub fn check_password(password: &str) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        Err(PasswordProblem::TooShort)
    } else if n > MAX_PASSWORD_CHARS {
        Err(PasswordProblem::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_is_the_rule() {
        assert_eq!(check_password("kort"), Err(PasswordProblem::TooShort));
        assert_eq!(check_password("precies10!"), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(1_001)),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn modes_and_languages_round_trip() {
        for m in [
            RegistrationMode::Open,
            RegistrationMode::Invite,
            RegistrationMode::Approval,
        ] {
            assert_eq!(m.as_str().parse::<RegistrationMode>(), Ok(m));
        }
        for l in Language::ALL {
            assert_eq!(l.as_str().parse::<Language>(), Ok(l));
        }
        assert!("de".parse::<Language>().is_err());
    }
}
