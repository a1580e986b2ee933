//! `tests/unions.rs` (and `tests/unions/cases.rs`) of a generated crate (`generate --tests unions`): a property test over
//! every union with an object alternative. For each alternative a JSON value is made from
//! its schema (every field down to a depth, required ones below it, the spec's example
//! where it fits the field's type, the tag, and one member the alternative does not
//! declare), and the test checks that it decodes into that alternative's variant and
//! encodes back to the same JSON.
//!
//! For an untagged union the expected variant is the one the decoding rule names: of the
//! alternatives that keep the whole value, the first (one that also keeps the undeclared
//! member in its `additionalProperties` map keeps more). That is the alternative the value
//! was made for unless an earlier one declares everything it has; the test says which.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::ident;
use super::types::module_path;
use crate::ir::{Api, Field, Home, Prim, TypeId, TypeKind, TypeRef};

/// The member no alternative declares, added to each value made for an alternative.
const UNDECLARED: &str = "undeclared_member";
/// How deep values are made with every field; below, required fields only.
pub(super) const ALL_FIELDS_DEPTH: usize = 2;
/// How deep values are made at all: a required field that nests further is given up on.
const MAX_DEPTH: usize = 10;

/// The test file and its module of cases, when the API has a union with an object
/// alternative.
pub fn unions_rs(api: &Api, features: bool) -> Option<(TokenStream, TokenStream)> {
    let krate = api.crate_name.replace('-', "_");
    let mut tests = Vec::new();
    let mut names = std::collections::HashSet::new();
    let (mut alternatives, mut shadowed, mut unmade) = (0, 0, 0);
    for (i, def) in api.types.iter().enumerate() {
        let Some((cases, skipped)) = cases(api, TypeId(i)) else {
            continue;
        };
        unmade += skipped;
        let path = format!("{}::{}", module_path(api, def.home), def.name);
        let path = path.replacen("crate", &krate, 1);
        let ty: syn::Path = syn::parse_str(&path).ok()?;
        let shown = path.split_once("::").map_or(path.as_str(), |(_, p)| p);
        let mut name = heck::ToSnakeCase::to_snake_case(shown.replace("::", "_").as_str());
        while !names.insert(name.clone()) {
            name.push('_');
        }
        let test = ident(&name);
        let gate = match def.home {
            Home::Shared => None,
            Home::Area(a) => Some(a),
            Home::Group(g) => Some(api.groups[g].area),
        }
        .filter(|_| features)
        .map(|a| {
            let feature = &api.areas[a].module;
            quote! { #[cfg(feature = #feature)] }
        });
        let checks = cases.iter().map(|c| {
            alternatives += 1;
            let made_for = Literal::string(&c.made_for);
            let expected = ident(&c.expected);
            let json = raw_string(&c.json);
            if c.made_for != c.expected {
                shadowed += 1;
            }
            quote! { check(#made_for, #json, |v: &U| matches!(v, U::#expected(_))); }
        });
        tests.push(quote! {
            #gate
            #[test]
            fn #test() {
                use #ty as U;
                #(#checks)*
            }
        });
    }
    if tests.is_empty() {
        return None;
    }
    let count = tests.len();
    let summary = format!(
        " {count} unions, {alternatives} alternatives checked; {shadowed} of them decode into an earlier alternative that keeps the whole value too (the rule: of equals, the first); {unmade} have no value that can be written (a required field nests past {MAX_DEPTH} levels, or bytes)."
    );
    let root = quote! {
        //! Every union of the API that has an object alternative: for each alternative, a value
        //! made from its schema (its fields, the spec's examples, the tag, and one member it does
        //! not declare) decodes into the variant the decoding rule names and encodes back to the
        //! same JSON.
        //!
        #![doc = #summary]

        // The checks are laid out by the generator; rustfmt would lay them out again.
        #[rustfmt::skip]
        #[path = "unions/cases.rs"]
        mod cases;
    };
    let cases = quote! {
        //! One test per union: each alternative's value, and the variant it must decode into.

        use serde::Serialize;
        use serde::de::DeserializeOwned;
        use serde_json::Value;

        /// Decodes `json` as `T`, checks the variant with `is`, and that it encodes back.
        fn check<T: DeserializeOwned + Serialize + std::fmt::Debug>(
            alternative: &str,
            json: &str,
            is: fn(&T) -> bool,
        ) {
            let value: Value = serde_json::from_str(json).expect("the test's JSON parses");
            let decoded: T = match serde_json::from_value(value.clone()) {
                Ok(decoded) => decoded,
                Err(e) => panic!("the value made for {alternative} does not decode: {e}\n{json}"),
            };
            let matched = is(&decoded);
            assert!(matched, "the value made for {alternative} decoded as another variant: {decoded:?}\n{json}");
            let back = serde_json::to_value(&decoded).expect("it encodes");
            assert_eq!(back, value, "the value made for {alternative} encodes back differently");
        }

        #(#tests)*
    };
    Some((root, cases))
}

/// `text` as a raw string literal, so the JSON reads as JSON.
fn raw_string(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}

/// One alternative's check: the variant the value was made for, the one it must decode
/// into, and the value.
struct Case {
    made_for: String,
    expected: String,
    json: String,
}

/// The checks of union `id` and how many alternatives have no value that can be made, or
/// `None` when it is no union with an object alternative.
fn cases(api: &Api, id: TypeId) -> Option<(Vec<Case>, usize)> {
    let def = &api.types[id.0];
    let undeclared = def.received;
    let mut out = Vec::new();
    let mut skipped = 0;
    match &def.kind {
        TypeKind::Tagged { tag, variants } => {
            if !variants.iter().any(|v| strukt(api, &v.ty).is_some()) {
                return None;
            }
            for v in variants {
                let Some(Value::Object(mut members)) = value_of(api, &v.ty, 0) else {
                    skipped += 1;
                    continue;
                };
                members.insert(tag.clone(), Value::String(v.name.wire.clone()));
                add_undeclared(api, &v.ty, undeclared, &mut members);
                out.push(Case {
                    made_for: v.name.rust.clone(),
                    expected: v.name.rust.clone(),
                    json: Value::Object(members).to_string(),
                });
            }
        }
        TypeKind::Untagged { variants } => {
            if !variants.iter().any(|(_, t)| strukt(api, t).is_some()) {
                return None;
            }
            for (name, ty) in variants {
                let Some(mut value) = value_of(api, ty, 0) else {
                    skipped += 1;
                    continue;
                };
                if let Value::Object(members) = &mut value {
                    add_undeclared(api, ty, undeclared, members);
                }
                out.push(Case {
                    made_for: name.clone(),
                    expected: winner(api, variants, &value).unwrap_or(name).clone(),
                    json: value.to_string(),
                });
            }
        }
        _ => return None,
    }
    Some((out, skipped))
}

/// The member no alternative declares, where the alternative keeps such members (a
/// received struct without an `additionalProperties` map).
fn add_undeclared(api: &Api, ty: &TypeRef, received: bool, members: &mut Map<String, Value>) {
    if let Some((fields, None)) = strukt(api, ty)
        && received
        && !fields.iter().any(|f| f.wire == UNDECLARED)
    {
        members.insert(UNDECLARED.into(), Value::String("kept".into()));
    }
}

/// The struct a type is (aliases and boxes seen through): its fields and its
/// `additionalProperties` type.
fn strukt<'a>(api: &'a Api, ty: &'a TypeRef) -> Option<(&'a [Field], Option<&'a TypeRef>)> {
    match ty {
        TypeRef::Named(id) => struct_of(api, *id),
        TypeRef::Boxed(t) => strukt(api, t),
        _ => None,
    }
}

fn struct_of(api: &Api, id: TypeId) -> Option<(&[Field], Option<&TypeRef>)> {
    match &api.types[id.0].kind {
        TypeKind::Struct { fields, extra } => Some((fields, extra.as_ref())),
        TypeKind::Alias(target) => struct_of(api, *target),
        _ => None,
    }
}

/// A value of `ty` as the union tests make it: every field down to [`ALL_FIELDS_DEPTH`].
fn value_of(api: &Api, ty: &TypeRef, depth: usize) -> Option<Value> {
    value_with(api, ty, depth, ALL_FIELDS_DEPTH)
}

/// A value of `ty` made from its schema, every field set above depth `all` and the
/// required ones below it (the spec's example where it fits the field's type), or `None`
/// when none can be made (a required field nests too deep, or holds bytes).
pub(super) fn value_with(api: &Api, ty: &TypeRef, depth: usize, all: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match ty {
        TypeRef::Prim(p) => prim(*p)?,
        TypeRef::Vec(t) => Value::Array(value_with(api, t, depth + 1, all).into_iter().collect()),
        TypeRef::Map(t) => {
            let item = value_with(api, t, depth + 1, all);
            Value::Object(item.map(|v| ("key".to_string(), v)).into_iter().collect())
        }
        TypeRef::Option(t) | TypeRef::Boxed(t) => value_with(api, t, depth, all)?,
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Struct { fields, extra } => {
                let mut members = Map::new();
                for f in fields {
                    if f.optional && depth >= all {
                        continue;
                    }
                    let made = example(api, f).or_else(|| value_with(api, &f.ty, depth + 1, all));
                    match made {
                        Some(v) => {
                            members.insert(f.wire.clone(), v);
                        }
                        None if f.optional => {}
                        None => return None,
                    }
                }
                if let Some(extra) = extra.as_ref().filter(|_| depth < all) {
                    let mut key = "additional_member".to_string();
                    while fields.iter().any(|f| f.wire == key) {
                        key.push('_');
                    }
                    if let Some(v) = value_with(api, extra, depth + 1, all) {
                        members.insert(key, v);
                    }
                }
                Value::Object(members)
            }
            TypeKind::Enum { variants } => Value::String(
                variants
                    .first()
                    .map_or_else(|| "text".into(), |v| v.wire.clone()),
            ),
            TypeKind::Alias(target) => value_with(api, &TypeRef::Named(*target), depth, all)?,
            TypeKind::Untagged { variants } => variants
                .iter()
                .find_map(|(_, t)| value_with(api, t, depth + 1, all))?,
            TypeKind::Tagged { tag, variants } => variants.iter().find_map(|v| {
                let Some(Value::Object(mut members)) = value_with(api, &v.ty, depth + 1, all)
                else {
                    return None;
                };
                members.insert(tag.clone(), Value::String(v.name.wire.clone()));
                Some(Value::Object(members))
            })?,
        },
    })
}

/// A value of a built-in type; none for bytes, which no response holds.
fn prim(p: Prim) -> Option<Value> {
    Some(match p {
        Prim::String => Value::String("text".into()),
        Prim::Bool => Value::Bool(true),
        Prim::I32 | Prim::I64 | Prim::U8 | Prim::U16 | Prim::U32 | Prim::U64 => Value::from(7),
        // A number with a fraction, which encodes back as it came (`7` would come back `7.0`).
        Prim::F64 => Value::from(7.5),
        Prim::Timestamp => Value::String("2024-01-02T03:04:05Z".into()),
        Prim::Value => Value::String("any value".into()),
        Prim::Unit => Value::Null,
        Prim::Bytes => return None,
    })
}

/// The field's example from the spec, where it is a value of the field's type that comes
/// back as it went (scalars and string enums; numbers as the type writes them).
fn example(api: &Api, f: &Field) -> Option<Value> {
    let example = f.docs.example.as_ref()?;
    let mut ty = &f.ty;
    while let TypeRef::Option(t) = ty {
        ty = t;
    }
    match ty {
        TypeRef::Prim(Prim::String) => example.is_string().then(|| example.clone()),
        TypeRef::Prim(Prim::Bool) => example.is_boolean().then(|| example.clone()),
        TypeRef::Prim(Prim::F64) => example.as_f64().map(Value::from),
        TypeRef::Prim(p) => {
            let n = example.as_i64()?;
            let fits = match p {
                Prim::I32 => i32::try_from(n).is_ok(),
                Prim::I64 => true,
                Prim::U8 => u8::try_from(n).is_ok(),
                Prim::U16 => u16::try_from(n).is_ok(),
                Prim::U32 => u32::try_from(n).is_ok(),
                Prim::U64 => n >= 0,
                _ => false,
            };
            fits.then(|| example.clone())
        }
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Enum { variants } => variants
                .iter()
                .find(|v| example.as_str() == Some(v.wire.as_str()))
                .map(|v| Value::String(v.wire.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// The variant an untagged union decodes `value` into, by its rule: of the alternatives
/// that keep all of it, the first; one that keeps the undeclared member too (in its
/// `additionalProperties` map) keeps more than one that does not.
fn winner<'a>(api: &Api, variants: &'a [(String, TypeRef)], value: &Value) -> Option<&'a String> {
    let keeping = |extra_too: bool| {
        variants
            .iter()
            .find(|(_, t)| keeps_top(api, t, value, extra_too))
            .map(|(n, _)| n)
    };
    keeping(true).or_else(|| keeping(false))
}

/// Whether alternative `ty` keeps all of `value`, the undeclared member aside unless
/// `extra_too` (then only a map of members it does not declare keeps it).
fn keeps_top(api: &Api, ty: &TypeRef, value: &Value, extra_too: bool) -> bool {
    match (strukt(api, ty), value) {
        (Some((fields, extra)), Value::Object(members)) if members.contains_key(UNDECLARED) => {
            let mut rest = members.clone();
            let undeclared = rest.remove(UNDECLARED).unwrap_or_default();
            let declared = fields.iter().any(|f| f.wire == UNDECLARED);
            let kept = match extra {
                Some(extra) if !declared => keeps(api, extra, &undeclared),
                _ => declared,
            };
            (kept || !extra_too) && keeps_struct(api, fields, extra, &rest)
        }
        _ => !extra_too && keeps(api, ty, value),
    }
}

/// Whether a value of `ty` decoded from `value` encodes back to all of it.
fn keeps(api: &Api, ty: &TypeRef, value: &Value) -> bool {
    match ty {
        TypeRef::Prim(p) => match p {
            Prim::String => value.is_string(),
            Prim::Bool => value.is_boolean(),
            Prim::I32 | Prim::I64 | Prim::U8 | Prim::U16 | Prim::U32 | Prim::U64 => {
                value.is_i64() || value.is_u64()
            }
            Prim::F64 => value.is_f64(),
            Prim::Timestamp => value.as_str().is_some_and(looks_like_timestamp),
            Prim::Value => true,
            Prim::Unit => value.is_null(),
            Prim::Bytes => false,
        },
        TypeRef::Vec(t) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| keeps(api, t, v))),
        TypeRef::Map(t) => value
            .as_object()
            .is_some_and(|m| m.values().all(|v| keeps(api, t, v))),
        TypeRef::Option(t) => value.is_null() || keeps(api, t, value),
        TypeRef::Boxed(t) => keeps(api, t, value),
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Struct { fields, extra } => value
                .as_object()
                .is_some_and(|m| keeps_struct(api, fields, extra.as_ref(), m)),
            TypeKind::Enum { .. } => value.is_string(),
            TypeKind::Alias(target) => keeps(api, &TypeRef::Named(*target), value),
            // A value no alternative fits is kept whole, as `Unrecognized`.
            TypeKind::Untagged { .. } | TypeKind::Tagged { .. } => true,
        },
    }
}

/// Whether a struct decodes from `members` (its required fields are there) and keeps every
/// one of them (declared, or in its `additionalProperties` map).
fn keeps_struct(
    api: &Api,
    fields: &[Field],
    extra: Option<&TypeRef>,
    members: &Map<String, Value>,
) -> bool {
    let required = fields
        .iter()
        .filter(|f| !f.optional)
        .all(|f| members.contains_key(&f.wire));
    required
        && members
            .iter()
            .all(|(k, v)| match fields.iter().find(|f| &f.wire == k) {
                Some(f) => keeps(api, &f.ty, v),
                None => extra.is_some_and(|t| keeps(api, t, v)),
            })
}

/// Whether a string is an RFC 3339 timestamp as the values made here write them.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && s.ends_with('Z')
}
