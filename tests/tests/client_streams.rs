//! Streamed response bodies against a real local server: bytes beyond the body-size limit,
//! ndjson and CSV as lines, error statuses and retries as for awaiting, and time bounds per
//! read and for the whole call (the deadline).

mod common;

use std::time::{Duration, Instant};

use common::RawServer;
use fixture_general_client::{Client, ErrorKind};
use tokio::io::AsyncWriteExt;
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

fn client(base_url: String) -> Client {
    Client::builder()
        .base_url(base_url)
        .max_body_size(1024)
        .retry_delays(Duration::from_millis(10), Duration::from_millis(20))
        .build()
        .unwrap()
}

async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_body_beyond_the_size_limit_streams_whole_while_awaiting_it_is_cut_off() {
    let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let server = answering(
        ResponseTemplate::new(200).set_body_raw(body.clone(), "application/octet-stream"),
    )
    .await;
    let client = client(server.uri());
    let err = client.streams().download_bytes().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge);

    let mut stream = client
        .streams()
        .download_bytes()
        .stream()
        .await
        .expect("a stream");
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "application/octet-stream");
    let mut received = Vec::new();
    while let Some(chunk) = stream.next().await {
        received.extend(chunk.expect("a chunk"));
    }
    assert_eq!(received, body);
}

#[tokio::test]
async fn ndjson_and_csv_are_read_line_by_line() {
    let server = answering(ResponseTemplate::new(200).set_body_raw(
        "{\"n\":1}\n{\"n\":2}\r\n\n{\"n\":3}",
        "application/x-ndjson",
    ))
    .await;
    let client = client(server.uri());
    let mut lines = client
        .streams()
        .download_logs()
        .stream()
        .await
        .unwrap()
        .lines();
    let mut all = Vec::new();
    while let Some(line) = lines.next().await {
        all.push(line.unwrap());
    }
    assert_eq!(all, ["{\"n\":1}", "{\"n\":2}", "", "{\"n\":3}"]);

    // As a `futures` stream, and for CSV.
    use futures_util::StreamExt;
    let server = answering(ResponseTemplate::new(200).set_body_raw("a,b\n1,2\n", "text/csv")).await;
    let client = self::client(server.uri());
    let rows: Vec<String> = client
        .streams()
        .download_csv()
        .stream()
        .await
        .unwrap()
        .lines()
        .map(|l| l.unwrap())
        .collect()
        .await;
    assert_eq!(rows, ["a,b", "1,2"]);
}

#[tokio::test]
async fn a_line_longer_than_the_limit_is_body_too_large() {
    let server = answering(
        ResponseTemplate::new(200).set_body_raw("x".repeat(5000), "application/x-ndjson"),
    )
    .await;
    let client = client(server.uri());
    let mut lines = client
        .streams()
        .download_logs()
        .stream()
        .await
        .unwrap()
        .lines();
    let err = lines.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge);
    assert!(
        lines.next().await.is_none(),
        "the stream ends after an error"
    );
}

#[tokio::test]
async fn an_error_status_is_an_api_error_and_a_retryable_one_is_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("x-request-id", "req-1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("line\n", "text/csv"))
        .mount(&server)
        .await;
    let client = client(server.uri());
    let mut lines = client
        .streams()
        .download_csv()
        .stream()
        .await
        .unwrap()
        .lines();
    assert_eq!(lines.next().await.unwrap().unwrap(), "line");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let server = answering(
        ResponseTemplate::new(404)
            .insert_header("x-request-id", "req-2")
            .set_body_raw("gone", "text/plain"),
    )
    .await;
    let err = self::client(server.uri())
        .streams()
        .download_csv()
        .stream()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    let api = err.api_error().unwrap();
    assert_eq!(api.request_id.as_deref(), Some("req-2"));
    assert_eq!(api.body_text(), "gone");
}

/// A server that sends the head and `parts`, waiting `gap` before each.
async fn dripping(parts: &'static [&'static str], gap: Duration) -> RawServer {
    RawServer::start(move |_, _, mut stream| async move {
        let length: usize = parts.iter().map(|p| p.len()).sum();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: {length}\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes()).await;
        for part in parts {
            tokio::time::sleep(gap).await;
            let _ = stream.write_all(part.as_bytes()).await;
            let _ = stream.flush().await;
        }
    })
    .await
}

const PARTS: &[&str] = &["1\n", "2\n", "3\n", "4\n", "5\n", "6\n"];

#[tokio::test]
async fn each_read_is_bounded_by_the_timeout_not_the_whole_body() {
    // Six parts 150 ms apart: 900 ms in all, longer than the 400 ms timeout, but every
    // read is quicker than that.
    let server = dripping(PARTS, Duration::from_millis(150)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let mut lines = client
        .streams()
        .download_logs()
        .stream()
        .await
        .unwrap()
        .lines();
    let mut n = 0;
    while let Some(line) = lines.next().await {
        line.expect("each read is in time");
        n += 1;
    }
    assert_eq!(n, 6);

    // A read slower than the timeout ends the stream with `Timeout`.
    let server = dripping(PARTS, Duration::from_millis(600)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let mut stream = client.streams().download_logs().stream().await.unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(
        started.elapsed() < Duration::from_millis(590),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_stream() {
    let server = dripping(PARTS, Duration::from_millis(150)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let mut lines = client
        .streams()
        .download_logs()
        .deadline(Duration::from_millis(400))
        .stream()
        .await
        .unwrap()
        .lines();
    let mut outcome = Vec::new();
    while let Some(line) = lines.next().await {
        outcome.push(line.map_err(|e| e.kind()));
    }
    assert_eq!(
        outcome.last(),
        Some(&Err(ErrorKind::Timeout)),
        "{outcome:?}"
    );
    assert!(outcome.len() < 6, "{outcome:?}");
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(600), "{elapsed:?}");
}
