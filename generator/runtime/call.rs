//! One call of one operation: built by a generated method, configured by the caller,
//! sent (with retries) when awaited.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::Serialize;
use serde_json::Value;

use super::client::Client;
use super::decode::{Decoder, RawResponse};
use super::encode::{path_segment, query_pairs, to_text};
use super::error::{Error, ResponseInfo};
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

/// A call of one operation, ready to send.
///
/// Await it for the result, or call [`Call::send_full`] for the whole response; the
/// builder methods change this call's timeout and retries only.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T> {
    client: &'a Client,
    operation: &'static str,
    method: Method,
    template: &'static str,
    segments: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<(String, Vec<u8>)>,
    security: &'static [&'static [&'static str]],
    invalid: Option<Error>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    paging: Option<super::paging::Paging>,
    decode: Decoder<T>,
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
            body: None,
            security: &[],
            invalid: None,
            timeout: None,
            max_retries: None,
            paging: None,
            decode,
        }
    }

    fn reject(&mut self, error: Error) {
        self.invalid.get_or_insert(error);
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
            Err(e) => return self.rejected(name, format!("cannot be encoded: {e}")),
        };
        match path_segment(name, &text, max_length) {
            Ok(segment) => self.segments.push((name, segment)),
            Err(e) => self.reject(e),
        }
        self
    }

    fn rejected(mut self, name: &str, reason: String) -> Self {
        self.reject(Error::InvalidArgument {
            name: name.to_string(),
            reason,
        });
        self
    }

    /// A query parameter (`form` style, exploded): `None` sends nothing, a list repeats the
    /// name, an object sends its members.
    #[allow(dead_code)]
    pub(crate) fn query(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => query_pairs(name, &v, &mut self.query),
            Err(e) => return self.rejected(name, format!("cannot be encoded: {e}")),
        }
        self
    }

    /// A header parameter; `None` sends nothing, a list is comma-separated.
    #[allow(dead_code)]
    pub(crate) fn header(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => self.headers.extend(to_text(&v).map(|t| (name, t))),
            Err(e) => return self.rejected(name, format!("cannot be encoded: {e}")),
        }
        self
    }

    /// A JSON body.
    #[allow(dead_code)]
    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json".to_string(), bytes)),
            Err(e) => self.reject(Error::InvalidArgument {
                name: "body".into(),
                reason: format!("cannot be encoded as JSON: {e}"),
            }),
        }
        self
    }

    /// An optional JSON body.
    #[allow(dead_code)]
    pub(crate) fn json_opt<B: Serialize + ?Sized>(self, body: Option<&B>) -> Self {
        match body {
            Some(b) => self.json(b),
            None => self,
        }
    }

    /// A `multipart/form-data` body: one part per member, file parts for bytes.
    #[allow(dead_code)]
    pub(crate) fn multipart<B: Multipart + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(super::multipart::encode(&body.parts()));
        self
    }

    /// An optional multipart body.
    #[allow(dead_code)]
    pub(crate) fn multipart_opt<B: Multipart + ?Sized>(self, body: Option<&B>) -> Self {
        match body {
            Some(b) => self.multipart(b),
            None => self,
        }
    }

    /// A body sent as it is, with its content type.
    #[allow(dead_code)]
    pub(crate) fn raw<B: AsRef<[u8]> + ?Sized>(mut self, content_type: &str, body: &B) -> Self {
        self.body = Some((content_type.to_string(), body.as_ref().to_vec()));
        self
    }

    /// An optional raw body.
    #[allow(dead_code)]
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

    /// Sets this call's timeout per attempt (the client's default is 60 seconds).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
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

    /// Sends the call as it is now; an argument error is returned once.
    pub(crate) async fn execute(&mut self) -> Result<Response<T>, Error> {
        if let Some(e) = self.invalid.take() {
            return Err(e);
        }
        let url = self.url()?;
        let headers = self.headers()?;
        let settings = self.client.settings();
        let max_retries = self.max_retries.unwrap_or(settings.max_retries);
        let timeout = self.timeout.unwrap_or(settings.timeout);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let outcome = self.attempt(&url, &headers, timeout, attempt).await;
            let error = match outcome {
                Ok(raw) if (200..300).contains(&raw.status) => {
                    let decoded = (self.decode)(&raw)?;
                    return Ok(Response {
                        status: raw.status,
                        headers: raw.headers,
                        result: decoded.value,
                        messages: decoded.messages,
                        result_info: decoded.result_info,
                    });
                }
                Ok(raw) => with_retry_after(raw.api_error(), &raw.headers),
                Err(e) => e,
            };
            if attempt > max_retries || !error.is_retryable() {
                return Err(error);
            }
            let Some(delay) = settings.retry_delay(attempt, retry_after_of(&error)) else {
                return Err(error);
            };
            tokio::time::sleep(delay).await;
        }
    }

    /// The base URL, the template with its segments, and the query.
    fn url(&self) -> Result<Url, Error> {
        let mut path = String::with_capacity(self.template.len() + 32);
        let mut rest = self.template;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            match self.segments.iter().find(|(n, _)| *n == name) {
                Some((_, segment)) => path.push_str(segment),
                None => {
                    return Err(Error::InvalidArgument {
                        name: name.to_string(),
                        reason: "has no value".into(),
                    });
                }
            }
            rest = rest.get(close + 1..).unwrap_or("");
        }
        path.push_str(rest);
        let full = format!("{}{}", self.client.settings().base_url, path);
        let mut url = Url::parse(&full)
            .map_err(|e| Error::Config(format!("cannot make a URL of {full:?}: {e}")))?;
        if !self.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
        }
        Ok(url)
    }

    /// Credentials, header parameters and the body's content type.
    fn headers(&self) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        self.client
            .settings()
            .credentials
            .apply(self.operation, self.security, &mut headers)?;
        for (name, value) in &self.headers {
            let invalid = |reason: &str| Error::InvalidArgument {
                name: name.to_string(),
                reason: reason.to_string(),
            };
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid("is not a valid header name"))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                invalid("is not a valid header value (line breaks or control characters)")
            })?;
            headers.append(header, value);
        }
        if let Some((content_type, _)) = &self.body {
            let value = HeaderValue::from_str(content_type)
                .map_err(|_| Error::Config(format!("bad content type {content_type:?}")))?;
            headers.insert(CONTENT_TYPE, value);
        }
        Ok(headers)
    }

    /// One request and its whole body, within `timeout` and the body size limit.
    async fn attempt(
        &self,
        url: &Url,
        headers: &HeaderMap,
        timeout: Duration,
        attempt: u32,
    ) -> Result<RawResponse, Error> {
        let settings = self.client.settings();
        let mut request = settings
            .http
            .request(self.method.clone(), url.clone())
            .headers(headers.clone())
            .timeout(timeout);
        if let Some((_, bytes)) = &self.body {
            request = request.body(bytes.clone());
        }
        let span =
            super::client::request_span(self.operation, &self.method, self.template, attempt);
        let started = std::time::Instant::now();
        let work = async {
            let mut response = request.send().await.map_err(transport)?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let limit = settings.max_body_size;
            if response.content_length().is_some_and(|n| n > limit as u64) {
                return Err(Error::BodyTooLarge { status, limit });
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(transport)? {
                if body.len() + chunk.len() > limit {
                    return Err(Error::BodyTooLarge { status, limit });
                }
                body.extend_from_slice(&chunk);
            }
            Ok(RawResponse {
                status,
                headers,
                body,
            })
        };
        // reqwest's timeout covers the body too; this bound also covers a server that
        // drips bytes below every socket timeout.
        let result = match tokio::time::timeout(timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(Error::Timeout(None)),
        };
        super::client::record(&span, &result, started.elapsed());
        result
    }
}

fn transport(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout(Some(e))
    } else {
        Error::Transport(e)
    }
}

/// `Retry-After` as seconds or an HTTP date.
fn with_retry_after(mut error: Error, headers: &HeaderMap) -> Error {
    if let Error::Api(api) = &mut error {
        api.retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
    }
    error
}

fn retry_after_of(error: &Error) -> Option<Duration> {
    error.api_error().and_then(|e| e.retry_after)
}

/// `120` or `Wed, 21 Oct 2015 07:28:00 GMT`.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = at.duration_since(jiff::Timestamp::now());
    Some(Duration::try_from(wait).unwrap_or(Duration::ZERO))
}

impl<'a, T: Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
