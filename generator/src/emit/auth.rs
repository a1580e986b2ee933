//! `src/auth.rs`: the security schemes, the credential policy the runtime reads, and the
//! `Credentials` constructors made from the requirements.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, sanitize};
use super::ident;
use crate::ir::{Api, BearerSource, CredentialPolicy, CredentialSet, SchemeKind, SecurityScheme};

/// The security schemes, `POLICY`, and one `Credentials` constructor per requirement.
pub fn auth_rs(api: &Api) -> TokenStream {
    let policy = policy(api);
    // An API without security schemes has only its (strict) policy to say here.
    if api.schemes.is_empty() {
        return quote! {
            #![doc = " The security schemes this API declares (none), and the credential policy."]
            use crate::runtime::Policy;
            #policy
        };
    }
    let schemes = api.schemes.iter().map(scheme_const);
    let constructors = api.credential_sets.iter().map(|set| constructor(api, set));
    let from_env = from_env(api);
    quote! {
        #![doc = " The security schemes this API declares, and how to make `Credentials` for them."]
        use crate::runtime::{Credentials, Error, Policy, Scheme};
        #policy
        #(#schemes)*
        impl Credentials {
            #(#constructors)*
            #from_env
        }
    }
}

/// `POLICY`: what a call sends when the configured credentials do not meet its requirement.
fn policy(api: &Api) -> TokenStream {
    match api.credential_policy {
        CredentialPolicy::Strict => quote! {
            #[doc = " Calls send the credentials their security requirement names; other credentials"]
            #[doc = " are refused with `MissingCredentials` before anything is sent."]
            pub(crate) const POLICY: Policy = Policy::strict();
        },
        CredentialPolicy::SendConfigured => {
            let sets = api.credential_sets.iter().map(|set| {
                let names = set.schemes.iter().map(|(n, _)| n);
                quote! { &[#(#names),*] }
            });
            quote! {
                #[doc = " Calls send the credentials their security requirement names; when the configured"]
                #[doc = " credentials do not meet it, they are sent anyway (a bearer token first, else the"]
                #[doc = " first of these sets the credentials hold) and the server decides: this API's spec"]
                #[doc = " declares less than its servers accept. No credentials at all are refused."]
                pub(crate) const POLICY: Policy = Policy::send_configured(&[#(#sets),*]);
            }
        }
    }
}

/// How a scheme's credential travels, in words.
fn how_sent(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Header(h) => format!("the {} header", code(h)),
        SchemeKind::Query(q) => format!("the {} query parameter", code(q)),
        SchemeKind::Cookie(c) => format!("the {} cookie", code(c)),
        SchemeKind::Bearer(_) => "`Authorization: Bearer`".to_string(),
        SchemeKind::Basic => "`Authorization: Basic`".to_string(),
    }
}

fn scheme_const(s: &SecurityScheme) -> TokenStream {
    let name = ident(&s.constant);
    let key = &s.name;
    let value = match &s.kind {
        SchemeKind::Header(h) => quote! { Scheme::header(#key, #h) },
        SchemeKind::Query(q) => quote! { Scheme::query(#key, #q) },
        SchemeKind::Cookie(c) => quote! { Scheme::cookie(#key, #c) },
        SchemeKind::Bearer(_) => quote! { Scheme::bearer(#key) },
        SchemeKind::Basic => quote! { Scheme::basic(#key) },
    };
    let mut first = format!("{}: sent in {}.", code(key), how_sent(&s.kind));
    match &s.kind {
        SchemeKind::Bearer(BearerSource::OAuth2) => {
            first.push_str(" An OAuth2 access token, obtained with one of the API's flows.");
        }
        SchemeKind::Bearer(BearerSource::OpenIdConnect) => {
            first.push_str(" An access token from the API's OpenID Connect provider.");
        }
        _ => {}
    }
    let mut lines = vec![first];
    if let Some(d) = &s.description {
        lines.push(String::new());
        lines.extend(sanitize(d));
    }
    let docs = doc_attrs(&lines);
    quote! {
        #docs
        pub(crate) const #name: Scheme = #value;
    }
}

/// `Credentials::from_env`, with each scheme's variable.
fn from_env(api: &Api) -> TokenStream {
    let vars = api.schemes.iter().map(|s| {
        let (c, var) = (ident(&s.constant), &s.env_var);
        quote! { (#c, #var) }
    });
    let sets = api.credential_sets.iter().map(|set| {
        let names = set.schemes.iter().map(|(n, _)| n);
        quote! { &[#(#names),*] }
    });
    let var_of = |name: &str| {
        api.schemes
            .iter()
            .find(|s| s.name == name)
            .map_or(name.to_string(), |s| format!("`{}`", s.env_var))
    };
    let alternatives: Vec<String> = api
        .credential_sets
        .iter()
        .map(|set| {
            set.schemes
                .iter()
                .map(|(n, _)| var_of(n))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect();
    let mut lines = vec![
        format!(
            "Credentials from the environment: {}.",
            alternatives.join(", or ")
        ),
        String::new(),
        "Every variable that is set is used, so operations can pick the scheme they accept; an"
            .to_string(),
        "error names the variables to set when no whole set is there.".to_string(),
    ];
    let basic: Vec<String> = api
        .schemes
        .iter()
        .filter(|s| s.kind == SchemeKind::Basic)
        .map(|s| code(&s.env_var))
        .collect();
    if !basic.is_empty() {
        lines.push(String::new());
        lines.push(format!("{} holds `user:password`.", basic.join(" and ")));
    }
    let docs = doc_attrs(&lines);
    quote! {
        #docs
        pub fn from_env() -> Result<Self, Error> {
            Self::from_env_vars(&[#(#vars),*], &[#(#sets),*])
        }
    }
}

fn constructor(api: &Api, set: &CredentialSet) -> TokenStream {
    let name = ident(&set.constructor);
    let scheme_of = |key: &str| api.schemes.iter().find(|s| s.name == key);
    let args = set.schemes.iter().flat_map(|(_, args)| args).map(|arg| {
        let a = ident(arg);
        quote! { #a: impl Into<String> }
    });
    let withs = set.schemes.iter().filter_map(|(key, args)| {
        let scheme = scheme_of(key)?;
        let c = ident(&scheme.constant);
        let args: Vec<_> = args.iter().map(|a| ident(a)).collect();
        Some(match scheme.kind {
            SchemeKind::Basic => quote! { .with_basic(#c, #(#args),*) },
            _ => quote! { .with(#c, #(#args),*) },
        })
    });
    let sent: Vec<String> = set
        .schemes
        .iter()
        .filter_map(|(key, _)| {
            Some(match &scheme_of(key)?.kind {
                SchemeKind::Header(h) => code(h),
                SchemeKind::Query(q) => format!("the query parameter {}", code(q)),
                SchemeKind::Cookie(c) => format!("the cookie {}", code(c)),
                SchemeKind::Bearer(_) => "`Authorization: Bearer`".to_string(),
                SchemeKind::Basic => "`Authorization: Basic`".to_string(),
            })
        })
        .collect();
    let keys: Vec<String> = set.schemes.iter().map(|(k, _)| code(k)).collect();
    let docs = doc_attrs(&[
        format!(
            "Credentials for the security requirement {}: sends {}.",
            keys.join(" + "),
            sent.join(" and ")
        ),
        String::new(),
        "Values are checked when the client is built (no line breaks) and never printed."
            .to_string(),
    ]);
    quote! {
        #docs
        pub fn #name(#(#args),*) -> Self {
            Self::empty()#(#withs)*
        }
    }
}
