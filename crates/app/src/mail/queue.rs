//! Queuing a composed mail inside the caller's transaction.

use super::{LetterContent, Mailer, language_of};
use crate::{AppContext, AppError};
use meent_db::{
    Conn,
    queries::{accounts::AccountRow, mail_outbox},
};
use meent_domain::Language;
use url::Url;

/// Composes `content` in `lang` and queues it for `to`. Returns the mail's id.
pub(crate) async fn enqueue(
    c: &mut Conn<'_>,
    mailer: &Mailer,
    member_id: Option<i64>,
    to: &str,
    lang: Language,
    content: &LetterContent,
    unsubscribe: Option<&Url>,
) -> Result<i64, AppError> {
    let letter = mailer.compose(lang, content);
    let now = meent_db::now();
    let id = mail_outbox::insert(
        c,
        &mail_outbox::NewMail {
            member_id,
            to_address: to.to_owned(),
            subject: letter.subject,
            body_text: letter.text,
            body_html: letter.html,
            unsubscribe_url: unsubscribe.map(Url::to_string),
            next_attempt_at: now,
            created_at: now,
        },
    )
    .await?;
    Ok(id)
}

/// Queues `content` for the member of `account` at their confirmed address, in their
/// language; nothing when mail is off or they have no confirmed address.
pub(crate) async fn enqueue_to_member(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    account: &AccountRow,
    content: &LetterContent,
    unsubscribe: Option<&Url>,
) -> Result<bool, AppError> {
    let (Some(mailer), Some(to)) = (ctx.mailer(), account.confirmed_email()) else {
        return Ok(false);
    };
    enqueue(
        c,
        &mailer,
        Some(account.member_id),
        to,
        language_of(account),
        content,
        unsubscribe,
    )
    .await?;
    Ok(true)
}
