//! HTTP signatures (draft-cavage, rsa-sha256) written independently of the federation
//! library, so inbox tests check interoperability rather than the library against itself.

use base64::{Engine, engine::general_purpose::STANDARD};
use rsa::{
    RsaPrivateKey,
    pkcs1v15::SigningKey,
    pkcs8::DecodePrivateKey,
    signature::{SignatureEncoding, Signer},
};
use sha2::{Digest, Sha256};
use url::Url;

/// The headers of a signed POST.
pub struct SignedPost {
    pub headers: Vec<(String, String)>,
}

/// What a signed POST may get wrong on purpose; `None` means what an honest server sends.
#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    /// The `Date` header (signed), instead of now.
    pub date: Option<std::time::SystemTime>,
    /// The `Content-Type` header (signed), instead of `application/activity+json`.
    pub content_type: Option<String>,
    /// The `keyId`, instead of the signing actor's own key.
    pub key_id: Option<String>,
}

/// Signs a POST of `body` to `url` as `key_id` with `private_key_pem` (PKCS#8).
pub fn sign_post(
    url: &Url,
    body: &[u8],
    key_id: &str,
    private_key_pem: &str,
) -> anyhow::Result<SignedPost> {
    sign_post_with(url, body, key_id, private_key_pem, &SignOptions::default())
}

/// Signs a POST like [`sign_post`], with the date and media type `options` give.
pub fn sign_post_with(
    url: &Url,
    body: &[u8],
    key_id: &str,
    private_key_pem: &str,
    options: &SignOptions,
) -> anyhow::Result<SignedPost> {
    let key = RsaPrivateKey::from_pkcs8_pem(private_key_pem)?;
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let date = httpdate::fmt_http_date(options.date.unwrap_or_else(std::time::SystemTime::now));
    let digest = format!("SHA-256={}", STANDARD.encode(Sha256::digest(body)));
    let content_type = options
        .content_type
        .as_deref()
        .unwrap_or("application/activity+json");
    let signing_string = format!(
        "(request-target): post {}\nhost: {host}\ndate: {date}\ndigest: {digest}\ncontent-type: {content_type}",
        url.path()
    );
    let signature = SigningKey::<Sha256>::new(key).sign(signing_string.as_bytes());
    let signature_header = format!(
        "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest content-type\",signature=\"{}\"",
        STANDARD.encode(signature.to_bytes())
    );
    Ok(SignedPost {
        headers: vec![
            ("host".into(), host),
            ("date".into(), date),
            ("digest".into(), digest),
            ("content-type".into(), content_type.into()),
            ("signature".into(), signature_header),
        ],
    })
}

/// The headers of a GET signed as GoToSocial signs its fetches: `(request-target) host date`
/// only (no body, so no `Digest`), algorithm `hs2019`, and whatever `key_id` it is given
/// (GoToSocial's are paths: `…/users/name/main-key`).
pub fn sign_get(
    url: &Url,
    key_id: &str,
    private_key_pem: &str,
) -> anyhow::Result<Vec<(String, String)>> {
    sign_get_covering(url, key_id, private_key_pem, true)
}

/// As [`sign_get`]; with `dated` false the signature covers only `(request-target) host`
/// and no `Date` header is sent: a signature that could be replayed for ever.
pub fn sign_get_covering(
    url: &Url,
    key_id: &str,
    private_key_pem: &str,
    dated: bool,
) -> anyhow::Result<Vec<(String, String)>> {
    let key = RsaPrivateKey::from_pkcs8_pem(private_key_pem)?;
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    let mut signing_string = format!("(request-target): get {target}\nhost: {host}");
    if dated {
        signing_string.push_str(&format!("\ndate: {date}"));
    }
    let covered = if dated {
        "(request-target) host date"
    } else {
        "(request-target) host"
    };
    let signature = SigningKey::<Sha256>::new(key).sign(signing_string.as_bytes());
    let signature_header = format!(
        "keyId=\"{key_id}\",algorithm=\"hs2019\",headers=\"{covered}\",signature=\"{}\"",
        STANDARD.encode(signature.to_bytes())
    );
    let mut headers = vec![("signature".to_owned(), signature_header)];
    if dated {
        headers.push(("date".into(), date));
    }
    Ok(headers)
}
