//! The generated seed client against a real local HTTP server (wiremock).

use generated_client::access::zone_level_service_tokens::{
    UpdateServiceToken, UpdateServiceTokenResult as ServiceToken,
};
use generated_client::{Client, Credentials, ErrorKind, Timestamp};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const TOKEN: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::api_key(
            "user@example.com",
            "c2547eb745079dac9320b638f5e225cf483cc5cfdda41",
        ))
        .build()
        .expect("a valid client")
}

fn body() -> UpdateServiceToken {
    UpdateServiceToken::new().name("CI/CD token")
}

fn success_envelope() -> serde_json::Value {
    json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": {
            "client_id": "88bf3b6d86161464f6509f7219099e57.access.example.com",
            "created_at": "2014-01-01T05:20:00.12345Z",
            "duration": "60m",
            "id": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
            "name": "CI/CD token",
            "updated_at": "2014-01-02T05:20:00Z"
        }
    })
}

#[tokio::test]
async fn sends_put_with_encoded_path_both_auth_headers_and_only_set_fields() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(
            "/zones/zone%2F1%20x/access/service_tokens/t%3Fk%23%25",
        ))
        .and(header("X-Auth-Email", "user@example.com"))
        .and(header(
            "X-Auth-Key",
            "c2547eb745079dac9320b638f5e225cf483cc5cfdda41",
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"name": "CI/CD token"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .expect(1)
        .mount(&server)
        .await;
    let result = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token("zone/1 x", "t?k#%", &body())
        .await;
    assert!(result.is_ok(), "{result:?}");
    let requests = server.received_requests().await.expect("recording is on");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "CI/CD token"}),
        "unset fields are left out, not sent as null"
    );
}

#[tokio::test]
async fn a_200_envelope_returns_the_result_with_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/zones/{ZONE}/access/service_tokens/{TOKEN}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    let token: ServiceToken = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .expect("success");
    let expected = ServiceToken::new()
        .client_id("88bf3b6d86161464f6509f7219099e57.access.example.com")
        .created_at("2014-01-01T05:20:00.12345Z".parse::<Timestamp>().unwrap())
        .duration("60m")
        .id(json!("f174e90a-fafe-4643-bbbc-4a0ed4fc8415"))
        .name("CI/CD token")
        .updated_at("2014-01-02T05:20:00Z".parse::<Timestamp>().unwrap());
    assert_eq!(token, expected);
}

#[tokio::test]
async fn a_4xx_envelope_returns_the_typed_api_error() {
    let server = MockServer::start().await;
    let failure = json!({
        "success": false,
        "errors": [{"code": 7003, "message": "No route for the URI"}],
        "messages": [],
        "result": null
    });
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(failure)
                .insert_header("cf-ray", "8a1b2c3d4e5f6789-SJC"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadRequest);
    assert_eq!(err.status(), Some(400));
    let api = err.api_error().expect("an API error");
    assert_eq!(api.errors.len(), 1);
    assert_eq!(
        (api.errors[0].code, api.errors[0].message.as_str()),
        (7003, "No route for the URI")
    );
    assert!(api.messages.is_empty());
    assert_eq!(api.request_id.as_deref(), Some("8a1b2c3d4e5f6789-SJC"));
    assert!(
        err.to_string().contains("No route for the URI (7003)"),
        "{err}"
    );
}

#[tokio::test]
async fn a_malformed_body_returns_a_decode_error_with_the_raw_body() {
    let server = MockServer::start().await;
    let raw = r#"{"success": true, "errors": [], "messages": [], "result": {"created_at": "not a date"}}"#;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(raw, "application/json"))
        .mount(&server)
        .await;
    let err = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.body(), Some(raw.as_bytes()));
    let truncated = "{\"success\": true, \"result\": {";
    server.reset().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(truncated, "application/json"))
        .mount(&server)
        .await;
    let err = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.body(), Some(truncated.as_bytes()));
}

#[tokio::test]
async fn a_too_long_identifier_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .expect(0)
        .mount(&server)
        .await;
    let too_long = "0".repeat(33);
    let err = client(&server)
        .access()
        .zone_level_service_tokens()
        .update_service_token(&too_long, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(
        err.to_string().contains("identifier") && err.to_string().contains("maximum of 32"),
        "{err}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
