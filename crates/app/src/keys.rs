//! RSA key pairs for actors, made at creation (HTTP signatures need them).

use crate::AppError;
use rsa::{
    RsaPrivateKey,
    pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding},
};

pub struct KeyPair {
    pub public_pem: String,
    pub private_pem: String,
}

/// Makes a 2048-bit key pair off the async threads: generation takes tens of milliseconds.
pub async fn generate() -> Result<KeyPair, AppError> {
    tokio::task::spawn_blocking(generate_blocking)
        .await
        .map_err(|e| AppError::Internal(format!("key generation task: {e}")))?
}

fn generate_blocking() -> Result<KeyPair, AppError> {
    let mut rng = rand::thread_rng();
    let private = RsaPrivateKey::new(&mut rng, 2048)
        .map_err(|e| AppError::Internal(format!("generating key: {e}")))?;
    let private_pem = private
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| AppError::Internal(format!("encoding key: {e}")))?
        .to_string();
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| AppError::Internal(format!("encoding key: {e}")))?;
    Ok(KeyPair {
        public_pem,
        private_pem,
    })
}
