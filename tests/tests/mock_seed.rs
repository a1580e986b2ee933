//! The seed client against Prism, a mock server that reads the same spec and checks every
//! request against it (`scripts/mock.sh`): a validator this project did not write.
//!
//! Needs a running mock, so the tests are ignored by a plain `cargo test`; CI runs them:
//!
//! ```sh
//! MOCK_URL=$(scripts/mock.sh spec/000_58fea2424b74c174.txt) \
//!   cargo test -p tests --test mock_seed -- --ignored
//! scripts/mock.sh --stop
//! ```

use generated_client::access::zone_level_service_tokens::UpdateServiceToken;
use generated_client::{Client, Credentials, Error, ErrorKind};

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";

fn mock_url() -> String {
    std::env::var("MOCK_URL").unwrap_or_else(|_| {
        panic!("set MOCK_URL to a Prism mock of the seed: MOCK_URL=$(scripts/mock.sh spec/000_58fea2424b74c174.txt)")
    })
}

fn client(credentials: Credentials) -> Client {
    Client::builder()
        .base_url(mock_url())
        .credentials(credentials)
        .max_retries(0)
        .build()
        .expect("a valid client")
}

/// What Prism said was wrong with a request it refused (`sl-violations`).
fn violations(e: &Error) -> String {
    match e {
        Error::Api(api) => api
            .headers
            .get("sl-violations")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("(no sl-violations header)")
            .to_string(),
        other => format!("not an API error: {other}"),
    }
}

/// With the credentials the spec declares (`X-Auth-Email` and `X-Auth-Key`), every field of
/// the body set: Prism accepts the request and answers with the spec's example, which
/// decodes into the typed result.
#[tokio::test]
#[ignore = "needs a Prism mock: MOCK_URL=$(scripts/mock.sh spec/000_58fea2424b74c174.txt)"]
async fn update_service_token_passes_prism_and_decodes_its_example() {
    let client = client(Credentials::api_key(
        "user@example.com",
        "c2547eb745079dac9320b638f5e225cf483cc5cfdda41",
    ));
    let body = UpdateServiceToken::new()
        .name("CI/CD token")
        .duration("60m");
    let token = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body)
        .await
        .unwrap_or_else(|e| panic!("Prism refused the request: {e}; {}", violations(&e)));
    // The spec's examples, as Prism sends them.
    assert_eq!(token.name.as_deref(), Some("CI/CD token"));
    assert_eq!(
        token.client_id.as_deref(),
        Some("88bf3b6d86161464f6509f7219099e57.access.example.com")
    );
    assert!(token.created_at.is_some() && token.updated_at.is_some());
    // Required parameters only: an empty body is as valid.
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &UpdateServiceToken::new())
        .await
        .unwrap_or_else(|e| panic!("Prism refused the request: {e}; {}", violations(&e)));
}

/// An API token is sent as `Authorization: Bearer` even though this operation declares
/// only the email and key (Cloudflare's servers take a token almost everywhere): Prism,
/// which holds to the spec, refuses it with 401, and the error carries the status, the
/// body and Prism's reason.
#[tokio::test]
#[ignore = "needs a Prism mock: MOCK_URL=$(scripts/mock.sh spec/000_58fea2424b74c174.txt)"]
async fn a_credential_the_operation_does_not_declare_is_refused_by_prism() {
    let client = client(Credentials::api_token("a-token"));
    let err = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &UpdateServiceToken::new())
        .await
        .expect_err("Prism holds to the declared security");
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err}");
    assert_eq!(err.status(), Some(401));
    assert!(
        violations(&err).contains("Invalid security scheme"),
        "{}",
        violations(&err)
    );
}
