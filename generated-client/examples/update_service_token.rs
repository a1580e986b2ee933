//! Renames a zone-level Access service token, and prints the token or what went wrong.
//!
//! ```sh
//! export CLOUDFLARE_EMAIL=you@example.com CLOUDFLARE_API_KEY=...
//! cargo run --example update_service_token -- ZONE_ID TOKEN_ID "new name"
//! ```
//!
//! The zone and token ids may instead come from `CLOUDFLARE_ZONE_ID` and
//! `CLOUDFLARE_TOKEN_ID`; `CLOUDFLARE_BASE_URL` sends the request elsewhere (a test server,
//! for instance `http://127.0.0.1:8080`).

use std::process::ExitCode;

use generated_client::access::zone_level_service_tokens::{
    UpdateServiceToken, UpdateServiceTokenResult,
};
use generated_client::{Client, Credentials, Error};

const USAGE: &str = "usage: update_service_token ZONE_ID TOKEN_ID [NEW_NAME]\n\
    (or set CLOUDFLARE_ZONE_ID and CLOUDFLARE_TOKEN_ID), with credentials in\n\
    CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let zone = args
        .next()
        .or_else(|| std::env::var("CLOUDFLARE_ZONE_ID").ok());
    let token = args
        .next()
        .or_else(|| std::env::var("CLOUDFLARE_TOKEN_ID").ok());
    let name = args
        .next()
        .unwrap_or_else(|| "renamed by the example".to_string());
    let (Some(zone), Some(token)) = (zone, token) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match update(&zone, &token, name).await {
        Ok(token) => {
            println!("{token:#?}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            report(&err);
            ExitCode::FAILURE
        }
    }
}

/// Builds a client from the environment and renames the token.
async fn update(zone: &str, token: &str, name: String) -> Result<UpdateServiceTokenResult, Error> {
    let mut builder = Client::builder().credentials(Credentials::from_env()?);
    if let Ok(url) = std::env::var("CLOUDFLARE_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;
    let body = UpdateServiceToken::new().name(name);
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(zone, token, &body)
        .await
}

/// Prints the error's kind and message, and what the API said, if it answered.
fn report(err: &Error) {
    eprintln!("failed ({:?}): {err}", err.kind());
    if let Some(api) = err.api_error() {
        for error in &api.errors {
            eprintln!("  error {error}");
        }
        if let Some(ray) = &api.request_id {
            eprintln!("  cf-ray {ray} (quote it to Cloudflare support)");
        }
    }
    if err.is_retryable() {
        eprintln!("  this may work if you try again later");
    }
}
