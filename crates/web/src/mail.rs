//! Puts mail into words: the composer the server installs (`meent_app::mail`), in the
//! member's language, as plain text and as HTML from the same view, so the two parts
//! always say the same.

use crate::i18n::{text, text_with};
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;
use meent_app::mail::{DigestGroup, DigestLine, Letter, LetterContent, MailComposer};
use meent_domain::{Language, MailCadence};

/// Composes mail for one instance (its name is in every mail).
pub struct Composer {
    pub instance_name: String,
}

/// What every mail consists of, whatever it tells.
struct View {
    lang: &'static str,
    greeting: String,
    paragraphs: Vec<String>,
    /// A button in HTML, a line with the address in plain text: (label, address).
    action: Option<(String, String)>,
    groups: Vec<GroupView>,
    /// Why the mail came, with where to change that (text, address).
    footer: Vec<(String, String)>,
}

struct GroupView {
    heading: String,
    entries: Vec<EntryView>,
}

struct EntryView {
    title: String,
    link: String,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "mail/letter.txt", escape = "none")]
struct TextLetter<'a> {
    v: &'a View,
}

#[derive(Template)]
#[template(path = "mail/letter.html")]
struct HtmlLetter<'a> {
    v: &'a View,
    subject: &'a str,
}

/// The notification key naming what happened, as on the notifications page.
fn line_key(kind: &str) -> &'static str {
    match kind {
        "solution" => "notification-solution",
        "acceptance" => "notification-acceptance",
        "confirmation" => "notification-confirmation",
        "follow_request" => "notification-follow-request",
        "session_reminder" => "notification-session-reminder",
        _ => "notification-mention",
    }
}

impl Composer {
    fn t(&self, lang: Language, key: &str) -> String {
        text(lang, key)
    }

    fn t_with(&self, lang: Language, key: &str, args: &[(&'static str, &str)]) -> String {
        let mut all: Vec<(&'static str, FluentValue<'_>)> =
            vec![("instance", FluentValue::from(self.instance_name.as_str()))];
        all.extend(args.iter().map(|(k, v)| (*k, FluentValue::from(*v))));
        text_with(lang, key, &all)
    }

    fn view(&self, lang: Language, greeting_name: &str) -> View {
        View {
            lang: lang.as_str(),
            greeting: self.t_with(lang, "mail-greeting", &[("name", greeting_name)]),
            paragraphs: Vec::new(),
            action: None,
            groups: Vec::new(),
            footer: Vec::new(),
        }
    }

    fn groups(&self, lang: Language, groups: &[DigestGroup]) -> Vec<GroupView> {
        groups
            .iter()
            .map(|g| GroupView {
                heading: if g.collective.is_empty() {
                    self.t(lang, "mail-no-collective")
                } else {
                    g.collective.clone()
                },
                entries: g
                    .entries
                    .iter()
                    .map(|e| EntryView {
                        title: e.title.clone(),
                        link: e.link.to_string(),
                        lines: e
                            .lines
                            .iter()
                            .map(|l| match l {
                                DigestLine::NewDilemma => self.t(lang, "mail-line-new-dilemma"),
                                DigestLine::Notification { kind, actor } => {
                                    self.t_with(lang, line_key(kind), &[("name", actor)])
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The subject of a mail about one notification, or of a digest.
    fn digest_subject(
        &self,
        lang: Language,
        cadence: MailCadence,
        groups: &[DigestGroup],
    ) -> String {
        let first = groups.first().and_then(|g| g.entries.first());
        match (cadence, first) {
            (MailCadence::Daily, _) => self.t_with(lang, "mail-subject-daily", &[]),
            (MailCadence::Weekly, _) => self.t_with(lang, "mail-subject-weekly", &[]),
            (_, Some(entry)) => {
                let kind = match entry.lines.first() {
                    Some(DigestLine::Notification { kind, .. }) => kind.as_str(),
                    _ => "new_dilemma",
                };
                self.t_with(
                    lang,
                    &format!("mail-subject-{}", kind.replace('_', "-")),
                    &[("title", entry.title.as_str())],
                )
            }
            (_, None) => self.t_with(lang, "mail-subject-daily", &[]),
        }
    }
}

impl MailComposer for Composer {
    fn compose(&self, lang: Language, content: &LetterContent) -> Letter {
        let (subject, view) = match content {
            LetterContent::ConfirmAddress { name, link } => {
                let mut v = self.view(lang, name);
                v.paragraphs
                    .push(self.t_with(lang, "mail-confirm-body", &[]));
                v.action = Some((self.t(lang, "mail-confirm-action"), link.to_string()));
                v.paragraphs.push(self.t(lang, "mail-not-you"));
                (self.t_with(lang, "mail-confirm-subject", &[]), v)
            }
            LetterContent::ResetPassword { name, link } => {
                let mut v = self.view(lang, name);
                v.paragraphs
                    .push(self.t_with(lang, "mail-reset-body", &[("name", name)]));
                v.action = Some((self.t(lang, "mail-reset-action"), link.to_string()));
                v.paragraphs.push(self.t(lang, "mail-reset-not-you"));
                (self.t_with(lang, "mail-reset-subject", &[]), v)
            }
            LetterContent::Approved {
                name,
                collective,
                login,
            } => {
                let mut v = self.view(lang, name);
                v.paragraphs
                    .push(self.t_with(lang, "mail-approved-body", &[("name", name)]));
                if let Some(col) = collective {
                    v.paragraphs.push(self.t_with(
                        lang,
                        "mail-approved-collective",
                        &[("collective", col)],
                    ));
                }
                v.action = Some((self.t(lang, "mail-approved-action"), login.to_string()));
                (self.t_with(lang, "mail-approved-subject", &[]), v)
            }
            LetterContent::AwaitsApproval {
                applicant,
                collective,
                review,
                settings,
                unsubscribe,
            } => {
                let mut v = self.view(lang, "");
                v.greeting = self.t(lang, "mail-greeting-plain");
                let body = match collective {
                    Some(col) => self.t_with(
                        lang,
                        "mail-awaits-collective",
                        &[("applicant", applicant), ("collective", col)],
                    ),
                    None => self.t_with(lang, "mail-awaits-body", &[("applicant", applicant)]),
                };
                v.paragraphs.push(body);
                v.action = Some((self.t(lang, "mail-awaits-action"), review.to_string()));
                v.footer = self.footer(lang, settings.as_str(), unsubscribe.as_str());
                (
                    self.t_with(lang, "mail-awaits-subject", &[("applicant", applicant)]),
                    v,
                )
            }
            LetterContent::Digest {
                name,
                cadence,
                groups,
                settings,
                unsubscribe,
            } => {
                let mut v = self.view(lang, name);
                let intro = match cadence {
                    MailCadence::Daily => "mail-intro-daily",
                    MailCadence::Weekly => "mail-intro-weekly",
                    _ => "mail-intro-now",
                };
                v.paragraphs.push(self.t_with(lang, intro, &[]));
                v.groups = self.groups(lang, groups);
                v.footer = self.footer(lang, settings.as_str(), unsubscribe.as_str());
                (self.digest_subject(lang, *cadence, groups), v)
            }
        };
        let text = TextLetter { v: &view }.render().unwrap_or_else(|e| {
            tracing::error!(error = %e, "rendering a mail failed");
            view.paragraphs.join("\n\n")
        });
        let html = HtmlLetter {
            v: &view,
            subject: &subject,
        }
        .render()
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "rendering a mail failed");
            String::new()
        });
        Letter {
            subject,
            text,
            html,
        }
    }
}

impl Composer {
    fn footer(&self, lang: Language, settings: &str, unsubscribe: &str) -> Vec<(String, String)> {
        vec![
            (self.t(lang, "mail-footer-settings"), settings.to_owned()),
            (
                self.t(lang, "mail-footer-unsubscribe"),
                unsubscribe.to_owned(),
            ),
        ]
    }
}
