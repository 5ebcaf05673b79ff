//! Everything a page needs to know about the person looking at it: who they are (from the
//! session cookie), which language to speak, and the token their forms must carry.

use super::{cookies, csrf};
use crate::i18n;
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use fluent_templates::fluent_bundle::FluentValue;
use futures::future::LocalBoxFuture;
use meent_app::{AppContext, AppError, accounts, use_cases::access::Reader};
use meent_db::queries::{accounts::AccountRow, members::MemberRow};
use meent_domain::Language;

/// The signed-in member of a page request.
#[derive(Clone)]
pub struct Signed {
    pub member: MemberRow,
    pub account: AccountRow,
    /// The session cookie's value (a password change keeps this session, ends the others).
    pub session: String,
    pub unread: i64,
}

/// The page's view of the request. Templates reach it as `ui`.
pub struct Ui {
    pub lang: Language,
    pub instance_name: String,
    pub csrf: String,
    pub signed: Option<Signed>,
    pub reader: Reader,
    /// The path of this page, to come back to after logging in.
    pub path: String,
}

impl Ui {
    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::text(self.lang, key)
    }

    /// The message `key` with one named argument.
    pub fn t1<'a>(
        &self,
        key: &str,
        name: &'static str,
        value: impl Into<FluentValue<'a>>,
    ) -> String {
        i18n::text_with(self.lang, key, &[(name, value.into())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }

    pub fn member(&self) -> Option<&MemberRow> {
        self.signed.as_ref().map(|s| &s.member)
    }

    pub fn signed_in(&self) -> bool {
        self.signed.is_some()
    }

    pub fn unread(&self) -> i64 {
        self.signed.as_ref().map_or(0, |s| s.unread)
    }

    pub fn is_admin(&self) -> bool {
        self.reader.is_admin()
    }

    /// Whether the member coordinates any collective (the navigation then links to it).
    pub fn coordinates_any(&self) -> bool {
        self.reader.is_admin()
            || self
                .reader
                .memberships
                .iter()
                .any(|(_, r)| *r == meent_domain::Role::Coordinator)
    }

    /// The label of a theme id, a status, a kind of collective or a visibility.
    pub fn theme_label(&self, id: &str) -> String {
        self.t(&format!("theme-{id}"))
    }

    pub fn status_label(&self, status: &str) -> String {
        self.t(&format!("status-{status}"))
    }

    pub fn kind_label(&self, kind: &str) -> String {
        self.t(&format!("kind-{kind}"))
    }

    /// The label of a licence (an SPDX identifier, which Fluent ids cannot spell as is).
    pub fn licence_label(&self, licence: &str) -> String {
        let id: String = licence
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        self.t(&format!("licence-{id}"))
    }

    pub fn visibility_label(&self, visibility: &str) -> String {
        self.t(&format!("visibility-{visibility}"))
    }

    /// A date and time as people here write it.
    pub fn date(&self, at: &chrono::NaiveDateTime) -> String {
        match self.lang {
            Language::Nl => at.format("%d-%m-%Y %H:%M").to_string(),
            Language::En => at.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
}

/// Runs `work` as its own task and waits for it: if the waiting is dropped, the work still
/// finishes instead of being dropped half-way.
pub async fn detached<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
) -> Result<T, AppError> {
    tokio::spawn(work)
        .await
        .map_err(|e| AppError::Internal(format!("request task: {e}")))?
}

/// The language of a request without looking up an account: the language cookie, then the
/// browser's Accept-Language.
pub fn request_language(req: &HttpRequest) -> Language {
    if let Some(lang) = req
        .cookie(cookies::LANGUAGE)
        .and_then(|c| c.value().parse().ok())
    {
        return lang;
    }
    i18n::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

impl FromRequest for Ui {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ctx = req.app_data::<web::Data<AppContext>>().cloned();
        let csrf = csrf::token_for(req);
        let session = req.cookie(cookies::SESSION).map(|c| c.value().to_owned());
        let fallback_lang = request_language(req);
        let path = req.uri().path().to_owned();
        Box::pin(async move {
            let ctx = ctx.ok_or_else(|| {
                actix_web::error::ErrorInternalServerError("application context missing")
            })?;
            let load_ctx = ctx.clone();
            let load = async move {
                let ctx = load_ctx;
                let Some(token) = session else {
                    return Ok::<_, AppError>((None, Reader::anonymous()));
                };
                let Some((member, account)) = accounts::session(&ctx, &token).await? else {
                    return Ok((None, Reader::anonymous()));
                };
                let unread = meent_app::notifications::unread(&ctx, &member).await?;
                let reader = Reader::of(&ctx, member.clone()).await?;
                Ok((
                    Some(Signed {
                        member,
                        account,
                        session: token,
                        unread,
                    }),
                    reader,
                ))
            };
            // Run apart from the request: actix polls all extractors of a handler together
            // and drops the others when one fails (a refused form), and dropping SQLite
            // work half-way panics on actix's single-threaded workers.
            let (signed, reader) = detached(load).await.map_err(|e| {
                tracing::error!(error = %e, "loading the session failed");
                actix_web::error::ErrorInternalServerError("session")
            })?;
            let lang = signed
                .as_ref()
                .and_then(|s| s.account.language.as_deref())
                .and_then(|l| l.parse().ok())
                .unwrap_or(fallback_lang);
            Ok(Ui {
                lang,
                instance_name: ctx.instance.name.clone(),
                csrf,
                signed,
                reader,
                path,
            })
        })
    }
}
