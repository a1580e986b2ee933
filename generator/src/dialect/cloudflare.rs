//! Cloudflare's dialect: its envelope, its paging, its credentials, and what its operation
//! fragments leave out.

use std::sync::OnceLock;

use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};

use super::{AreaRule, CredentialRule, Dialect, Envelope, PagingRule};

/// Cloudflare's rules.
pub static CLOUDFLARE: Dialect = Dialect {
    name: "cloudflare",
    envelope: Some(Envelope {
        required: &["success", "errors", "messages"],
        success: "success",
        result: "result",
        result_info: "result_info",
    }),
    // `result_info` says where a list stands; a `cursor` query parameter means the list
    // pages by cursor, by page number otherwise (the runtime's `Paging`).
    paging: Some(PagingRule {
        cursor_params: &["cursor"],
    }),
    // The spec under-declares security: 653 operations of the 2024-08-06 spec list only
    // email + key, and 436 list email, key and token as one requirement, but the servers
    // take an API token (Cloudflare's recommended credential) almost everywhere.
    credentials: CredentialRule {
        bearer_with_others_is_alternatives: true,
        send_unmet: true,
    },
    // The spec's script uploads and downloads use these as content types.
    text_media_aliases: &["undefined", "string"],
    request_id_header: Some("cf-ray"),
    keywords: &["cloudflare"],
    hosts: &["api.cloudflare.com"],
    areas: AreaRule::AfterParameter,
    component_namespaces: true,
    known_scheme: Some(known_scheme),
    strip_hash_tokens: true,
    rename_repeated_operation_ids: true,
};

/// What operation fragments are given, since they carry none of it: Cloudflare's server,
/// title and security schemes (each with the environment variable it is read from).
pub const FRAGMENT_DEFAULTS: &str = include_str!("cloudflare_defaults.json");

/// Cloudflare's security scheme of this name, as its fragments are given it.
pub fn known_scheme(name: &str) -> Option<&'static SecurityScheme> {
    static DEFAULTS: OnceLock<Option<OpenAPI>> = OnceLock::new();
    let doc = DEFAULTS
        .get_or_init(|| serde_json::from_str(FRAGMENT_DEFAULTS).ok())
        .as_ref()?;
    match doc.components.as_ref()?.security_schemes.get(name)? {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_defaults_are_a_valid_document() {
        let doc: serde_json::Value = serde_json::from_str(FRAGMENT_DEFAULTS).expect("valid JSON");
        let _: OpenAPI = serde_json::from_value(doc).expect("valid OpenAPI");
        for name in ["api_email", "api_key", "api_token", "user_service_key"] {
            assert!(known_scheme(name).is_some(), "{name}");
        }
    }
}
