//! Tracing (the `tracing` feature, on for the tests): one span per attempt with the
//! operation, method, path template, attempt, status (or error kind) and duration, and never
//! a secret, an argument or a body.

mod common;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use common::{EMAIL, KEY, TOKEN, ZONE, builder, closed_port, success_envelope};
use generated_client::access::zone_level_service_tokens::UpdateServiceToken;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One span as recorded: its name and its fields, as text.
#[derive(Debug, Clone, Default)]
struct Span {
    name: String,
    fields: BTreeMap<String, String>,
}

/// A subscriber that keeps every span and event of the generated crate.
#[derive(Default)]
struct Capture {
    spans: Mutex<Vec<Span>>,
    events: Mutex<Vec<BTreeMap<String, String>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_string(), value.to_string());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .insert(field.name().to_string(), format!("{value:?}"));
    }
}

#[derive(Clone, Default)]
struct Shared(Arc<Capture>);

impl Subscriber for Shared {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("generated_client")
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut span = Span {
            name: attributes.metadata().name().to_string(),
            ..Span::default()
        };
        attributes.record(&mut Fields(&mut span.fields));
        let mut spans = self.0.spans.lock().unwrap();
        spans.push(span);
        // Ids start at 1: the span's index plus one.
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut spans = self.0.spans.lock().unwrap();
        if let Some(span) = spans.get_mut(id.into_u64() as usize - 1) {
            values.record(&mut Fields(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0.events.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn one_span_per_attempt_with_what_happened_and_no_secret_or_body() {
    let capture = Shared::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503).set_body_string("response-body-marker"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let mut envelope = success_envelope();
    envelope["result"]["name"] = json!("response-body-marker");
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope))
        .mount(&server)
        .await;
    let request_body = UpdateServiceToken::new().name("request-body-marker");
    let client = builder(server.uri()).build().unwrap();
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &request_body)
        .await
        .expect("the retry succeeds");
    // A failed connection: the span names the error's kind.
    let refused = builder(format!("http://127.0.0.1:{}", closed_port()))
        .build()
        .unwrap();
    refused
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &request_body)
        .max_retries(0)
        .await
        .unwrap_err();

    let spans = capture.0.spans.lock().unwrap().clone();
    let requests: Vec<&Span> = spans.iter().filter(|s| s.name == "request").collect();
    assert_eq!(requests.len(), 3, "{spans:#?}");
    for (span, (attempt, outcome)) in requests.iter().zip([
        ("1", ("status", "503")),
        ("2", ("status", "200")),
        ("1", ("error", "Transport")),
    ]) {
        let f = &span.fields;
        assert_eq!(
            f["operation"],
            "zone-level-access-service-tokens-update-a-service-token"
        );
        assert_eq!(f["method"], "PUT");
        assert_eq!(
            f["path"],
            "/zones/{identifier}/access/service_tokens/{uuid}"
        );
        assert_eq!(f["attempt"], attempt, "{f:?}");
        assert_eq!(f[outcome.0], outcome.1, "{f:?}");
        assert!(f["duration_ms"].parse::<u64>().is_ok(), "{f:?}");
    }

    let everything = format!("{spans:?} {:?}", capture.0.events.lock().unwrap());
    for secret in [
        KEY,
        EMAIL,
        ZONE,
        TOKEN,
        "request-body-marker",
        "response-body-marker",
    ] {
        assert!(!everything.contains(secret), "{secret} in {everything}");
    }
}

#[tokio::test]
async fn credentials_sent_beside_the_requirement_are_told_in_an_event_without_their_value() {
    let capture = Shared::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(success_envelope()))
        .mount(&server)
        .await;
    let secret = "sekrit-token-in-an-event-test";
    let client = builder(server.uri())
        .credentials(generated_client::Credentials::api_token(secret))
        .build()
        .unwrap();
    let body = UpdateServiceToken::default();
    client
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body)
        .await
        .expect("the token is sent");
    // Credentials that meet the requirement: no event.
    builder(server.uri())
        .build()
        .unwrap()
        .access()
        .zone_level_service_tokens()
        .update_service_token(ZONE, TOKEN, &body)
        .await
        .expect("email and key are sent");

    let events = capture.0.events.lock().unwrap().clone();
    let unmet: Vec<_> = events
        .iter()
        .filter(|e| e.contains_key("declared"))
        .collect();
    assert_eq!(unmet.len(), 1, "{events:#?}");
    let fields = unmet[0];
    assert_eq!(
        fields["operation"],
        "zone-level-access-service-tokens-update-a-service-token"
    );
    assert_eq!(fields["declared"], "api_email + api_key");
    assert_eq!(fields["sent"], "api_token");
    assert!(
        fields["message"].contains("security requirement"),
        "{fields:?}"
    );
    assert!(!format!("{events:?}").contains(secret));
}
