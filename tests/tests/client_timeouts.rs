//! Timeouts against a real local server: the defaults, the client's and the call's setting,
//! a retried timeout, and the connect timeout.

mod common;

use std::time::{Duration, Instant};

use common::{TOKEN, ZONE, body, builder, success_envelope};
use generated_client::{Call, Client, ErrorKind};
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

/// A server that answers success after `delay`.
async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(success_envelope())
                .set_delay(delay),
        )
        .mount(&server)
        .await;
    server
}

#[test]
fn the_defaults_are_60_s_per_attempt_and_5_s_to_connect() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.timeout(), Duration::from_secs(60));
    assert_eq!(client.connect_timeout(), Duration::from_secs(5));
    let shown = format!("{client:?}");
    assert!(
        shown.contains("timeout: 60s") && shown.contains("connect_timeout: 5s"),
        "{shown}"
    );
    let client = Client::builder()
        .timeout(Duration::from_secs(7))
        .connect_timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    assert_eq!(
        (client.timeout(), client.connect_timeout()),
        (Duration::from_secs(7), Duration::from_secs(2))
    );
}

#[tokio::test]
async fn a_slow_server_hits_the_clients_timeout() {
    let server = slow_server(Duration::from_secs(10)).await;
    let client = builder(server.uri())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = call(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients() {
    let server = slow_server(Duration::from_millis(400)).await;
    // Shorter than the client's: the call times out.
    let client = builder(server.uri()).max_retries(0).build().unwrap();
    let started = Instant::now();
    let err = call(&client)
        .timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_millis(390));
    // Longer than the client's: the call waits.
    let client = builder(server.uri())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    call(&client)
        .timeout(Duration::from_secs(5))
        .await
        .expect("the call's timeout is long enough");
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    let client = builder(server.uri())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    call(&client).await.expect("the second attempt succeeds");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_server_that_never_accepts_hits_the_connect_timeout() {
    // A listener with a backlog of one that never accepts: once its queue is full, the
    // kernel drops further connection attempts, so connecting hangs.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let addr = listener.local_addr().unwrap();
    let fillers: Vec<_> = (0..4)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(100)).ok()
        })
        .collect();
    let client = builder(format!("http://{addr}"))
        .connect_timeout(Duration::from_millis(200))
        .timeout(Duration::from_secs(20))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = call(&client).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the connect timeout, not the attempt's: {:?}",
        started.elapsed()
    );
    drop((fillers, listener));
}

/// A server that answers 503 to everything, asking to retry after `retry_after` seconds.
async fn unavailable(retry_after: Option<&str>) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(503);
    if let Some(seconds) = retry_after {
        response = response.insert_header("retry-after", seconds);
    }
    Mock::given(method("PUT"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_deadline_stops_retries_and_backoff_before_it() {
    // Backoff of 200 ms each, ten retries allowed: the 500 ms deadline ends it first.
    let server = unavailable(None).await;
    let client = builder(server.uri())
        .retry_delays(Duration::from_millis(200), Duration::from_millis(200))
        .max_retries(10)
        .deadline(Duration::from_millis(500))
        .build()
        .unwrap();
    assert_eq!(client.deadline(), Some(Duration::from_millis(500)));
    let started = Instant::now();
    let err = call(&client).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), ErrorKind::Server, "the last error is returned");
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
    // Jitter shortens each 200 ms wait by up to a quarter: at most one attempt per 150 ms.
    let attempts = server.received_requests().await.unwrap().len();
    assert!((2..=4).contains(&attempts), "{attempts} attempts");
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_is_not_waited_for() {
    let server = unavailable(Some("2")).await;
    let client = builder(server.uri()).build().unwrap();
    let started = Instant::now();
    let err = call(&client)
        .deadline(Duration::from_secs(1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Server);
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_deadline_cuts_an_attempt_short_of_its_timeout() {
    let server = slow_server(Duration::from_secs(5)).await;
    let client = builder(server.uri())
        .timeout(Duration::from_secs(4))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = call(&client)
        .deadline(Duration::from_millis(300))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(800), "{elapsed:?}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no retry after the deadline"
    );
}
