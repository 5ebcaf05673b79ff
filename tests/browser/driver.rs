//! A headless Chromium for one test: its own chromedriver on a free port (killed when the
//! test ends, passing or not), a WebDriver session, and screenshots of every page visited,
//! kept as files where a failing run can be looked at.

use anyhow::Context;
use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::{Value, json};
use std::os::unix::process::CommandExt;
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};
use url::Url;

/// The chromedriver process, in a process group of its own. Dropping it kills the whole
/// group — the driver and the Chromium it started — even when a test panics half-way.
struct Chromedriver(Child);

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts chromedriver on a free port, logging to `log`. A port free when asked may be
/// taken by another test before chromedriver binds it; then it exits and another is tried.
async fn start_chromedriver(log: &Path) -> anyhow::Result<(Chromedriver, u16)> {
    let program = std::env::var("MEENT_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    for _ in 0..5 {
        let port = free_port()?;
        let out = std::fs::File::options()
            .create(true)
            .append(true)
            .open(log)?;
        let mut child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .process_group(0)
            .spawn()
            .context("starting chromedriver (Debian: apt-get install chromium chromium-driver)")?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            if child.try_wait()?.is_some() {
                break;
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok((Chromedriver(child), port));
            }
            if tokio::time::Instant::now() > deadline {
                let _ = child.kill();
                anyhow::bail!("chromedriver never listened; see {}", log.display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    anyhow::bail!("chromedriver did not start; see {}", log.display())
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Where a test's screenshots go: `$CARGO_TARGET_DIR/browser-screenshots/<test>/`, or under
/// `target/` of the workspace.
fn screenshot_dir(test: &str) -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let dir = base.join("browser-screenshots").join(test);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// One browser: a window with its own cookies.
pub struct Browser {
    pub client: Client,
    shots: PathBuf,
    taken: usize,
    _driver: Chromedriver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium that asks for `language` first.
    pub async fn start(test: &str, language: &str) -> anyhow::Result<Browser> {
        let shots = screenshot_dir(test)?;
        let (driver, port) = start_chromedriver(&shots.join("chromedriver.log")).await?;
        // A profile of its own, removed with the browser.
        let profile = tempfile::tempdir()?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("MEENT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                         "--disable-gpu", "--window-size=1280,1600", format!("--lang={language}"),
                         format!("--user-data-dir={}", profile.path().display())],
                "prefs": { "intl.accept_languages": language }
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        // chromedriver takes a moment to listen: poll until a session can be made.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::rustls()?
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(_) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e).context("no WebDriver session"),
            }
        };
        println!("screenshots of {test}: {}", shots.display());
        Ok(Browser {
            client,
            shots,
            taken: 0,
            _driver: driver,
            _profile: profile,
        })
    }

    /// Saves a screenshot of the page as it is now, numbered in the order taken.
    pub async fn shot(&mut self, name: &str) -> anyhow::Result<()> {
        self.taken += 1;
        let png = self.client.screenshot().await?;
        let path = self.shots.join(format!("{:02}-{name}.png", self.taken));
        std::fs::write(&path, png)?;
        Ok(())
    }

    /// Opens `url` and takes its screenshot.
    pub async fn visit(&mut self, url: &Url, name: &str) -> anyhow::Result<()> {
        self.client.goto(url.as_str()).await?;
        self.shot(name).await
    }

    pub async fn find(&self, css: &str) -> anyhow::Result<Element> {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(e) => Ok(e),
            Err(e) => {
                let here = self.client.current_url().await.ok();
                Err(e).with_context(|| format!("no element {css} on {here:?}"))
            }
        }
    }

    /// Types `text` into the field `css`, replacing what it held.
    pub async fn fill(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let field = self.find(css).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Clicks `css` and waits for the next page to have loaded.
    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let before = self.client.current_url().await?;
        let old_body = self.find("body").await?;
        self.find(css).await?.click().await?;
        // A form posts and redirects: wait until the old page is gone.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while old_body.tag_name().await.is_ok() {
            if tokio::time::Instant::now() > deadline {
                anyhow::bail!("clicking {css} on {before} did not lead to a new page");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.find("body").await?;
        Ok(())
    }

    /// Clicks `css` where nothing loads (a `<details>` summary, say).
    pub async fn click_in_place(&self, css: &str) -> anyhow::Result<()> {
        self.find(css).await?.click().await?;
        Ok(())
    }

    /// Reloads `url` until `css` is on it (federation is asynchronous).
    pub async fn until(&mut self, url: &Url, css: &str, what: &str) -> anyhow::Result<Element> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            self.client.goto(url.as_str()).await?;
            if let Ok(found) = self.client.find(Locator::Css(css)).await {
                return Ok(found);
            }
            if tokio::time::Instant::now() > deadline {
                self.shot("timed-out").await?;
                anyhow::bail!("timed out waiting for: {what}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Reloads `url` until no `css` is on it (a removal travels asynchronously).
    pub async fn until_gone(&mut self, url: &Url, css: &str, what: &str) -> anyhow::Result<()> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            self.client.goto(url.as_str()).await?;
            self.find("body").await?;
            if self.client.find(Locator::Css(css)).await.is_err() {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                self.shot("timed-out").await?;
                anyhow::bail!("timed out waiting for: {what}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn text(&self, css: &str) -> anyhow::Result<String> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Runs `script` (which ends by calling its last argument with the answer).
    pub async fn run_async(&self, script: &str) -> anyhow::Result<Value> {
        Ok(self.client.execute_async(script, vec![]).await?)
    }

    pub async fn close(self) -> anyhow::Result<()> {
        self.client.close().await?;
        Ok(())
    }
}
