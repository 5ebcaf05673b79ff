//! The `[mail]` section: the SMTP server mail is handed to and when digests go out. An
//! empty `smtp_host` means this instance sends no mail, and every e-mail feature hides.

use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// The SMTP server; empty: no mail.
    pub smtp_host: String,
    /// Its port; 0: the usual one for `security` (587, 465 or 25).
    pub smtp_port: u16,
    /// "starttls" (upgrade a plain connection; the default), "tls" (TLS from the start)
    /// or "none" (only for a server on this machine).
    pub security: String,
    pub username: String,
    pub password: String,
    /// The sender, e.g. "Meent <meent@bewoners.example.nl>".
    pub from: String,
    /// Daily and weekly (Monday) digests gather what happened up to this hour ...
    pub digest_hour: u32,
    /// ... in this time zone.
    pub time_zone: String,
    /// How often queued mail and due digests are looked for (seconds).
    pub poll_interval_secs: u64,
    /// After a failure, a mail is tried again after this many seconds, doubling ...
    pub retry_base_secs: u64,
    /// ... up to this many.
    pub retry_max_secs: u64,
    /// Timeout of each conversation with the SMTP server (seconds).
    pub timeout_secs: u64,
}

/// Written by hand so that the password never reaches a log.
impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &"(hidden)")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp_host: String::new(),
            smtp_port: 0,
            security: "starttls".into(),
            username: String::new(),
            password: String::new(),
            from: String::new(),
            digest_hour: 7,
            time_zone: meent_domain::meeting::DEFAULT_TIME_ZONE.into(),
            poll_interval_secs: 30,
            retry_base_secs: 60,
            retry_max_secs: 6 * 3600,
            timeout_secs: 30,
        }
    }
}

impl MailConfig {
    pub fn enabled(&self) -> bool {
        !self.smtp_host.trim().is_empty()
    }

    /// Checks the section when mail is on; the message names the key.
    pub fn validate(&self) -> Result<(), String> {
        if !self.enabled() {
            return Ok(());
        }
        if !matches!(self.security.as_str(), "starttls" | "tls" | "none") {
            return Err(format!(
                "mail.security must be starttls, tls or none, not {:?}",
                self.security
            ));
        }
        self.from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| format!("mail.from {:?}: {e}", self.from))?;
        if self.digest_hour > 23 {
            return Err("mail.digest_hour must be 0 to 23".into());
        }
        meent_domain::meeting::time_zone(&self.time_zone).map_err(|_| {
            format!(
                "mail.time_zone {:?} is not a known time zone",
                self.time_zone
            )
        })?;
        Ok(())
    }

    pub fn port(&self) -> u16 {
        match (self.smtp_port, self.security.as_str()) {
            (0, "tls") => 465,
            (0, "none") => 25,
            (0, _) => 587,
            (p, _) => p,
        }
    }
}
