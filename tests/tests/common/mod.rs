//! Helpers shared by the `client_*` tests: the seed's arguments, a fast client, and a tiny
//! raw TCP server for what wiremock cannot do (record the request line, drip bytes, lie
//! about `Content-Length`, close the connection).
// Each test file uses a different part of this module.
#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use generated_client::access::zone_level_service_tokens::UpdateServiceToken;
use generated_client::{ClientBuilder, Credentials};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A zone id of the maximum length (32).
pub const ZONE: &str = "023e105f4ecef8ad9ca31a8372d0c353";
/// A service token id.
pub const TOKEN: &str = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415";
/// The email of [`api_key`].
pub const EMAIL: &str = "user@example.com";
/// A secret that must never show up in output.
pub const KEY: &str = "sekrit-key-c2547eb745079dac9320b638f5e225cf";

/// Email + key credentials, the ones the seed operation accepts.
pub fn api_key() -> Credentials {
    Credentials::api_key(EMAIL, KEY)
}

/// A builder for `base_url` with the seed's credentials and retry delays short enough for
/// tests (10 ms, capped at 50 ms).
pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
    generated_client::Client::builder()
        .base_url(base_url)
        .credentials(api_key())
        .retry_delays(Duration::from_millis(10), Duration::from_millis(50))
}

/// The request body the tests send.
pub fn body() -> UpdateServiceToken {
    UpdateServiceToken::new().name("CI/CD token")
}

/// A successful envelope with a whole service token.
pub fn success_envelope() -> serde_json::Value {
    json!({
        "success": true,
        "errors": [],
        "messages": [{"code": 10000, "message": "updated"}],
        "result": {
            "client_id": "88bf3b6d86161464f6509f7219099e57.access.example.com",
            "created_at": "2014-01-01T05:20:00.12345Z",
            "duration": "60m",
            "id": TOKEN,
            "name": "CI/CD token",
            "updated_at": "2014-01-02T05:20:00Z"
        },
        "result_info": {"page": 1, "per_page": 20, "count": 1, "total_count": 1}
    })
}

/// A raw HTTP/1.1 server on a local port: every connection is given to a handler.
pub struct RawServer {
    /// Where it listens.
    pub addr: SocketAddr,
    heads: Arc<Mutex<Vec<(Instant, String)>>>,
}

impl RawServer {
    /// Starts a server; `handle` gets each connection's number (from 0), its request head
    /// (already read) and the stream, and writes what it likes.
    pub async fn start<F, Fut>(handle: F) -> RawServer
    where
        F: Fn(usize, String, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a port");
        let addr = listener.local_addr().expect("a local address");
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&heads);
        tokio::spawn(async move {
            let mut n = 0;
            while let Ok((mut stream, _)) = listener.accept().await {
                let head = read_request(&mut stream).await;
                recorded
                    .lock()
                    .unwrap()
                    .push((Instant::now(), head.clone()));
                tokio::spawn(handle(n, head, stream));
                n += 1;
            }
        });
        RawServer { addr, heads }
    }

    /// A server that answers every request with `response` (status line, headers and body).
    pub async fn answering(response: &'static [u8]) -> RawServer {
        RawServer::start(move |_, _, mut stream| async move {
            let _ = stream.write_all(response).await;
            let _ = stream.shutdown().await;
        })
        .await
    }

    /// `http://127.0.0.1:port`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request heads received so far (request line and headers).
    pub fn heads(&self) -> Vec<String> {
        self.heads
            .lock()
            .unwrap()
            .iter()
            .map(|(_, h)| h.clone())
            .collect()
    }

    /// When each request had been read.
    pub fn times(&self) -> Vec<Instant> {
        self.heads.lock().unwrap().iter().map(|(t, _)| *t).collect()
    }

    /// The request lines received so far.
    pub fn request_lines(&self) -> Vec<String> {
        self.heads()
            .iter()
            .map(|h| h.lines().next().unwrap_or("").to_string())
            .collect()
    }
}

/// Reads one request: its head (returned) and its body (`Content-Length` bytes, dropped).
async fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&data).into_owned(),
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut have = data.len() - head_end;
    while have < length {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => have += n,
        }
    }
    head
}

/// A port nothing listens on (bound, then closed).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    listener.local_addr().expect("a local address").port()
}
