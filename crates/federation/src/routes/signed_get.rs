//! Who signed a GET. A fetch has no body, so it need not carry a `Digest`: GoToSocial signs
//! `(request-target) host date` only, and names its key `…/users/name/main-key` (a path, not
//! a fragment). The federation library's own check wants both a digest and a `#` in the key
//! id, so it refused every GoToSocial fetch (401 `invalid digest for body`); this one
//! verifies what a fetch can carry, with the same normalisation crate and RSA check.

use super::inbox_checks::{self, MAX_AGE};
use crate::{FederationError, objects::ApSigner};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Actor};
use actix_web::HttpRequest;
use base64::{Engine, engine::general_purpose::STANDARD as Base64};
use http_signature_normalization::Config;
use meent_app::AppContext;
use rsa::{Pkcs1v15Sign, RsaPublicKey, pkcs8::DecodePublicKey};
use sha2::{Digest, Sha256};
use std::{collections::BTreeMap, sync::LazyLock, time::Duration};
use url::Url;

/// The federation library's verification settings without its digest requirement: a
/// signature carries its time as `(created)` (Lemmy, Meent) or as a signed `Date` header
/// (GoToSocial, Mastodon), either checked against the same window as the inbox's.
static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let max_age = Duration::from_secs(MAX_AGE.num_seconds().unsigned_abs());
    Config::new().set_expiration(max_age)
});

/// The actor a key id belongs to: the id without its fragment (`…/u/p#main-key`: Meent,
/// Lemmy, Mastodon) or without its last path segment (`…/users/p/main-key`: GoToSocial).
pub(super) fn owner_of_key(key_id: &str) -> Option<Url> {
    let mut url = Url::parse(key_id).ok()?;
    if url.fragment().is_some() {
        url.set_fragment(None);
        return Some(url);
    }
    let path = url.path().trim_end_matches('/').to_owned();
    let (parent, _) = path.rsplit_once('/')?;
    if parent.is_empty() {
        return None;
    }
    url.set_path(parent);
    url.set_query(None);
    Some(url)
}

/// Whether the signed string holds the time of signing. Without it a signature, once seen,
/// could be replayed for ever: the window above only bounds what is signed.
fn covers_its_time(signing_string: &str) -> bool {
    signing_string
        .lines()
        .any(|line| line.starts_with("date:") || line.starts_with("(created):"))
}

/// The actor whose key signed `request`; 401 when unsigned, badly signed, dated outside
/// the window, or signed with a key its actor does not publish.
pub(super) async fn signer(
    request: &HttpRequest,
    data: &Data<AppContext>,
) -> Result<ApSigner, FederationError> {
    let headers = request.headers();
    if !headers.contains_key("signature") {
        return Err(FederationError::MissingSignature);
    }
    inbox_checks::check_date(headers, chrono::Utc::now())?;
    let mut map = BTreeMap::new();
    for (name, value) in headers {
        if let Ok(value) = value.to_str() {
            map.insert(name.to_string(), value.to_owned());
        }
    }
    // As the library does: a proxy may drop Host, which the signer saw as our domain.
    map.entry("host".to_owned())
        .or_insert_with(|| data.instance.domain.clone());
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let unverified = CONFIG
        .begin_verify(request.method().as_str(), path_and_query, map)
        .map_err(|e| FederationError::Unverified(e.to_string()))?;
    if !covers_its_time(unverified.signing_string()) {
        return Err(FederationError::Unverified(
            "the signature covers neither Date nor (created)".into(),
        ));
    }
    let owner = owner_of_key(unverified.key_id())
        .ok_or_else(|| FederationError::Unverified("the key id names no actor".into()))?;
    let signer = ObjectId::<ApSigner>::from(owner)
        .dereference(data)
        .await
        .map_err(|e| FederationError::Unverified(format!("the signer could not be read: {e}")))?;
    let key = RsaPublicKey::from_public_key_pem(signer.public_key_pem())
        .map_err(|_| FederationError::Unverified("the signer's key is not an RSA key".into()))?;
    let valid = unverified.verify(|signature, signing_string| {
        Base64.decode(signature).is_ok_and(|signature| {
            key.verify(
                Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(signing_string.as_bytes()),
                &signature,
            )
            .is_ok()
        })
    });
    if !valid {
        return Err(FederationError::Unverified(
            "the signature does not match the signer's key".into(),
        ));
    }
    Ok(signer)
}

#[cfg(test)]
mod tests {
    use super::{covers_its_time, owner_of_key};

    #[test]
    fn a_signature_must_cover_its_time() {
        assert!(covers_its_time(
            "(request-target): get /d/1\nhost: meent-g\ndate: Sun, 06 Dec 2026 01:00:00 GMT"
        ));
        assert!(covers_its_time(
            "(request-target): get /d/1\n(created): 1796000000\n(expires): 1796000010"
        ));
        assert!(!covers_its_time(
            "(request-target): get /d/1\nhost: meent-g"
        ));
        // A header whose name merely ends in "date" is not the Date header.
        assert!(!covers_its_time(
            "(request-target): get /d/1\nx-date: today"
        ));
    }

    #[test]
    fn key_ids_name_their_actor() {
        let owner = |k: &str| owner_of_key(k).map(|u| u.to_string());
        assert_eq!(
            owner("https://meent.example/c/tuin#main-key").as_deref(),
            Some("https://meent.example/c/tuin")
        );
        assert_eq!(
            owner("http://gts-a/users/gina/main-key").as_deref(),
            Some("http://gts-a/users/gina")
        );
        assert_eq!(owner("https://v.example/main-key"), None);
        assert_eq!(owner("not a url"), None);
    }
}
