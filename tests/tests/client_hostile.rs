//! Hostile input on the client side: path arguments that try to leave their segment, huge
//! or dripping bodies, bodies that are not what they claim, and base URLs that are not https.
//! Every case ends in a typed error or the right result, never a panic.

mod common;

use std::time::{Duration, Instant};

use common::{RawServer, TOKEN, ZONE, body, builder, success_envelope};
use generated_client::{Client, ErrorKind};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A raw server answering every request with the success envelope.
async fn recording_server() -> RawServer {
    RawServer::start(|_, _, mut stream| async move {
        let body = success_envelope().to_string();
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(reply.as_bytes()).await;
    })
    .await
}

#[tokio::test]
async fn path_arguments_stay_in_their_own_segment_percent_encoded() {
    let server = recording_server().await;
    let client = builder(server.uri()).build().unwrap();
    let cases = [
        ("a/b", "a%2Fb"),
        ("../../admin", "..%2F..%2Fadmin"),
        ("a..b", "a..b"),
        ("...", "..."),
        ("..x", "..x"),
        ("?x=1&y", "%3Fx%3D1%26y"),
        ("#frag", "%23frag"),
        ("100%", "100%25"),
        ("%2e%2e", "%252e%252e"),
        ("with space", "with%20space"),
        ("a\\b", "a%5Cb"),
        ("zoné", "zon%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("crlf\r\nHost: evil", "crlf%0D%0AHost%3A%20evil"),
    ];
    for (value, _) in cases {
        client
            .access()
            .zone_level_service_tokens()
            .update_service_token(value, value, &body())
            .await
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }
    let lines = server.request_lines();
    assert_eq!(lines.len(), cases.len());
    for ((value, encoded), line) in cases.iter().zip(&lines) {
        assert_eq!(
            line,
            &format!("PUT /zones/{encoded}/access/service_tokens/{encoded} HTTP/1.1"),
            "{value:?}"
        );
    }
}

#[tokio::test]
async fn dot_segments_and_empty_values_are_refused_before_sending() {
    let server = recording_server().await;
    let client = builder(server.uri()).build().unwrap();
    for (identifier, uuid) in [
        (".", TOKEN),
        ("..", TOKEN),
        (ZONE, "."),
        (ZONE, ".."),
        ("", TOKEN),
    ] {
        let err = client
            .access()
            .zone_level_service_tokens()
            .update_service_token(identifier, uuid, &body())
            .await
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidArgument,
            "{identifier:?} {uuid:?}"
        );
        assert!(err.to_string().contains("nothing was sent"), "{err}");
    }
    assert!(server.heads().is_empty());
}

#[tokio::test]
async fn a_huge_content_length_is_refused_without_reading_the_body() {
    let server = RawServer::start(|_, _, mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{\"success\":")
            .await;
        // Keep the connection open: only the header can end the call quickly.
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = builder(server.uri()).max_retries(0).build().unwrap();
    let started = Instant::now();
    let err = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge, "{err:?}");
    assert_eq!(err.status(), Some(200));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_streamed_body_past_the_limit_is_cut_off() {
    // Chunked, with no length announced: 1 KiB chunks, up to 64 MiB.
    let server = RawServer::start(|_, _, mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            .await;
        let chunk = format!("400\r\n{}\r\n", "x".repeat(1024));
        for _ in 0..64 * 1024 {
            if stream.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    })
    .await;
    let client = builder(server.uri())
        .max_body_size(64 * 1024)
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge, "{err:?}");
    assert!(err.to_string().contains("65536"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_server_dripping_one_byte_a_second_hits_the_timeout() {
    let server = RawServer::start(|_, _, mut stream| async move {
        let _ = stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n",
            )
            .await;
        for _ in 0..100 {
            if stream.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
    .await;
    let client = builder(server.uri())
        .timeout(Duration::from_millis(1500))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
}

/// What a body gives: `Ok` with the token's name, or the error kind.
type Expected = Result<&'static str, ErrorKind>;

/// Odd bodies, each with what it gives.
#[tokio::test]
async fn odd_bodies_give_a_typed_error_or_the_result_and_keep_the_raw_body() {
    let envelope = success_envelope().to_string();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(u16, &str, Vec<u8>, Expected)> = vec![
        (200, "text/plain", b"hello".to_vec(), Err(ErrorKind::Decode)),
        // A JSON envelope under a wrong content type still decodes.
        (
            200,
            "text/html",
            envelope.clone().into_bytes(),
            Ok("CI/CD token"),
        ),
        (
            200,
            "application/json",
            envelope.as_bytes()[..envelope.len() / 2].to_vec(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            b"null".to_vec(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            b"[]".to_vec(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            b"\"result\"".to_vec(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            vec![0xff, 0xfe, b'{', 0x80],
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            deep.into_bytes(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            br#"{"success": "yes", "result": {}}"#.to_vec(),
            Err(ErrorKind::Decode),
        ),
        (
            200,
            "application/json",
            br#"{"success": false, "result": 12}"#.to_vec(),
            Err(ErrorKind::OtherStatus),
        ),
        (
            502,
            "text/html",
            b"<html><h1>502 Bad Gateway</h1></html>".to_vec(),
            Err(ErrorKind::Server),
        ),
        (
            500,
            "application/json",
            b"{\"errors\": [".to_vec(),
            Err(ErrorKind::Server),
        ),
        (404, "", Vec::new(), Err(ErrorKind::NotFound)),
    ];
    let server = MockServer::start().await;
    let client = builder(server.uri()).max_retries(0).build().unwrap();
    for (status, content_type, raw, expected) in cases {
        server.reset().await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(status).set_body_raw(raw.clone(), content_type))
            .mount(&server)
            .await;
        let outcome = client
            .access()
            .zone_level_service_tokens()
            .update_service_token(ZONE, TOKEN, &body())
            .await;
        let label = format!(
            "{status} {content_type} {:?}",
            String::from_utf8_lossy(&raw[..raw.len().min(40)])
        );
        match (outcome, expected) {
            (Ok(token), Ok(name)) => assert_eq!(token.name.as_deref(), Some(name), "{label}"),
            (Err(err), Err(kind)) => {
                assert_eq!(err.kind(), kind, "{label}: {err}");
                assert_eq!(err.status(), Some(status), "{label}");
                assert_eq!(err.body(), Some(&raw[..]), "{label}: the raw body is kept");
            }
            (outcome, expected) => panic!("{label}: {outcome:?}, expected {expected:?}"),
        }
    }
}

#[tokio::test]
async fn https_by_default_http_only_when_set_and_other_schemes_refused() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://api.cloudflare.com/client/v4");
    assert_eq!(generated_client::DEFAULT_BASE_URL, client.base_url());
    let client = Client::builder()
        .base_url("http://127.0.0.1:8080/")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:8080");

    for url in [
        "ftp://example.com",
        "file:///etc/passwd",
        "ws://example.com",
        "mailto:me@example.com",
        "example.com",
        "",
        "https://example.com/?x=1",
        "https://example.com/#top",
    ] {
        let err = Client::builder().base_url(url).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{url:?}");
    }
    // A password in the URL is refused, and shown nowhere.
    let builder = Client::builder().base_url("https://user:hunter2@example.com");
    assert!(!format!("{builder:?}").contains("hunter2"));
    let err = builder.build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(!format!("{err} {err:?}").contains("hunter2"), "{err:?}");
}

#[tokio::test]
async fn a_json_body_is_sent_as_json_whatever_it_holds() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    let hostile = generated_client::access::zone_level_service_tokens::UpdateServiceToken::new()
        .name("\"}, \"admin\": true, \"x\": \"\u{0}\r\n");
    builder(server.uri())
        .build()
        .unwrap()
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &hostile)
        .await
        .expect("success");
    let sent: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"name": "\"}, \"admin\": true, \"x\": \"\u{0}\r\n"})
    );
}
