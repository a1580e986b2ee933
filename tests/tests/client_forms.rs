//! Form bodies (`application/x-www-form-urlencoded`) against a real local server, in the
//! crate generated from `spec/cases/form_bodies.yaml`: typed like JSON bodies, each
//! property encoded as the spec's `encoding` map says (`deepObject` brackets, `form`
//! exploded or not, `pipeDelimited`), `body_field` in the same encoding.

use std::collections::BTreeMap;

use fixture_form_bodies_client::customers::customers::{
    CreateBody, CreateBodyAddress, CreateBodyItemsItem, UpdateBody,
};
use fixture_form_bodies_client::notes::notes::CreateBody as CreateNote;
use fixture_form_bodies_client::{Client, ErrorKind};
use serde_json::json;
use wiremock::{Mock, MockServer, Request, ResponseTemplate, matchers::any};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "cus_1"})))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .build()
        .expect("a valid client")
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

/// The body as sent, with brackets decoded so that the assertions stay readable (every
/// other character is compared as sent).
fn form_body(request: &Request) -> String {
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    String::from_utf8(request.body.clone())
        .unwrap()
        .replace("%5B", "[")
        .replace("%5D", "]")
}

fn customer() -> CreateBody {
    CreateBody::new("ada@example.com")
        .name("Ada Lovelace")
        .balance(-5)
        .tags(vec!["vip".to_string(), "early".to_string()])
        .ids(vec![1, 2])
        .codes(vec!["a".to_string(), "b".to_string()])
        .metadata(BTreeMap::from([
            ("plan".to_string(), "pro".to_string()),
            ("seats".to_string(), "3".to_string()),
        ]))
        .address(
            CreateBodyAddress::new()
                .line1("12 St James's Sq")
                .city("London"),
        )
        .items(vec![
            CreateBodyItemsItem::new().price("price_1").quantity(2),
            CreateBodyItemsItem::new().price("price_2"),
        ])
        .expand(vec!["invoice_settings".to_string()])
}

#[tokio::test]
async fn a_form_body_arrives_encoded_as_the_spec_says() {
    let server = server().await;
    let created = client(&server)
        .customers()
        .create(&customer())
        .await
        .expect("success");
    assert_eq!(created.id, "cus_1");
    let request = only_request(&server).await;
    assert_eq!(
        form_body(&request),
        "email=ada%40example.com&name=Ada+Lovelace&balance=-5\
         &tags=vip&tags=early\
         &ids=1%2C2\
         &codes=a%7Cb\
         &metadata[plan]=pro&metadata[seats]=3\
         &address[line1]=12+St+James%27s+Sq&address[city]=London\
         &items[0][price]=price_1&items[0][quantity]=2&items[1][price]=price_2\
         &expand[0]=invoice_settings"
    );
}

#[tokio::test]
async fn body_fields_are_encoded_in_the_form_and_in_the_style_of_their_property() {
    let server = server().await;
    client(&server)
        .customers()
        .create(&CreateBody::new("ada@example.com").name("Ada"))
        .body_field("name", "Ada L.")
        .body_field("metadata", json!({"source": "test"}))
        .body_field("coupon", "SAVE10")
        .body_field("discounts", json!([{"coupon": "c1"}]))
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        form_body(&request),
        "email=ada%40example.com&name=Ada+L.&metadata[source]=test&coupon=SAVE10\
         &discounts[0][coupon]=c1"
    );
}

#[tokio::test]
async fn a_referenced_request_body_keeps_its_encoding_and_an_absent_one_sends_nothing() {
    let server = server().await;
    let client = client(&server);
    let body =
        UpdateBody::new().metadata(BTreeMap::from([("tier".to_string(), "gold".to_string())]));
    client
        .customers()
        .update("cus_1", Some(&body))
        .await
        .expect("success");
    client
        .customers()
        .update("cus_1", None)
        .await
        .expect("success");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(form_body(&requests[0]), "metadata[tier]=gold");
    assert!(requests[1].body.is_empty());
    assert!(requests[1].headers.get("content-type").is_none());
}

#[tokio::test]
async fn a_body_offered_as_json_too_is_sent_as_json() {
    let server = server().await;
    client(&server)
        .notes()
        .create(Some(&CreateNote::new().text("hello")))
        .await
        .expect("success");
    let request = only_request(&server).await;
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(request.body, br#"{"text":"hello"}"#);
}

#[tokio::test]
async fn a_body_field_that_cannot_be_encoded_is_refused_before_sending() {
    let server = server().await;
    let err = client(&server)
        .customers()
        .create(&CreateBody::new("ada@example.com"))
        // A map whose keys are lists has no JSON (nor form) form.
        .body_field("bad", BTreeMap::from([(vec![1], 1)]))
        .await
        .expect_err("the field cannot be encoded");
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(server.received_requests().await.unwrap().is_empty());
}
