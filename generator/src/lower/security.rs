//! Security schemes and requirements: what the generated `Credentials` can hold, and which
//! credentials each operation sends.

use openapiv3::{
    APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as Scheme,
};

use crate::diag::{Diagnostics, pointer_push};
use crate::ir::{CredentialSet, SchemeKind, SecurityScheme};
use crate::load::Sources;
use crate::naming;

/// The document's security schemes that the runtime can send, in document order.
pub fn schemes(doc: &OpenAPI, sources: &Sources, diags: &mut Diagnostics) -> Vec<SecurityScheme> {
    let Some(components) = &doc.components else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let ptr = pointer_push("#/components/securitySchemes", name);
        let ReferenceOr::Item(scheme) = scheme else {
            diags.push(sources.warning(
                &ptr,
                "a `$ref` security scheme is not supported; it is left out",
            ));
            continue;
        };
        let (kind, description) = match scheme {
            Scheme::APIKey {
                location: APIKeyLocation::Header,
                name: header,
                description,
                ..
            } => (SchemeKind::Header(header.clone()), description),
            Scheme::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("bearer") => (SchemeKind::Bearer, description),
            Scheme::HTTP {
                scheme,
                description,
                ..
            } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
            _ => {
                diags.push(sources.warning(&ptr, format!("security scheme `{name}` is not supported (only header API keys, bearer and basic are); operations that need only it cannot be authorized")));
                continue;
            }
        };
        let env_var = env_var(doc, name, scheme);
        out.push(SecurityScheme {
            name: name.clone(),
            constant: naming::constant_name(name),
            kind,
            description: description.clone(),
            env_var,
        });
    }
    out
}

/// The environment variable a scheme's credential is read from: the scheme's `x-env-var`;
/// else, for a scheme defined exactly as one of Cloudflare's (`fragment_defaults.json`),
/// that scheme's variable (`CLOUDFLARE_EMAIL` for `api_email`); else the first word of the
/// API's title and the scheme's name (`CLOUDFLARE_API_TOKEN`).
fn env_var(doc: &OpenAPI, name: &str, scheme: &Scheme) -> String {
    let declared = |s: &Scheme| {
        extensions(s)
            .get("x-env-var")
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    if let Some(v) = declared(scheme) {
        return v;
    }
    let twin = crate::dialect::cloudflare::known_scheme(name);
    if let Some(twin) = twin
        && same_definition(twin, scheme)
        && let Some(v) = declared(twin)
    {
        return v;
    }
    let prefix = naming::constant_name(doc.info.title.split_whitespace().next().unwrap_or("API"));
    format!("{prefix}_{}", naming::constant_name(name))
}

fn extensions(s: &Scheme) -> &indexmap::IndexMap<String, serde_json::Value> {
    match s {
        Scheme::APIKey { extensions, .. }
        | Scheme::HTTP { extensions, .. }
        | Scheme::OAuth2 { extensions, .. }
        | Scheme::OpenIDConnect { extensions, .. } => extensions,
    }
}

/// Same type and placement, whatever the descriptions and extensions say.
fn same_definition(a: &Scheme, b: &Scheme) -> bool {
    match (a, b) {
        (
            Scheme::APIKey {
                location: la,
                name: na,
                ..
            },
            Scheme::APIKey {
                location: lb,
                name: nb,
                ..
            },
        ) => la == lb && na == nb,
        (Scheme::HTTP { scheme: sa, .. }, Scheme::HTTP { scheme: sb, .. }) => {
            sa.eq_ignore_ascii_case(sb)
        }
        _ => false,
    }
}

/// An operation's requirement alternatives as lists of scheme names; unknown names are errors.
pub fn requirements(
    op: &openapiv3::Operation,
    doc: &OpenAPI,
    op_ptr: &str,
    schemes: &[SecurityScheme],
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Vec<Vec<String>> {
    let (list, ptr): (&[SecurityRequirement], String) = match &op.security {
        Some(s) => (s, pointer_push(op_ptr, "security")),
        None => (
            doc.security.as_deref().unwrap_or(&[]),
            "#/security".to_string(),
        ),
    };
    let declared = |name: &str| {
        doc.components
            .as_ref()
            .is_some_and(|c| c.security_schemes.contains_key(name))
    };
    let mut out = Vec::new();
    for (i, requirement) in list.iter().enumerate() {
        let mut names = Vec::new();
        for name in requirement.keys() {
            if !declared(name) {
                let at = pointer_push(&pointer_push(&ptr, &i.to_string()), name);
                diags.push(
                    sources
                        .error(&at, format!("security requirement names `{name}`, which `components/securitySchemes` does not declare"))
                        .help("declare the scheme, or fix the name"),
                );
            }
            if schemes.iter().any(|s| &s.name == name) {
                names.push(name.clone());
            }
        }
        if names.len() == requirement.len() && !out.contains(&names) {
            out.push(names);
        }
    }
    out
}

/// One `Credentials` constructor per distinct requirement with schemes, named after its last
/// scheme (`api_email` + `api_key` is `api_key(api_email, api_key)`), or, when two
/// requirements end in the same scheme, after all of them joined by `and`; and one for each
/// declared scheme that no requirement uses, so every scheme can be given.
pub fn credential_sets(
    requirements: &[Vec<String>],
    schemes: &[SecurityScheme],
) -> Vec<CredentialSet> {
    let mut distinct: Vec<Vec<String>> = Vec::new();
    for r in requirements {
        if !r.is_empty() && !distinct.contains(r) {
            distinct.push(r.clone());
        }
    }
    for s in schemes {
        if !distinct.iter().any(|r| r.contains(&s.name)) {
            distinct.push(vec![s.name.clone()]);
        }
    }
    distinct.sort();
    let last = |r: &[String]| r.last().cloned().unwrap_or_default();
    let mut sets: Vec<CredentialSet> = distinct
        .iter()
        .map(|r| {
            let shared_last = distinct.iter().filter(|o| last(o) == last(r)).count() > 1;
            let constructor = if shared_last {
                naming::field_name(&r.join("_and_"))
            } else {
                naming::field_name(&last(r))
            };
            CredentialSet {
                constructor,
                schemes: r
                    .iter()
                    .map(|s| (s.clone(), naming::field_name(s)))
                    .collect(),
            }
        })
        .collect();
    let mut names: Vec<String> = sets.iter().map(|s| s.constructor.clone()).collect();
    naming::dedupe(&mut names);
    for (s, n) in sets.iter_mut().zip(names) {
        s.constructor = n;
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn constructors_are_named_after_the_last_scheme() {
        let sets = credential_sets(
            &[
                req(&["api_email", "api_key"]),
                req(&["api_token"]),
                req(&["user_service_key"]),
                req(&[]),
            ],
            &[],
        );
        let names: Vec<&str> = sets.iter().map(|s| s.constructor.as_str()).collect();
        assert_eq!(names, ["api_key", "api_token", "user_service_key"]);
        assert_eq!(
            sets[0].schemes,
            [
                ("api_email".to_string(), "api_email".to_string()),
                ("api_key".into(), "api_key".into())
            ]
        );
    }

    #[test]
    fn shared_last_schemes_join_all_names() {
        let sets = credential_sets(&[req(&["a", "key"]), req(&["b", "key"])], &[]);
        let names: Vec<&str> = sets.iter().map(|s| s.constructor.as_str()).collect();
        assert_eq!(names, ["a_and_key", "b_and_key"]);
    }

    #[test]
    fn unused_schemes_get_their_own_constructor() {
        let scheme = |name: &str| SecurityScheme {
            name: name.into(),
            constant: name.to_uppercase(),
            kind: SchemeKind::Bearer,
            description: None,
            env_var: name.to_uppercase(),
        };
        let sets = credential_sets(
            &[req(&["api_email", "api_key"])],
            &[scheme("api_email"), scheme("api_key"), scheme("api_token")],
        );
        let names: Vec<&str> = sets.iter().map(|s| s.constructor.as_str()).collect();
        assert_eq!(names, ["api_key", "api_token"]);
    }
}
