//! Errors against a real local server: one `Error` whose kind follows the status, with the
//! envelope's `errors` and `messages`, the request id (`cf-ray`), the headers and the raw body; decode,
//! transport and timeout errors apart; and no secret in any error's text.

mod common;

use std::error::Error as _;
use std::time::Duration;

use common::{KEY, RawServer, TOKEN, ZONE, body, builder, closed_port};
use generated_client::{Client, Credentials, Error, ErrorKind};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn failure(status: u16) -> serde_json::Value {
    json!({
        "success": false,
        "errors": [{"code": 1000 + status, "message": format!("failed with {status}")}],
        "messages": [{"code": 1, "message": "see the docs"}],
        "result": null
    })
}

/// Sends the seed operation once (no retries) and returns its error.
async fn call_err(client: &Client) -> Error {
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .max_retries(0)
        .await
        .expect_err("an error")
}

async fn answer(server: &MockServer, response: ResponseTemplate) {
    server.reset().await;
    Mock::given(method("PUT"))
        .respond_with(response)
        .mount(server)
        .await;
}

#[tokio::test]
async fn each_error_status_has_its_kind_and_keeps_errors_messages_ray_and_body() {
    let server = MockServer::start().await;
    let client = builder(server.uri()).build().unwrap();
    let cases = [
        (400, ErrorKind::BadRequest, false),
        (401, ErrorKind::Unauthorized, false),
        (403, ErrorKind::Forbidden, false),
        (404, ErrorKind::NotFound, false),
        (408, ErrorKind::OtherStatus, true),
        (409, ErrorKind::Conflict, true),
        (418, ErrorKind::OtherStatus, false),
        (422, ErrorKind::UnprocessableEntity, false),
        (429, ErrorKind::RateLimited, true),
        (500, ErrorKind::Server, true),
        (503, ErrorKind::Server, true),
        (599, ErrorKind::Server, true),
    ];
    for (status, kind, retryable) in cases {
        let text = failure(status).to_string();
        answer(
            &server,
            ResponseTemplate::new(status)
                .set_body_raw(text.clone(), "application/json")
                .insert_header("cf-ray", "8a1b2c3d4e5f6789-SJC"),
        )
        .await;
        let err = call_err(&client).await;
        assert_eq!(err.kind(), kind, "{status}");
        assert_eq!(err.is_retryable(), retryable, "{status}");
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.body(), Some(text.as_bytes()));
        let api = err.api_error().expect("an API error");
        assert_eq!(api.errors.len(), 1);
        assert_eq!(api.errors[0].code, 1000 + i64::from(status));
        assert_eq!(api.errors[0].message, format!("failed with {status}"));
        assert_eq!(api.messages[0].message, "see the docs");
        assert_eq!(api.request_id.as_deref(), Some("8a1b2c3d4e5f6789-SJC"));
        assert_eq!(api.content_type.as_deref(), Some("application/json"));
        let shown = err.to_string();
        assert!(
            shown.contains(&format!("failed with {status} ({})", 1000 + status)),
            "{shown}"
        );
        assert!(shown.contains("8a1b2c3d4e5f6789-SJC"), "{shown}");
    }
}

#[tokio::test]
async fn without_cf_ray_the_request_id_is_none() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(404).set_body_json(failure(404)),
    )
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.api_error().unwrap().request_id, None);
}

#[tokio::test]
async fn success_false_in_a_200_is_an_api_error_whatever_its_result() {
    let server = MockServer::start().await;
    let client = builder(server.uri()).build().unwrap();
    // `result` is not a service token: `success: false` must win over decoding it.
    for result in [json!(null), json!("not a token"), json!([1, 2])] {
        let mut envelope = failure(200);
        envelope["result"] = result;
        answer(&server, ResponseTemplate::new(200).set_body_json(&envelope)).await;
        let err = call_err(&client).await;
        assert_eq!(err.kind(), ErrorKind::OtherStatus, "{err}");
        assert!(!err.is_retryable());
        let api = err.api_error().expect("an API error");
        assert_eq!((api.status, api.errors[0].code), (200, 1200));
        assert_eq!(err.body(), Some(envelope.to_string().as_bytes()));
    }
}

#[tokio::test]
async fn odd_items_in_errors_and_messages_are_kept_not_fatal() {
    let server = MockServer::start().await;
    let envelope = json!({
        "success": false,
        "errors": ["plain text", {"code": "7003", "message": "code as a string"}, {"code": 9, "message": "fine", "documentation_url": "https://x"}],
        "messages": null
    });
    answer(&server, ResponseTemplate::new(400).set_body_json(&envelope)).await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    let api = err.api_error().expect("an API error");
    let errors: Vec<(i64, &str)> = api
        .errors
        .iter()
        .map(|e| (e.code, e.message.as_str()))
        .collect();
    assert_eq!(errors[0], (0, "plain text"));
    assert!(errors[1].1.contains("code as a string"), "{errors:?}");
    assert_eq!(errors[2], (9, "fine"));
    assert!(api.messages.is_empty());
}

#[tokio::test]
async fn an_error_body_that_is_not_an_envelope_keeps_status_content_type_and_body() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1>cloudflare</body></html>";
    answer(
        &server,
        ResponseTemplate::new(502).set_body_raw(html, "text/html"),
    )
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    assert_eq!(err.kind(), ErrorKind::Server);
    let api = err.api_error().expect("an API error");
    assert!(api.errors.is_empty());
    assert_eq!(api.content_type.as_deref(), Some("text/html"));
    assert_eq!(api.body_text(), html);
    assert!(err.to_string().contains("502 Bad Gateway"), "{err}");
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_keeps_status_content_type_and_body() {
    let server = MockServer::start().await;
    let raw = r#"{"success": true, "errors": [], "messages": [], "result": {"name": 42}}"#;
    answer(
        &server,
        ResponseTemplate::new(200).set_body_raw(raw, "application/json; charset=utf-8"),
    )
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(!err.is_retryable());
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.body(), Some(raw.as_bytes()));
    let Error::Decode { content_type, .. } = &err else {
        panic!("a decode error: {err:?}")
    };
    assert_eq!(
        content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert!(err.source().is_some(), "the serde error is the source");
}

#[tokio::test]
async fn connection_refused_is_transport_and_a_slow_server_is_timeout() {
    let refused = builder(format!("http://127.0.0.1:{}", closed_port()))
        .build()
        .unwrap();
    let err = call_err(&refused).await;
    assert_eq!(err.kind(), ErrorKind::Transport, "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(err.status(), None);

    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
    )
    .await;
    let slow = builder(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = call_err(&slow).await;
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(err.is_retryable());
}

/// Every error kind a call can give, with secrets in the credentials: none of them shows a
/// secret in `Display`, `Debug` or its sources.
#[tokio::test]
async fn no_error_shows_a_secret() {
    let server = MockServer::start().await;
    let client = builder(server.uri())
        .timeout(Duration::from_millis(200))
        .max_body_size(500)
        .build()
        .unwrap();
    let mut errors = Vec::new();
    for response in [
        ResponseTemplate::new(401).set_body_json(failure(401)),
        ResponseTemplate::new(200).set_body_raw("not json", "text/plain"),
        ResponseTemplate::new(200).set_body_string("x".repeat(1000)),
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
    ] {
        answer(&server, response).await;
        errors.push(call_err(&client).await);
    }
    let refused = builder(format!("http://127.0.0.1:{}", closed_port()))
        .build()
        .unwrap();
    errors.push(call_err(&refused).await);
    let no_credentials = builder(server.uri())
        .credentials(Credentials::none())
        .build()
        .unwrap();
    errors.push(call_err(&no_credentials).await);
    errors.push(
        client
            .access()
            .zone_level_service_tokens()
            .update_service_token("..", TOKEN, &body())
            .await
            .unwrap_err(),
    );
    errors.push(
        Client::builder()
            .credentials(Credentials::api_key("a@b.c", format!("{KEY}\n")))
            .build()
            .unwrap_err(),
    );
    let kinds: Vec<ErrorKind> = errors.iter().map(Error::kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::Unauthorized,
            ErrorKind::Decode,
            ErrorKind::BodyTooLarge,
            ErrorKind::Timeout,
            ErrorKind::Transport,
            ErrorKind::MissingCredentials,
            ErrorKind::InvalidArgument,
            ErrorKind::Config,
        ]
    );
    for err in &errors {
        let mut text = format!("{err} {err:?}");
        let mut source = err.source();
        while let Some(s) = source {
            text.push_str(&format!(" {s} {s:?}"));
            source = s.source();
        }
        assert!(!text.contains(KEY), "{text}");
        assert!(!text.contains("user@example.com"), "{text}");
    }
}

#[tokio::test]
async fn a_redirect_is_an_error_and_the_key_does_not_follow_it() {
    let elsewhere = MockServer::start().await;
    let location = format!(
        "{}/zones/{ZONE}/access/service_tokens/{TOKEN}",
        elsewhere.uri()
    );
    let server = RawServer::start(move |_, _, mut stream| {
        let reply = format!(
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        async move {
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    })
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    assert_eq!(err.kind(), ErrorKind::OtherStatus, "{err:?}");
    assert_eq!(err.status(), Some(307));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_api_error_keeps_the_response_headers() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(429)
            .set_body_json(failure(429))
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("retry-after", "120"),
    )
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    let api = err.api_error().expect("an API error");
    assert_eq!(api.headers["x-ratelimit-remaining"], "0");
    assert_eq!(api.retry_after, Some(Duration::from_secs(120)));

    // The `Location` of a redirect, which is not followed.
    let server = RawServer::answering(
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://elsewhere.example/new\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let err = call_err(&builder(server.uri()).build().unwrap()).await;
    assert_eq!(err.status(), Some(301));
    assert_eq!(
        err.api_error().unwrap().headers["location"],
        "https://elsewhere.example/new"
    );
}

#[tokio::test]
async fn library_errors_are_reachable_as_sources_only() {
    let refused = builder(format!("http://127.0.0.1:{}", closed_port()))
        .build()
        .unwrap();
    let err = call_err(&refused).await;
    let Error::Transport(transport) = &err else {
        panic!("a transport error: {err:?}")
    };
    assert!(transport.is_connect());
    let source = err.source().expect("the transport error");
    assert!(
        source.source().is_some(),
        "the HTTP library's error under it"
    );
    assert!(!err.to_string().contains("127.0.0.1"), "no URL: {err}");
}
