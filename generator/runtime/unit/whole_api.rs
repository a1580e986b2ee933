//! The whole Cloudflare API (the vendored 2024-08-06 spec), lowered by the generator: how
//! many operations a client holding only an API token can call, decided by the runtime's
//! own credential choice. Run with `--nocapture` to see the numbers.

use std::path::Path;

use generator::ir::{Api, CredentialPolicy, SchemeKind};

use crate::runtime::{Credentials, Policy, Scheme};

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn leak_sets(sets: &[Vec<String>]) -> &'static [&'static [&'static str]] {
    let inner: Vec<&'static [&'static str]> = sets
        .iter()
        .map(|set| {
            &*Box::leak(
                set.iter()
                    .map(|s| leak(s))
                    .collect::<Vec<_>>()
                    .into_boxed_slice(),
            )
        })
        .collect();
    Box::leak(inner.into_boxed_slice())
}

fn lowered() -> Api {
    let spec =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cloudflare-openapi-2024-08-06.json");
    generator::with_stack(|| {
        let loaded = generator::load::load(&[spec], generator::dialect::Choice::Auto, &[])
            .expect("the spec loads");
        generator::lower::lower(&loaded, "cloudflare", false)
            .expect("the spec lowers")
            .api
    })
}

/// How the operations that need credentials fare with `credentials` under `policy`.
#[derive(Debug, Default, PartialEq)]
struct Count {
    need_credentials: usize,
    met: usize,
    sent_by_policy: usize,
    refused: usize,
}

fn count(api: &Api, credentials: &Credentials, policy: &Policy) -> Count {
    let mut count = Count::default();
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        if op.security.is_empty() || op.security.iter().any(Vec::is_empty) {
            continue;
        }
        count.need_credentials += 1;
        let alternatives = leak_sets(&op.security);
        match credentials.apply("op", alternatives, policy) {
            Ok(sent) if sent.met => count.met += 1,
            Ok(_) => count.sent_by_policy += 1,
            Err(_) => count.refused += 1,
        }
    }
    count
}

#[test]
fn a_token_only_client_can_call_every_operation_that_needs_credentials() {
    let api = lowered();
    assert_eq!(api.credential_policy, CredentialPolicy::SendConfigured);
    let token = api
        .schemes
        .iter()
        .find(|s| matches!(s.kind, SchemeKind::Bearer(_)))
        .expect("a bearer scheme");
    let credentials = Credentials::empty().with(Scheme::bearer(leak(&token.name)), "token");
    let sets: Vec<Vec<String>> = api
        .credential_sets
        .iter()
        .map(|s| s.schemes.iter().map(|(n, _)| n.clone()).collect())
        .collect();
    let policy = Policy::send_configured(leak_sets(&sets));
    let operations = api.groups.iter().map(|g| g.operations.len()).sum::<usize>();
    let with_policy = count(&api, &credentials, &policy);
    let strict = count(&api, &credentials, &Policy::strict());
    println!("{operations} operations; token only, Cloudflare's policy: {with_policy:?}");
    println!("token only, strict policy (the spec's word, requirements split): {strict:?}");
    assert_eq!(operations, 1533);
    assert_eq!(with_policy.refused, 0);
    assert_eq!(
        with_policy.met + with_policy.sent_by_policy,
        with_policy.need_credentials
    );
    // The split of `{api_email, api_key, api_token}` makes those operations accept a token
    // by declaration; the email + key-only ones are reached by the policy.
    assert_eq!(strict.met, with_policy.met);
    assert!(
        with_policy.sent_by_policy > 0 && with_policy.met > 0,
        "{with_policy:?}"
    );
}
