//! Credentials against a real local server: each scheme is sent as the operation's security
//! requirement asks, nothing is sent without the right credentials, and no secret shows in
//! `Debug` output or in the error a bad credential gives.
//!
//! The seed operation accepts only email + key; the fixture crate (`tests/fixtures/auth.yaml`)
//! has an operation per scheme, one with a choice, and one with no security.

mod common;

use common::{EMAIL, KEY, TOKEN, ZONE, body, builder, success_envelope};
use fixture_auth_client as fixture;
use generated_client::{Client, Credentials, ErrorKind};
use serde_json::json;
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
        .zone_level_access_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .expect("success");
    assert_eq!(
        sent_credentials(&server).await,
        [Some(EMAIL.into()), Some(KEY.into()), None, None]
    );
}

#[tokio::test]
async fn credentials_the_operation_does_not_accept_give_missing_credentials_and_send_nothing() {
    let server = server().await;
    for credentials in [
        Credentials::api_token(API_TOKEN),
        Credentials::user_service_key(SERVICE_KEY),
        Credentials::none(),
    ] {
        let client = builder(server.uri())
            .credentials(credentials)
            .build()
            .unwrap();
        let err = client
            .zone_level_access_service_tokens()
            .update_service_token(ZONE, TOKEN, &body())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingCredentials);
        let text = format!("{err} {err:?}");
        assert!(text.contains("api_email + api_key"), "{text}");
        assert!(
            !text.contains(API_TOKEN) && !text.contains(SERVICE_KEY),
            "{text}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bearer_token_is_sent_in_authorization() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_token(API_TOKEN));
    client.auth_schemes().with_token().await.expect("success");
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
    client.auth_schemes().with_nothing().await.expect("success");
    assert_eq!(sent_credentials(&server).await, [None, None, None, None]);
}

#[tokio::test]
async fn a_token_only_operation_refuses_email_and_key() {
    let server = server().await;
    let client = fixture_client(&server, fixture::Credentials::api_key(EMAIL, KEY));
    let err = client.auth_schemes().with_token().await.unwrap_err();
    assert_eq!(err.kind(), fixture::ErrorKind::MissingCredentials);
    assert!(server.received_requests().await.unwrap().is_empty());
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
