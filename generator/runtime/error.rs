//! The one error type of the client, and what a caller can ask of it.

use std::fmt;
use std::time::Duration;

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
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The envelope's `errors` (empty when the body was not an envelope).
    pub errors: Vec<ResponseInfo>,
    /// The envelope's `messages`.
    pub messages: Vec<ResponseInfo>,
    /// The `cf-ray` header, which Cloudflare support asks for.
    pub ray_id: Option<String>,
    /// The body's `Content-Type`.
    pub content_type: Option<String>,
    /// How long the server asked to wait (`Retry-After`), if it did.
    pub retry_after: Option<Duration>,
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
        if let Some(ray) = &self.ray_id {
            write!(f, " [cf-ray {ray}]")?;
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
        source: serde_json::Error,
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
    /// The attempt timed out (connecting, or waiting for the whole body).
    #[error("the request timed out")]
    Timeout(#[source] Option<reqwest::Error>),
    /// The connection failed.
    #[error("the connection failed: {0}")]
    Transport(#[source] reqwest::Error),
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
