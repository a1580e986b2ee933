//! One call of one operation: built by a generated method, configured by the caller
//! (timeouts, retries, extra headers, query parameters and body fields), sent when awaited.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::Value;

use super::client::Client;
use super::decode::Decoder;
use super::encode::{path_segment, query_pairs, to_text};
use super::error::{Error, ResponseInfo};
use super::form::{self, Styles};
use super::multipart::Multipart;

/// A whole successful response, for callers who need more than the result.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The operation's result (the envelope's `result`).
    pub result: T,
    /// The envelope's `messages`.
    pub messages: Vec<ResponseInfo>,
    /// The envelope's `result_info` (paging), as sent.
    pub result_info: Option<Value>,
}

/// A request body: its content type and bytes.
pub(crate) struct Body {
    pub(crate) content_type: String,
    pub(crate) bytes: Vec<u8>,
    /// A form body's members and the styles of its properties, kept so that
    /// [`Call::body_field`] can set a member and encode the body again.
    form: Option<(serde_json::Map<String, Value>, Styles)>,
}

/// A call of one operation, ready to send.
///
/// Await it for the result, call [`Call::send_full`] for the whole response, or
/// [`Call::stream`] to read the body as it arrives. The builder methods change this call
/// only: its timeouts and retries, and what it sends beyond the spec's parameters
/// ([`header`](Call::header), [`query`](Call::query), [`body_field`](Call::body_field)).
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    pub(crate) client: &'a Client,
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    pub(crate) segments: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(String, String)>,
    /// Header parameters of the spec.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Headers the caller added, which replace any other value of their names.
    pub(crate) extra_headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<Body>,
    pub(crate) security: &'static [&'static [&'static str]],
    pub(crate) invalid: Option<Error>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) paging: Option<super::paging::Paging>,
    pub(crate) decode: Decoder<T>,
}

impl<T> std::fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.template)
            .finish_non_exhaustive()
    }
}

impl<'a, T> Call<'a, T> {
    pub(crate) fn new(
        client: &'a Client,
        operation: &'static str,
        method: Method,
        template: &'static str,
        decode: Decoder<T>,
    ) -> Self {
        Call {
            client,
            operation,
            method,
            template,
            segments: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            extra_headers: Vec::new(),
            body: None,
            security: &[],
            invalid: None,
            timeout: None,
            deadline: None,
            max_retries: None,
            paging: None,
            decode,
        }
    }

    /// Keeps the first argument error: it is returned when the call is sent, and nothing is.
    fn reject(&mut self, name: &str, reason: impl Into<String>) {
        self.invalid.get_or_insert(Error::InvalidArgument {
            name: name.to_string(),
            reason: reason.into(),
        });
    }

    /// A path parameter: checked against `max_length` (in characters), then encoded as one
    /// segment.
    pub(crate) fn path(
        mut self,
        name: &'static str,
        value: impl Serialize,
        max_length: Option<usize>,
    ) -> Self {
        let text = match serde_json::to_value(value) {
            Ok(v) => to_text(&v).unwrap_or_default(),
            Err(e) => {
                self.reject(name, format!("cannot be encoded: {e}"));
                return self;
            }
        };
        match path_segment(name, &text, max_length) {
            Ok(segment) => self.segments.push((name, segment)),
            Err(e) => {
                self.invalid.get_or_insert(e);
            }
        }
        self
    }

    /// A query parameter of the spec (`form` style, exploded): `None` sends nothing, a list
    /// repeats the name, an object sends its members.
    pub(crate) fn query_param(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => query_pairs(name, &v, &mut self.query),
            Err(e) => self.reject(name, format!("cannot be encoded: {e}")),
        }
        self
    }

    /// A header parameter of the spec; `None` sends nothing, a list is comma-separated.
    pub(crate) fn header_param(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => self.headers.extend(to_text(&v).map(|t| (name, t))),
            Err(e) => self.reject(name, format!("cannot be encoded: {e}")),
        }
        self
    }

    /// A JSON body.
    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(Body::json(bytes)),
            Err(e) => self.reject("body", format!("cannot be encoded as JSON: {e}")),
        }
        self
    }

    /// An optional JSON body.
    pub(crate) fn json_opt<B: Serialize + ?Sized>(self, body: Option<&B>) -> Self {
        match body {
            Some(b) => self.json(b),
            None => self,
        }
    }

    /// A `multipart/form-data` body: one part per member, file parts for bytes.
    pub(crate) fn multipart<B: Multipart + ?Sized>(mut self, body: &B) -> Self {
        let (content_type, bytes) = super::multipart::encode(&body.parts());
        self.body = Some(Body {
            content_type,
            bytes,
            form: None,
        });
        self
    }

    /// An optional multipart body.
    pub(crate) fn multipart_opt<B: Multipart + ?Sized>(self, body: Option<&B>) -> Self {
        match body {
            Some(b) => self.multipart(b),
            None => self,
        }
    }

    /// An `application/x-www-form-urlencoded` body: its members as pairs, each property in
    /// its style (`styles`, by wire name; the others in `form` style, exploded).
    pub(crate) fn form<B: Serialize + ?Sized>(mut self, body: &B, styles: Styles) -> Self {
        match serde_json::to_value(body)
            .map_err(|e| format!("cannot be encoded: {e}"))
            .and_then(form::members)
        {
            Ok(members) => self.body = Some(Body::form(members, styles)),
            Err(reason) => self.reject("body", reason),
        }
        self
    }

    /// An optional form body.
    pub(crate) fn form_opt<B: Serialize + ?Sized>(self, body: Option<&B>, styles: Styles) -> Self {
        match body {
            Some(b) => self.form(b, styles),
            None => self,
        }
    }

    /// A body sent as it is, with its content type.
    pub(crate) fn raw<B: AsRef<[u8]> + ?Sized>(mut self, content_type: &str, body: &B) -> Self {
        self.body = Some(Body {
            content_type: content_type.to_string(),
            bytes: body.as_ref().to_vec(),
            form: None,
        });
        self
    }

    /// An optional raw body.
    pub(crate) fn raw_opt<B: AsRef<[u8]> + ?Sized>(
        self,
        content_type: &str,
        body: Option<&B>,
    ) -> Self {
        match body {
            Some(b) => self.raw(content_type, b),
            None => self,
        }
    }

    /// The security requirement: alternatives of scheme names.
    pub(crate) fn auth(mut self, security: &'static [&'static [&'static str]]) -> Self {
        self.security = security;
        self
    }

    /// Sends a header the spec does not name, or replaces the value this call would send
    /// under `name` (a parameter's, a client default, a credential). Calling it again with
    /// the same name adds another value. `value` is encoded as parameters are: a string as
    /// it is, a number or boolean printed, a list comma-separated, `None` sends nothing.
    ///
    /// An invalid header name, or a value with a line break or another control character,
    /// makes the call fail with `InvalidArgument` before anything is sent.
    pub fn header(mut self, name: &str, value: impl Serialize) -> Self {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            self.reject(name, "is not a valid header name");
            return self;
        };
        let text = match serde_json::to_value(value) {
            Ok(v) => to_text(&v),
            Err(e) => {
                self.reject(name, format!("cannot be encoded: {e}"));
                return self;
            }
        };
        let Some(text) = text else { return self };
        match HeaderValue::from_str(&text) {
            Ok(value) => {
                self.extra_headers.push((header, value));
            }
            Err(_) => self.reject(
                name,
                "is not a valid header value (line breaks or control characters)",
            ),
        }
        self
    }

    /// Sends a query parameter the spec does not name, or replaces every value this call
    /// would send under `name`. `value` is encoded as the spec's query parameters are
    /// (`form` style, exploded): a list repeats the name, an object sends its members,
    /// `None` sends nothing (and still removes the call's own values of `name`).
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => {
                self.query.retain(|(n, _)| n != name);
                query_pairs(name, &v, &mut self.query);
            }
            Err(e) => self.reject(name, format!("cannot be encoded: {e}")),
        }
        self
    }

    /// Sets a top-level field of the JSON body, added or replacing the body's own (a call
    /// without a body gets a JSON object holding only such fields). The body's other fields
    /// are sent as they were, in the order of their names. In a form body
    /// (`application/x-www-form-urlencoded`) the field is encoded in the style the spec
    /// gives it, a new one in `form` style, exploded (a nested value in brackets).
    ///
    /// A body that is not a JSON object or a form (multipart, bytes, text, a JSON list)
    /// makes the call fail with `InvalidArgument` before anything is sent.
    pub fn body_field(mut self, name: &str, value: impl Serialize) -> Self {
        let value = match serde_json::to_value(value) {
            Ok(v) => v,
            Err(e) => {
                self.reject(name, format!("cannot be encoded: {e}"));
                return self;
            }
        };
        if let Some(Body {
            form: Some((members, styles)),
            ..
        }) = &mut self.body
        {
            members.insert(name.to_string(), value);
            let styles = *styles;
            let members = std::mem::take(members);
            self.body = Some(Body::form(members, styles));
            return self;
        }
        let mut object = match self.body.take() {
            None => serde_json::Map::new(),
            Some(body) if body.is_json() => match serde_json::from_slice(&body.bytes) {
                Ok(Value::Object(object)) => object,
                _ => {
                    self.body = Some(body);
                    self.reject(name, "is a body field, but the body is not a JSON object");
                    return self;
                }
            },
            Some(body) => {
                let reason = format!(
                    "is a body field, but the body is {}, not a JSON object",
                    body.content_type
                );
                self.body = Some(body);
                self.reject(name, reason);
                return self;
            }
        };
        object.insert(name.to_string(), value);
        // A map of JSON values always serializes.
        let bytes = serde_json::to_vec(&object).unwrap_or_default();
        self.body = Some(Body::json(bytes));
        self
    }

    /// Sets this call's timeout per attempt (the client's default is 60 seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the time this whole call may take, retries and waits included (instead of the
    /// client's [`deadline`](crate::ClientBuilder::deadline)).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sets how many times this call is retried after a retryable failure (the client's
    /// default is 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Sends the call and returns the result.
    pub async fn send(self) -> Result<T, Error> {
        self.send_full().await.map(|r| r.result)
    }

    /// Sends the call and returns the whole response: status, headers, result, messages,
    /// and `result_info`.
    pub async fn send_full(mut self) -> Result<Response<T>, Error> {
        self.execute().await
    }

    /// How the operation pages through its results, when it does.
    pub(crate) fn paging(mut self, paging: super::paging::Paging) -> Self {
        self.paging = Some(paging);
        self
    }

    pub(crate) fn paging_mode(&self) -> Option<super::paging::Paging> {
        self.paging
    }

    /// The value of query parameter `name`, if the call sets it.
    pub(crate) fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Replaces every value of query parameter `name`.
    pub(crate) fn set_query(&mut self, name: &str, value: String) {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_string(), value));
    }
}

impl Body {
    fn json(bytes: Vec<u8>) -> Self {
        Body {
            content_type: "application/json".to_string(),
            bytes,
            form: None,
        }
    }

    fn form(members: serde_json::Map<String, Value>, styles: Styles) -> Self {
        Body {
            content_type: form::CONTENT_TYPE.to_string(),
            bytes: form::encode(&members, styles),
            form: Some((members, styles)),
        }
    }

    /// `application/json`, or a `+json` type, with or without parameters.
    fn is_json(&self) -> bool {
        let essence = self.content_type.split(';').next().unwrap_or("").trim();
        essence.eq_ignore_ascii_case("application/json")
            || essence.to_ascii_lowercase().ends_with("+json")
    }
}

impl<'a, T: Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
