//! Configuration: `config/meent.toml` (every key documented there), overridden by
//! `MEENT_<SECTION>__<KEY>` environment variables. Unknown keys are refused by name.

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use std::path::Path;
use url::Url;

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub instance: InstanceConfig,
    pub http: HttpConfig,
    pub database: DatabaseConfig,
    pub federation: FederationConfig,
    pub search: SearchConfig,
    pub documents: DocumentsConfig,
    pub limits: LimitsConfig,
    pub housekeeping: HousekeepingConfig,
    pub mail: crate::mail_config::MailConfig,
    pub log: LogConfig,
}

/// What housekeeping prunes and gives up, and how often it runs (see
/// `meent_app::housekeeping`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HousekeepingConfig {
    pub interval_secs: u64,
    pub received_days: u32,
    pub outbox_days: u32,
    pub changes_days: u32,
    pub dead_instance_days: u32,
}

impl Default for HousekeepingConfig {
    fn default() -> Self {
        let d = meent_app::housekeeping::HousekeepingSettings::default();
        HousekeepingConfig {
            interval_secs: 3600,
            received_days: d.received_days,
            outbox_days: d.outbox_days,
            changes_days: d.changes_days,
            dead_instance_days: d.dead_instance_days,
        }
    }
}

impl HousekeepingConfig {
    pub fn settings(&self) -> meent_app::housekeeping::HousekeepingSettings {
        meent_app::housekeeping::HousekeepingSettings {
            received_days: self.received_days,
            outbox_days: self.outbox_days,
            changes_days: self.changes_days,
            dead_instance_days: self.dead_instance_days,
        }
    }
}

/// Throttles on logins, registrations, password changes and anonymous searches (see
/// `meent_web::throttle`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    pub window_secs: u64,
    pub logins: u32,
    pub registrations: u32,
    pub password_changes: u32,
    pub anonymous_searches: u32,
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let d = meent_web::throttle::ThrottleSettings::default();
        LimitsConfig {
            window_secs: d.window.as_secs(),
            logins: d.logins,
            registrations: d.registrations,
            password_changes: d.password_changes,
            anonymous_searches: d.anonymous_searches,
            trusted_proxies: d.trusted_proxies,
        }
    }
}

impl LimitsConfig {
    pub fn throttles(&self) -> meent_web::throttle::ThrottleSettings {
        meent_web::throttle::ThrottleSettings {
            logins: self.logins,
            registrations: self.registrations,
            password_changes: self.password_changes,
            anonymous_searches: self.anonymous_searches,
            window: std::time::Duration::from_secs(self.window_secs.max(1)),
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DocumentsConfig {
    /// Folder where uploaded documents are kept, under their content hash.
    pub dir: String,
}

impl Default for DocumentsConfig {
    fn default() -> Self {
        DocumentsConfig {
            dir: "data/documents".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InstanceConfig {
    pub domain: String,
    pub scheme: String,
    pub name: String,
    pub description: String,
    /// How newcomers get an account: open, invite or approval.
    pub registration: meent_domain::RegistrationMode,
}

impl Default for InstanceConfig {
    fn default() -> Self {
        InstanceConfig {
            domain: "localhost:8080".into(),
            scheme: String::new(),
            name: "Meent".into(),
            description: "Kennis delen tussen bewonerscollectieven.".into(),
            registration: meent_domain::RegistrationMode::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpConfig {
    pub bind: String,
    pub workers: usize,
    pub max_body_bytes: usize,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            bind: "127.0.0.1:8080".into(),
            workers: 0,
            max_body_bytes: 1024 * 1024,
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    pub url: String,
    pub max_connections: usize,
}

/// Written by hand so that a password in the URL never reaches a log.
impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &meent_db::redacted_url(&self.url))
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        DatabaseConfig {
            url: "sqlite://data/meent.db".into(),
            max_connections: 8,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    pub debug: bool,
    pub request_timeout_secs: u64,
    pub delivery_concurrency: usize,
    pub retry_base_secs: u64,
    pub retry_max_secs: u64,
    pub poll_interval_secs: u64,
    /// An instance failing for this long counts as dead ...
    pub dead_after_secs: u64,
    /// ... and is then tried only this often.
    pub dead_retry_secs: u64,
    /// How long a claimed delivery is reserved for the process sending it.
    pub lease_secs: u64,
    /// Activities accepted per remote actor per `inbox_window_secs`; more get 429.
    pub inbox_per_actor: u32,
    pub inbox_window_secs: u64,
    /// Thread backfill: items fetched per remote dilemma's context collection.
    pub backfill_items_per_dilemma: usize,
    /// Thread backfills running at once against one remote host, and in all.
    pub backfill_per_host: usize,
    pub backfill_total: usize,
    /// Thread backfills waiting or running, in all and per remote host; more are dropped.
    pub backfill_queue: usize,
    pub backfill_queue_per_host: usize,
}

impl FederationConfig {
    /// The backfill limits as the federation side takes them.
    pub fn backfill(&self) -> meent_federation::objects::backfill_queue::BackfillLimits {
        meent_federation::objects::backfill_queue::BackfillLimits {
            items_per_dilemma: self.backfill_items_per_dilemma,
            per_host: self.backfill_per_host,
            total: self.backfill_total,
            queue: self.backfill_queue,
            queue_per_host: self.backfill_queue_per_host,
        }
    }
}

impl Default for FederationConfig {
    fn default() -> Self {
        FederationConfig {
            debug: false,
            request_timeout_secs: 10,
            delivery_concurrency: 8,
            retry_base_secs: 30,
            retry_max_secs: 3600,
            poll_interval_secs: 5,
            dead_after_secs: 24 * 3600,
            dead_retry_secs: 6 * 3600,
            lease_secs: 300,
            inbox_per_actor: 1200,
            inbox_window_secs: 600,
            backfill_items_per_dilemma: 200,
            backfill_per_host: 2,
            backfill_total: 8,
            backfill_queue: 64,
            backfill_queue_per_host: 16,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    pub index_dir: String,
    pub poll_interval_ms: u64,
    pub writer_memory_mb: usize,
    pub answer_network: bool,
    pub network_rate_per_minute: u32,
    pub network_timeout_ms: u64,
    pub network_max_instances: usize,
    pub hubs: Vec<String>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            index_dir: "data/search".into(),
            poll_interval_ms: 500,
            writer_memory_mb: 30,
            answer_network: true,
            network_rate_per_minute: 60,
            network_timeout_ms: 3000,
            network_max_instances: 20,
            hubs: Vec::new(),
        }
    }
}

impl SearchConfig {
    /// The hubs as base URLs (checked in `validate`).
    pub fn hub_urls(&self) -> Vec<Url> {
        self.hubs
            .iter()
            .filter_map(|h| Url::parse(h).ok())
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub filter: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            filter: "info,tantivy=warn".into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Invalid(String),
    #[error("configuration file {0} does not exist")]
    MissingFile(String),
}

/// Environment variables that start with `MEENT_` but are not configuration keys: the
/// file's path, `admin set-password`'s password, and the tests' own.
const NOT_CONFIG: [&str; 5] = ["test_", "config", "password", "axe_js", "proptest_"];

/// Whether `MEENT_<key>` is a configuration value: not `MEENT_CONFIG` (the file's path, for
/// the command line), `MEENT_PASSWORD` (read by `admin set-password`) nor the tests'
/// `MEENT_TEST_*`, `MEENT_AXE_JS` and `MEENT_PROPTEST_*`, in whatever case they are written.
fn is_config_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    !NOT_CONFIG
        .iter()
        .any(|n| key == n.trim_end_matches('_') || (n.ends_with('_') && key.starts_with(n)))
}

impl Config {
    /// Reads `path` (when given, it must exist; otherwise `config/meent.toml` is used if
    /// present), then the environment.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match path {
            Some(p) if !p.exists() => {
                return Err(ConfigError::MissingFile(p.display().to_string()));
            }
            Some(p) => figment = figment.merge(Toml::file_exact(p)),
            None => {
                let default = Path::new("config/meent.toml");
                if default.exists() {
                    figment = figment.merge(Toml::file_exact(default));
                }
            }
        }
        figment = figment.merge(
            Env::prefixed("MEENT_")
                .filter(|k| is_config_key(k.as_str()))
                .split("__"),
        );
        Config::from_figment(figment)
    }

    /// Parses TOML text alone (no environment), for checking a file.
    pub fn from_toml_str(text: &str) -> Result<Config, ConfigError> {
        Config::from_figment(
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(text)),
        )
    }

    fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let config: Config = figment
            .extract()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.public_url()?;
        if self.http.max_body_bytes < 1024 {
            return Err(ConfigError::Invalid(
                "http.max_body_bytes must be at least 1024".into(),
            ));
        }
        meent_db::DatabaseLocation::parse(&self.database.url)
            .map_err(|e| ConfigError::Invalid(format!("database.url: {e}")))?;
        // A lease shorter than a claimed batch can take would let a second process send
        // deliveries the first is still sending.
        let batch_secs = 4 * self.federation.request_timeout_secs.max(1);
        if self.federation.lease_secs <= batch_secs {
            return Err(ConfigError::Invalid(format!(
                "federation.lease_secs must be more than {batch_secs} \
                 (four times federation.request_timeout_secs)"
            )));
        }
        self.mail.validate().map_err(ConfigError::Invalid)?;
        for hub in &self.search.hubs {
            match Url::parse(hub) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => {}
                _ => {
                    return Err(ConfigError::Invalid(format!(
                        "search.hubs: {hub:?} is not an http(s) URL"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Whether the domain is this machine, which makes federation debug mode safe.
    pub fn is_localhost(&self) -> bool {
        let host = self
            .instance
            .domain
            .rsplit_once(':')
            .map_or(self.instance.domain.as_str(), |(h, _)| h);
        matches!(host, "localhost" | "127.0.0.1" | "[::1]")
    }

    pub fn federation_debug(&self) -> bool {
        self.federation.debug || self.is_localhost()
    }

    pub fn public_url(&self) -> Result<Url, ConfigError> {
        let scheme = match self.instance.scheme.as_str() {
            "" if self.is_localhost() => "http",
            "" => "https",
            "http" | "https" => self.instance.scheme.as_str(),
            other => {
                return Err(ConfigError::Invalid(format!(
                    "instance.scheme must be http or https, not {other:?}"
                )));
            }
        };
        let url = Url::parse(&format!("{scheme}://{}/", self.instance.domain))
            .map_err(|e| ConfigError::Invalid(format!("instance.domain: {e}")))?;
        if url.host_str().is_none() || url.path() != "/" {
            return Err(ConfigError::Invalid(
                "instance.domain must be a host name, optionally with a port".into(),
            ));
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_and_matches_the_defaults() {
        let text = include_str!("../../../config/meent.toml");
        let parsed = Config::from_toml_str(text).unwrap();
        // Every value in the shipped file is the default, and every default is written out
        // in it (so the file documents them all): the file as written, key by key, is the
        // defaults serialised.
        let written: toml::Table = text.parse().unwrap();
        let defaults = toml::Table::try_from(Config::default()).unwrap();
        assert_eq!(written, defaults);
        assert_eq!(toml::Table::try_from(parsed).unwrap(), defaults);
        // And each key has a comment above it (or above the group of keys it is in),
        // saying what it does.
        let lines: Vec<&str> = text.lines().collect();
        let is_key = |l: &str| l.contains(" = ") && !l.starts_with('#');
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| is_key(l)) {
            let above = lines[..i].iter().rev().find(|l| !is_key(l));
            assert!(
                above.is_some_and(|l| l.starts_with('#')),
                "config/meent.toml: no comment above {line}"
            );
        }
    }

    #[test]
    fn the_config_path_and_test_variables_are_not_configuration() {
        // As the environment names them: MEENT_CONFIG made every command refuse to start.
        assert!(!is_config_key("CONFIG"));
        assert!(!is_config_key("TEST_DATABASE_URL"));
        assert!(!is_config_key("PASSWORD"));
        assert!(!is_config_key("AXE_JS"));
        assert!(
            is_config_key("PASSWORDS"),
            "a misspelt key is still refused by name"
        );
        assert!(is_config_key("DATABASE__URL"));
        assert!(is_config_key("FEDERATION__DEBUG"));
    }

    #[test]
    fn an_unknown_key_is_refused_by_name() {
        let err = Config::from_toml_str("[database]\nurll = \"sqlite://x.db\"\n").unwrap_err();
        assert!(err.to_string().contains("urll"), "{err}");
        let err = Config::from_toml_str("[databse]\nurl = \"sqlite://x.db\"\n").unwrap_err();
        assert!(err.to_string().contains("databse"), "{err}");
    }

    #[test]
    fn a_database_url_of_no_known_kind_is_refused() {
        let err = Config::from_toml_str("[database]\nurl = \"data/meent.db\"\n").unwrap_err();
        assert!(err.to_string().contains("database.url"), "{err}");
    }

    #[test]
    fn debug_mode_only_for_localhost_unless_asked() {
        let mut c = Config::default();
        assert!(c.federation_debug());
        assert_eq!(c.public_url().unwrap().as_str(), "http://localhost:8080/");
        c.instance.domain = "bewoners.example.nl".into();
        assert!(!c.federation_debug());
        assert_eq!(
            c.public_url().unwrap().as_str(),
            "https://bewoners.example.nl/"
        );
        c.federation.debug = true;
        assert!(c.federation_debug());
    }
}
