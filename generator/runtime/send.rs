//! Sending a call: the URL and headers, one attempt after another (retries, backoff,
//! `Retry-After`), each within its timeout and all within the call's deadline.

use std::time::{Duration, Instant};

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};

use super::call::{Call, Response};
use super::decode::RawResponse;
use super::encode::query_pairs;
use super::error::{Error, TransportError};
use super::stream::BodyStream;

/// What one attempt received.
pub(crate) enum Received {
    /// The whole response, body included.
    Whole(RawResponse),
    /// A success whose body is still to be read (a streamed call).
    Head(reqwest::Response),
}

/// When the call must be over, if it has a deadline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline(Option<Instant>);

impl Deadline {
    pub(crate) fn after(limit: Option<Duration>) -> Self {
        Deadline(limit.map(|d| Instant::now() + d))
    }

    /// `wanted`, shortened to what is left before the deadline; `None` once it has passed.
    pub(crate) fn bound(&self, wanted: Duration) -> Option<Duration> {
        match self.0 {
            None => Some(wanted),
            Some(at) => {
                let left = at.saturating_duration_since(Instant::now());
                (!left.is_zero()).then(|| wanted.min(left))
            }
        }
    }

    /// Whether a wait of `delay` would end past the deadline.
    fn passed_by(&self, delay: Duration) -> bool {
        self.0.is_some_and(|at| Instant::now() + delay >= at)
    }
}

impl<T> Call<'_, T> {
    /// Sends the call as it is now and decodes the result; an argument error is returned
    /// once.
    pub(crate) async fn execute(&mut self) -> Result<Response<T>, Error> {
        let raw = match self.run(false).await? {
            Received::Whole(raw) => raw,
            // Only a streamed call stops at the head.
            Received::Head(response) => {
                read_whole(response, self.client.settings().max_body_size).await?
            }
        };
        let decoded = (self.decode)(&raw)?;
        Ok(Response {
            status: raw.status,
            headers: raw.headers,
            result: decoded.value,
            messages: decoded.messages,
            result_info: decoded.result_info,
        })
    }

    /// Sends the call and returns the response body as it arrives, undecoded: for binary,
    /// text, CSV and ndjson responses too large (or too slow) to hold whole. Retries happen
    /// as for awaiting, until a success status arrives; an error status is an `Error` as
    /// usual. Each read of the body may take the call's timeout, and all of it must be in
    /// before the deadline, if one is set; the body-size limit does not apply.
    ///
    /// ```no_run
    /// # async fn run(call: __CRATE__::Call<'_, Vec<u8>>) -> Result<(), __CRATE__::Error> {
    /// let mut body = call.stream().await?;
    /// while let Some(chunk) = body.next().await {
    ///     let chunk: Vec<u8> = chunk?;
    ///     # let _ = chunk;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn stream(mut self) -> Result<BodyStream, Error> {
        let settings = self.client.settings();
        let read_timeout = self.timeout.unwrap_or(settings.timeout);
        let deadline = Deadline::after(self.deadline.or(settings.deadline));
        match self.run_within(true, deadline).await? {
            Received::Head(response) => Ok(BodyStream::new(
                response,
                read_timeout,
                deadline,
                settings.max_body_size,
            )),
            Received::Whole(raw) => Ok(BodyStream::whole(raw, settings.max_body_size)),
        }
    }

    async fn run(&mut self, stream: bool) -> Result<Received, Error> {
        let settings = self.client.settings();
        let deadline = Deadline::after(self.deadline.or(settings.deadline));
        self.run_within(stream, deadline).await
    }

    /// Attempts until a success, an error that is not retried, the last retry, or the
    /// deadline.
    async fn run_within(&mut self, stream: bool, deadline: Deadline) -> Result<Received, Error> {
        if let Some(e) = self.invalid.take() {
            return Err(e);
        }
        let (url, headers) = self.request_parts()?;
        let settings = self.client.settings();
        let max_retries = self.max_retries.unwrap_or(settings.max_retries);
        let timeout = self.timeout.unwrap_or(settings.timeout);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let Some(timeout) = deadline.bound(timeout) else {
                return Err(Error::Timeout(None));
            };
            let error = match self.attempt(&url, &headers, timeout, attempt, stream).await {
                Ok(Received::Whole(raw)) if !(200..300).contains(&raw.status) => {
                    with_retry_after(raw.api_error(), &raw.headers)
                }
                Ok(received) => return Ok(received),
                Err(e) => e,
            };
            if attempt > max_retries || !error.is_retryable() {
                return Err(error);
            }
            let retry_after = error.api_error().and_then(|e| e.retry_after);
            match settings.retry_delay(attempt, retry_after) {
                Some(delay) if !deadline.passed_by(delay) => tokio::time::sleep(delay).await,
                _ => return Err(error),
            }
        }
    }

    /// The URL (base URL, the template with its segments, the query, credentials sent in
    /// the query) and the headers.
    pub(crate) fn request_parts(&self) -> Result<(Url, HeaderMap), Error> {
        let settings = self.client.settings();
        let sent =
            settings
                .credentials
                .apply(self.operation, self.security, &crate::auth::POLICY)?;
        if !sent.met {
            super::trace::unmet_requirement(self.operation, self.security, &sent.schemes);
        }
        let mut url = self.url()?;
        let mut query = self.query.clone();
        for (name, value) in &sent.query {
            query.retain(|(n, _)| n != name);
            query_pairs(name, &serde_json::Value::String(value.clone()), &mut query);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(&query);
        }
        let mut headers = settings.default_headers.clone();
        layer(&mut headers, sent.headers);
        let mut params = Vec::with_capacity(self.headers.len());
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
            params.push((header, value));
        }
        layer(&mut headers, params);
        if let Some(body) = &self.body {
            let value = HeaderValue::from_str(&body.content_type)
                .map_err(|_| Error::Config(format!("bad content type {:?}", body.content_type)))?;
            headers.insert(CONTENT_TYPE, value);
        }
        layer(&mut headers, self.extra_headers.iter().cloned());
        Ok((url, headers))
    }

    /// The base URL and the template with its segments.
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
        Url::parse(&full).map_err(|e| Error::Config(format!("cannot make a URL of {full:?}: {e}")))
    }

    /// One request within `timeout`: its whole body, or for a streamed call's success only
    /// its head.
    async fn attempt(
        &self,
        url: &Url,
        headers: &HeaderMap,
        timeout: Duration,
        attempt: u32,
        stream: bool,
    ) -> Result<Received, Error> {
        let settings = self.client.settings();
        let mut request = settings
            .http
            .request(self.method.clone(), url.clone())
            .headers(headers.clone());
        if !stream {
            // reqwest's timeout covers the whole body, which a stream reads later.
            request = request.timeout(timeout);
        }
        if let Some(body) = &self.body {
            request = request.body(body.bytes.clone());
        }
        let span = super::trace::request_span(self.operation, &self.method, self.template, attempt);
        let started = Instant::now();
        let work = async {
            let response = request.send().await.map_err(transport)?;
            if stream && response.status().is_success() {
                return Ok(Received::Head(response));
            }
            read_whole(response, settings.max_body_size)
                .await
                .map(Received::Whole)
        };
        // This bound also covers a server that drips bytes below every socket timeout.
        let result = match tokio::time::timeout(timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(Error::Timeout(None)),
        };
        let status = match &result {
            Ok(Received::Whole(raw)) => Ok(raw.status),
            Ok(Received::Head(response)) => Ok(response.status().as_u16()),
            Err(e) => Err(e),
        };
        super::trace::record(&span, status, started.elapsed());
        result
    }
}

/// Puts `over` on top of `base`: each of its names replaces every value `base` has.
fn layer(base: &mut HeaderMap, over: impl IntoIterator<Item = (HeaderName, HeaderValue)>) {
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (name, value) in over {
        if !replaced.contains(&name) {
            base.remove(&name);
            replaced.push(name.clone());
        }
        base.append(name, value);
    }
}

/// The whole body, within the size limit.
pub(crate) async fn read_whole(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<RawResponse, Error> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
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
}

pub(crate) fn transport(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout(Some(TransportError::new(e)))
    } else {
        Error::Transport(TransportError::new(e))
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
