//! Credentials: secrets kept out of `Debug`, checked before use, and sent as each
//! operation's security requirement asks (or, where the API's policy says so, as configured).

use std::fmt;

use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, HeaderValue};

use super::error::Error;

/// How a security scheme sends its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    /// In the named header.
    Header(&'static str),
    /// In the named query parameter.
    Query(&'static str),
    /// In the named cookie.
    Cookie(&'static str),
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
}

/// A security scheme the API declares (generated in `auth.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    pub(crate) name: &'static str,
    pub(crate) kind: SchemeKind,
}

impl Scheme {
    /// A scheme sent in `header`.
    pub(crate) const fn header(name: &'static str, header: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Header(header),
        }
    }

    /// A scheme sent in the query parameter `param`.
    pub(crate) const fn query(name: &'static str, param: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Query(param),
        }
    }

    /// A scheme sent in the cookie `cookie`.
    pub(crate) const fn cookie(name: &'static str, cookie: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Cookie(cookie),
        }
    }

    /// A bearer-token scheme.
    pub(crate) const fn bearer(name: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Bearer,
        }
    }

    /// A basic-auth scheme.
    pub(crate) const fn basic(name: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Basic,
        }
    }
}

/// What a call sends when the configured credentials do not satisfy the operation's
/// declared security requirement (generated in `auth.rs` as `POLICY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Send the configured credentials anyway and let the server decide (for an API whose
    /// spec under-declares what it accepts); else refuse with `MissingCredentials`.
    pub(crate) send_unmet: bool,
    /// The API's credential sets (one per `Credentials` constructor): when the requirement
    /// is not met, the first set the credentials hold is sent, bearer tokens first.
    pub(crate) sets: &'static [&'static [&'static str]],
}

impl Policy {
    /// Refuse locally what the spec's requirement does not accept.
    pub(crate) const fn strict() -> Self {
        Policy {
            send_unmet: false,
            sets: &[],
        }
    }

    /// Send the configured credentials when the requirement is not met.
    pub(crate) const fn send_configured(sets: &'static [&'static [&'static str]]) -> Self {
        Policy {
            send_unmet: true,
            sets,
        }
    }
}

/// A secret value: never printed, compared, or logged.
#[derive(Clone)]
pub(crate) struct Secret(String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Credentials for the API's security schemes.
///
/// Make them with the constructors named after the API's security requirements (such as
/// `Credentials::api_token`). Their `Debug` output names the schemes and never shows a value.
#[derive(Clone, Default)]
pub struct Credentials {
    entries: Vec<(Scheme, Secret)>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (scheme, secret) in &self.entries {
            map.entry(&scheme.name, secret);
        }
        map.finish()
    }
}

/// The credentials chosen for one call.
pub(crate) struct Choice<'c> {
    entries: Vec<&'c (Scheme, Secret)>,
    /// Whether they satisfy the operation's requirement.
    met: bool,
}

/// What a call sends for its credentials.
#[derive(Debug, Default)]
pub(crate) struct Sent {
    /// Headers (`Authorization`, API-key headers, `Cookie`), values marked sensitive.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// Query parameters (API keys sent in the query).
    pub(crate) query: Vec<(&'static str, String)>,
    /// The schemes sent.
    pub(crate) schemes: Vec<&'static str>,
    /// Whether they satisfy the operation's requirement (else they were sent by policy).
    pub(crate) met: bool,
}

impl Credentials {
    /// No credentials: only operations that need none can be called.
    pub fn none() -> Self {
        Self::default()
    }

    pub(crate) fn empty() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the value of one scheme.
    pub(crate) fn with(mut self, scheme: Scheme, value: impl Into<String>) -> Self {
        self.entries.retain(|(s, _)| s.name != scheme.name);
        self.entries.push((scheme, Secret(value.into())));
        self
    }

    /// Adds (or replaces) a basic-auth scheme's user name and password.
    pub(crate) fn with_basic(
        self,
        scheme: Scheme,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let (user, password) = (user.into(), password.into());
        self.with(scheme, format!("{user}:{password}"))
    }

    /// Credentials from environment variables (`vars`: each scheme and its variable; a
    /// basic-auth variable holds `user:password`). Every variable that is set and not empty
    /// is used; at least one whole set of `sets` (the API's security requirements) must be
    /// there, or the error names what to set.
    pub(crate) fn from_env_vars(
        vars: &[(Scheme, &'static str)],
        sets: &[&[&'static str]],
    ) -> Result<Self, Error> {
        let mut credentials = Credentials::empty();
        for (scheme, var) in vars {
            match std::env::var(var) {
                Ok(value) if !value.is_empty() => credentials = credentials.with(*scheme, value),
                Ok(_) | Err(std::env::VarError::NotPresent) => {}
                // A lossy copy would be a wrong credential: say so, without the value.
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(Error::Config(format!(
                        "the environment variable {var} is not valid UTF-8"
                    )));
                }
            }
        }
        if !sets.iter().any(|set| credentials.holds(set)) {
            let var_of = |name: &'static str| {
                vars.iter()
                    .find(|(s, _)| s.name == name)
                    .map_or(name, |(_, v)| *v)
            };
            let wanted: Vec<String> = sets
                .iter()
                .map(|set| {
                    set.iter()
                        .map(|n| var_of(n))
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect();
            return Err(Error::Config(format!(
                "no credentials in the environment: set {}",
                wanted.join(", or ")
            )));
        }
        credentials.validate()?;
        Ok(credentials)
    }

    /// Whether no scheme has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The names of the schemes that have a value.
    pub fn schemes(&self) -> Vec<&'static str> {
        self.entries.iter().map(|(s, _)| s.name).collect()
    }

    fn find(&self, name: &str) -> Option<&(Scheme, Secret)> {
        self.entries.iter().find(|(s, _)| s.name == name)
    }

    /// Whether every scheme of `set` has a value.
    fn holds(&self, set: &[&str]) -> bool {
        set.iter().all(|n| self.find(n).is_some())
    }

    /// Rejects values that cannot be sent (empty, line breaks, other control characters)
    /// without ever echoing the value.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        for (scheme, secret) in &self.entries {
            if secret.0.is_empty() {
                return Err(Error::Config(format!(
                    "the credential for `{}` is empty",
                    scheme.name
                )));
            }
            if secret.0.chars().any(|c| c.is_control()) {
                return Err(Error::Config(format!(
                    "the credential for `{}` contains a line break or another control character; it was not used",
                    scheme.name
                )));
            }
        }
        Ok(())
    }

    /// The schemes to send for an operation whose requirement is `alternatives` (empty, or
    /// an empty alternative: none needed). The first alternative these credentials satisfy
    /// is sent as it is. When none is satisfied, a strict `policy` refuses; otherwise the
    /// first of the API's credential sets these credentials hold is sent (bearer tokens
    /// first), or, if none is whole, everything configured. No credentials at all for an
    /// operation that needs some is always `MissingCredentials`.
    pub(crate) fn choose(
        &self,
        operation: &'static str,
        alternatives: &[&[&str]],
        policy: &Policy,
    ) -> Result<Choice<'_>, Error> {
        let choice = |entries, met| Ok(Choice { entries, met });
        if alternatives.is_empty() || alternatives.iter().any(|a| a.is_empty()) {
            return choice(Vec::new(), true);
        }
        let pick = |set: &[&str]| set.iter().filter_map(|n| self.find(n)).collect::<Vec<_>>();
        if let Some(met) = alternatives.iter().find(|alt| self.holds(alt)) {
            return choice(pick(met), true);
        }
        if !policy.send_unmet || self.is_empty() {
            return Err(Error::MissingCredentials {
                operation,
                needed: describe(alternatives),
            });
        }
        let bearer_only = |set: &&&[&str]| {
            set.iter().all(|n| {
                self.find(n)
                    .is_some_and(|(s, _)| s.kind == SchemeKind::Bearer)
            })
        };
        let whole = |set: &&&[&str]| self.holds(set);
        let set = policy
            .sets
            .iter()
            .filter(whole)
            .find(bearer_only)
            .or_else(|| policy.sets.iter().find(whole));
        match set {
            Some(set) => choice(pick(set), false),
            None => choice(self.entries.iter().collect(), false),
        }
    }

    /// What to send for the operation (see [`Credentials::choose`]), as headers and query
    /// parameters.
    pub(crate) fn apply(
        &self,
        operation: &'static str,
        alternatives: &[&[&str]],
        policy: &Policy,
    ) -> Result<Sent, Error> {
        let choice = self.choose(operation, alternatives, policy)?;
        let mut sent = Sent {
            met: choice.met,
            ..Sent::default()
        };
        let mut cookies = Vec::new();
        for (scheme, secret) in choice.entries {
            sent.schemes.push(scheme.name);
            let (header, value) = match scheme.kind {
                SchemeKind::Header(h) => (header_name(h)?, secret.0.clone()),
                SchemeKind::Bearer => (AUTHORIZATION, format!("Bearer {}", secret.0)),
                SchemeKind::Basic => (AUTHORIZATION, format!("Basic {}", base64(&secret.0))),
                SchemeKind::Query(param) => {
                    sent.query.push((param, secret.0.clone()));
                    continue;
                }
                SchemeKind::Cookie(name) => {
                    cookies.push(format!("{name}={}", secret.0));
                    continue;
                }
            };
            sent.headers.push((header, sensitive(scheme, &value)?));
        }
        if !cookies.is_empty() {
            let value = cookies.join("; ");
            let value = HeaderValue::from_str(&value).map_err(|_| {
                Error::Config(
                    "a cookie credential is not a valid header value; it was not sent".into(),
                )
            })?;
            sent.headers.push((COOKIE, mark_sensitive(value)));
        }
        Ok(sent)
    }
}

/// `api_email + api_key, or api_token`.
pub(crate) fn describe(alternatives: &[&[&str]]) -> String {
    let words: Vec<String> = alternatives.iter().map(|alt| alt.join(" + ")).collect();
    words.join(", or ")
}

fn sensitive(scheme: &Scheme, value: &str) -> Result<HeaderValue, Error> {
    let value = HeaderValue::from_str(value).map_err(|_| {
        Error::Config(format!(
            "the credential for `{}` is not a valid header value; it was not sent",
            scheme.name
        ))
    })?;
    Ok(mark_sensitive(value))
}

fn mark_sensitive(mut value: HeaderValue) -> HeaderValue {
    value.set_sensitive(true);
    value
}

/// Header names from the spec, which may use any case.
fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))
}

/// Standard base64 with padding (RFC 4648), for basic auth.
pub(crate) fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
