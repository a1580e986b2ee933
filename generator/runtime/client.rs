//! The client: one connection pool, the credentials, and the defaults every call starts from.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::auth::Credentials;
use super::error::Error;

/// A client of the API. Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
///
/// let client = __CRATE__::Client::builder()
///     .credentials(__CRATE__::Credentials::none())
///     .timeout(Duration::from_secs(30))
///     .max_retries(3)
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    settings: Arc<Settings>,
}

/// What every call of a client starts from.
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) credentials: Credentials,
    pub(crate) max_retries: u32,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry_base_delay: Duration,
    pub(crate) retry_max_delay: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) max_body_size: usize,
    pub(crate) default_headers: HeaderMap,
    pub(crate) deadline: Option<Duration>,
}

impl Settings {
    /// How long to wait before retry number `attempt` (1 for the first retry): the server's
    /// `Retry-After` when it gave one (none past `max_retry_after`: the error is returned),
    /// else `base × 2^(attempt-1)`, capped, minus up to a quarter at random (jitter).
    pub(crate) fn retry_delay(
        &self,
        attempt: u32,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let exponential = self
            .retry_base_delay
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16));
        let capped = exponential.min(self.retry_max_delay);
        Some(capped.mul_f64(1.0 - 0.25 * jitter()))
    }
}

/// A number in [0, 1) that differs from call to call.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.settings.base_url)
            .field("credentials", &self.settings.credentials)
            .field("max_retries", &self.settings.max_retries)
            .field("timeout", &self.settings.timeout)
            .field("connect_timeout", &self.settings.connect_timeout)
            .field("deadline", &self.settings.deadline)
            .field(
                "default_headers",
                &self.settings.default_headers.keys().collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults: the API's first server, no credentials, 60 s per
    /// attempt, 5 s to connect, 2 retries.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.settings.base_url
    }

    /// The time one attempt may take, unless a call sets its own.
    pub fn timeout(&self) -> Duration {
        self.settings.timeout
    }

    /// The time connecting may take.
    pub fn connect_timeout(&self) -> Duration {
        self.settings.connect_timeout
    }

    /// How many times a retryable failure is retried, unless a call sets its own number.
    pub fn max_retries(&self) -> u32 {
        self.settings.max_retries
    }

    /// The time a whole call may take, retries and waits included, unless a call sets its
    /// own (none by default).
    pub fn deadline(&self) -> Option<Duration> {
        self.settings.deadline
    }

    /// The headers every request carries (set with [`ClientBuilder::default_header`]).
    pub fn default_headers(&self) -> &HeaderMap {
        &self.settings.default_headers
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }
}

/// Configures and builds a [`Client`].
///
/// Its `Debug` output shows every setting but no credential value.
#[derive(Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    credentials: Credentials,
    timeout: Duration,
    connect_timeout: Duration,
    max_retries: u32,
    retry_base_delay: Duration,
    retry_max_delay: Duration,
    max_retry_after: Duration,
    max_body_size: usize,
    user_agent: String,
    default_headers: Vec<(String, String)>,
    deadline: Option<Duration>,
    root_certificates: Vec<Vec<u8>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A base URL with a password is rejected by `build`, but must not be printed before.
        let base_url = self.base_url.as_deref().map(|u| {
            if u.contains('@') {
                "<redacted: holds user information>"
            } else {
                u
            }
        });
        f.debug_struct("ClientBuilder")
            .field("base_url", &base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("retry_max_delay", &self.retry_max_delay)
            .field("max_retry_after", &self.max_retry_after)
            .field("max_body_size", &self.max_body_size)
            .field("user_agent", &self.user_agent)
            // Names only: a default header may carry a secret of its own.
            .field(
                "default_headers",
                &self
                    .default_headers
                    .iter()
                    .map(|(n, _)| n)
                    .collect::<Vec<_>>(),
            )
            .field("deadline", &self.deadline)
            .field("tls", &super::tls::BACKEND)
            .field("root_certificates", &self.root_certificates.len())
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: None,
            credentials: Credentials::none(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(5),
            max_retries: 2,
            retry_base_delay: Duration::from_millis(500),
            retry_max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            max_body_size: 64 * 1024 * 1024,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_string(),
            default_headers: Vec::new(),
            deadline: None,
            root_certificates: Vec::new(),
        }
    }
}

impl ClientBuilder {
    /// Where requests go (default: [`DEFAULT_BASE_URL`](crate::DEFAULT_BASE_URL)). Plain
    /// `http://` is accepted only when set here, for local testing.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The credentials calls are authorized with.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// The time one attempt may take, body included (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time connecting may take (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a retryable failure is retried (default 2).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first retry's delay and the cap of the exponential backoff (default 0.5 s, 8 s).
    pub fn retry_delays(mut self, base: Duration, max: Duration) -> Self {
        self.retry_base_delay = base;
        self.retry_max_delay = max;
        self
    }

    /// The longest `Retry-After` the client waits for; a longer one returns the error
    /// (default 60 s).
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The largest response body read, in bytes (default 64 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// The time a whole call may take, every attempt and every wait between them included
    /// (default: none, only the per-attempt [`timeout`](Self::timeout)). No attempt and no
    /// backoff runs past it: the call ends with the last error, or a `Timeout`.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// A header every request carries (added to those set before; a call's own header of
    /// the same name, or a parameter's, replaces it). Checked by [`build`](Self::build): an
    /// invalid name or a value with a line break is a `Config` error.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Trusts the certificates of `pem` (one or more PEM `CERTIFICATE` blocks) as roots,
    /// beside the platform's own: for a TLS-intercepting proxy or a local test server.
    /// Checked by [`build`](Self::build): text with no certificate is a `Config` error.
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// The `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// The base URL must be `https://` (or `http://`, for local testing) with no user name,
    /// password, query or fragment; credentials must hold no line breaks.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self
            .base_url
            .unwrap_or_else(|| crate::DEFAULT_BASE_URL.to_string());
        check_base_url(&base_url)?;
        self.credentials.validate()?;
        let default_headers = default_headers(&self.default_headers)?;
        let http = reqwest::Client::builder()
            .user_agent(self.user_agent)
            .connect_timeout(self.connect_timeout)
            // A redirect would resend an API-key header (reqwest only strips `Authorization`
            // and cookies) to wherever the `Location` points, perhaps over plain http: a 3xx
            // is returned as an error instead, with its headers.
            .redirect(reqwest::redirect::Policy::none());
        // TLS from the provider this crate was built with, for this client only.
        let http = super::tls::configure(http, &self.root_certificates)?
            .build()
            .map_err(|e| Error::Config(format!("cannot start the HTTP client: {e}")))?;
        Ok(Client {
            settings: Arc::new(Settings {
                http,
                base_url: base_url.trim_end_matches('/').to_string(),
                credentials: self.credentials,
                max_retries: self.max_retries,
                timeout: self.timeout,
                connect_timeout: self.connect_timeout,
                retry_base_delay: self.retry_base_delay,
                retry_max_delay: self.retry_max_delay,
                max_retry_after: self.max_retry_after,
                max_body_size: self.max_body_size,
                default_headers,
                deadline: self.deadline,
            }),
        })
    }
}

/// The builder's default headers, checked; the error names the header, never its value.
fn default_headers(headers: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::Config(format!(
                "the default header name {name:?} is not a valid header name"
            ))
        })?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::Config(format!(
                "the default header `{name}` has a line break or another character a header value cannot hold"
            ))
        })?;
        map.append(header, value);
    }
    Ok(map)
}

/// Rejects base URLs the client cannot use safely. The URL is not echoed when it holds a
/// password (`https://user:secret@host`), which would leak into error messages and logs.
fn check_base_url(base_url: &str) -> Result<(), Error> {
    let parsed = reqwest::Url::parse(base_url)
        .map_err(|e| Error::Config(format!("the base URL is not a URL: {e}")))?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::Config(
            "the base URL must not hold a user name or password: use `Credentials`".into(),
        ));
    }
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(Error::Config(format!(
            "the base URL {base_url:?} must use https (or http, for local testing)"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || parsed.cannot_be_a_base() {
        return Err(Error::Config(format!(
            "the base URL {base_url:?} must not have a query or a fragment"
        )));
    }
    Ok(())
}
