//! A request body written out from the spec's examples, for the method's doc example:
//!
//! ```text
//! use generated_client::access::UpdateServiceToken;
//! let body = UpdateServiceToken {
//!     duration: Some("60m".into()),
//!     name: Some("CI/CD token".into()),
//! };
//! ```
//!
//! The values come from the body schema's `example` object where it has one, else from each
//! property's `example`. The literal is written from the Rust types, so it compiles: a value
//! that does not fit its field (a string for an integer, an unknown enum value) is left out
//! when the field is optional, and gives up the whole example when it is required. Kinds
//! with no plain literal (timestamps, `serde_json::Value`, maps, untagged unions) are left
//! out the same way.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{Api, Field, Home, Prim, TypeId, TypeKind, TypeRef};

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
            Home::Group(g) => self.api.areas[self.api.groups[g].area].module.clone(),
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

    fn struct_literal(
        &mut self,
        id: TypeId,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<Literal> {
        let TypeKind::Struct { fields, extra } = &self.api.types[id.0].kind else {
            return None;
        };
        let defaults = fields.iter().all(|f| f.optional);
        if depth > MAX_DEPTH || (!defaults && (fields.len() > MAX_FIELDS || extra.is_some())) {
            return None;
        }
        let object = example.and_then(Value::as_object);
        let mut lines = Vec::new();
        let mut filled = false;
        let mut left_out = false;
        for field in fields {
            let value = match object {
                Some(o) => o.get(&field.wire),
                None => field.docs.example.as_ref(),
            };
            match self.field_value(field, value, depth) {
                Some((text, from_example)) => {
                    filled |= from_example;
                    lines.push(format!("{}: {text},", field.rust));
                }
                None if !field.optional => return None,
                None if defaults => left_out = true,
                None => lines.push(format!("{}: None,", field.rust)),
            }
        }
        if lines.len() > MAX_FIELDS {
            return None;
        }
        if left_out || extra.is_some() {
            lines.push("..Default::default()".to_string());
        }
        let name = self.name(id)?;
        let body: Vec<String> = lines
            .iter()
            .flat_map(|l| l.lines().map(|l| format!("    {l}")).collect::<Vec<_>>())
            .collect();
        Some(Literal {
            text: format!("{name} {{\n{}\n}}", body.join("\n")),
            filled,
        })
    }

    /// A field's value, and whether it came from an example; `None` when there is none
    /// (a required struct field is written from its own fields' examples).
    fn field_value(
        &mut self,
        field: &Field,
        example: Option<&Value>,
        depth: usize,
    ) -> Option<(String, bool)> {
        let text = match example {
            Some(Value::Null) => return None,
            Some(v) => Some((self.value(&field.ty, v, depth)?, true)),
            None if field.optional => None,
            None => match &field.ty {
                TypeRef::Named(id) => {
                    let literal = self.struct_literal(*id, None, depth + 1)?;
                    Some((literal.text, literal.filled))
                }
                _ => None,
            },
        }?;
        Some(if field.optional {
            (format!("Some({})", text.0), text.1)
        } else {
            text
        })
    }

    /// `v` as a Rust expression of type `ty`.
    fn value(&mut self, ty: &TypeRef, v: &Value, depth: usize) -> Option<String> {
        match (ty, v) {
            (TypeRef::Option(_), Value::Null) => Some("None".to_string()),
            (TypeRef::Option(inner), v) => Some(format!("Some({})", self.value(inner, v, depth)?)),
            (TypeRef::Boxed(inner), v) => {
                Some(format!("Box::new({})", self.value(inner, v, depth)?))
            }
            (TypeRef::Vec(inner), Value::Array(items)) => {
                let items: Option<Vec<String>> = items
                    .iter()
                    .take(MAX_ITEMS)
                    .map(|item| self.value(inner, item, depth))
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
            (TypeRef::Prim(p), v) => prim(*p, v),
            (TypeRef::Named(id), v) => self.named(*id, v, depth),
            _ => None,
        }
    }

    fn named(&mut self, id: TypeId, v: &Value, depth: usize) -> Option<String> {
        match (&self.api.types[id.0].kind, v) {
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

/// A literal of a built-in type, when `v` is one.
fn prim(p: Prim, v: &Value) -> Option<String> {
    let int = |min: i128, max: i128| {
        let n = v
            .as_i64()
            .map(i128::from)
            .or_else(|| v.as_u64().map(i128::from))?;
        (min..=max).contains(&n).then(|| n.to_string())
    };
    match (p, v) {
        (Prim::String, Value::String(s)) => {
            Some(format!("{}.into()", proc_macro2::Literal::string(s)))
        }
        (Prim::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Prim::I32, _) => int(i32::MIN.into(), i32::MAX.into()),
        (Prim::I64, _) => int(i64::MIN.into(), i64::MAX.into()),
        (Prim::U8, _) => int(0, u8::MAX.into()),
        (Prim::U16, _) => int(0, u16::MAX.into()),
        (Prim::U32, _) => int(0, u32::MAX.into()),
        (Prim::U64, _) => int(0, u64::MAX.into()),
        (Prim::F64, Value::Number(n)) => {
            let f = n.as_f64().filter(|f| f.is_finite())?;
            Some(format!("{f:?}"))
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
            }],
            schemes: Vec::new(),
            credential_sets: Vec::new(),
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
                "let body = Body {",
                "    status: Status::Accepted,",
                "    count: Some(3),",
                "    tags: Some(vec![\"a\".into()]),",
                "    since: None,",
                "};",
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
            ["let body = Body {", "    name: Some(\"x\".into()),", "};"]
        );
    }
}
