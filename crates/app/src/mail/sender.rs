//! Handing queued mail to the SMTP server. Claimed rows are leased (see
//! `meent_db::queries::mail_outbox`); a mail the server accepted is marked sent, one it
//! refused for good (an address that does not exist) is given up, and any other failure
//! (the server is down, busy, or Meent stops) leaves it to be tried again later, doubling
//! the wait each time.

use crate::{AppContext, AppError};
use chrono::{Duration, NaiveDateTime};
use lettre::{
    AsyncTransport, Message,
    message::{
        Mailbox, MultiPart,
        header::{HeaderName, HeaderValue},
    },
};
use meent_db::queries::mail_outbox::{self, MailRow};

/// How the sender sends and retries.
#[derive(Debug, Clone)]
pub struct SenderSettings {
    /// The `From` of every mail.
    pub from: Mailbox,
    /// How long a claimed mail is reserved for this process.
    pub lease: Duration,
    /// The first wait after a failure; doubled per failure up to `retry_max`.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// Mails claimed per round.
    pub batch: i64,
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
    pub given_up: usize,
}

/// Sends the mails due at `now`, one round.
pub async fn send_due<T>(
    ctx: &AppContext,
    transport: &T,
    settings: &SenderSettings,
    now: NaiveDateTime,
) -> Result<SendReport, AppError>
where
    T: AsyncTransport + Sync,
    T::Error: std::fmt::Display + Permanence,
{
    let claimed = {
        let mut tx = ctx.db.begin().await?;
        let rows =
            mail_outbox::claim(&mut tx.conn(), now, now + settings.lease, settings.batch).await?;
        tx.commit().await?;
        rows
    };
    let mut report = SendReport::default();
    for row in claimed {
        let outcome = match message(ctx, settings, &row) {
            Ok(msg) => transport.send(msg).await.map_err(|e| {
                let permanent = e.is_permanent();
                (e.to_string(), permanent)
            }),
            // A mail that cannot be built never will be.
            Err(e) => Err((e, true)),
        };
        let mut tx = ctx.db.begin().await?;
        let c = &mut tx.conn();
        match outcome {
            Ok(_) => {
                mail_outbox::mark_sent(c, row.id, meent_db::now()).await?;
                report.sent += 1;
            }
            Err((error, true)) => {
                tracing::warn!(mail = row.id, %error, "mail refused for good; given up");
                mail_outbox::give_up(c, row.id, meent_db::now(), &error).await?;
                report.given_up += 1;
            }
            Err((error, false)) => {
                let attempts = row.attempts + 1;
                let wait = backoff(settings, attempts);
                tracing::info!(mail = row.id, attempts, %error, "mail not sent; trying again later");
                mail_outbox::release_failed(c, row.id, attempts, meent_db::now() + wait, &error)
                    .await?;
                report.failed += 1;
            }
        }
        tx.commit().await?;
    }
    Ok(report)
}

/// Whether a transport's error means the mail will never be accepted.
pub trait Permanence {
    fn is_permanent(&self) -> bool;
}

impl Permanence for lettre::transport::smtp::Error {
    fn is_permanent(&self) -> bool {
        lettre::transport::smtp::Error::is_permanent(self)
    }
}

fn backoff(settings: &SenderSettings, attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let wait = settings.retry_base * 2i32.pow(doublings as u32);
    wait.min(settings.retry_max)
}

/// The mail of `row` as a message: plain text and HTML alternatives, a stable Message-ID
/// (a resend after a crash between sending and marking carries the same one, so mail
/// programs can tell it is the same mail) and, for mail the person did not ask for, the
/// one-click unsubscribe headers of RFC 8058.
fn message(ctx: &AppContext, settings: &SenderSettings, row: &MailRow) -> Result<Message, String> {
    let to: Mailbox = row
        .to_address
        .parse()
        .map_err(|e| format!("bad address: {e}"))?;
    let host = ctx
        .urls()
        .base()
        .host_str()
        .unwrap_or("localhost")
        .to_owned();
    let mut builder = Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(format!("<mail-{}@{host}>", row.id)))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    if let Some(url) = &row.unsubscribe_url {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            row.body_text.clone(),
            row.body_html.clone(),
        ))
        .map_err(|e| format!("building the mail: {e}"))
}

/// When the sender should look again: the next due mail, if any.
pub async fn next_due(ctx: &AppContext) -> Result<Option<NaiveDateTime>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(mail_outbox::next_due(&mut conn.conn()).await?)
}
