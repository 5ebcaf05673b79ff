//! A browser without a browser: a cookie-keeping HTTP client that fills in the CSRF token of
//! forms the way a page would, for tests of the HTML interface that need no JavaScript.

use anyhow::Context;
use reqwest::{StatusCode, header::HeaderMap, redirect::Policy};
use url::Url;

/// What came back for one request.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    /// Where a redirect points, if this is one.
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    /// The CSRF token the page's forms carry.
    pub fn csrf(&self) -> Option<String> {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }
}

/// One visitor: their own cookies (session, CSRF token, language).
pub struct WebClient {
    base: Url,
    http: reqwest::Client,
    /// The token of the last page seen, as a page's forms would carry it.
    csrf: Option<String>,
}

impl WebClient {
    pub fn new(base: &Url) -> anyhow::Result<Self> {
        Ok(WebClient {
            base: base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()?,
            csrf: None,
        })
    }

    /// The same visitor with an `Accept-Language` header on every request.
    pub fn with_language(base: &Url, accept_language: &str) -> anyhow::Result<Self> {
        let mut headers = HeaderMap::new();
        headers.insert("accept-language", accept_language.parse()?);
        Ok(WebClient {
            base: base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .default_headers(headers)
                .build()?,
            csrf: None,
        })
    }

    async fn read(response: reqwest::Response) -> anyhow::Result<Page> {
        Ok(Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await?,
        })
    }

    pub async fn get(&mut self, path: &str) -> anyhow::Result<Page> {
        let url = self.base.join(path)?;
        let page = Self::read(self.http.get(url).send().await?).await?;
        if let Some(token) = page.csrf() {
            self.csrf = Some(token);
        }
        Ok(page)
    }

    /// Fetches `path` until the page satisfies `ready` (federation and indexing are
    /// asynchronous), as [`crate::eventually`] does; panics naming `what` if it never does.
    pub async fn get_until(
        &mut self,
        path: &str,
        what: &str,
        ready: impl Fn(&Page) -> bool,
    ) -> Page {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            if let Ok(page) = self.get(path).await
                && ready(&page)
            {
                return page;
            }
            if tokio::time::Instant::now() > deadline {
                panic!("timed out waiting for: {what}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Sends a form as a browser would from a page of this site: with the CSRF token (a
    /// page is fetched first if none has been seen yet).
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> anyhow::Result<Page> {
        if self.csrf.is_none() {
            self.get("/").await?;
        }
        let token = self.csrf.clone().context("no page carried a CSRF token")?;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Sends a `multipart/form-data` form with one file (`file`), as a browser would, with
    /// the page's CSRF token unless `token` is false.
    pub async fn post_file(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, Vec<u8>),
        token: bool,
    ) -> anyhow::Result<Page> {
        if self.csrf.is_none() {
            self.get("/").await?;
        }
        let mut form = reqwest::multipart::Form::new();
        if token {
            let token = self.csrf.clone().context("no page carried a CSRF token")?;
            form = form.text("csrf", token);
        }
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        let (file_name, bytes) = file;
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        );
        let url = self.base.join(path)?;
        Self::read(self.http.post(url).multipart(form).send().await?).await
    }

    /// Sends exactly these fields, token or not.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> anyhow::Result<Page> {
        let url = self.base.join(path)?;
        let body = serde_urlencoded_body(fields);
        let response = self
            .http
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await?;
        Self::read(response).await
    }
}

fn serde_urlencoded_body(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}
