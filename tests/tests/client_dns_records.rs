//! Cloudflare's DNS records, the most used union of its API, decoded from real-shaped
//! records in the crate generated from the spec's own DNS operations
//! (`tests/fixtures/dns_records/`, fragments exported from the 2024-08-06 spec). Each
//! record lands in the variant its `type` names (before implicit tags, A, AAAA, CNAME and
//! TXT all landed in one nameless variant, SRV and URI in another), and encodes back to the
//! same JSON, the members the spec does not declare for it included.

use fixture_dns_records_client::dns_records::for_zone::CreateResult as DnsRecord;
use fixture_dns_records_client::{Client, ErrorKind};
use serde_json::{Map, Value, json};
use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

/// What the API sends for every record, beside its type's own fields.
fn record(id: &str, kind: &str, own: Value) -> Value {
    let mut record = json!({
        "id": id,
        "zone_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "zone_name": "example.com",
        "name": "example.com",
        "type": kind,
        "proxiable": true,
        "proxied": false,
        "ttl": 3600,
        "locked": false,
        "meta": {"auto_added": false, "source": "primary"},
        "tags": ["owner:dns-team"],
        "comment": "Domain verification record",
        "created_on": "2014-01-01T05:20:00.12345Z",
        "modified_on": "2014-01-01T05:20:00.12345Z"
    });
    let members = record.as_object_mut().unwrap();
    for (k, v) in own.as_object().unwrap() {
        members.insert(k.clone(), v.clone());
    }
    record
}

fn records() -> Vec<Value> {
    vec![
        record("1", "A", json!({"content": "198.51.100.4"})),
        record("2", "AAAA", json!({"content": "2001:db8::1"})),
        record("3", "CNAME", json!({"content": "www.example.com"})),
        record(
            "4",
            "TXT",
            json!({"content": "v=spf1 include:_spf.example.com ~all"}),
        ),
        record(
            "5",
            "MX",
            json!({"content": "mx.example.com", "priority": 10}),
        ),
        record(
            "6",
            "SRV",
            json!({
                "name": "_sip._tcp.example.com",
                "content": "1 5060 sip.example.com",
                "data": {"port": 5060, "priority": 1, "target": "sip.example.com", "weight": 5}
            }),
        ),
        record(
            "7",
            "CAA",
            json!({
                "content": "0 issue letsencrypt.org",
                "data": {"flags": 0, "tag": "issue", "value": "letsencrypt.org"}
            }),
        ),
        record(
            "8",
            "URI",
            json!({
                "content": "10 \"https://example.com\"",
                "priority": 10,
                "data": {"target": "https://example.com", "weight": 10}
            }),
        ),
    ]
}

/// A client of a server that answers every request with `envelope`.
async fn serving(envelope: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(fixture_dns_records_client::Credentials::api_token("t"))
        .build()
        .unwrap();
    (server, client)
}

async fn list(client: &Client) -> Result<Vec<DnsRecord>, fixture_dns_records_client::Error> {
    client
        .dns_records()
        .for_zone()
        .list("023e105f4ecef8ad9ca31a8372d0c353", &Default::default())
        .await
}

async fn listing(records: Vec<Value>) -> Vec<DnsRecord> {
    let (_server, client) = serving(json!({
        "success": true, "errors": [], "messages": [], "result": records,
        "result_info": {"page": 1, "per_page": 100, "count": 8, "total_count": 8, "total_pages": 1}
    }))
    .await;
    list(&client).await.expect("the records decode")
}

#[tokio::test]
async fn each_record_type_decodes_into_its_own_named_variant() {
    let list = listing(records()).await;
    let names: Vec<&str> = list
        .iter()
        .map(|r| match r {
            DnsRecord::A(a) => {
                assert_eq!(a.content, "198.51.100.4");
                "A"
            }
            DnsRecord::Aaaa(a) => {
                assert_eq!(a.content, "2001:db8::1");
                "AAAA"
            }
            DnsRecord::Cname(_) => "CNAME",
            DnsRecord::Txt(t) => {
                assert_eq!(t.content, "v=spf1 include:_spf.example.com ~all");
                "TXT"
            }
            DnsRecord::Mx(mx) => {
                assert_eq!(mx.priority, 10.0);
                "MX"
            }
            DnsRecord::Srv(srv) => {
                assert_eq!(srv.data.port, Some(5060.0));
                assert_eq!(srv.data.priority, Some(1.0));
                assert_eq!(srv.data.weight, Some(5.0));
                "SRV"
            }
            DnsRecord::Caa(caa) => {
                assert_eq!(caa.data.tag.as_deref(), Some("issue"));
                "CAA"
            }
            DnsRecord::Uri(uri) => {
                assert_eq!(uri.data.target.as_deref(), Some("https://example.com"));
                "URI"
            }
            other => panic!("an unexpected variant: {other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        ["A", "AAAA", "CNAME", "TXT", "MX", "SRV", "CAA", "URI"]
    );
}

/// Numbers compared as numbers (`3600` and `3600.0` are one value: `ttl` is a `number`).
fn normalized(value: &Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect::<Map<String, Value>>(),
        ),
        other => other.clone(),
    }
}

#[tokio::test]
async fn each_record_encodes_back_to_what_was_received_undeclared_fields_included() {
    let list = listing(records()).await;
    for (record, sent) in list.iter().zip(records()) {
        let encoded = serde_json::to_value(record).unwrap();
        assert_eq!(normalized(&encoded), normalized(&sent), "{}", sent["type"]);
    }
}

#[tokio::test]
async fn fields_the_spec_does_not_declare_are_reachable() {
    let list = listing(records()).await;
    // `zone_id`, `zone_name` and `locked` are declared for no record type; `proxied` only
    // for A, AAAA and CNAME records.
    let DnsRecord::Srv(srv) = &list[5] else {
        panic!("not an SRV record: {:?}", list[5]);
    };
    assert_eq!(
        srv.extra().get("zone_id"),
        Some(&json!("023e105f4ecef8ad9ca31a8372d0c353"))
    );
    assert_eq!(srv.extra().get("zone_name"), Some(&json!("example.com")));
    assert_eq!(srv.extra().get("locked"), Some(&json!(false)));
    assert_eq!(srv.extra().get("proxied"), Some(&json!(false)));
    assert_eq!(srv.extra().len(), 4, "{:?}", srv.extra());
    let DnsRecord::A(a) = &list[0] else {
        panic!("not an A record: {:?}", list[0]);
    };
    assert_eq!(a.proxied, Some(false));
    assert_eq!(a.extra().len(), 3, "{:?}", a.extra());
    // The tag is the enum's, not an undeclared member.
    assert!(a.extra().get("type").is_none());
}

#[tokio::test]
async fn a_record_type_the_client_does_not_know_is_kept_whole() {
    let future = record("9", "OPENPGPKEY", json!({"content": "mQINBF..."}));
    let list = listing(vec![future.clone()]).await;
    assert_eq!(list, [DnsRecord::Unrecognized(future)]);
}

#[tokio::test]
async fn a_known_type_missing_a_required_field_is_a_decode_error() {
    let mut broken = record("5", "MX", json!({"content": "mx.example.com"}));
    broken.as_object_mut().unwrap().remove("priority");
    let (_server, client) = serving(json!({
        "success": true, "errors": [], "messages": [], "result": [broken]
    }))
    .await;
    let error = list(&client).await.expect_err("priority is required");
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
}

#[tokio::test]
async fn a_record_to_create_is_built_with_its_type_s_own_builder_and_sent_with_its_type() {
    use fixture_dns_records_client::dns_records::for_zone::{
        ARecordRequest, CreateBody, SrvRecordData, SrvRecordRequest,
    };
    let (server, client) = serving(json!({
        "success": true, "errors": [], "messages": [],
        "result": record("1", "A", json!({"content": "198.51.100.4"}))
    }))
    .await;
    let zone = "023e105f4ecef8ad9ca31a8372d0c353";
    // The spec lists `id` among a record's required fields without marking it readOnly,
    // so the request's copy asks for one too (a spec defect); `created_on`, `proxiable`
    // and the other readOnly fields are left out.
    let a = CreateBody::A(ARecordRequest::new("198.51.100.4", "example.com", "").ttl(3600.0));
    let srv: CreateBody = SrvRecordRequest::new(
        SrvRecordData::new()
            .port(5060.0)
            .priority(1.0)
            .target("sip.example.com")
            .weight(5.0),
        "_sip._tcp.example.com",
        "",
    )
    .into();
    let made = client
        .dns_records()
        .for_zone()
        .create(zone, &a)
        .await
        .unwrap();
    assert!(matches!(made, Some(DnsRecord::A(_))), "{made:?}");
    client
        .dns_records()
        .for_zone()
        .create(zone, &srv)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let sent: Vec<Value> = requests
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(
        sent,
        [
            json!({"type": "A", "content": "198.51.100.4", "name": "example.com", "id": "", "ttl": 3600.0}),
            json!({"type": "SRV", "name": "_sip._tcp.example.com", "id": "",
                   "data": {"port": 5060.0, "priority": 1.0, "target": "sip.example.com", "weight": 5.0}}),
        ]
    );
}
