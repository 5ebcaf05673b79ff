//! What a mail says, before it is put into words: the web layer's composer turns a
//! [`LetterContent`] into a [`Letter`] in the member's language.

use meent_domain::MailCadence;
use url::Url;

/// A composed mail.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, Clone)]
pub enum LetterContent {
    /// Follow the link to confirm this address.
    ConfirmAddress { name: String, link: Url },
    /// Follow the link to choose a new password (it works for an hour).
    ResetPassword { name: String, link: Url },
    /// The registration was approved: the member can log in.
    Approved {
        name: String,
        collective: Option<String>,
        login: Url,
    },
    /// Someone registered and waits for the recipient's approval.
    AwaitsApproval {
        applicant: String,
        collective: Option<String>,
        review: Url,
        settings: Url,
        unsubscribe: Url,
    },
    /// Notifications and new dilemmas: one item at once, or a daily or weekly digest,
    /// grouped by collective and dilemma.
    Digest {
        name: String,
        cadence: MailCadence,
        groups: Vec<DigestGroup>,
        settings: Url,
        unsubscribe: Url,
    },
}

/// The items of one collective in a digest.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestGroup {
    /// The collective's display name; empty for items that belong to none.
    pub collective: String,
    pub entries: Vec<DigestEntry>,
}

/// One dilemma (or session, or collective) and what happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestEntry {
    pub title: String,
    pub link: Url,
    pub lines: Vec<DigestLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DigestLine {
    /// A new dilemma of a followed collective.
    NewDilemma,
    /// A notification of `kind` (see `use_cases::notifications`) about what `actor` did.
    Notification { kind: String, actor: String },
}
