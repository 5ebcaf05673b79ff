use crate::TestDatabase;
use anyhow::Context;
use meent_app::{
    auth, collectives,
    collectives::NewCollective,
    members::{self, NewMember},
};
use meent_db::queries::{collectives::CollectiveRow, members::MemberRow};
use meent_domain::{CollectiveKind, Role};
use meent_server::{Config, Instance};
use serde_json::Value;
use std::{
    net::TcpListener,
    path::Path,
    sync::{Arc, Once},
};
use url::Url;

/// One running instance and the means to talk to it.
pub struct TestInstance {
    pub instance: Instance,
    config: Config,
    /// `localhost:PORT`: what handles on this instance end in.
    pub domain: String,
    pub base: Url,
    pub http: reqwest::Client,
    database: TestDatabase,
    search_dir: Arc<tempfile::TempDir>,
}

fn init_logging() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let filter = tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            // No colour codes in logs that are not read on a terminal (CI logs, benchmarks
            // piped to a file).
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_test_writer()
            .try_init();
    });
}

/// Starts one instance on a random port with a database of its own.
pub async fn start() -> anyhow::Result<TestInstance> {
    start_with(|_| {}).await
}

/// Starts `n` instances.
pub async fn start_many(n: usize) -> anyhow::Result<Vec<TestInstance>> {
    let mut all = Vec::with_capacity(n);
    for _ in 0..n {
        all.push(start().await?);
    }
    Ok(all)
}

/// Starts an instance after letting `adjust` change its configuration.
pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> anyhow::Result<TestInstance> {
    init_logging();
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let database = TestDatabase::create().await?;
    let mut config = Config::default();
    config.instance.domain = format!("localhost:{port}");
    config.instance.name = format!("Test {port}");
    config.database.url = database.url()?;
    config.database.max_connections = 4;
    config.http.workers = 1;
    config.federation.request_timeout_secs = 5;
    config.federation.retry_base_secs = 1;
    config.federation.retry_max_secs = 2;
    config.federation.poll_interval_secs = 1;
    config.federation.dead_after_secs = 600;
    config.federation.dead_retry_secs = 2;
    config.federation.lease_secs = 30;
    let search_dir = Arc::new(tempfile::tempdir()?);
    config.search.index_dir = search_dir.path().join("index").display().to_string();
    config.documents.dir = search_dir.path().join("documents").display().to_string();
    config.search.poll_interval_ms = 100;
    config.search.writer_memory_mb = 15;
    config.search.network_timeout_ms = 2000;
    adjust(&mut config);
    launch(config, database, search_dir, listener).await
}

async fn launch(
    config: Config,
    database: TestDatabase,
    search_dir: Arc<tempfile::TempDir>,
    listener: TcpListener,
) -> anyhow::Result<TestInstance> {
    let instance = meent_server::start(&config, Some(listener))
        .await
        .context("starting a test instance")?;
    Ok(TestInstance {
        instance,
        base: config.public_url()?,
        domain: config.instance.domain.clone(),
        http: reqwest::Client::new(),
        config,
        database,
        search_dir,
    })
}

/// An instance that is not running, with its database and port kept for a restart.
pub struct StoppedInstance {
    config: Config,
    database: TestDatabase,
    search_dir: Arc<tempfile::TempDir>,
    port: u16,
}

impl StoppedInstance {
    /// `localhost:PORT`, as while it ran.
    pub fn domain(&self) -> &str {
        &self.config.instance.domain
    }

    /// Starts it again on the same port and database.
    pub async fn start(self) -> anyhow::Result<TestInstance> {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .with_context(|| format!("binding port {} again", self.port))?;
        launch(self.config, self.database, self.search_dir, listener).await
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The folder of its search index (to delete it before a restart).
    pub fn search_index_dir(&self) -> &Path {
        Path::new(&self.config.search.index_dir)
    }
}

impl TestInstance {
    pub fn url(&self, path: &str) -> Url {
        let mut u = self.base.clone();
        u.set_path(path);
        u
    }

    /// `@name@localhost:PORT`.
    pub fn handle(&self, name: &str) -> String {
        format!("@{name}@{}", self.domain)
    }

    pub fn ctx(&self) -> &meent_app::AppContext {
        &self.instance.ctx
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Creates a collective, as the admin command does.
    pub async fn create_collective(&self, name: &str, open: bool) -> anyhow::Result<CollectiveRow> {
        self.create_collective_of_kind(name, open, CollectiveKind::ResidentsCollective)
            .await
    }

    /// Creates a collective of `kind` (a support organisation, say).
    pub async fn create_collective_of_kind(
        &self,
        name: &str,
        open: bool,
        kind: CollectiveKind,
    ) -> anyhow::Result<CollectiveRow> {
        Ok(collectives::create(
            self.ctx(),
            NewCollective {
                name: name.into(),
                display_name: format!("Collectief {name}"),
                summary: String::new(),
                kind,
                municipality: Some("Utrecht".into()),
                neighbourhood: None,
                languages: vec!["nl".into()],
                open,
            },
        )
        .await?)
    }

    /// Creates a member (in `collective` with `role`, if given) and an API token for them.
    pub async fn create_member(
        &self,
        name: &str,
        collective: Option<(&CollectiveRow, Role)>,
    ) -> anyhow::Result<(MemberRow, String)> {
        self.create_person(name, collective, false).await
    }

    /// Creates an administrator of the instance and an API token for them.
    pub async fn create_admin(&self, name: &str) -> anyhow::Result<(MemberRow, String)> {
        self.create_person(name, None, true).await
    }

    async fn create_person(
        &self,
        name: &str,
        collective: Option<(&CollectiveRow, Role)>,
        is_admin: bool,
    ) -> anyhow::Result<(MemberRow, String)> {
        let ctx = self.ctx();
        let member = members::create(
            ctx,
            NewMember {
                name: name.into(),
                display_name: name.into(),
                is_admin,
            },
        )
        .await?;
        if let Some((c, role)) = collective {
            members::join(ctx, &member, c, role).await?;
        }
        let token = auth::create_token(ctx, &member, "test").await?;
        Ok((member, token))
    }

    /// GET `path_and_query` with an optional bearer token; returns status and JSON (Null if
    /// the body is empty).
    pub async fn get(
        &self,
        path_and_query: &str,
        token: Option<&str>,
    ) -> anyhow::Result<(u16, Value)> {
        let mut req = self.http.get(self.base.join(path_and_query)?);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        json_of(req.send().await?).await
    }

    /// Sends `method` to `path_and_query` with a bearer token and an optional JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        token: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        let url = self.base.join(path_and_query)?;
        let mut req = self.http.request(method, url).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        json_of(req.send().await?).await
    }

    /// Uploads a document (`title`, `kind`, `licence` and the file) to an API `path` with a
    /// bearer token.
    pub async fn upload(
        &self,
        path: &str,
        token: &str,
        fields: [(&str, &str); 3],
        file: (&str, Vec<u8>),
    ) -> anyhow::Result<(u16, Value)> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_owned(), value.to_owned());
        }
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(file.1).file_name(file.0.to_owned()),
        );
        let req = self
            .http
            .post(self.base.join(path)?)
            .bearer_auth(token)
            .multipart(form);
        json_of(req.send().await?).await
    }

    /// Stops the instance but keeps its database and port, to start it again. With
    /// `crash`, it stops as a crash would: requests and deliveries in flight are dropped.
    pub async fn halt(self, crash: bool) -> StoppedInstance {
        let port = self.instance.addr.port();
        self.instance.stop(!crash).await;
        StoppedInstance {
            config: self.config,
            database: self.database,
            search_dir: self.search_dir,
            port,
        }
    }

    /// A second server process of this instance: the same configuration and database,
    /// its own port and search index, as a second app server behind a load balancer would
    /// be. Stop it with `stop(false)` to kill it as `kill -9` would.
    pub async fn second_server(&self) -> anyhow::Result<(Instance, tempfile::TempDir)> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let dir = tempfile::tempdir()?;
        let mut config = self.config.clone();
        config.search.index_dir = dir.path().join("index").display().to_string();
        let instance = meent_server::start(&config, Some(listener))
            .await
            .context("starting a second server")?;
        Ok((instance, dir))
    }

    /// A person on the fake server `peer` who follows this instance's collective
    /// `collective`; returns once the Accept has reached the person's inbox.
    pub async fn fake_follower(
        &self,
        peer: &crate::FakePeer,
        name: &str,
        collective: &str,
    ) -> anyhow::Result<crate::FakeActor> {
        let person = peer.add_person(name)?;
        let follow = crate::fake_peer::activity(
            "Follow",
            &peer.url(&format!("/follows/{name}")),
            &person.id,
            serde_json::json!(self.url(&format!("/c/{collective}")).as_str()),
        );
        let status = peer
            .post_signed(
                &person,
                &self.url(&format!("/c/{collective}/inbox")),
                &follow,
            )
            .await?;
        anyhow::ensure!((200..300).contains(&status), "Follow answered {status}");
        crate::eventually("the follow is accepted", || async {
            peer.inbox_posts()
                .iter()
                .any(|b| b["type"] == "Accept" && b["object"]["actor"] == person.id.as_str())
                .then_some(())
        })
        .await;
        Ok(person)
    }

    /// Stops the instance and removes its database.
    pub async fn stop(self) {
        self.instance.stop(true).await;
        self.database.remove().await;
    }
}

async fn json_of(resp: reqwest::Response) -> anyhow::Result<(u16, Value)> {
    let status = resp.status().as_u16();
    let text = resp.text().await?;
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Ok((status, value))
}
