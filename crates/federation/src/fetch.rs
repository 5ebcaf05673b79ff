//! Fetching a document from another server, signed by this instance's actor (FEP-2677), as
//! servers that restrict some documents to known instances require.

use crate::FederationError;
use activitypub_federation::{FEDERATION_CONTENT_TYPE, config::Data};
use meent_app::AppContext;
use url::Url;

/// GETs `url` with a signed request; returns the status and the body.
pub async fn signed_get(
    data: &Data<AppContext>,
    url: &Url,
) -> Result<(u16, String), FederationError> {
    let client = reqwest::Client::new();
    let builder = reqwest_middleware::ClientWithMiddleware::from(client.clone())
        .get(url.clone())
        .header("Accept", FEDERATION_CONTENT_TYPE);
    let request = data.sign_request(builder, Default::default()).await?;
    let response = client
        .execute(request)
        .await
        .map_err(activitypub_federation::error::Error::from)?;
    let status = response.status().as_u16();
    let body = response
        .text()
        .await
        .map_err(activitypub_federation::error::Error::from)?;
    Ok((status, body))
}
