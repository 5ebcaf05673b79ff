//! Runs mail when `[mail]` is configured: installs the composer on the context, and a task
//! that composes due digests and hands queued mail to the SMTP server, every
//! `poll_interval_secs` and whenever something was queued.

use crate::{Config, mail_config::MailConfig};
use anyhow::Context;
use lettre::{
    AsyncSmtpTransport, Tokio1Executor,
    transport::smtp::{
        authentication::Credentials,
        client::{Tls, TlsParameters},
    },
};
use meent_app::{
    AppContext,
    mail::{
        MailSettings, Mailer,
        sender::{SenderSettings, send_due},
    },
};
use std::{sync::Arc, time::Duration};
use tokio::task::JoinHandle;

/// Installs mail and starts its task; `None` when mail is not configured.
pub fn start(ctx: &AppContext, config: &Config) -> anyhow::Result<Option<JoinHandle<()>>> {
    let mail = &config.mail;
    if !mail.enabled() {
        return Ok(None);
    }
    let time_zone = meent_domain::meeting::time_zone(&mail.time_zone)
        .map_err(|e| anyhow::anyhow!("mail.time_zone: {e}"))?;
    let composer = meent_web::mail::Composer {
        instance_name: config.instance.name.clone(),
    };
    let mailer = Mailer::new(
        MailSettings {
            digest_hour: mail.digest_hour,
            time_zone,
        },
        Arc::new(composer),
    );
    ctx.set_mailer(mailer.clone());
    let transport = transport(mail)?;
    let settings = SenderSettings {
        from: mail.from.parse().context("mail.from")?,
        lease: chrono::Duration::seconds((4 * mail.timeout_secs.max(1)) as i64),
        retry_base: chrono::Duration::seconds(mail.retry_base_secs.max(1) as i64),
        retry_max: chrono::Duration::seconds(mail.retry_max_secs.max(1) as i64),
        batch: 20,
    };
    let every = Duration::from_secs(mail.poll_interval_secs.max(1));
    let ctx = ctx.clone();
    tracing::info!(host = %mail.smtp_host, port = mail.port(), "mail is on");
    Ok(Some(tokio::spawn(async move {
        loop {
            let now = meent_db::now();
            if let Err(e) = meent_app::mail::digest::compose_due(&ctx, now).await {
                tracing::error!(error = %e, "composing mail failed; trying again later");
            }
            // Round after round while mail goes out, so a large queue drains at once.
            loop {
                match send_due(&ctx, &transport, &settings, meent_db::now()).await {
                    Ok(r) if r.sent + r.given_up > 0 && r.failed == 0 => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::error!(error = %e, "sending mail failed; trying again later");
                        break;
                    }
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = mailer.woken() => {}
            }
        }
    })))
}

fn transport(mail: &MailConfig) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let host = mail.smtp_host.trim();
    let tls = || TlsParameters::new(host.to_owned()).context("mail TLS settings");
    let tls = match mail.security.as_str() {
        "tls" => Tls::Wrapper(tls()?),
        "none" => Tls::None,
        _ => Tls::Required(tls()?),
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(mail.port())
        .tls(tls)
        .timeout(Some(Duration::from_secs(mail.timeout_secs.max(1))));
    if !mail.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            mail.username.clone(),
            mail.password.clone(),
        ));
    }
    Ok(builder.build())
}
