//! The quirks of the real Cloudflare spec (`tests/fixtures/quirks.yaml`), each exercised
//! through the generated fixture client against a real local server.

use std::time::Duration;

use fixture_quirks_client::quirks::bodies::{UploadForm, UploadFormSettings};
use fixture_quirks_client::quirks::paging::{ListEventsParams, ListItemsParams};
use fixture_quirks_client::quirks::parameters::{SearchParams, SearchParamsStatus};
use fixture_quirks_client::types::{ShapesShape, ShapesUntypedEnum};
use fixture_quirks_client::{Client, Credentials, ErrorKind};
use serde_json::{Value, json};
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::api_token("token-123"))
        .retry_delays(Duration::from_millis(5), Duration::from_millis(20))
        .build()
        .expect("a valid client")
}

fn envelope(result: Value) -> Value {
    json!({"success": true, "errors": [], "messages": [], "result": result})
}

fn thing(id: &str) -> Value {
    json!({"id": id, "name": format!("thing {id}")})
}

#[tokio::test]
async fn status_code_quirks_lower_case_4xx_default_202_and_204() {
    let server = MockServer::start().await;
    let failure = json!({"success": false, "errors": [{"code": 1003, "message": "Not found"}], "messages": [], "result": null});
    Mock::given(path("/quirks/lower-4xx"))
        .respond_with(ResponseTemplate::new(404).set_body_json(failure))
        .mount(&server)
        .await;
    Mock::given(path("/quirks/default-only"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing("d")))
        .mount(&server)
        .await;
    Mock::given(path("/quirks/accepted"))
        .respond_with(ResponseTemplate::new(202).set_body_json(envelope(thing("a"))))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/quirks/empty/7"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.quirks().lower_case_range().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.api_error().map(|e| e.errors[0].code), Some(1003));
    assert_eq!(c.quirks().default_only().await.unwrap().id, "d");
    assert_eq!(c.quirks().accepted().await.unwrap().id, "a");
    c.quirks()
        .delete_empty(7)
        .await
        .expect("an empty 204 is the unit result");
}

#[tokio::test]
async fn multipart_bodies_send_files_text_and_json_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/quirks/upload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(thing("u"))))
        .mount(&server)
        .await;
    let form = UploadForm::new(b"\x00\x01binary\xff".to_vec())
        .file_name("data.bin")
        .settings(UploadFormSettings::new().public(true));
    client(&server)
        .quirks()
        .bodies()
        .upload_form(&form)
        .await
        .expect("uploaded");
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type");
    let body = &request.body;
    let text = String::from_utf8_lossy(body);
    assert!(text.contains("name=\"file\"; filename=\"file\""), "{text}");
    assert!(
        body.windows(9).any(|w| w == b"\x00\x01binary\xff"),
        "the file part holds the raw bytes"
    );
    assert!(
        text.contains("name=\"file_name\"\r\n\r\ndata.bin\r\n"),
        "{text}"
    );
    assert!(
        text.contains("name=\"settings\"\r\n\r\n{\"public\":true}\r\n"),
        "{text}"
    );
    assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");
}

#[tokio::test]
async fn a_multipart_body_that_is_a_bare_binary_string_is_one_file_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/quirks/attachments"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(thing("a"))))
        .mount(&server)
        .await;
    client(&server)
        .quirks()
        .bodies()
        .upload_attachment(b"\x00\x01attached\xff")
        .await
        .expect("uploaded");
    let request = &server.received_requests().await.unwrap()[0];
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type")
        .to_string();
    let text = String::from_utf8_lossy(&request.body);
    assert_eq!(text.matches("Content-Disposition").count(), 1, "{text}");
    assert!(text.contains("name=\"file\"; filename=\"file\""), "{text}");
    assert!(
        request
            .body
            .windows(11)
            .any(|w| w == b"\x00\x01attached\xff"),
        "the file part holds the raw bytes"
    );
    assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");
}

#[tokio::test]
async fn raw_bodies_bytes_ndjson_javascript_and_schemaless_json() {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(envelope(thing("r")));
    Mock::given(path("/quirks/bytes"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(vec![1u8, 2, 3]))
        .respond_with(ok.clone())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/quirks/ndjson"))
        .and(header("content-type", "application/x-ndjson"))
        .and(body_bytes(b"{\"a\":1}\n{\"a\":2}\n".to_vec()))
        .respond_with(ok.clone())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/quirks/script"))
        .and(header("content-type", "application/javascript"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("export default {}", "application/javascript"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/quirks/no-schema"))
        .and(body_json(json!({"any": ["thing", 1]})))
        .respond_with(ok)
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    c.quirks()
        .bodies()
        .put_bytes(&[1, 2, 3])
        .await
        .expect("bytes");
    c.quirks()
        .bodies()
        .post_ndjson(Some("{\"a\":1}\n{\"a\":2}\n"))
        .await
        .expect("ndjson");
    let script = c
        .quirks()
        .bodies()
        .put_script("export default {}")
        .await
        .expect("script");
    assert_eq!(script, "export default {}");
    c.quirks()
        .bodies()
        .post_anything(&json!({"any": ["thing", 1]}))
        .await
        .expect("any JSON");
}

#[tokio::test]
async fn text_and_binary_responses() {
    let server = MockServer::start().await;
    let png: Vec<u8> = vec![0x89, b'P', b'N', b'G', 0, 0xff];
    Mock::given(path("/quirks/report"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("a,b\n1,2\n", "text/csv"))
        .mount(&server)
        .await;
    Mock::given(path("/quirks/screenshot"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"))
        .mount(&server)
        .await;
    Mock::given(path("/quirks/document"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7".to_vec(), "application/pdf"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/quirks/script-content"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("export {}", "string"))
        .mount(&server)
        .await;
    let c = client(&server);
    assert_eq!(
        c.quirks().responses().get_report().await.unwrap(),
        "a,b\n1,2\n"
    );
    assert_eq!(c.quirks().responses().get_screenshot().await.unwrap(), png);
    assert_eq!(
        c.quirks().responses().get_document().await.unwrap(),
        b"%PDF-1.7"
    );
    assert_eq!(
        c.quirks().responses().get_script_content().await.unwrap(),
        "export {}"
    );
}

#[tokio::test]
async fn schema_quirks_decode_leniently() {
    let server = MockServer::start().await;
    let shapes = json!({
        "untyped_enum": "extreme",
        "bad_default": 3,
        "binary_without_type": "AAEC",
        "shape": {"kind": "circle", "radius": 1.5},
        "labels": {"env": "prod", "team": "edge"},
        "counters": {"total": 3, "hits": 2, "misses": 1},
        "added_later": {"ignored": true}
    });
    Mock::given(path("/quirks/shapes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(shapes)))
        .mount(&server)
        .await;
    let got = client(&server)
        .quirks()
        .schemas()
        .get_shapes()
        .await
        .expect("decodes");
    assert_eq!(
        got.untyped_enum,
        Some(ShapesUntypedEnum::Unrecognized("extreme".into())),
        "an unknown enum value is kept"
    );
    assert!(matches!(got.shape, Some(ShapesShape::Circle(c)) if c.radius == 1.5));
    assert_eq!(got.labels.unwrap()["team"], "edge");
    let counters = got.counters.unwrap();
    assert_eq!(
        (counters.total, counters.additional_properties["hits"]),
        (Some(3), 2)
    );

    server.reset().await;
    let unknown_kind = json!({"shape": {"kind": "triangle", "corners": 3}});
    Mock::given(path("/quirks/shapes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(unknown_kind)))
        .mount(&server)
        .await;
    let got = client(&server)
        .quirks()
        .schemas()
        .get_shapes()
        .await
        .expect("an unknown kind decodes");
    // Kept whole: nothing the server sent is lost.
    assert_eq!(
        got.shape,
        Some(ShapesShape::Unrecognized(
            json!({"kind": "triangle", "corners": 3})
        ))
    );
}

#[tokio::test]
async fn query_arrays_enums_booleans_and_header_parameters() {
    let server = MockServer::start().await;
    Mock::given(path("/quirks/search"))
        .and(query_param("status", "active"))
        .and(query_param("verbose", "true"))
        .and(query_param("limit", "10"))
        .and(header("X-Request-Label", "nightly"))
        .and(header("authorization", "Bearer token-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!([thing("s")]))))
        .expect(1)
        .mount(&server)
        .await;
    let params = SearchParams::new(10)
        .tag(vec!["a b".into(), "c".into()])
        .status(SearchParamsStatus::Active)
        .verbose(true)
        .x_request_label("nightly");
    let found = client(&server)
        .quirks()
        .parameters()
        .search(&params)
        .await
        .expect("found");
    assert_eq!(found.len(), 1);
    let url = &server.received_requests().await.unwrap()[0].url;
    assert_eq!(
        url.query(),
        Some("tag=a+b&tag=c&status=active&verbose=true&limit=10")
    );
}

/// Serves `pages` by the `page` query parameter, with `result_info`.
struct PagedServer {
    pages: Vec<Vec<Value>>,
    report_page: bool,
    total_pages: bool,
}

impl Respond for PagedServer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page: usize = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1);
        let items = self.pages.get(page - 1).cloned().unwrap_or_default();
        let mut info = json!({"per_page": 2, "count": items.len(), "total_count": 5});
        if self.report_page {
            info["page"] = json!(page);
        }
        if self.total_pages {
            info["total_pages"] = json!(self.pages.len());
        }
        let mut body = envelope(json!(items));
        body["result_info"] = info;
        ResponseTemplate::new(200).set_body_json(body)
    }
}

fn pages_of_things() -> Vec<Vec<Value>> {
    vec![
        vec![thing("1"), thing("2")],
        vec![thing("3"), thing("4")],
        vec![thing("5")],
    ]
}

async fn ids_and_requests(
    server: &MockServer,
    params: &ListItemsParams,
) -> (Vec<String>, Vec<String>) {
    let items = client(server)
        .quirks()
        .paging()
        .list_items(params)
        .pages()
        .collect()
        .await
        .expect("all pages");
    let ids = items.into_iter().map(|t| t.id).collect();
    let pages = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
        .collect();
    (ids, pages)
}

#[tokio::test]
async fn paging_stops_at_total_pages() {
    let server = MockServer::start().await;
    Mock::given(path("/quirks/items"))
        .respond_with(PagedServer {
            pages: pages_of_things(),
            report_page: true,
            total_pages: true,
        })
        .mount(&server)
        .await;
    let (ids, pages) = ids_and_requests(&server, &ListItemsParams::default()).await;
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(pages, ["1", "2", "3"], "no request past the last page");
}

#[tokio::test]
async fn paging_starts_at_the_page_asked_for_and_stops_at_an_empty_or_short_page() {
    let server = MockServer::start().await;
    // No total_pages: the short third page is the last.
    Mock::given(path("/quirks/items"))
        .respond_with(PagedServer {
            pages: pages_of_things(),
            report_page: true,
            total_pages: false,
        })
        .mount(&server)
        .await;
    let (ids, pages) = ids_and_requests(&server, &ListItemsParams::new().page(2).per_page(2)).await;
    assert_eq!(ids, ["3", "4", "5"]);
    assert_eq!(pages, ["2", "3"]);

    server.reset().await;
    let full_pages = vec![vec![thing("1"), thing("2")], vec![thing("3"), thing("4")]];
    Mock::given(path("/quirks/items"))
        .respond_with(PagedServer {
            pages: full_pages,
            report_page: true,
            total_pages: false,
        })
        .mount(&server)
        .await;
    let (ids, pages) = ids_and_requests(&server, &ListItemsParams::default()).await;
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(
        pages,
        ["1", "2", "3"],
        "the empty third page ends the paging"
    );
}

/// Ignores `page` and always answers the same first page.
struct IgnoresPage {
    report_page: bool,
}

impl Respond for IgnoresPage {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut body = envelope(json!([thing("1"), thing("2")]));
        body["result_info"] = if self.report_page {
            json!({"page": 1, "per_page": 2, "total_pages": 50})
        } else {
            json!({"per_page": 2, "count": 2})
        };
        ResponseTemplate::new(200).set_body_json(body)
    }
}

#[tokio::test]
async fn a_server_that_ignores_page_does_not_loop() {
    for report_page in [true, false] {
        let server = MockServer::start().await;
        Mock::given(path("/quirks/items"))
            .respond_with(IgnoresPage { report_page })
            .mount(&server)
            .await;
        let (ids, pages) = ids_and_requests(&server, &ListItemsParams::default()).await;
        assert_eq!(ids, ["1", "2"], "report_page = {report_page}");
        assert_eq!(
            pages,
            ["1", "2"],
            "one more request shows the page is ignored (report_page = {report_page})"
        );
    }
}

/// Serves three pages by cursor: "" → c1 → c2 → end.
struct CursorServer;

impl Respond for CursorServer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let cursor = request
            .url
            .query_pairs()
            .find(|(k, _)| k == "cursor")
            .map(|(_, v)| v.into_owned());
        let (items, next) = match cursor.as_deref() {
            None => (json!([thing("a")]), json!("c1")),
            Some("c1") => (json!([thing("b")]), json!("c2")),
            _ => (json!([thing("c")]), json!("")),
        };
        let mut body = envelope(items);
        body["result_info"] = json!({"cursor": next, "per_page": 1});
        ResponseTemplate::new(200).set_body_json(body)
    }
}

#[tokio::test]
async fn cursor_paging_follows_the_cursor_to_its_end_as_a_stream() {
    use futures_util::StreamExt;
    let server = MockServer::start().await;
    Mock::given(path("/quirks/events"))
        .respond_with(CursorServer)
        .mount(&server)
        .await;
    let c = client(&server);
    let stream = c
        .quirks()
        .paging()
        .list_events(&ListEventsParams::default())
        .pages()
        .into_stream();
    let ids: Vec<String> = stream.map(|item| item.expect("an item").id).collect().await;
    assert_eq!(ids, ["a", "b", "c"]);
    let cursors: Vec<Option<String>> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "cursor")
                .map(|(_, v)| v.into_owned())
        })
        .collect();
    assert_eq!(cursors, [None, Some("c1".into()), Some("c2".into())]);
}

#[tokio::test]
async fn a_failed_page_ends_the_paging_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(path("/quirks/items"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"success": false, "errors": [], "messages": []})),
        )
        .mount(&server)
        .await;
    let c = client(&server);
    let mut pages = c
        .quirks()
        .paging()
        .list_items(&ListItemsParams::default())
        .pages();
    let first = pages.next().await.expect("an outcome");
    assert_eq!(first.unwrap_err().kind(), ErrorKind::Forbidden);
    assert!(pages.next().await.is_none());
}
