//! Retries against a real local server: which failures are retried, how often (client and
//! call settings), how long the client waits (exponential backoff, capped; `Retry-After`),
//! and that every attempt sends the same request.

mod common;

use std::time::{Duration, Instant};

use common::{RawServer, TOKEN, ZONE, body, builder, success_envelope};
use generated_client::{Call, Client, Error, ErrorKind};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn call(
    client: &Client,
) -> Call<'_, generated_client::access::zone_level_service_tokens::UpdateServiceTokenResult> {
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
}

fn failure(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "success": false, "errors": [{"code": 1, "message": "try again"}], "messages": []
    }))
}

/// A server answering `first` for the first `times` requests, then success.
async fn failing_then_ok(first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    server
}

async fn request_count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn retryable_statuses_are_retried_with_the_same_request() {
    for status in [408, 409, 429, 500, 502, 503] {
        let server = failing_then_ok(failure(status), 2).await;
        let client = builder(server.uri()).build().unwrap();
        let token = call(&client)
            .await
            .unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(token.name.as_deref(), Some("CI/CD token"));
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 3, "{status}: two failures, then success");
        for request in &requests {
            assert_eq!(request.url.path(), requests[0].url.path());
            assert_eq!(request.body, br#"{"name":"CI/CD token"}"#, "{status}");
            assert!(request.headers.get("x-auth-key").is_some(), "{status}");
            assert_eq!(
                request.headers.get("content-type").unwrap(),
                "application/json"
            );
        }
    }
}

#[tokio::test]
async fn other_failures_are_not_retried() {
    for status in [400, 401, 403, 404, 422] {
        let server = failing_then_ok(failure(status), 1).await;
        let client = builder(server.uri()).build().unwrap();
        let err = call(&client).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(request_count(&server).await, 1, "{status} is not retried");
    }
    // A body that does not decode is not retried either.
    let bad = ResponseTemplate::new(200).set_body_raw("{", "application/json");
    let server = failing_then_ok(bad, 1).await;
    let err = call(&builder(server.uri()).build().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn two_retries_by_default_then_the_last_error() {
    let server = failing_then_ok(failure(503), 100).await;
    let client = builder(server.uri()).build().unwrap();
    assert_eq!(client.max_retries(), 2);
    let err = call(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn max_retries_is_set_on_the_client_and_per_call() {
    let server = failing_then_ok(failure(503), 100).await;
    let client = builder(server.uri()).max_retries(4).build().unwrap();
    call(&client).await.unwrap_err();
    assert_eq!(request_count(&server).await, 5, "client: 4 retries");

    let server = failing_then_ok(failure(503), 100).await;
    let client = builder(server.uri()).max_retries(4).build().unwrap();
    call(&client).max_retries(0).await.unwrap_err();
    assert_eq!(request_count(&server).await, 1, "call: no retry");
    call(&client).max_retries(1).await.unwrap_err();
    assert_eq!(request_count(&server).await, 3, "call: 1 retry");
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    // The first connection is closed without an answer; the second is answered.
    let server = RawServer::start(|n, _, mut stream| async move {
        if n > 0 {
            let body = success_envelope().to_string();
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    })
    .await;
    let client = builder(server.uri()).build().unwrap();
    let token = call(&client).await.expect("the retry succeeds");
    assert_eq!(token.id, Some(json!(TOKEN)));
    assert_eq!(server.heads().len(), 2);
    assert_eq!(server.request_lines()[0], server.request_lines()[1]);

    // With no retry, the dropped connection is the error.
    let server = RawServer::start(|_, _, _| async {}).await;
    let client = builder(server.uri()).build().unwrap();
    let err = call(&client).max_retries(0).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err:?}");
}

#[tokio::test]
async fn backoff_doubles_from_the_base_and_stops_at_the_cap() {
    let server = RawServer::answering(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let client = builder(server.uri())
        .retry_delays(Duration::from_millis(40), Duration::from_millis(100))
        .max_retries(4)
        .build()
        .unwrap();
    call(&client).await.unwrap_err();
    let times = server.times();
    assert_eq!(times.len(), 5);
    let gaps: Vec<u128> = times
        .windows(2)
        .map(|w| (w[1] - w[0]).as_millis())
        .collect();
    // Nominal 40, 80, 100 (capped, not 160), 100 (not 320) ms, minus up to a quarter of
    // jitter; the upper bounds leave room for a busy machine.
    for (gap, nominal) in gaps.iter().zip([40u128, 80, 100, 100]) {
        assert!(*gap >= nominal * 3 / 4 - 2, "{gaps:?}");
        assert!(*gap < nominal + 120, "{gaps:?}");
    }
}

#[tokio::test]
async fn backoff_is_jittered() {
    let server = RawServer::answering(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let client = builder(server.uri())
        .retry_delays(Duration::from_millis(60), Duration::from_millis(60))
        .max_retries(8)
        .build()
        .unwrap();
    call(&client).await.unwrap_err();
    let gaps: Vec<u128> = server
        .times()
        .windows(2)
        .map(|w| (w[1] - w[0]).as_millis())
        .collect();
    assert_eq!(gaps.len(), 8);
    // Each wait is 60 ms minus up to a quarter. A busy machine only adds time, so a gap
    // well under 60 ms shows the jitter (all eight above 56 ms: odds about 1 in 10^5).
    assert!(gaps.iter().all(|g| *g >= 44), "{gaps:?}");
    assert!(gaps.iter().any(|g| *g < 56), "{gaps:?}");
}

#[test]
fn default_retry_settings() {
    let builder = Client::builder();
    let text = format!("{builder:?}");
    for setting in [
        "max_retries: 2",
        "retry_base_delay: 500ms",
        "retry_max_delay: 8s",
        "max_retry_after: 60s",
    ] {
        assert!(text.contains(setting), "{setting} not in {text}");
    }
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_for() {
    let server = failing_then_ok(failure(429).insert_header("Retry-After", "1"), 1).await;
    let client = builder(server.uri()).build().unwrap();
    let started = Instant::now();
    call(&client).await.expect("the retry succeeds");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_understood() {
    // The backoff alone would wait 5 s: a date in the past means "now".
    let past = failure(503).insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
    let server = failing_then_ok(past, 1).await;
    let client = builder(server.uri())
        .retry_delays(Duration::from_secs(5), Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    call(&client).await.expect("the retry succeeds");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // A date far ahead is past `max_retry_after`: the error comes back at once.
    let future = failure(503).insert_header("Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT");
    let server = failing_then_ok(future, 1).await;
    let err = call(&builder(server.uri()).build().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(err.api_error().unwrap().retry_after.unwrap() > Duration::from_secs(3600));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_maximum_returns_the_error() {
    let server = failing_then_ok(failure(429).insert_header("Retry-After", "120"), 1).await;
    let started = Instant::now();
    let err: Error = call(&builder(server.uri()).build().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(
        err.api_error().unwrap().retry_after,
        Some(Duration::from_secs(120))
    );
    assert_eq!(request_count(&server).await, 1);
    assert!(started.elapsed() < Duration::from_secs(2));

    // The maximum is configurable.
    let server = failing_then_ok(failure(429).insert_header("Retry-After", "1"), 1).await;
    let client = builder(server.uri())
        .max_retry_after(Duration::from_millis(500))
        .build()
        .unwrap();
    call(&client).await.unwrap_err();
    assert_eq!(request_count(&server).await, 1);
}
