//! Security schemes and requirements: what the generated `Credentials` can hold, and which
//! credentials each operation sends.

use openapiv3::{
    APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as Scheme,
};

use crate::diag::{Diagnostics, pointer_push};
use crate::dialect::Dialect;
use crate::ir::{BearerSource, CredentialPolicy, CredentialSet, SchemeKind, SecurityScheme};
use crate::load::Sources;
use crate::naming;

/// What a call does when the configured credentials do not meet its requirement: the
/// dialect's rule (Cloudflare's spec under-declares security, so its client sends the
/// configured credentials and lets the server decide); any other API is taken at its word.
pub fn credential_policy(dialect: &Dialect) -> CredentialPolicy {
    if dialect.credentials.send_unmet {
        CredentialPolicy::SendConfigured
    } else {
        CredentialPolicy::Strict
    }
}

/// A requirement naming a bearer token beside other schemes is read as alternatives, each
/// token alone or the other schemes together, where the dialect says so (Cloudflare lists
/// `{api_email, api_key, api_token}` as one requirement in 436 operations, which no client
/// sends). Otherwise requirements stay as written.
fn split_requirement(
    dialect: &Dialect,
    names: Vec<String>,
    schemes: &[SecurityScheme],
) -> Vec<Vec<String>> {
    let is_bearer = |n: &String| {
        schemes
            .iter()
            .any(|s| &s.name == n && matches!(s.kind, SchemeKind::Bearer(_)))
    };
    let (bearers, rest): (Vec<String>, Vec<String>) = names.iter().cloned().partition(is_bearer);
    let split = dialect.credentials.bearer_with_others_is_alternatives;
    if !split || bearers.is_empty() || rest.is_empty() {
        return vec![names];
    }
    let mut out: Vec<Vec<String>> = bearers.into_iter().map(|b| vec![b]).collect();
    out.push(rest);
    out
}

/// How a scheme sends its credential, or why the runtime cannot send it.
fn kind_of(scheme: &Scheme) -> Result<(SchemeKind, &Option<String>), String> {
    Ok(match scheme {
        Scheme::APIKey {
            location,
            name,
            description,
            ..
        } => {
            let kind = match location {
                APIKeyLocation::Header => SchemeKind::Header(name.clone()),
                APIKeyLocation::Query => SchemeKind::Query(name.clone()),
                APIKeyLocation::Cookie => SchemeKind::Cookie(name.clone()),
            };
            (kind, description)
        }
        Scheme::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("bearer") => {
            (SchemeKind::Bearer(BearerSource::Http), description)
        }
        Scheme::HTTP {
            scheme,
            description,
            ..
        } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
        Scheme::HTTP { scheme, .. } => {
            return Err(format!(
                "HTTP authentication scheme `{scheme}` is not supported (bearer and basic are)"
            ));
        }
        Scheme::OAuth2 { description, .. } => {
            (SchemeKind::Bearer(BearerSource::OAuth2), description)
        }
        Scheme::OpenIDConnect { description, .. } => {
            (SchemeKind::Bearer(BearerSource::OpenIdConnect), description)
        }
    })
}

/// The document's security schemes that the runtime can send, in document order.
pub fn schemes(
    doc: &OpenAPI,
    dialect: &Dialect,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Vec<SecurityScheme> {
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
        let (kind, description) = match kind_of(scheme) {
            Ok(k) => k,
            Err(why) => {
                diags.push(sources.warning(&ptr, format!("security scheme `{name}`: {why}; operations that need only it cannot be authorized")));
                continue;
            }
        };
        let env_var = env_var(doc, dialect, name, scheme);
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
/// else, in Cloudflare's API, for a scheme defined exactly as one of Cloudflare's
/// (`fragment_defaults.json`), that scheme's variable (`CLOUDFLARE_EMAIL` for
/// `api_email`); else the API's title and the scheme's name (`PETSTORE_API_KEY`, see
/// `naming::env_prefix`).
fn env_var(doc: &OpenAPI, dialect: &Dialect, name: &str, scheme: &Scheme) -> String {
    let declared = |s: &Scheme| {
        extensions(s)
            .get("x-env-var")
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    if let Some(v) = declared(scheme) {
        return v;
    }
    let twin = dialect.known_scheme.and_then(|known| known(name));
    if let Some(twin) = twin
        && same_definition(twin, scheme)
        && let Some(v) = declared(twin)
    {
        return v;
    }
    naming::env_var(&naming::env_prefix(&doc.info.title), name)
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
    dialect: &Dialect,
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
        // A requirement is a set: the order its schemes are written in changes nothing.
        names.sort();
        if names.len() == requirement.len() {
            for alternative in split_requirement(dialect, names, schemes) {
                if !out.contains(&alternative) {
                    out.push(alternative);
                }
            }
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
                schemes: arguments(r, schemes),
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

/// The constructor's arguments for each scheme of a set: named after the scheme, or
/// `username` and `password` for a basic scheme; made unique within the set.
fn arguments(set: &[String], schemes: &[SecurityScheme]) -> Vec<(String, Vec<String>)> {
    let is_basic = |name: &String| {
        schemes
            .iter()
            .any(|s| &s.name == name && s.kind == SchemeKind::Basic)
    };
    let per_scheme: Vec<Vec<String>> = set
        .iter()
        .map(|name| match is_basic(name) {
            true => vec!["username".to_string(), "password".to_string()],
            false => vec![naming::field_name(name)],
        })
        .collect();
    let mut flat: Vec<String> = per_scheme.concat();
    naming::dedupe(&mut flat);
    let mut flat = flat.into_iter();
    set.iter()
        .zip(&per_scheme)
        .map(|(name, args)| (name.clone(), flat.by_ref().take(args.len()).collect()))
        .collect()
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
                ("api_email".to_string(), vec!["api_email".to_string()]),
                ("api_key".into(), vec!["api_key".into()])
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
            kind: SchemeKind::Bearer(BearerSource::Http),
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
