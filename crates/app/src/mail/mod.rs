//! E-mail: what is mailed to members and how it is kept until sent.
//!
//! Mail is optional: without `[mail]` settings no [`Mailer`] is installed, the pages hide
//! every e-mail feature and nothing is queued. A mail is composed (in the member's
//! language, by the [`MailComposer`] the web layer installs) inside the transaction of
//! the change it tells of, and stored in the `mail_outbox` table; [`sender`] hands it to
//! the SMTP server later, so a mail is neither lost when the server is down or Meent
//! restarts, nor sent twice.

pub mod digest;
mod letters;
mod queue;
pub mod sender;

pub use letters::{DigestEntry, DigestGroup, DigestLine, Letter, LetterContent};
pub(crate) use queue::{enqueue, enqueue_to_member};

use chrono_tz::Tz;
use meent_domain::Language;
use std::sync::Arc;
use tokio::sync::Notify;

/// Renders a mail's content as subject, plain text and HTML in a language.
pub trait MailComposer: Send + Sync {
    fn compose(&self, lang: Language, content: &LetterContent) -> Letter;
}

/// How mail is composed and when digests are due.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The hour (in `time_zone`) daily and weekly digests gather up to.
    pub digest_hour: u32,
    pub time_zone: Tz,
}

/// Installed on the context when mail is configured.
#[derive(Clone)]
pub struct Mailer {
    pub settings: MailSettings,
    composer: Arc<dyn MailComposer>,
    wake: Arc<Notify>,
}

impl Mailer {
    pub fn new(settings: MailSettings, composer: Arc<dyn MailComposer>) -> Self {
        Mailer {
            settings,
            composer,
            wake: Arc::new(Notify::new()),
        }
    }

    pub fn compose(&self, lang: Language, content: &LetterContent) -> Letter {
        self.composer.compose(lang, content)
    }

    /// Wakes the sender (a mail was queued). It also polls, so a missed wake only delays.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await
    }
}

/// The language a member's mail is in: their choice, else Dutch.
pub(crate) fn language_of(account: &meent_db::queries::accounts::AccountRow) -> Language {
    account
        .language
        .as_deref()
        .and_then(|l| l.parse().ok())
        .unwrap_or_default()
}
