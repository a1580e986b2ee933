//! Credentials: secrets kept out of `Debug`, checked before use, sent as each operation's
//! security requirement asks.

use std::fmt;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use super::error::Error;

/// How a security scheme sends its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    /// In the named header.
    Header(&'static str),
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <value>`.
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
    #[allow(dead_code)]
    pub(crate) const fn header(name: &'static str, header: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Header(header),
        }
    }

    /// A bearer-token scheme.
    #[allow(dead_code)]
    pub(crate) const fn bearer(name: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Bearer,
        }
    }

    /// A basic-auth scheme.
    #[allow(dead_code)]
    pub(crate) const fn basic(name: &'static str) -> Self {
        Scheme {
            name,
            kind: SchemeKind::Basic,
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

impl Credentials {
    /// No credentials: only operations that need none can be called.
    pub fn none() -> Self {
        Self::default()
    }

    pub(crate) fn empty() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the value of one scheme.
    #[allow(dead_code)]
    pub(crate) fn with(mut self, scheme: Scheme, value: impl Into<String>) -> Self {
        self.entries.retain(|(s, _)| s.name != scheme.name);
        self.entries.push((scheme, Secret(value.into())));
        self
    }

    /// Credentials from environment variables (`vars`: each scheme and its variable). Every
    /// variable that is set and not empty is used; at least one whole set of `sets` (the
    /// API's security requirements) must be there, or the error names what to set.
    #[allow(dead_code)]
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
        let has = |name: &str| credentials.entries.iter().any(|(s, _)| s.name == name);
        if !sets.iter().any(|set| set.iter().all(|name| has(name))) {
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

    /// Rejects values that cannot be sent in a header (line breaks, other control
    /// characters) without ever echoing the value.
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

    /// Adds the headers of the first alternative these credentials satisfy. `alternatives`
    /// empty means the operation needs no credentials; an empty alternative needs none either.
    pub(crate) fn apply(
        &self,
        operation: &'static str,
        alternatives: &[&[&str]],
        headers: &mut HeaderMap,
    ) -> Result<(), Error> {
        if alternatives.is_empty() || alternatives.iter().any(|a| a.is_empty()) {
            return Ok(());
        }
        let find = |name: &str| self.entries.iter().find(|(s, _)| s.name == name);
        let Some(chosen) = alternatives
            .iter()
            .find(|alt| alt.iter().all(|n| find(n).is_some()))
        else {
            let needed: Vec<String> = alternatives.iter().map(|alt| alt.join(" + ")).collect();
            return Err(Error::MissingCredentials {
                operation,
                needed: needed.join(", or "),
            });
        };
        for name in chosen.iter() {
            let Some((scheme, secret)) = find(name) else {
                continue;
            };
            let (header, value) = match scheme.kind {
                SchemeKind::Header(h) => (HeaderName::from_static_lower(h)?, secret.0.clone()),
                SchemeKind::Bearer => (AUTHORIZATION, format!("Bearer {}", secret.0)),
                SchemeKind::Basic => (AUTHORIZATION, format!("Basic {}", secret.0)),
            };
            let mut value = HeaderValue::from_str(&value).map_err(|_| {
                Error::Config(format!(
                    "the credential for `{}` is not a valid header value; it was not sent",
                    scheme.name
                ))
            })?;
            value.set_sensitive(true);
            headers.insert(header, value);
        }
        Ok(())
    }
}

/// Header names from the spec, which may use any case.
trait FromStaticLower: Sized {
    fn from_static_lower(name: &str) -> Result<Self, Error>;
}

impl FromStaticLower for HeaderName {
    fn from_static_lower(name: &str) -> Result<Self, Error> {
        HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))
    }
}
