//! A request body written out from the spec's examples, for the method's doc example:
//!
//! ```text
//! use generated_client::access::zone_level_service_tokens::UpdateServiceToken;
//! let body = UpdateServiceToken::new()
//!     .duration("60m")
//!     .name("CI/CD token");
//! ```
//!
//! The values come from the body schema's `example` object where it has one, else from each
//! property's `example`: required fields go to `new`, the others to their setters. The
//! expression is written from the Rust types, so it compiles: a value that does not fit its
//! field (a string for an integer, an unknown enum value) is left out when the field is
//! optional, and gives up the whole example when it is required. Kinds with no plain
//! literal (timestamps, `serde_json::Value`, maps, untagged unions) are left out the same
//! way.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{Api, Field, Home, Prim, TypeId, TypeKind, TypeRef};
use crate::naming;

/// Nested structs written out at most this deep.
const MAX_DEPTH: usize = 3;
/// A literal with more fields than this is not an example anyone reads.
const MAX_FIELDS: usize = 16;
/// Items of an example array written out.
const MAX_ITEMS: usize = 4;

/// The `use` lines and the `let body = ...;` lines of an example body of type `id`, when
/// the examples give at least one value and every required field.
pub fn body_lines(api: &Api, id: TypeId) -> Option<Vec<String>> {
    let mut w = Writer {
        api,
        krate: api.crate_name.replace('-', "_"),
        uses: BTreeMap::new(),
    };
    let literal = w.struct_literal(id, api.types[id.0].docs.example.as_ref(), 0)?;
    if !literal.filled {
        return None;
    }
    let mut lines: Vec<String> = w.uses.values().map(|p| format!("use {p};")).collect();
    lines.push(String::new());
    let text = format!("let body = {};", literal.text);
    lines.extend(text.lines().map(str::to_string));
    Some(lines)
}

struct Writer<'a> {
    api: &'a Api,
    krate: String,
    /// Type name → its path, for the `use` lines.
    uses: BTreeMap<String, String>,
}

/// A struct literal, and whether any field got a value from the examples.
struct Literal {
    text: String,
    filled: bool,
}

impl Writer<'_> {
    /// The name of type `id` in the example, with its `use` line; `None` when another type
    /// of the same name is already used.
    fn name(&mut self, id: TypeId) -> Option<String> {
        let def = &self.api.types[id.0];
        let module = match def.home {
            Home::Shared => "types".to_string(),
            Home::Area(a) => self.api.areas[a].module.clone(),
            Home::Group(g) => {
                let group = &self.api.groups[g];
                format!("{}::{}", self.api.areas[group.area].module, group.module)
            }
        };
        let path = format!("{}::{}::{}", self.krate, module, def.name);
        match self.uses.get(&def.name) {
            Some(known) if *known != path => None,
            _ => {
                self.uses.insert(def.name.clone(), path);
                Some(def.name.clone())
            }
        }
    }

    /// `Name::new(required..)` and a setter call per optional field with a value.
    fn struct_literal(
        &mut self,
        id: TypeId,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<Literal> {
        let TypeKind::Struct { fields, .. } = &self.api.definition(id).kind else {
            return None;
        };
        if depth > MAX_DEPTH || fields.len() > MAX_FIELDS {
            return None;
        }
        let object = example.and_then(Value::as_object);
        let (mut args, mut setters) = (Vec::new(), Vec::new());
        let mut filled = false;
        for field in fields {
            let value = match object {
                Some(o) => o.get(&field.wire),
                None => field.docs.example.as_ref(),
            };
            let required = !field.optional || field.send_null;
            match self.field_value(field, value, depth) {
                Some((text, from_example)) => {
                    filled |= from_example;
                    if required {
                        args.push(text);
                    } else {
                        let setter = naming::setter_name(&field.rust);
                        setters.push(format!(".{setter}({text})"));
                    }
                }
                None if required => return None,
                None => {}
            }
        }
        let name = self.name(id)?;
        let call = format!("{name}::new({})", args.join(", "));
        let text = if setters.is_empty() {
            call
        } else {
            let indented: Vec<String> = setters
                .iter()
                .flat_map(|l| l.lines().map(|l| format!("    {l}")).collect::<Vec<_>>())
                .collect();
            format!("{call}\n{}", indented.join("\n"))
        };
        Some(Literal { text, filled })
    }

    /// A field's value as its constructor argument or setter takes it, and whether it came
    /// from an example; `None` when there is none (a required struct field is written from
    /// its own fields' examples).
    fn field_value(
        &mut self,
        field: &Field,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<(String, bool)> {
        // A required nullable field takes an `Option`: `None` sends `null`.
        let ty = if field.optional && field.send_null {
            TypeRef::Option(Box::new(field.ty.clone()))
        } else {
            field.ty.clone()
        };
        match example {
            Some(Value::Null) if field.optional && field.send_null => {
                Some(("None".to_string(), true))
            }
            Some(Value::Null) => None,
            Some(v) => Some((self.value(&ty, v, depth, Place::Argument)?, true)),
            None if field.optional => None,
            None => match &field.ty {
                TypeRef::Named(id) => {
                    let literal = self.struct_literal(*id, None, depth + 1)?;
                    Some((literal.text, literal.filled))
                }
                _ => None,
            },
        }
    }

    /// `v` as a Rust expression of type `ty` (or, as an argument, of a type that converts
    /// into it: `"text"` for a `String`).
    fn value(&mut self, ty: &TypeRef, v: &Value, depth: usize, at: Place) -> Option<String> {
        match (ty, v) {
            (TypeRef::Option(_), Value::Null) => Some("None".to_string()),
            (TypeRef::Option(inner), v) => {
                let inner = self.value(inner, v, depth, Place::Inside)?;
                Some(format!("Some({inner})"))
            }
            (TypeRef::Boxed(inner), v) => Some(format!(
                "Box::new({})",
                self.value(inner, v, depth, Place::Inside)?
            )),
            (TypeRef::Vec(inner), Value::Array(items)) => {
                let items: Option<Vec<String>> = items
                    .iter()
                    .take(MAX_ITEMS)
                    .map(|item| self.value(inner, item, depth, Place::Inside))
                    .collect();
                let items = items?;
                if items.iter().any(|i| i.contains('\n')) {
                    let body: Vec<String> = items
                        .iter()
                        .flat_map(|i| {
                            let text = format!("{i},");
                            text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>()
                        })
                        .collect();
                    Some(format!("vec![\n{}\n]", body.join("\n")))
                } else {
                    Some(format!("vec![{}]", items.join(", ")))
                }
            }
            (TypeRef::Prim(p), v) => prim(*p, v, at),
            (TypeRef::Named(id), v) => self.named(*id, v, depth),
            _ => None,
        }
    }

    fn named(&mut self, id: TypeId, v: &Value, depth: usize) -> Option<String> {
        match (&self.api.definition(id).kind, v) {
            (TypeKind::Enum { variants }, Value::String(s)) => {
                let variant = variants.iter().find(|x| x.wire == *s)?.rust.clone();
                Some(format!("{}::{variant}", self.name(id)?))
            }
            (TypeKind::Struct { .. }, Value::Object(_)) => {
                Some(self.struct_literal(id, Some(v), depth + 1)?.text)
            }
            _ => None,
        }
    }
}

/// Where a value is written: as a constructor argument or setter value, which converts with
/// `Into` (a `&str` for a `String`) or, for a number, takes the type itself; or inside a
/// list or an `Option`, where its type must be spelled out (`String::from`, `3u32`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Argument,
    Inside,
}

/// A literal of a built-in type, when `v` is one.
fn prim(p: Prim, v: &Value, at: Place) -> Option<String> {
    let suffix = |s: &str| {
        if at == Place::Inside {
            s.to_string()
        } else {
            String::new()
        }
    };
    let int = |min: i128, max: i128, ty: &str| {
        let n = v
            .as_i64()
            .map(i128::from)
            .or_else(|| v.as_u64().map(i128::from))?;
        (min..=max)
            .contains(&n)
            .then(|| format!("{n}{}", suffix(ty)))
    };
    match (p, v) {
        (Prim::String, Value::String(s)) => {
            let literal = proc_macro2::Literal::string(s);
            Some(match at {
                Place::Argument => literal.to_string(),
                Place::Inside => format!("String::from({literal})"),
            })
        }
        (Prim::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Prim::I32, _) => int(i32::MIN.into(), i32::MAX.into(), "i32"),
        (Prim::I64, _) => int(i64::MIN.into(), i64::MAX.into(), "i64"),
        (Prim::U8, _) => int(0, u8::MAX.into(), "u8"),
        (Prim::U16, _) => int(0, u16::MAX.into(), "u16"),
        (Prim::U32, _) => int(0, u32::MAX.into(), "u32"),
        (Prim::U64, _) => int(0, u64::MAX.into(), "u64"),
        (Prim::F64, Value::Number(n)) => {
            let f = n.as_f64().filter(|f| f.is_finite())?;
            Some(format!("{f:?}{}", suffix("f64")))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Area, Docs, TypeDef, Variant};

    fn field(rust: &str, ty: TypeRef, optional: bool, example: Option<Value>) -> Field {
        Field {
            rust: rust.into(),
            wire: rust.into(),
            ty,
            optional,
            send_null: false,
            max_length: None,
            docs: Docs {
                example,
                ..Docs::default()
            },
        }
    }

    fn api(fields: Vec<Field>, example: Option<Value>) -> Api {
        let def = |name: &str, kind: TypeKind, example: Option<Value>| TypeDef {
            name: name.into(),
            home: Home::Area(0),
            docs: Docs {
                example,
                ..Docs::default()
            },
            kind,
            sent: true,
            received: false,
            multipart: false,
        };
        let status = TypeKind::Enum {
            variants: vec![Variant {
                rust: "Accepted".into(),
                wire: "accepted".into(),
            }],
        };
        Api {
            crate_name: "my-api".into(),
            title: String::new(),
            description: None,
            version: String::new(),
            default_base_url: String::new(),
            types: vec![
                def(
                    "Body",
                    TypeKind::Struct {
                        fields,
                        extra: None,
                    },
                    example,
                ),
                def("Status", status, None),
            ],
            groups: Vec::new(),
            areas: vec![Area {
                module: "things".into(),
                segment: "things".into(),
                groups: Vec::new(),
                requires: Vec::new(),
                accessor: String::new(),
                handle: String::new(),
                main: None,
            }],
            schemes: Vec::new(),
            credential_sets: Vec::new(),
            keywords: Vec::new(),
            credential_policy: crate::ir::CredentialPolicy::Strict,
            request_id_header: None,
        }
    }

    #[test]
    fn a_body_is_written_from_its_example_object_by_type() {
        let fields = vec![
            field("status", TypeRef::Named(TypeId(1)), false, None),
            field("count", TypeRef::Prim(Prim::U32), true, None),
            field(
                "tags",
                TypeRef::Vec(Box::new(TypeRef::Prim(Prim::String))),
                true,
                None,
            ),
            field("since", TypeRef::Prim(Prim::Timestamp), true, None),
        ];
        let example = serde_json::json!({
            "status": "accepted", "count": 3, "tags": ["a"], "since": "2024-01-01T00:00:00Z"
        });
        let lines = body_lines(&api(fields, Some(example)), TypeId(0)).expect("an example");
        assert_eq!(
            lines,
            [
                "use my_api::things::Body;",
                "use my_api::things::Status;",
                "",
                "let body = Body::new(Status::Accepted)",
                "    .count(3)",
                "    .tags(vec![String::from(\"a\")]);",
            ]
        );
    }

    #[test]
    fn a_required_value_that_does_not_fit_gives_up_the_example() {
        let fields = vec![field("status", TypeRef::Named(TypeId(1)), false, None)];
        let unknown = serde_json::json!({"status": "rejected"});
        assert_eq!(
            body_lines(&api(fields.clone(), Some(unknown)), TypeId(0)),
            None
        );
        let optional = vec![field(
            "name",
            TypeRef::Prim(Prim::String),
            true,
            Some(Value::String("x".into())),
        )];
        assert_eq!(
            body_lines(&api(optional, None), TypeId(0)).expect("an example")[2..],
            ["let body = Body::new()", "    .name(\"x\");"]
        );
    }
}
