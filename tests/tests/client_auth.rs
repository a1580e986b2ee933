//! Credentials against a real local server, in Cloudflare's crates: each scheme is sent as
//! the operation's security requirement asks when the credentials meet it; when they do
//! not, the configured credentials are sent anyway (a token first) and the server decides;
//! nothing is sent without any credential, and no secret shows in `Debug` output or in the
//! error a bad credential gives. The strict rule of other APIs is in `client_schemes.rs`.
//!
//! The seed operation accepts only email + key; the fixture crate (`tests/fixtures/auth.yaml`)
//! has an operation per scheme, one with a choice, and one with no security.

mod common;

use common::{EMAIL, KEY, RawServer, TOKEN, ZONE, body, builder, success_envelope};
use fixture_auth_client as fixture;
use generated_client::{Client, Credentials, ErrorKind};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_TOKEN: &str = "sekrit-token-4a0ed4fc8415f174e90afafe";
const SERVICE_KEY: &str = "v1.0-sekrit-service-key-0123456789";

fn thing_envelope() -> serde_json::Value {
    json!({"success": true, "errors": [], "messages": [], "result": {"name": "thing"}})
}

/// A server answering every request with a success envelope (seed and fixture alike).
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_envelope()))
        .mount(&server)
        .await;
    server
}

fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The credential headers of the only request the server received.
async fn sent_credentials(server: &MockServer) -> [Option<String>; 4] {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    [
        "x-auth-email",
        "x-auth-key",
        "authorization",
        "x-auth-user-service-key",
    ]
    .map(|name| header(&requests[0], name).map(str::to_string))
}

fn fixture_client(server: &MockServer, credentials: fixture::Credentials) -> fixture::Client {
    fixture::Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .build()
        .expect("a valid client")
}

#[tokio::test]
async fn email_and_key_are_sent_in_their_headers_and_nothing_else() {
    let server = server().await;
    builder(server.uri())
        .build()
        .unwrap()
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [Some(EMAIL.into()), Some(KEY.into()), None, None]
    );
}

/// Cloudflare's rule: credentials the requirement does not name are sent all the same, and
/// the server decides; only a client without any credential is refused locally.
#[tokio::test]
async fn the_seed_sends_a_token_or_service_key_it_does_not_declare_and_refuses_no_credentials() {
    for (credentials, name, value) in [
        (
            Credentials::api_token(API_TOKEN),
            "authorization",
            format!("Bearer {API_TOKEN}"),
        ),
        (
            Credentials::user_service_key(SERVICE_KEY),
            "x-auth-user-service-key",
            SERVICE_KEY.to_string(),
        ),
    ] {
        let server = server().await;
        let client = builder(server.uri())
            .credentials(credentials)
            .build()
            .unwrap();
        client
            .access()
            .zone_level_service_tokens()
            .update_service_token(ZONE, TOKEN, &body())
            .await
            .expect("sent, and the server accepts it");
        let requests = server.received_requests().await.unwrap();
        assert_eq!(header(&requests[0], name), Some(value.as_str()));
        assert_eq!(header(&requests[0], "x-auth-key"), None);
    }
    let server = server().await;
    let client = builder(server.uri())
        .credentials(Credentials::none())
        .build()
        .unwrap();
    let err = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingCredentials);
    assert!(err.to_string().contains("api_email + api_key"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// The raw request heads of a token-only client calling `call` on a recording server.
async fn token_only_heads(
    call: impl for<'c> Fn(&'c fixture::Client) -> fixture::Call<'c, fixture::types::Thing>,
) -> String {
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        thing_envelope().to_string().len(),
        thing_envelope()
    );
    let server = RawServer::start(move |_, _, mut stream| {
        let reply = reply.clone();
        async move {
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    })
    .await;
    let client = fixture::Client::builder()
        .base_url(server.uri())
        .credentials(fixture::Credentials::api_token(API_TOKEN))
        .build()
        .unwrap();
    call(&client).await.expect("the token is sent and accepted");
    let heads = server.heads();
    assert_eq!(heads.len(), 1);
    heads[0].to_ascii_lowercase()
}

#[tokio::test]
async fn a_token_only_client_calls_an_operation_whose_spec_lists_only_email_and_key() {
    let head = token_only_heads(|c| c.fixture().auth_schemes().with_key()).await;
    assert!(
        head.contains(&format!(
            "\r\nauthorization: bearer {}\r\n",
            API_TOKEN.to_ascii_lowercase()
        )),
        "{head}"
    );
    assert!(!head.contains("x-auth-"), "{head}");
}

#[tokio::test]
async fn a_token_only_client_calls_an_operation_that_lists_all_three_as_one_requirement() {
    let head = token_only_heads(|c| c.fixture().auth_schemes().with_all_three()).await;
    assert!(
        head.contains(&format!(
            "\r\nauthorization: bearer {}\r\n",
            API_TOKEN.to_ascii_lowercase()
        )),
        "{head}"
    );
    assert!(!head.contains("x-auth-"), "{head}");
}

#[tokio::test]
async fn all_three_as_one_requirement_is_read_as_token_or_email_and_key() {
    // Email + key alone meet it: exactly those are sent, no token is asked for.
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_key(EMAIL, KEY));
    client
        .fixture()
        .auth_schemes()
        .with_all_three()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [Some(EMAIL.into()), Some(KEY.into()), None, None]
    );
}

#[tokio::test]
async fn a_bearer_token_is_sent_in_authorization() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_token(API_TOKEN));
    client
        .fixture()
        .auth_schemes()
        .with_token()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [None, None, Some(format!("Bearer {API_TOKEN}")), None]
    );
}

#[tokio::test]
async fn a_user_service_key_is_sent_in_its_header() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::user_service_key(SERVICE_KEY));
    client
        .fixture()
        .auth_schemes()
        .with_service_key()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [None, None, None, Some(SERVICE_KEY.into())]
    );
}

#[tokio::test]
async fn with_a_choice_the_alternative_the_client_holds_is_sent() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_key(EMAIL, KEY));
    client
        .fixture()
        .auth_schemes()
        .with_token_or_key()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [Some(EMAIL.into()), Some(KEY.into()), None, None]
    );

    let server = self::server().await;
    let client = fixture_client(&server, fixture::Credentials::api_token(API_TOKEN));
    client
        .fixture()
        .auth_schemes()
        .with_token_or_key()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [None, None, Some(format!("Bearer {API_TOKEN}")), None]
    );
}

#[tokio::test]
async fn an_operation_without_security_sends_no_credentials() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_token(API_TOKEN));
    client
        .fixture()
        .auth_schemes()
        .with_nothing()
        .await
        .expect("success");
    assert_eq!(sent_credentials(&server).await, [None, None, None, None]);
}

#[tokio::test]
async fn email_and_key_are_sent_where_the_spec_wants_a_token() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_key(EMAIL, KEY));
    client
        .fixture()
        .auth_schemes()
        .with_token()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [Some(EMAIL.into()), Some(KEY.into()), None, None]
    );
}

#[tokio::test]
async fn a_token_is_sent_where_the_spec_wants_a_service_key() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_token(API_TOKEN));
    client
        .fixture()
        .auth_schemes()
        .with_service_key()
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [None, None, Some(format!("Bearer {API_TOKEN}")), None]
    );
}

#[test]
fn debug_output_of_credentials_client_and_builder_shows_no_secret() {
    let secrets = [EMAIL, KEY, API_TOKEN, SERVICE_KEY];
    let key = Credentials::api_key(EMAIL, KEY);
    let token = Credentials::api_token(API_TOKEN);
    let service = Credentials::user_service_key(SERVICE_KEY);
    let builder = Client::builder().credentials(key.clone());
    let client = builder.clone().build().unwrap();
    let outputs = [
        format!("{key:?}"),
        format!("{token:?}"),
        format!("{service:?}"),
        format!("{builder:?}"),
        format!("{builder:#?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ];
    for output in &outputs {
        for secret in secrets {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    // The scheme names are shown, so a reader can tell which credentials a client holds.
    assert!(outputs[0].contains("api_email") && outputs[0].contains("api_key"));
    assert!(outputs[5].contains("<redacted>"), "{}", outputs[5]);
}

#[test]
fn a_credential_with_a_line_break_is_refused_by_build_without_echoing_it() {
    let injected = "abc\r\nX-Evil: injected";
    for credentials in [
        Credentials::api_token(injected),
        Credentials::api_token("abc\nX-Evil: injected"),
        Credentials::api_token("abc\rX-Evil: injected"),
        Credentials::api_key(injected, KEY),
        Credentials::user_service_key(injected),
    ] {
        let err = Client::builder()
            .credentials(credentials)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let text = format!("{err} {err:?}");
        assert!(text.contains("line break"), "{text}");
        assert!(!text.contains("abc") && !text.contains("X-Evil"), "{text}");
    }
}
