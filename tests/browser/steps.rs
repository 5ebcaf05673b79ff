//! What a newcomer does in the browser, step by step, through the real forms.

use crate::driver::Browser;
use meent_testkit::TestInstance;

pub const PASSWORD: &str = "een lange zin als wachtwoord";

/// Sets up a fresh instance through its first page: the collective `collective` and the
/// administrator `admin`, who is then signed in.
pub async fn set_up(
    b: &mut Browser,
    inst: &TestInstance,
    collective: (&str, &str),
    admin: (&str, &str),
) -> anyhow::Result<()> {
    // The home page of a fresh instance leads to the set-up.
    b.visit(&inst.url("/"), "home-fresh").await?;
    b.find("input#collective_display_name").await?;
    b.shot("setup").await?;
    b.fill("#collective_display_name", collective.0).await?;
    b.fill("#collective_name", collective.1).await?;
    b.fill("#municipality", "Utrecht").await?;
    b.fill("#display_name", admin.0).await?;
    b.fill("#name", admin.1).await?;
    b.fill("#password", PASSWORD).await?;
    b.fill("#password_again", PASSWORD).await?;
    b.click("main form button[type=submit]").await?;
    b.shot("after-setup").await?;
    Ok(())
}

/// Writes and publishes a dilemma; returns the URL of its page.
pub async fn write_dilemma(
    b: &mut Browser,
    inst: &TestInstance,
    title: &str,
    body: &str,
) -> anyhow::Result<url::Url> {
    b.visit(&inst.url("/write"), "write").await?;
    b.fill("#title", title).await?;
    b.fill("#body", body).await?;
    b.find("#theme-keys_and_access").await?.click().await?;
    b.shot("write-filled").await?;
    b.click("button[name=action][value=publish]").await?;
    b.shot("dilemma-published").await?;
    let here = b.client.current_url().await?;
    anyhow::ensure!(
        here.path().starts_with("/d/"),
        "publishing led to {here}, not to the dilemma"
    );
    Ok(here)
}
