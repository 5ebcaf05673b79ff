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
    /// Long enough, but among the passwords tried first (a common password, a keyboard row,
    /// a repeat, the person's own name).
    TooCommon,
}

/// Words a guesser tries first on a Dutch site, on top of zxcvbn's own (English) lists.
const LOCAL_WORDS: &[&str] = &[
    "wachtwoord",
    "welkom",
    "geheim",
    "meent",
    "buurt",
    "bewoners",
    "huurders",
    "collectief",
    "wijk",
    "inloggen",
];

/// Length is the rule (as NIST SP 800-63B advises), plus a check against the passwords a
/// guesser tries first (zxcvbn: common passwords, names, repeats, keyboard rows, dates),
/// with the person's own name and Dutch favourites as extra words. No composition rules that
/// push people towards "Welkom01!". `own_words` are the name and display name.
pub fn check_password(password: &str, own_words: &[&str]) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let mut words: Vec<&str> = LOCAL_WORDS.to_vec();
    words.extend(own_words.iter().filter(|w| !w.is_empty()));
    // zxcvbn's cost grows with length; past 100 characters a password is not guessable by
    // its patterns anyway, so only the start is scored.
    let scored: String = password.chars().take(100).collect();
    let score = u8::from(zxcvbn::zxcvbn(&scored, &words).score());
    if score < MIN_STRENGTH {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

/// zxcvbn's score (0-4) a password needs: 2 means "somewhat guessable", safe against online
/// guessing, which the login throttle bounds.
const MIN_STRENGTH: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_is_the_rule() {
        assert_eq!(check_password("kort", &[]), Err(PasswordProblem::TooShort));
        assert_eq!(check_password("precies 10 fietsen", &[]), Ok(()));
        assert_eq!(
            check_password(&"x".repeat(1_001), &[]),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn common_passwords_are_refused() {
        for weak in [
            "aaaaaaaaaa",
            "1234567890",
            "password123",
            "qwertyuiop",
            "wachtwoord1",
            "welkom2024",
        ] {
            assert_eq!(
                check_password(weak, &[]),
                Err(PasswordProblem::TooCommon),
                "{weak}"
            );
        }
        assert_eq!(
            check_password("janssen1234", &["janssen"]),
            Err(PasswordProblem::TooCommon)
        );
        assert_eq!(check_password("een lange zin als wachtwoord", &[]), Ok(()));
        assert_eq!(check_password(&"lang genoeg ".repeat(50), &[]), Ok(()));
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
