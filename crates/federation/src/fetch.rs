//! Fetching a document from another server over the instance's outgoing client (which
//! refuses private addresses outside debug mode), signed by the instance actor (FEP-2677) as
//! servers that restrict some documents to known instances require, with its body read
//! only up to a limit while it streams.

use crate::FederationError;
use activitypub_federation::{FEDERATION_CONTENT_TYPE, config::Data};
use actix_web::web::Bytes;
use meent_app::{AppContext, Fetched};
use url::Url;

/// Largest document read from another server.
pub const MAX_DOCUMENT: usize = 1024 * 1024;

/// Reads `response`'s body, stopping as soon as it passes `limit` bytes: a server that
/// sends more is refused without its whole answer being held in memory.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, FederationError> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(FederationError::Invalid("the answer is too large".into()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(activitypub_federation::error::Error::from)?
    {
        if body.len() + chunk.len() > limit {
            return Err(FederationError::Invalid("the answer is too large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// GETs `url` over `client`, signed as `data`'s instance actor; the status and the body
/// whatever the status.
pub(crate) async fn signed_get_with(
    client: &reqwest_middleware::ClientWithMiddleware,
    data: &Data<AppContext>,
    url: &Url,
) -> Result<Fetched, FederationError> {
    let builder = client
        .get(url.clone())
        .header("Accept", FEDERATION_CONTENT_TYPE);
    let request = data.sign_request(builder, Bytes::new()).await?;
    let response = client
        .execute(request)
        .await
        .map_err(activitypub_federation::error::Error::from)?;
    let status = response.status().as_u16();
    let body = read_limited(response, MAX_DOCUMENT).await?;
    Ok(Fetched {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// GETs `url` with a signed request through the instance's resolver (its client and its
/// limits); returns the status and the body.
pub async fn signed_get(
    data: &Data<AppContext>,
    url: &Url,
) -> Result<(u16, String), FederationError> {
    let fetched = data.resolver()?.fetch_signed(url).await?;
    Ok((fetched.status, fetched.body))
}
