//! `Credentials::from_env`. Environment variables are global to the process, so this file
//! holds exactly one test (its own process), and it changes them before any thread that
//! could read them (a server, an HTTP client) exists.

mod common;

use common::{TOKEN, ZONE, body, success_envelope};
use generated_client::{Client, Credentials, Error, ErrorKind};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const VARS: [&str; 4] = [
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFLARE_API_KEY",
    "CLOUDFLARE_EMAIL",
    "CLOUDFLARE_API_USER_SERVICE_KEY",
];

/// `Credentials::from_env()` with exactly `set` in the environment.
fn from_env(set: &[(&str, &str)]) -> Result<Credentials, Error> {
    // SAFETY: this is the only test of this binary, and it runs before any other thread of
    // the process reads the environment (see the file's doc).
    unsafe {
        for var in VARS {
            std::env::remove_var(var);
        }
        for (var, value) in set {
            std::env::set_var(var, value);
        }
    }
    Credentials::from_env()
}

#[test]
fn from_env_reads_every_scheme_and_the_operation_picks_what_is_sent() {
    let token = from_env(&[("CLOUDFLARE_API_TOKEN", "tok-secret")]).unwrap();
    assert_eq!(token.schemes(), ["api_token"]);

    let key = from_env(&[
        ("CLOUDFLARE_API_KEY", "key-secret"),
        ("CLOUDFLARE_EMAIL", "me@example.com"),
    ])
    .unwrap();
    assert_eq!(key.schemes(), ["api_email", "api_key"]);

    let service = from_env(&[("CLOUDFLARE_API_USER_SERVICE_KEY", "svc-secret")]).unwrap();
    assert_eq!(service.schemes(), ["user_service_key"]);

    // Nothing, half a pair, or only empty values: the error names what to set.
    for set in [
        &[][..],
        &[("CLOUDFLARE_API_KEY", "key-secret")][..],
        &[("CLOUDFLARE_API_TOKEN", "")][..],
    ] {
        let err = from_env(set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let text = err.to_string();
        for var in VARS {
            assert!(text.contains(var), "{var} not named in: {text}");
        }
        assert!(!text.contains("key-secret"), "{text}");
    }

    // A line break is refused, and not echoed.
    let err = from_env(&[("CLOUDFLARE_API_TOKEN", "tok-secret\r\nX-Evil: 1")]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(!format!("{err} {err:?}").contains("tok-secret"), "{err:?}");

    // Everything set: every scheme is held, and the seed operation sends only email + key.
    let all = from_env(&[
        ("CLOUDFLARE_API_TOKEN", "tok-secret"),
        ("CLOUDFLARE_API_KEY", "key-secret"),
        ("CLOUDFLARE_EMAIL", "me@example.com"),
        ("CLOUDFLARE_API_USER_SERVICE_KEY", "svc-secret"),
    ])
    .unwrap();
    assert_eq!(all.schemes().len(), 4);
    let headers = send_with(all);
    assert_eq!(
        headers,
        [
            Some("me@example.com".to_string()),
            Some("key-secret".to_string()),
            None,
            None
        ]
    );
}

/// Sends the seed operation with `credentials`; returns the credential headers sent.
fn send_with(credentials: Credentials) -> [Option<String>; 4] {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(server.uri())
            .credentials(credentials)
            .build()
            .unwrap();
        client
            .access()
            .zone_level_service_tokens()
            .update_service_token(ZONE, TOKEN, &body())
            .await
            .expect("success");
        let requests = server.received_requests().await.unwrap();
        [
            "x-auth-email",
            "x-auth-key",
            "authorization",
            "x-auth-user-service-key",
        ]
        .map(|name| {
            requests[0]
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
    })
}
