//! Every kind of security scheme against a real local server, in a crate for an API that is
//! not Cloudflare's (`tests/fixtures/general.yaml`): apiKey in a header, the query and a
//! cookie, HTTP basic and bearer, OAuth2 and OpenID Connect tokens. Its policy is strict:
//! credentials the requirement does not name are refused before anything is sent.

use fixture_general_client::{Client, Credentials, ErrorKind};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::any};

const SECRET: &str = "sekrit-4a0ed4fc8415f174e90a";

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, credentials: Credentials) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .build()
        .expect("a valid client")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn an_api_key_in_a_header_is_sent_in_that_header() {
    let server = server().await;
    let client = client(&server, Credentials::header_key(SECRET));
    let outcome = client.schemes().with_header_key().await.expect("success");
    assert_eq!(outcome.ok, Some(true));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key").as_deref(), Some(SECRET));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn an_api_key_in_the_query_is_sent_beside_the_parameters() {
    let server = server().await;
    let client = client(&server, Credentials::query_key("a key&more"));
    let params = fixture_general_client::schemes::schemes::WithQueryKeyParams::new().q("search");
    client
        .schemes()
        .with_query_key(&params)
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("q=search&api_key=a+key%26more"));
    assert_eq!(header(&request, "authorization"), None);
}

#[tokio::test]
async fn an_api_key_in_a_cookie_is_sent_as_a_cookie() {
    let server = server().await;
    let client = client(&server, Credentials::cookie_key(SECRET));
    client.schemes().with_cookie_key().await.expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "cookie"),
        Some(format!("session={SECRET}"))
    );
}

#[tokio::test]
async fn basic_auth_sends_the_user_and_password_in_base64() {
    let server = server().await;
    let client = client(&server, Credentials::basic("Aladdin", "open sesame"));
    client.schemes().with_basic().await.expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization").as_deref(),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
}

#[tokio::test]
async fn bearer_oauth2_and_openid_connect_tokens_are_sent_as_bearer_tokens() {
    for (credentials, which) in [
        (Credentials::bearer(SECRET), "bearer"),
        (Credentials::oauth(SECRET), "oauth"),
        (Credentials::oidc(SECRET), "oidc"),
    ] {
        let server = server().await;
        let client = client(&server, credentials);
        let call = match which {
            "bearer" => client.schemes().with_bearer(),
            "oauth" => client.schemes().with_oauth(),
            _ => client.schemes().with_oidc(),
        };
        call.await.expect("success");
        let request = only_request(&server).await;
        assert_eq!(
            header(&request, "authorization"),
            Some(format!("Bearer {SECRET}")),
            "{which}"
        );
    }
}

#[tokio::test]
async fn a_strict_api_refuses_credentials_its_requirement_does_not_name_and_sends_nothing() {
    let server = server().await;
    let client = client(&server, Credentials::bearer(SECRET));
    for call in [
        client.schemes().with_header_key(),
        client.schemes().with_oauth(),
        client.schemes().with_basic(),
    ] {
        let err = call.await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingCredentials);
        assert!(!format!("{err} {err:?}").contains(SECRET), "{err:?}");
    }
    let err = self::client(&server, Credentials::none())
        .schemes()
        .with_bearer()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingCredentials);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn a_basic_password_with_a_line_break_is_refused_by_build() {
    let err = Client::builder()
        .credentials(Credentials::basic("me", "pass\r\nX-Evil: 1"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(!err.to_string().contains("pass"), "{err}");
}

/// The crate is for another API: nothing in it says Cloudflare, its environment variables
/// are named after its title, and its request id header is the common one.
#[test]
fn the_crate_of_another_api_does_not_mention_cloudflare() {
    let dir = tests::root().join("tests/fixtures/general-client");
    let texts: Vec<(std::path::PathBuf, String)> = tests::read_tree(&dir)
        .into_iter()
        .map(|(path, bytes)| (dir.join(path), String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(texts.len() > 15, "the whole crate is read: {}", texts.len());
    for (path, text) in &texts {
        let lower = text.to_lowercase();
        assert!(!lower.contains("cloudflare"), "{}", path.display());
        assert!(!lower.contains("cf-ray"), "{}", path.display());
    }
    let auth = std::fs::read_to_string(dir.join("src/auth.rs")).unwrap();
    assert!(
        auth.contains("\"GENERAL_HEADER_KEY\"") && auth.contains("\"GENERAL_OAUTH\""),
        "{auth}"
    );
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    assert!(lib.contains("Some(\"x-request-id\")"), "{lib}");
}
