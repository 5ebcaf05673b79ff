//! Throttles in front of what is expensive or can be guessed: logging in, registering
//! (which includes using an invitation), changing a password, and searching without an
//! account. Each is counted per client address, logins also per account name, so that
//! neither one address nor many addresses can try passwords at speed. A refused attempt is
//! answered 429 with `Retry-After` before any Argon2 or key generation runs.
//!
//! The client address is the connection's, unless the connection comes from a configured
//! trusted proxy: then the nearest address in `X-Forwarded-For` that is not itself a trusted
//! proxy. An untrusted peer's `X-Forwarded-For` is ignored, so nobody escapes the limit by
//! sending the header.

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use meent_app::{AppError, rate_limit::KeyedLimit};
use std::{
    future::{Ready, ready},
    net::{IpAddr, Ipv4Addr},
    time::Duration,
};

/// How many attempts each throttle allows per window; set from `[limits]` in the
/// configuration.
#[derive(Debug, Clone)]
pub struct ThrottleSettings {
    /// Login attempts per address, and (separately) per account name, per window.
    pub logins: u32,
    /// Registrations (and invitation uses) per address per window.
    pub registrations: u32,
    /// Password changes per account per window.
    pub password_changes: u32,
    /// Searches per address per window by visitors who are not signed in.
    pub anonymous_searches: u32,
    /// The window the counts above are over.
    pub window: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        ThrottleSettings {
            logins: 20,
            registrations: 10,
            password_changes: 10,
            anonymous_searches: 120,
            window: Duration::from_secs(600),
            trusted_proxies: Vec::new(),
        }
    }
}

/// The instance's throttles; registered as app data at start.
pub struct Throttles {
    login_by_address: KeyedLimit<IpAddr>,
    login_by_name: KeyedLimit<String>,
    registration_by_address: KeyedLimit<IpAddr>,
    password_by_member: KeyedLimit<i64>,
    search_by_address: KeyedLimit<IpAddr>,
    trusted_proxies: Vec<IpAddr>,
}

impl Throttles {
    pub fn new(s: &ThrottleSettings) -> Self {
        Throttles {
            login_by_address: KeyedLimit::new(s.logins, s.window),
            login_by_name: KeyedLimit::new(s.logins, s.window),
            registration_by_address: KeyedLimit::new(s.registrations, s.window),
            password_by_member: KeyedLimit::new(s.password_changes, s.window),
            search_by_address: KeyedLimit::new(s.anonymous_searches, s.window),
            trusted_proxies: s.trusted_proxies.clone(),
        }
    }

    /// One login attempt from `address` at the account `name` (as typed, normalised here).
    pub fn login(&self, address: IpAddr, name: &str) -> Result<(), AppError> {
        self.login_by_address.take(&address)?;
        let name = name.trim().trim_start_matches('@').to_lowercase();
        self.login_by_name.take(&name)
    }

    pub fn registration(&self, address: IpAddr) -> Result<(), AppError> {
        self.registration_by_address.take(&address)
    }

    pub fn password_change(&self, member_id: i64) -> Result<(), AppError> {
        self.password_by_member.take(&member_id)
    }

    pub fn anonymous_search(&self, address: IpAddr) -> Result<(), AppError> {
        self.search_by_address.take(&address)
    }

    /// The client's address: see the module comment.
    pub fn client_address(&self, req: &HttpRequest) -> IpAddr {
        let peer = req
            .peer_addr()
            .map(|a| a.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        // The proxy appends the address it saw; earlier entries are the client's own claim.
        forwarded
            .into_iter()
            .rev()
            .find(|a| !self.trusted_proxies.contains(a))
            .unwrap_or(peer)
    }
}

/// The throttles and this request's client address, for a handler to take attempts from.
pub struct Client {
    pub address: IpAddr,
    throttles: web::Data<Throttles>,
}

impl Client {
    pub fn throttles(&self) -> &Throttles {
        &self.throttles
    }
}

impl FromRequest for Client {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.app_data::<web::Data<Throttles>>() {
            Some(throttles) => Ok(Client {
                address: throttles.client_address(req),
                throttles: throttles.clone(),
            }),
            None => Err(actix_web::error::ErrorInternalServerError(
                "throttles not configured",
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn settings(proxies: &[&str]) -> ThrottleSettings {
        ThrottleSettings {
            logins: 3,
            trusted_proxies: proxies.iter().filter_map(|p| p.parse().ok()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_attempt_past_the_limit_is_refused_with_a_wait() {
        let t = Throttles::new(&settings(&[]));
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..3 {
            t.login(a, "sam").unwrap();
        }
        match t.login(a, "sam") {
            Err(AppError::TooManyRequests(s)) => assert!(s >= 1),
            other => panic!("expected 429, got {other:?}"),
        }
        // Another address is counted on its own, but the name has had its attempts.
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(t.login(b, "kim").is_ok());
        assert!(t.login(b, "@SAM").is_err());
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let req = TestRequest::default()
            .peer_addr("10.0.0.5:4000".parse().unwrap())
            .insert_header(("X-Forwarded-For", "198.51.100.7, 203.0.113.9"))
            .to_http_request();
        let untrusted = Throttles::new(&settings(&[]));
        assert_eq!(untrusted.client_address(&req).to_string(), "10.0.0.5");
        let trusted = Throttles::new(&settings(&["10.0.0.5"]));
        // The nearest untrusted entry: what the proxy itself saw, not the client's claim.
        assert_eq!(trusted.client_address(&req).to_string(), "203.0.113.9");
        let chained = Throttles::new(&settings(&["10.0.0.5", "203.0.113.9"]));
        assert_eq!(chained.client_address(&req).to_string(), "198.51.100.7");
    }
}
