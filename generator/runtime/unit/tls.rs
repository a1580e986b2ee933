//! TLS as the crate's features choose it, against a local rustls server that accepts only
//! the hybrid post-quantum group X25519MLKEM768 (as a server that requires post-quantum key
//! exchange would). The default build (`rustls`, aws-lc-rs) connects; the `rustls-ring`
//! build, which has no post-quantum group, fails the handshake with an error that says so.
//! CI runs this file under each TLS feature.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::runtime::{Call, Client, Method, decode};

/// A server on a free port of 127.0.0.1 with a certificate for `localhost` that accepts only
/// post-quantum key exchange.
async fn post_quantum_only_server() -> (u16, String, tokio::task::JoinHandle<Result<String, String>>)
{
    server(vec![rustls::crypto::aws_lc_rs::kx_group::X25519MLKEM768]).await
}

/// A server on a free port of 127.0.0.1 with a certificate for `localhost`, accepting the
/// key exchange `groups` only: its port, the certificate (PEM), and what it saw of the
/// first connection (the group it negotiated, or why the handshake failed).
async fn server(
    groups: Vec<&'static dyn rustls::crypto::SupportedKxGroup>,
) -> (u16, String, tokio::task::JoinHandle<Result<String, String>>) {
    let key = rcgen::KeyPair::generate().unwrap();
    let params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
    let certificate = params.self_signed(&key).unwrap();
    let pem = certificate.pem();
    let mut provider = rustls::crypto::aws_lc_rs::default_provider();
    provider.kx_groups = groups;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![certificate.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.map_err(|e| e.to_string())?;
        let mut tls = acceptor.accept(tcp).await.map_err(|e| e.to_string())?;
        let group = tls
            .get_ref()
            .1
            .negotiated_key_exchange_group()
            .map(|g| format!("{:?}", g.name()))
            .unwrap_or_default();
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = tls.read(&mut buf).await.map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buf[..n]);
        }
        let body = br#"{"ok":true}"#;
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        tls.write_all(head.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        tls.write_all(body).await.map_err(|e| e.to_string())?;
        tls.shutdown().await.map_err(|e| e.to_string())?;
        Ok(group)
    });
    (port, pem, server)
}

fn client(port: u16, pem: &str) -> Client {
    Client::builder()
        .base_url(format!("https://localhost:{port}"))
        .add_root_certificate(pem)
        .max_retries(0)
        .build()
        .expect("a valid client")
}

async fn get(client: &Client) -> Result<Vec<u8>, crate::Error> {
    Call::new(client, "op", Method::GET, "/ping", decode::bytes)
        .send()
        .await
}

#[cfg(all(feature = "rustls", not(feature = "native-tls")))]
#[tokio::test]
async fn the_default_build_connects_to_a_server_that_accepts_only_post_quantum_key_exchange() {
    let (port, pem, server) = post_quantum_only_server().await;
    let body = get(&client(port, &pem)).await.expect("the call succeeds");
    assert_eq!(body, br#"{"ok":true}"#);
    assert_eq!(server.await.unwrap().as_deref(), Ok("X25519MLKEM768"));
}

#[cfg(all(
    feature = "rustls-ring",
    not(feature = "rustls"),
    not(feature = "native-tls")
))]
#[tokio::test]
async fn the_ring_build_reports_a_handshake_error_to_a_server_that_requires_post_quantum() {
    let (port, pem, server) = post_quantum_only_server().await;
    let error = get(&client(port, &pem)).await.expect_err("no shared group");
    assert_eq!(error.kind(), crate::ErrorKind::Transport, "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("TLS handshake") && message.contains("post-quantum"),
        "{message}"
    );
    let chain = chain(&error);
    assert!(chain.contains("HandshakeFailure"), "{chain}");
    let seen = server
        .await
        .unwrap()
        .expect_err("the server refused the handshake");
    assert!(
        seen.contains("peer is incompatible") || seen.contains("NoKxGroupsInCommon"),
        "{seen}"
    );
}

/// Every build, whatever its TLS stack, connects to a server with classical key exchange
/// only, trusting the certificate it was given.
#[tokio::test]
async fn every_build_connects_to_a_server_with_classical_key_exchange() {
    let (port, pem, server) = server(vec![rustls::crypto::aws_lc_rs::kx_group::X25519]).await;
    let body = get(&client(port, &pem)).await.expect("the call succeeds");
    assert_eq!(body, br#"{"ok":true}"#);
    assert_eq!(server.await.unwrap().as_deref(), Ok("X25519"));
}

/// A server whose certificate the client was not told to trust is refused, with an error
/// that says the handshake failed.
#[tokio::test]
async fn a_certificate_the_client_does_not_trust_fails_the_handshake() {
    let (port, _pem, _server) = post_quantum_only_server().await;
    let client = Client::builder()
        .base_url(format!("https://localhost:{port}"))
        .max_retries(0)
        .build()
        .unwrap();
    let error = get(&client).await.expect_err("an unknown issuer");
    assert_eq!(error.kind(), crate::ErrorKind::Transport, "{error:?}");
    #[cfg(not(feature = "native-tls"))]
    assert!(error.to_string().contains("TLS handshake"), "{error}");
}

/// The error and its sources, one per line.
#[allow(dead_code)]
fn chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut next = error.source();
    while let Some(e) = next {
        out.push('\n');
        out.push_str(&e.to_string());
        next = e.source();
    }
    out
}

#[test]
fn text_that_holds_no_certificate_is_refused_by_build() {
    let error = Client::builder()
        .add_root_certificate("not a certificate")
        .build()
        .expect_err("no certificate");
    assert_eq!(error.kind(), crate::ErrorKind::Config);
    assert!(error.to_string().contains("root certificate"), "{error}");
}

#[test]
fn the_builder_names_its_tls_stack() {
    let debug = format!("{:?}", Client::builder());
    assert!(debug.contains(crate::runtime::tls::BACKEND), "{debug}");
}
