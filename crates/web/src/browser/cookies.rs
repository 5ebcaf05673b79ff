//! The cookies the web interface sets. All are HttpOnly and SameSite=Lax, and Secure when
//! the instance is served over https.

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use meent_app::AppContext;

pub const SESSION: &str = "meent_session";
pub const CSRF: &str = "meent_csrf";
pub const LANGUAGE: &str = "meent_lang";

fn build(
    ctx: &AppContext,
    name: &'static str,
    value: String,
    max_age: Duration,
) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(ctx.urls().base().scheme() == "https")
        .max_age(max_age)
        .finish()
}

pub fn session(ctx: &AppContext, token: String) -> Cookie<'static> {
    build(
        ctx,
        SESSION,
        token,
        Duration::days(meent_app::accounts::SESSION_DAYS),
    )
}

pub fn csrf(ctx: &AppContext, token: String) -> Cookie<'static> {
    // Lives as long as a session, so that a form left open for a while still works.
    build(
        ctx,
        CSRF,
        token,
        Duration::days(meent_app::accounts::SESSION_DAYS),
    )
}

pub fn language(ctx: &AppContext, lang: &str) -> Cookie<'static> {
    build(ctx, LANGUAGE, lang.to_owned(), Duration::days(365))
}

/// A cookie that makes the browser forget `name`.
pub fn removal(ctx: &AppContext, name: &'static str) -> Cookie<'static> {
    let mut c = build(ctx, name, String::new(), Duration::ZERO);
    c.make_removal();
    c
}
