//! Tagged unions against a real local server, in the crate generated from
//! `spec/cases/tagged_unions.yaml`: a value's tag chooses its variant (never the first
//! alternative that happens to fit), a tag the client does not know keeps the value whole,
//! and encoding writes the tag back; a union in a request is built from its variant's own
//! builder and sends exactly that alternative.

use fixture_tagged_unions_client::rules::rules::ListResultItem;
use fixture_tagged_unions_client::shapes::shapes::{GetResultShape, UpdateBodySizeObject3};
use fixture_tagged_unions_client::types::{
    ARecordRequest, Circle, MxRecordRequest, Record, RecordRequest, Square, Target,
};
use fixture_tagged_unions_client::{Client, ErrorKind};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

async fn serving(body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a valid client");
    (server, client)
}

fn records() -> Value {
    json!([
        {"id": "1", "type": "A", "name": "example.com", "content": "198.51.100.4", "proxied": true, "ttl": 1},
        // Every field of an MX record would also fit an A record's required fields
        // (`name`, `content`, `id`): only the tag tells them apart.
        {"id": "2", "type": "MX", "name": "example.com", "content": "mx.example.com", "priority": 10},
        {"id": "3", "type": "SRV", "name": "_sip._tcp.example.com",
         "data": {"port": 5060, "priority": 1, "target": "sip.example.com", "weight": 5}},
        {"id": "4", "type": "LOC", "name": "example.com", "content": "51 30 12.748 N"}
    ])
}

#[tokio::test]
async fn each_record_decodes_into_the_variant_its_tag_names() {
    let (_server, client) = serving(records()).await;
    let list = client.records().list().await.expect("the records decode");
    assert_eq!(list.len(), 4);
    match &list[0] {
        Record::A(a) => {
            assert_eq!(
                (a.content.as_str(), a.proxied, a.ttl),
                ("198.51.100.4", Some(true), Some(1))
            );
        }
        other => panic!("not an A record: {other:?}"),
    }
    match &list[1] {
        Record::Mx(mx) => assert_eq!((mx.content.as_str(), mx.priority), ("mx.example.com", 10)),
        other => panic!("not an MX record: {other:?}"),
    }
    match &list[2] {
        Record::Srv(srv) => {
            assert_eq!(srv.data.port, Some(5060));
            assert_eq!(srv.data.priority, Some(1));
            assert_eq!(srv.data.target.as_deref(), Some("sip.example.com"));
        }
        other => panic!("not an SRV record: {other:?}"),
    }
    // A record type this client does not know is kept as it came, tag and all.
    assert_eq!(list[3], Record::Unrecognized(records()[3].clone()));
}

#[tokio::test]
async fn each_record_encodes_back_to_what_was_received_tag_included() {
    let (_server, client) = serving(records()).await;
    let list = client.records().list().await.unwrap();
    assert_eq!(serde_json::to_value(&list).unwrap(), records());
}

#[tokio::test]
async fn a_known_tag_with_a_missing_required_field_is_a_decode_error_not_a_guess() {
    // An MX record without its `priority`: not silently another variant, nor unrecognized.
    let (_server, client) = serving(json!([
        {"id": "2", "type": "MX", "name": "example.com", "content": "mx.example.com"}
    ]))
    .await;
    let error = client
        .records()
        .list()
        .await
        .expect_err("priority is required");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert!(error.to_string().contains("priority"), "{error}");
}

/// The JSON bodies the server received.
async fn sent(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn a_variant_in_a_request_body_is_built_with_its_own_builder_and_sent_with_its_tag() {
    let (server, client) =
        serving(json!({"id": "9", "type": "A", "name": "a.example.com", "content": "192.0.2.1"}))
            .await;
    // The request's copy of the union leaves out what only the server sets (`id` is
    // readOnly), and each variant's builder converts into it.
    let record: RecordRequest = ARecordRequest::new("a.example.com", "192.0.2.1")
        .ttl(300u64)
        .into();
    let made = client.records().create(&record).await.unwrap();
    assert!(matches!(made, Record::A(ref a) if a.id == "9"), "{made:?}");
    let mx = RecordRequest::Mx(MxRecordRequest::new("example.com", "mx.example.com", 10u32));
    client.records().create(&mx).await.unwrap();
    assert_eq!(
        sent(&server).await,
        [
            json!({"type": "A", "name": "a.example.com", "content": "192.0.2.1", "ttl": 300}),
            json!({"type": "MX", "name": "example.com", "content": "mx.example.com", "priority": 10}),
        ]
    );
}

#[tokio::test]
async fn a_request_sends_exactly_the_chosen_alternative() {
    use fixture_tagged_unions_client::shapes::shapes::{UpdateBody, UpdateBodySize};
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    // A component that names its tag field itself: the variant decides what is sent, so
    // a value set to another kind is sent as the variant's.
    let bodies = [
        UpdateBody::new(Circle::new("round", 1.5)).size(3i64),
        UpdateBody::new(Square::new("circle", 2.0)).size("big"),
        UpdateBody::new(GetResultShape::Round(Circle::new("round", 0.5)))
            .size(UpdateBodySizeObject3::new(4i64, 3i64)),
    ];
    for body in &bodies {
        client.shapes().update(body).await.unwrap();
    }
    assert_eq!(
        sent(&server).await,
        [
            json!({"shape": {"kind": "round", "radius": 1.5}, "size": 3}),
            json!({"shape": {"kind": "square", "side": 2.0}, "size": "big"}),
            json!({"shape": {"kind": "round", "radius": 0.5}, "size": {"width": 4, "height": 3}}),
        ]
    );
    assert!(matches!(bodies[1].size, Some(UpdateBodySize::String(ref s)) if s == "big"));
}

#[tokio::test]
async fn nested_and_nullable_tagged_unions_decode_by_their_own_tags() {
    let body = json!([
        {"action": "block", "id": "r1"},
        null,
        {"action": "redirect", "id": "r2", "target": {"scheme": "local", "path": "/maintenance"}},
        {"action": "redirect", "id": "r3", "target": {"scheme": "ftp", "host": "files.example.com"}}
    ]);
    let (_server, client) = serving(body.clone()).await;
    let rules = client.rules().list().await.unwrap();
    assert!(
        matches!(&rules[0], Some(ListResultItem::Block(b)) if b.id == "r1"),
        "{rules:?}"
    );
    assert_eq!(rules[1], None);
    match &rules[2] {
        Some(ListResultItem::Redirect(r)) => {
            assert!(
                matches!(&r.target, Target::Local(l) if l.path == "/maintenance"),
                "{r:?}"
            );
        }
        other => panic!("not a redirect: {other:?}"),
    }
    match &rules[3] {
        Some(ListResultItem::Redirect(r)) => {
            assert_eq!(r.target, Target::Unrecognized(body[3]["target"].clone()));
        }
        other => panic!("not a redirect: {other:?}"),
    }
    assert_eq!(serde_json::to_value(&rules).unwrap(), body);
}

#[tokio::test]
async fn an_explicit_discriminator_mapping_names_the_tag_values() {
    let (_server, client) = serving(json!({"shape": {"kind": "round", "radius": 2.5}})).await;
    let shapes = client.shapes().get().await.unwrap();
    match shapes.shape {
        Some(GetResultShape::Round(circle)) => assert_eq!(circle.radius, 2.5),
        other => panic!("not a circle: {other:?}"),
    }
}

#[tokio::test]
async fn an_untagged_value_goes_to_the_alternative_that_keeps_the_most_of_it() {
    use fixture_tagged_unions_client::shapes::shapes::GetResultOverlapping as Overlapping;
    // Both alternatives decode `{name, ttl}`; the first would drop `ttl`.
    let (_server, client) = serving(json!({"overlapping": {"name": "a", "ttl": 60}})).await;
    let got = client.shapes().get().await.unwrap().overlapping;
    match &got {
        Some(Overlapping::Object2(o)) => assert_eq!((o.name.as_str(), o.ttl), ("a", Some(60))),
        other => panic!("not the alternative with `ttl`: {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        json!({"name": "a", "ttl": 60})
    );
    // Equals: the first listed wins.
    let (_server, client) = serving(json!({"overlapping": {"name": "a"}})).await;
    let got = client.shapes().get().await.unwrap().overlapping;
    assert!(
        matches!(&got, Some(Overlapping::Object1(o)) if o.name == "a"),
        "{got:?}"
    );
    // None fits: kept whole, and sent back as it came.
    let (_server, client) = serving(json!({"overlapping": [1, 2]})).await;
    let got = client.shapes().get().await.unwrap().overlapping;
    assert_eq!(got, Some(Overlapping::Unrecognized(json!([1, 2]))));
    assert_eq!(serde_json::to_value(&got).unwrap(), json!([1, 2]));
}
