//! What a caller sends beyond the spec, against a real local server: per-call headers,
//! query parameters and JSON body fields (validated, encoded like the spec's parameters,
//! replacing the call's own of the same name), and the client's default headers.

use fixture_general_client::types::Record;
use fixture_general_client::zones::records::UpdateParams;
use fixture_general_client::{Client, ErrorKind};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::any};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .default_header("X-Client", "default")
        .default_header("X-Trace", "from-client")
        .build()
        .expect("a valid client")
}

fn record() -> Record {
    Record::new("www").ttl(60)
}

fn params() -> UpdateParams {
    UpdateParams::new().dry_run(true).x_trace("from-params")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

fn values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn extra_headers_query_parameters_and_body_fields_are_sent() {
    let server = server().await;
    client(&server)
        .zones()
        .records()
        .update("r1", &params(), &record())
        .header("X-Beta-Feature", "on")
        .header("X-Count", 3)
        .query("include", ["a", "b"])
        .query("preview", true)
        .body_field("comment", "made by a test")
        .body_field("tags", json!(["x", "y"]))
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(values(&request, "x-beta-feature"), ["on"]);
    assert_eq!(values(&request, "x-count"), ["3"]);
    assert_eq!(values(&request, "x-client"), ["default"]);
    assert_eq!(
        request.url.query(),
        Some("dry_run=true&include=a&include=b&preview=true")
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"name": "www", "ttl": 60, "comment": "made by a test", "tags": ["x", "y"]})
    );
    assert_eq!(values(&request, "content-type"), ["application/json"]);
}

#[tokio::test]
async fn the_callers_values_replace_the_calls_own() {
    let server = server().await;
    client(&server)
        .zones()
        .records()
        .update("r1", &params(), &record())
        .header("X-Trace", "from-call")
        .query("dry_run", false)
        .body_field("ttl", 300)
        .await
        .expect("success");
    let request = only_request(&server).await;
    // The call's header over the parameter's, the parameter's over the client's default.
    assert_eq!(values(&request, "x-trace"), ["from-call"]);
    assert_eq!(request.url.query(), Some("dry_run=false"));
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"name": "www", "ttl": 300}));

    let server = self::server().await;
    client(&server)
        .zones()
        .records()
        .update("r1", &params(), &record())
        .await
        .expect("success");
    assert_eq!(
        values(&only_request(&server).await, "x-trace"),
        ["from-params"]
    );
}

#[tokio::test]
async fn invalid_additions_are_refused_before_anything_is_sent() {
    let server = server().await;
    let client = client(&server);
    let records = client.zones().records();
    let calls = [
        records
            .update("r1", &params(), &record())
            .header("X-Evil", "a\r\nX-Injected: 1"),
        records
            .update("r1", &params(), &record())
            .header("Not A Name", "v"),
    ];
    for call in calls {
        let err = call.await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    }
    // A body field on a body that is not JSON.
    let err = records
        .upload_file("r1", b"\x00\x01")
        .body_field("name", "x")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.to_string().contains("application/octet-stream"),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_body_field_on_a_call_without_a_body_sends_a_json_object() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(fixture_general_client::Credentials::bearer("t"))
        .build()
        .unwrap();
    client
        .schemes()
        .with_bearer()
        .body_field("note", "hello")
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(request.body, br#"{"note":"hello"}"#);
    assert_eq!(values(&request, "content-type"), ["application/json"]);
}

#[test]
fn default_headers_are_checked_by_build() {
    for (name, value) in [("X-Ok", "line\nbreak"), ("bad name", "v")] {
        let err = Client::builder()
            .default_header(name, value)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
    }
    let client = Client::builder()
        .default_header("X-A", "1")
        .default_header("X-A", "2")
        .build()
        .unwrap();
    let values: Vec<_> = client.default_headers().get_all("x-a").iter().collect();
    assert_eq!(values, ["1", "2"]);
    let shown = format!("{client:?}");
    assert!(
        shown.contains("x-a") && !shown.contains("\"1\""),
        "names only: {shown}"
    );
}
