//! `tests/operations.rs` of a generated crate (`generate --tests operations`): per
//! operation, a test that calls it with its required parameters only, and, where it has
//! more, one with every parameter and body field set, against a mock server of the spec
//! whose base URL is in `MOCK_URL` (`scripts/mock.sh` starts Prism, which checks every
//! request against the spec and answers with its examples); each checks that the call
//! succeeded and the answer decoded into the typed result, and prints one line for
//! `scripts/conformance.sh`. A test reads like a call a user
//! writes: the credentials the operation declares, its path arguments (the spec's example,
//! else a value of the parameter's format), and its parameters and body made from their
//! schemas (required fields only, the spec's example where it fits).
//!
//! The tests are `#[ignore]`d: they need the mock. An operation whose arguments cannot be
//! made (a path parameter of a struct type, a required multipart or bytes field) has no
//! test; the file's header counts them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::examples::path_arg;
use super::ident;
use super::types::module_path;
use super::union_tests::{ALL_FIELDS_DEPTH, value_with};
use crate::ir::{Api, BodyEncoding, Operation, Prim, TypeKind, TypeRef};

/// The test file and its module of tests (`tests/operations/cases.rs`, laid out by the
/// generator, which rustfmt leaves alone), when the API has an operation.
pub fn operations_rs(api: &Api, features: bool) -> Option<(TokenStream, TokenStream)> {
    let krate = api.crate_name.replace('-', "_");
    let mut tests = Vec::new();
    let mut refusals = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut unmade = 0;
    let mut made_ops = 0;
    let mut uses_made = false;
    for group in &api.groups {
        for op in &group.operations {
            let Some(call) = call_expr(api, &krate, &group.call, op, false) else {
                unmade += 1;
                continue;
            };
            made_ops += 1;
            // Every optional parameter and body field set too, where there is one.
            let all = call_expr(api, &krate, &group.call, op, true)
                .filter(|all| all.to_string() != call.to_string());
            uses_made |= call.to_string().contains("made ::")
                || all
                    .as_ref()
                    .is_some_and(|a| a.to_string().contains("made ::"));
            let area = &api.areas[group.area];
            let mut name = format!(
                "{}_{}_{}",
                area.module,
                group.module.trim_start_matches("r#"),
                op.method_name.trim_start_matches("r#")
            );
            while !names.insert(name.clone()) {
                name.push('_');
            }
            let gate = features.then(|| {
                let feature = &area.module;
                quote! { #[cfg(feature = #feature)] }
            });
            let deprecated = op.docs.deprecated.then(|| quote! { #[allow(deprecated)] });
            let credentials = credentials(api, op);
            let id = Literal::string(&op.id);
            let variants = [
                ("required", Some(call), name.clone()),
                ("all", all, format!("{name}_with_all_parameters")),
            ];
            // An empty path argument is refused before anything is sent: the client has no
            // server to reach, so only the refusal can come back.
            let empty = op
                .path_params
                .iter()
                .position(|p| matches!(p.ty, TypeRef::Prim(Prim::String)));
            if let Some((i, empty_call)) = empty
                .and_then(|i| Some((i, call_with(api, &krate, &group.call, op, false, Some(i))?)))
            {
                let test = ident(&format!("{name}_refuses_an_empty_path_parameter"));
                let param = Literal::string(&op.path_params[i].wire);
                let doc = format!(
                    " `{} {}` (`{}`): an empty `{}` is refused before a request is sent.",
                    op.http_method, op.path, op.id, op.path_params[i].wire
                );
                refusals.push(quote! {
                    #[doc = #doc]
                    #gate
                    #deprecated
                    #[tokio::test]
                    async fn #test() {
                        let client = offline(#credentials);
                        let result = #empty_call.await;
                        refused(#id, #param, result);
                    }
                });
            }
            for (mode, call, name) in variants {
                let Some(call) = call else {
                    continue;
                };
                let test = ident(&name);
                let what = if mode == "all" {
                    "every parameter and body field set"
                } else {
                    "its required parameters"
                };
                let doc = format!(
                    " `{} {}` (`{}`), with {what}.",
                    op.http_method, op.path, op.id
                );
                tests.push(quote! {
                    #[doc = #doc]
                    #gate
                    #deprecated
                    #[tokio::test]
                    #[ignore = "needs a mock server of the spec at MOCK_URL (scripts/mock.sh)"]
                    async fn #test() {
                        let client = client(#credentials);
                        let result = #call.await;
                        check(#id, #mode, result);
                    }
                });
            }
        }
    }
    if tests.is_empty() {
        return None;
    }
    let count = |n: usize| {
        if n == 1 {
            "1 operation".to_string()
        } else {
            format!("{n} operations")
        }
    };
    let summary = format!(
        " {} called with their required parameters, {} of them again with every parameter and body field set; {} with arguments no test can make (a path parameter of a struct type, a required multipart or bytes field).",
        count(made_ops),
        tests.len() - made_ops,
        count(unmade)
    );
    let krate = ident(&krate);
    let made_fn = uses_made.then(|| {
        quote! {
            /// A value made from the parameter's or body's schema, decoded into its Rust type.
            fn made<T: serde::de::DeserializeOwned>(json: &str) -> T {
                serde_json::from_str(json)
                    .unwrap_or_else(|e| panic!("the test's value does not decode: {e}\n{json}"))
            }
        }
    });
    let refusal_fns = (!refusals.is_empty()).then(|| {
        quote! {
            /// A client with no server behind its base URL (the discard port): a call that
            /// sent a request would fail to connect, so a refusal shows nothing was sent.
            fn offline(credentials: Credentials) -> Client {
                Client::builder()
                    .base_url("http://127.0.0.1:9")
                    .credentials(credentials)
                    .max_retries(0)
                    .build()
                    .expect("a client")
            }

            /// Fails unless the call was refused for its argument `name`.
            fn refused<T: std::fmt::Debug>(operation: &str, name: &str, result: Result<T, Error>) {
                match result {
                    Err(Error::InvalidArgument { name: refused, .. }) if refused == name => {}
                    other => panic!("{operation}: an empty `{name}` was not refused: {other:?}"),
                }
            }
        }
    });
    let root = quote! {
        //! Every operation called end to end, with its required parameters only, against a mock
        //! server of the spec (`MOCK_URL`; `scripts/mock.sh SPEC` starts Prism, which checks each
        //! request against the spec and answers with its examples). Each test checks that the
        //! call succeeded and that the answer decoded into the typed result.
        //!
        #![doc = #summary]
        //!
        //! ```sh
        //! MOCK_URL=http://127.0.0.1:4010 cargo test --test operations -- --ignored
        //! ```

        // The calls are laid out by the generator; rustfmt would lay them out again.
        #[rustfmt::skip]
        #[path = "operations/cases.rs"]
        mod cases;
    };
    let cases = quote! {
        //! Per operation: the call a user writes, with its required parameters, then with
        //! every parameter set (both against the mock), and, for one with a path parameter, that
        //! an empty one is refused before anything is sent (no mock needed).

        use #krate::{Client, Credentials, Error};

        /// A client of the mock at `MOCK_URL`, with no retries (a refused request fails at once).
        fn client(credentials: Credentials) -> Client {
            let url = std::env::var("MOCK_URL")
                .expect("MOCK_URL: the base URL of a mock server of the spec (scripts/mock.sh)");
            Client::builder()
                .base_url(url)
                .credentials(credentials)
                .max_retries(0)
                .build()
                .expect("a client")
        }

        #made_fn

        /// Prints one line for `scripts/conformance.sh` (`conformance`, the mode, `pass` or
        /// the cause, the operation), and fails with what went wrong: the error, and the mock's
        /// reason for refusing the request (Prism's `sl-violations` header), where it gave one.
        fn check<T: std::fmt::Debug>(operation: &str, mode: &str, result: Result<T, Error>) {
            let Err(e) = result else {
                println!("conformance\t{mode}\tpass\t{operation}");
                return;
            };
            let violations = match &e {
                Error::Api(api) => api
                    .headers
                    .get("sl-violations")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string(),
                _ => String::new(),
            };
            let cause = match &e {
                Error::Decode { .. } => "decode",
                // Prism refuses an invalid request with 422 (or 400, 401 and 403 for
                // parameters and credentials) and says why in `sl-violations`.
                Error::Api(api) if !violations.is_empty() || api.status == 422 => {
                    "request-invalid"
                }
                _ => "other",
            };
            let first = violations.lines().next().unwrap_or_default();
            println!("conformance\t{mode}\t{cause}\t{operation}\t{e} {first}");
            panic!("{operation}: {e}\n{violations}");
        }

        #refusal_fns

        #(#tests)*

        #(#refusals)*
    };
    Some((root, cases))
}

/// `client.access().tokens().update(..)` with the arguments a test can make, or `None`.
fn call_expr(api: &Api, krate: &str, call: &str, op: &Operation, all: bool) -> Option<TokenStream> {
    call_with(api, krate, call, op, all, None)
}

/// [`call_expr`], with path parameter `empty` given as `""`.
fn call_with(
    api: &Api,
    krate: &str,
    call: &str,
    op: &Operation,
    all: bool,
    empty: Option<usize>,
) -> Option<TokenStream> {
    // Required fields only, or every field down to this depth.
    let depth = if all { ALL_FIELDS_DEPTH } else { 0 };
    let mut args = Vec::new();
    for (i, p) in op.path_params.iter().enumerate() {
        args.push(if empty == Some(i) {
            "\"\"".to_string()
        } else {
            path_arg(p)?
        });
    }
    if let Some(ps) = &op.params_struct {
        if ps.any_required || all {
            let ty = TypeRef::Named(ps.ty);
            args.push(made(api, krate, &ty, depth)?);
        } else {
            args.push("&Default::default()".to_string());
        }
    }
    if let Some(body) = &op.body {
        let value = match &body.encoding {
            BodyEncoding::Text(_) => "\"text\"".to_string(),
            BodyEncoding::Bytes(_) => "b\"bytes\"".to_string(),
            BodyEncoding::Multipart if body.required => return None,
            BodyEncoding::Multipart => String::new(),
            BodyEncoding::Json | BodyEncoding::Form(_) => made(api, krate, &body.ty, depth)?,
        };
        args.push(match (body.required, all && !value.is_empty()) {
            (true, _) => value,
            (false, true) => format!("Some({value})"),
            (false, false) => "None".to_string(),
        });
    }
    let text = format!("client.{call}.{}({})", op.method_name, args.join(", "));
    syn::parse_str::<syn::Expr>(&text)
        .ok()
        .map(|e| quote! { #e })
}

/// `&made::<Type>(r#"{..}"#)`: a value of `ty` with its required fields, and every field
/// down to `depth` (`&Default::default()` for a struct left with none).
fn made(api: &Api, krate: &str, ty: &TypeRef, depth: usize) -> Option<String> {
    let value = value_with(api, ty, 0, depth)?;
    let is_struct = matches!(ty, TypeRef::Named(id)
        if matches!(api.definition(*id).kind, TypeKind::Struct { .. }));
    if is_struct && value.as_object().is_some_and(|o| o.is_empty()) {
        return Some("&Default::default()".to_string());
    }
    let rust = type_text(api, krate, ty)?;
    let json = value.to_string();
    let mut hashes = String::from("#");
    while json.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    Some(format!("&made::<{rust}>(r{hashes}\"{json}\"{hashes})"))
}

/// A type as a path from the test file: `generated_client::access::tokens::UpdateBody`.
fn type_text(api: &Api, krate: &str, ty: &TypeRef) -> Option<String> {
    Some(match ty {
        TypeRef::Named(id) => {
            let def = &api.types[id.0];
            let module = module_path(api, def.home).replacen("crate", krate, 1);
            format!("{module}::{}", def.name)
        }
        TypeRef::Vec(t) => format!("Vec<{}>", type_text(api, krate, t)?),
        TypeRef::Map(t) => format!(
            "std::collections::BTreeMap<String, {}>",
            type_text(api, krate, t)?
        ),
        TypeRef::Option(t) => format!("Option<{}>", type_text(api, krate, t)?),
        TypeRef::Boxed(t) => format!("Box<{}>", type_text(api, krate, t)?),
        TypeRef::Prim(p) => match p {
            Prim::String => "String".to_string(),
            Prim::Bool => "bool".to_string(),
            Prim::I32 => "i32".to_string(),
            Prim::I64 => "i64".to_string(),
            Prim::U8 => "u8".to_string(),
            Prim::U16 => "u16".to_string(),
            Prim::U32 => "u32".to_string(),
            Prim::U64 => "u64".to_string(),
            Prim::F64 => "f64".to_string(),
            Prim::Timestamp => format!("{krate}::Timestamp"),
            Prim::Value => "serde_json::Value".to_string(),
            Prim::Unit => "()".to_string(),
            Prim::Bytes => return None,
        },
    })
}

/// The credentials the operation's first requirement names, each value a placeholder the
/// mock accepts (it checks that they are sent, not what they are); none where it needs none.
fn credentials(api: &Api, op: &Operation) -> TokenStream {
    let Some(first) = op.security.first() else {
        return quote! { Credentials::none() };
    };
    let set = api.credential_sets.iter().find(|c| {
        c.schemes.len() == first.len() && c.schemes.iter().all(|(s, _)| first.contains(s))
    });
    match set {
        Some(set) => {
            let constructor = ident(&set.constructor);
            let values = set
                .schemes
                .iter()
                .flat_map(|(_, args)| args.iter())
                .map(|a| Literal::string(&format!("mock-{}", a.replace('_', "-"))));
            quote! { Credentials::#constructor(#(#values),*) }
        }
        None => quote! { Credentials::none() },
    }
}
