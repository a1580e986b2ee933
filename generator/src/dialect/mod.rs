//! Dialects: the rules one API family follows beyond OpenAPI, asked by the general pipeline.
//!
//! The pipeline is plain OpenAPI. What only some APIs do (Cloudflare wraps every response in
//! an envelope, pages lists through `result_info`, writes one security requirement where it
//! means alternatives, ships operation fragments without servers or schemes) is described
//! here as data, and each stage asks its [`Dialect`] instead of assuming it. A plain OpenAPI
//! spec meets none of these rules: [`OPENAPI`] has none of them.
//!
//! The dialect is chosen by [`detect`] (fragment input, or a server of the API's host) or by
//! the user ([`Choice`]). This module sits below every stage: it holds data and pure
//! functions on names and strings, and imports no stage.

pub mod cloudflare;

use std::fmt;
use std::str::FromStr;

/// An API family's rules.
#[derive(Debug)]
pub struct Dialect {
    /// The dialect's name, as `--dialect` takes it.
    pub name: &'static str,
    /// The response envelope the API wraps results in, if it has one.
    pub envelope: Option<Envelope>,
    /// How list operations page, if the API pages in one way the client can follow.
    pub paging: Option<PagingRule>,
    /// How credentials are chosen and sent.
    pub credentials: CredentialRule,
    /// Names that the spec uses as media types but that are none, read as text.
    pub text_media_aliases: &'static [&'static str],
    /// The response header that identifies a request for the API's support, if any.
    pub request_id_header: Option<&'static str>,
    /// Extra crates.io keywords for the generated crate.
    pub keywords: &'static [&'static str],
    /// Host names of the API's servers (detection by `servers`).
    pub hosts: &'static [&'static str],
    /// How a path names its area (a module and a Cargo feature of the generated crate).
    pub areas: AreaRule,
    /// Component names carry a namespace (`dns-records_dns-record`): when every component
    /// of a spec has one, the namespace is the type's module and not part of its name
    /// (`dns_records::DnsRecord`).
    pub component_namespaces: bool,
    /// The dialect's own security schemes by name (what its fragments are given), whose
    /// environment variables a spec's scheme of the same definition takes.
    pub known_scheme: Option<fn(&str) -> Option<&'static openapiv3::SecurityScheme>>,
    /// Component names may carry hash tokens their bundler added to keep names apart
    /// (`account_identifier-CEKIIMjh`): they are dropped from Rust names.
    pub strip_hash_tokens: bool,
    /// An operationId used a second time is a warning, and the later operation is named
    /// after its method and path, instead of an error: the API's published specs repeat
    /// some (Cloudflare's of 2023-06-09 has six), and a client without them is no client.
    pub rename_repeated_operation_ids: bool,
}

/// Which literal segment of a path names its area. Version segments (`v1`, `v2beta1`,
/// `2010-04-01`, `api`) never do, and a file suffix (`Messages.json`) is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaRule {
    /// The first literal segment: `/v1/charges/{id}/refunds` is `charges`.
    FirstSegment,
    /// The first literal segment after a parameter, else the first one: Cloudflare's paths
    /// start with their owner (`/zones/{zone_id}/dns_records` is `dns_records`).
    AfterParameter,
}

/// A response envelope: the object every response of the API is wrapped in.
///
/// Cloudflare's is `{success, errors, messages, result?, result_info?}`; the generated
/// method returns `result`, and the runtime reads the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    /// Properties every envelope has.
    pub required: &'static [&'static str],
    /// The boolean property that tells success from failure.
    pub success: &'static str,
    /// The property that holds the result.
    pub result: &'static str,
    /// The property that holds paging details.
    pub result_info: &'static str,
}

impl Envelope {
    /// Whether an object with these property names is an envelope: it has every required
    /// property, nothing but the required ones, `result` and `result_info`, and its
    /// success property is a boolean (`success_is_bool`).
    pub fn admits<'k>(
        &self,
        names: impl Iterator<Item = &'k str> + Clone,
        success_is_bool: bool,
    ) -> bool {
        let fits = names
            .clone()
            .all(|k| self.required.contains(&k) || k == self.result || k == self.result_info);
        let complete = self.required.iter().all(|r| names.clone().any(|k| k == *r));
        fits && complete && success_is_bool
    }
}

/// How list operations select a page and where the server says what comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagingRule {
    /// Query parameters whose presence makes a list page by cursor, in order of preference.
    pub cursor_params: &'static [&'static str],
}

/// How credentials are chosen and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialRule {
    /// A requirement that lists a bearer token together with other schemes means "the token,
    /// or the others" (Cloudflare writes `{api_email, api_key, api_token}` as one).
    pub bearer_with_others_is_alternatives: bool,
    /// When the configured credentials do not meet an operation's requirement, send them
    /// anyway and let the server decide (instead of refusing before sending): the spec
    /// under-declares what the server accepts.
    pub send_unmet: bool,
}

/// Plain OpenAPI: no rules beyond the specification.
pub static OPENAPI: Dialect = Dialect {
    name: "openapi",
    envelope: None,
    paging: None,
    credentials: CredentialRule {
        bearer_with_others_is_alternatives: false,
        send_unmet: false,
    },
    text_media_aliases: &[],
    // The header most APIs and proxies use.
    request_id_header: Some("x-request-id"),
    keywords: &[],
    hosts: &[],
    areas: AreaRule::FirstSegment,
    component_namespaces: false,
    known_scheme: None,
    strip_hash_tokens: false,
    rename_repeated_operation_ids: false,
};

/// Which dialect to use: chosen by detection, or named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// [`detect`] decides.
    #[default]
    Auto,
    /// Plain OpenAPI.
    OpenApi,
    /// Cloudflare's.
    Cloudflare,
}

impl FromStr for Choice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Choice::Auto),
            "openapi" => Ok(Choice::OpenApi),
            "cloudflare" => Ok(Choice::Cloudflare),
            other => Err(format!(
                "unknown dialect `{other}`; expected auto, openapi or cloudflare"
            )),
        }
    }
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Choice::Auto => "auto",
            Choice::OpenApi => "openapi",
            Choice::Cloudflare => "cloudflare",
        })
    }
}

/// Every dialect but plain OpenAPI, for detection.
const KNOWN: [&Dialect; 1] = [&cloudflare::CLOUDFLARE];

/// The dialect for a spec: the one named, else Cloudflare's for operation fragments (they
/// are Cloudflare's format) or for a document with a server on a Cloudflare host, else
/// plain OpenAPI.
pub fn detect(choice: Choice, fragments: bool, server_urls: &[&str]) -> &'static Dialect {
    match choice {
        Choice::OpenApi => &OPENAPI,
        Choice::Cloudflare => &cloudflare::CLOUDFLARE,
        Choice::Auto if fragments => &cloudflare::CLOUDFLARE,
        Choice::Auto => KNOWN
            .into_iter()
            .find(|d| server_urls.iter().any(|url| d.hosts.contains(&host(url))))
            .unwrap_or(&OPENAPI),
    }
}

/// The host of a server URL (`https://api.cloudflare.com/client/v4` is
/// `api.cloudflare.com`); templated and relative URLs give what precedes the first `/`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    host.split(':').next().unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        let cf = "https://api.cloudflare.com/client/v4";
        assert_eq!(detect(Choice::Auto, false, &[cf]).name, "cloudflare");
        assert_eq!(detect(Choice::Auto, true, &[]).name, "cloudflare");
        assert_eq!(
            detect(Choice::Auto, false, &["https://api.example.com/v1"]).name,
            "openapi"
        );
        assert_eq!(detect(Choice::Auto, false, &[]).name, "openapi");
        assert_eq!(detect(Choice::OpenApi, true, &[cf]).name, "openapi");
        assert_eq!(
            detect(Choice::Cloudflare, false, &["/relative"]).name,
            "cloudflare"
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://api.cloudflare.com/client/v4"),
            "api.cloudflare.com"
        );
        assert_eq!(
            host("http://user@api.cloudflare.com:8443"),
            "api.cloudflare.com"
        );
        assert_eq!(host("/v1"), "");
        assert_eq!(host("{scheme}://{host}/v1"), "{host}");
    }

    #[test]
    fn envelopes() {
        let e = cloudflare::CLOUDFLARE
            .envelope
            .expect("Cloudflare has an envelope");
        let names = |n: &'static [&'static str]| n.iter().copied();
        assert!(e.admits(names(&["success", "errors", "messages"]), true));
        assert!(e.admits(
            names(&["errors", "messages", "success", "result", "result_info"]),
            true
        ));
        assert!(!e.admits(names(&["success", "errors", "messages"]), false));
        assert!(!e.admits(names(&["success", "errors"]), true));
        assert!(!e.admits(names(&["success", "errors", "messages", "id"]), true));
    }
}
