//! Successful responses against a real local server: the result, the whole response with
//! `send_full`, lenient decoding, empty bodies, and the `User-Agent` sent.

mod common;

use common::{RawServer, TOKEN, ZONE, body, builder, success_envelope};
use fixture_auth_client as fixture;
use generated_client::access::zone_level_service_tokens::UpdateServiceTokenResult as ServiceToken;
use generated_client::{Client, ErrorKind};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(response.clone())
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    builder(server.uri()).build().unwrap()
}

#[tokio::test]
async fn send_full_returns_status_headers_result_messages_and_result_info() {
    let server = answering(
        ResponseTemplate::new(201)
            .set_body_json(success_envelope())
            .insert_header("cf-ray", "8a1b2c3d4e5f6789-SJC"),
    )
    .await;
    let response = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .send_full()
        .await
        .expect("success");
    assert_eq!(response.status, 201);
    assert_eq!(response.headers["cf-ray"], "8a1b2c3d4e5f6789-SJC");
    assert_eq!(response.result.name.as_deref(), Some("CI/CD token"));
    assert_eq!(response.messages.len(), 1);
    assert_eq!(
        (
            response.messages[0].code,
            response.messages[0].message.as_str()
        ),
        (10000, "updated")
    );
    assert_eq!(response.result_info.unwrap()["total_count"], json!(1));
}

#[tokio::test]
async fn awaiting_returns_the_result_alone() {
    let server = answering(ResponseTemplate::new(200).set_body_json(success_envelope())).await;
    let token: ServiceToken = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .expect("success");
    assert_eq!(token.duration.as_deref(), Some("60m"));
}

#[tokio::test]
async fn unknown_fields_are_kept_and_absent_optional_fields_are_fine() {
    let envelope = json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": {"name": "kept", "brand_new_field": {"nested": [1, 2]}, "another": null},
        "added_later": true
    });
    let server = answering(ResponseTemplate::new(200).set_body_json(envelope)).await;
    let token = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .expect("lenient decoding");
    assert_eq!(token.name.as_deref(), Some("kept"));
    assert_eq!(token.client_id, None);
    // What the spec does not declare is kept as it came, and encoded back.
    assert_eq!(
        token.extra().get("brand_new_field"),
        Some(&json!({"nested": [1, 2]}))
    );
    assert_eq!(token.extra().get("another"), Some(&Value::Null));
    assert_eq!(
        serde_json::to_value(&token).unwrap(),
        json!({"name": "kept", "brand_new_field": {"nested": [1, 2]}, "another": null})
    );

    // An envelope with only `result` (no errors, messages or success) decodes too.
    let server = answering(ResponseTemplate::new(200).set_body_json(json!({"result": {}}))).await;
    let response = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .send_full()
        .await
        .expect("lenient decoding");
    assert_eq!(response.result, ServiceToken::default());
    assert!(response.messages.is_empty() && response.result_info.is_none());
}

#[tokio::test]
async fn an_empty_body_is_a_null_result() {
    // The seed's result is an object: null is not one, so a decode error that keeps the status.
    for status in [200, 204] {
        let server = answering(ResponseTemplate::new(status)).await;
        let err = client(&server)
            .access()
            .zone_level_service_tokens()
            .update_service_token(ZONE, TOKEN, &body())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.body(), Some(&b""[..]));
    }
    // An `Option` result: an empty body (or a null or absent `result`) is `None`.
    for response in [
        ResponseTemplate::new(204),
        ResponseTemplate::new(200),
        ResponseTemplate::new(200).set_body_string(" \r\n"),
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": true, "errors": [], "messages": [], "result": null})),
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": true, "errors": [], "messages": []})),
    ] {
        let server = answering(response).await;
        let client = fixture::Client::builder()
            .base_url(server.uri())
            .credentials(fixture::Credentials::api_token("token"))
            .build()
            .unwrap();
        let deleted = client
            .fixture()
            .auth_schemes()
            .delete_thing("t1")
            .await
            .expect("None");
        assert_eq!(deleted, None);
    }
    let thing = json!({"success": true, "errors": [], "messages": [], "result": {"name": "gone"}});
    let server = answering(ResponseTemplate::new(200).set_body_json(thing)).await;
    let client = fixture::Client::builder()
        .base_url(server.uri())
        .credentials(fixture::Credentials::api_token("token"))
        .build()
        .unwrap();
    let deleted = client
        .fixture()
        .auth_schemes()
        .delete_thing("t1")
        .await
        .expect("Some");
    assert_eq!(deleted.and_then(|t| t.name).as_deref(), Some("gone"));
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_its_version() {
    let server =
        RawServer::answering(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").await;
    let client = builder(server.uri()).build().unwrap();
    let _ = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await;
    let head = server.heads().remove(0).to_ascii_lowercase();
    assert!(
        head.contains("\r\nuser-agent: generated-client/0.1.0\r\n"),
        "{head}"
    );

    let client = builder(server.uri())
        .user_agent("my-tool/2")
        .build()
        .unwrap();
    let _ = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await;
    let head = server.heads().remove(1).to_ascii_lowercase();
    assert!(head.contains("\r\nuser-agent: my-tool/2\r\n"), "{head}");
}
