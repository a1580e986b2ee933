//! The one error type of the client, and what a caller can ask of it.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

/// A code and message from the envelope's `errors` or `messages`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResponseInfo {
    /// The API's code for the condition, such as `7003`.
    #[serde(default)]
    pub code: i64,
    /// What happened, in words.
    #[serde(default)]
    pub message: String,
}

impl fmt::Display for ResponseInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

/// An error response from the API: a non-2xx status, or `success: false`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The envelope's `errors` (empty when the body was not an envelope).
    pub errors: Vec<ResponseInfo>,
    /// The envelope's `messages`.
    pub messages: Vec<ResponseInfo>,
    /// The id the API gave the request, from the header this API names request ids in
    /// (see the crate's README); quote it when asking the API's support about a failure.
    pub request_id: Option<String>,
    /// The body's `Content-Type`.
    pub content_type: Option<String>,
    /// How long the server asked to wait (`Retry-After`), if it did.
    pub retry_after: Option<Duration>,
    /// The response headers (rate-limit headers, `Location` on a 3xx, ...).
    pub headers: HeaderMap,
    /// The raw body, as received.
    pub body: Vec<u8>,
}

impl ApiError {
    /// The body as text (invalid UTF-8 replaced).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        if self.errors.is_empty() {
            let text = self.body_text();
            let short: String = text.chars().take(200).collect();
            if !short.trim().is_empty() {
                write!(f, ": {}", short.trim())?;
            }
        } else {
            let list: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
            write!(f, ": {}", list.join("; "))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// What went wrong, for `match`: see [`Error::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400.
    BadRequest,
    /// 401.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// 422.
    UnprocessableEntity,
    /// 429.
    RateLimited,
    /// 5xx.
    Server,
    /// Another error status, or `success: false` in a 2xx response.
    OtherStatus,
    /// A response body that could not be decoded.
    Decode,
    /// A response body larger than the client's limit.
    BodyTooLarge,
    /// An argument rejected before sending (too long, not a valid header value, ...).
    InvalidArgument,
    /// No credentials the operation accepts.
    MissingCredentials,
    /// The client's configuration (base URL, credentials) is invalid.
    Config,
    /// The attempt (or the connection) took longer than its timeout.
    Timeout,
    /// The connection failed (DNS, TCP, TLS, reset).
    Transport,
}

/// Every failure of a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with an error.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The response body could not be decoded into the expected type.
    #[error("cannot decode the {status} response ({}): {source}; the body starts with: {}", content_type.as_deref().unwrap_or("no content type"), preview(body))]
    Decode {
        /// The HTTP status.
        status: u16,
        /// The body's `Content-Type`.
        content_type: Option<String>,
        /// The raw body, as received.
        body: Vec<u8>,
        /// What did not fit.
        #[source]
        source: DecodeError,
    },
    /// The response body was larger than the limit set with `ClientBuilder::max_body_size`.
    #[error("the {status} response body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The HTTP status.
        status: u16,
        /// The limit.
        limit: usize,
    },
    /// An argument was rejected; nothing was sent.
    #[error("invalid argument `{name}`: {reason}; nothing was sent")]
    InvalidArgument {
        /// The argument (parameter name).
        name: String,
        /// Why.
        reason: String,
    },
    /// The client holds no credentials this operation accepts; nothing was sent.
    #[error("operation `{operation}` needs credentials for {needed}; nothing was sent")]
    MissingCredentials {
        /// The operationId.
        operation: &'static str,
        /// The accepted alternatives, in words.
        needed: String,
    },
    /// The client's configuration is invalid.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// An attempt, a read of a streamed body, or the whole call (its deadline) took longer
    /// than allowed.
    #[error("the request timed out")]
    Timeout(#[source] Option<TransportError>),
    /// The connection failed.
    #[error("the connection failed: {0}")]
    Transport(#[source] TransportError),
}

/// Why a connection or an exchange failed (DNS, TCP, TLS, a reset, a malformed response),
/// as the HTTP library reported it; the library's own error is its
/// [`source`](std::error::Error::source). It names no URL (a URL can hold arguments).
#[derive(Debug)]
pub struct TransportError(reqwest::Error);

impl TransportError {
    pub(crate) fn new(error: reqwest::Error) -> Self {
        TransportError(error.without_url())
    }

    /// Whether connecting failed (no request was sent).
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl TransportError {
    /// The innermost cause, when it is not the library's own message: what the network or
    /// the TLS stack said (`Connection refused`, `received fatal alert: HandshakeFailure`).
    fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let mut deepest: Option<&(dyn std::error::Error + 'static)> = None;
        let mut next = std::error::Error::source(&self.0);
        while let Some(e) = next {
            deepest = Some(e);
            next = e.source();
        }
        deepest
    }

    /// Whether the TLS handshake failed (as opposed to DNS, TCP or the exchange).
    pub fn is_tls(&self) -> bool {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(&self.0);
        while let Some(e) = next {
            if super::tls::is_tls_error(e) {
                return true;
            }
            next = e.source();
        }
        false
    }
}

/// The library's message, then the TLS stack in use when the handshake failed, then the
/// innermost cause (also reachable through `source`, for error reporters that walk it).
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_tls() {
            write!(f, "the TLS handshake failed ({})", super::tls::BACKEND)?;
        } else {
            self.0.fmt(f)?;
        }
        match self.cause() {
            Some(cause) => write!(f, ": {cause}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Why a response body did not decode into the expected type; the JSON library's own error
/// is its [`source`](std::error::Error::source).
#[derive(Debug)]
pub struct DecodeError(serde_json::Error);

impl DecodeError {
    pub(crate) fn new(error: serde_json::Error) -> Self {
        DecodeError(error)
    }

    /// The line of the body where decoding failed (from 1; 0 when not known).
    pub fn line(&self) -> usize {
        self.0.line()
    }

    /// The column of that line (from 1; 0 when not known).
    pub fn column(&self) -> usize {
        self.0.column()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let short: String = text.chars().take(200).collect();
    if short.len() < text.len() {
        format!("{short}...")
    } else {
        short
    }
}

impl Error {
    /// What went wrong, for `match`.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(e) => match e.status {
                400 => ErrorKind::BadRequest,
                401 => ErrorKind::Unauthorized,
                403 => ErrorKind::Forbidden,
                404 => ErrorKind::NotFound,
                409 => ErrorKind::Conflict,
                422 => ErrorKind::UnprocessableEntity,
                429 => ErrorKind::RateLimited,
                500..=599 => ErrorKind::Server,
                _ => ErrorKind::OtherStatus,
            },
            Error::Decode { .. } => ErrorKind::Decode,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Error::MissingCredentials { .. } => ErrorKind::MissingCredentials,
            Error::Config(_) => ErrorKind::Config,
            Error::Timeout(_) => ErrorKind::Timeout,
            Error::Transport(_) => ErrorKind::Transport,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } | Error::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The API's error details, when the API answered with an error.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The raw response body, when one was received.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.body),
            Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Whether trying again may succeed: connection failures, timeouts, 408, 409, 429, 5xx.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) | Error::Timeout(_) => true,
            Error::Api(e) => matches!(e.status, 408 | 409 | 429 | 500..=599),
            _ => false,
        }
    }
}
