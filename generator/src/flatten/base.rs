//! A schema's own keywords (type, format, enum, bounds, properties, items) as a shape,
//! before allOf and anyOf are applied.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, Schema, SchemaData};
use serde_json::Value;

use super::Flattener;
use super::keywords::{Keywords, SchemaRef};
use super::shape::{ArrayShape, IntegerShape, Kind, Meta, ObjectShape, Shape, StringShape};
use crate::diag::pointer_push;

impl Flattener<'_> {
    /// The shape of `schema`'s own keywords, with its documentation.
    pub(super) fn base(&mut self, schema: &Schema, k: &Keywords<'_>, ptr: &str) -> Shape {
        let mut meta = meta_of(&schema.schema_data);
        let enum_values: Vec<&Value> = k.enumeration.iter().filter(|v| !v.is_null()).collect();
        if k.enumeration.iter().any(Value::is_null) {
            meta.nullable = true;
        }
        // `enum: [null]` admits only null, whatever `type` says (the 4XX envelope's `result`).
        if !k.enumeration.is_empty() && enum_values.is_empty() {
            return Shape {
                kind: Kind::Null,
                meta: Meta {
                    nullable: false,
                    ..meta
                },
            };
        }
        let typ = k.typ.or_else(|| implied_type(k, &enum_values));
        let kind = match typ {
            Some("string") => Kind::String(self.string(k, &enum_values, ptr)),
            Some("integer") => Kind::Integer(integer(k)),
            Some("number") => Kind::Number(k.format.clone()),
            Some("boolean") => {
                let pinned = match enum_values.as_slice() {
                    [Value::Bool(b)] => Some(*b),
                    _ => None,
                };
                Kind::Bool(pinned)
            }
            Some("object") => Kind::Object(self.object(k, ptr)),
            Some("array") => {
                let items = match k.items {
                    Some(items) => {
                        self.flatten(SchemaRef::of_boxed(items), &pointer_push(ptr, "items"))
                    }
                    None => Shape::any(),
                };
                Kind::Array(ArrayShape {
                    items: Box::new(items),
                    max_items: k.max_items.map(|n| n as u64),
                    unique: k.unique_items,
                })
            }
            Some("null") => Kind::Null,
            // `type: uuid` (the 2023 Cloudflare spec): a mistake, but one a client can live
            // with: the value is read as any JSON value.
            Some(other) => {
                self.diags.push(
                    self.sources
                        .warning(&pointer_push(ptr, "type"), format!("unknown type `{other}`; the value is read as any JSON value"))
                        .help("OpenAPI 3.0 types are string, integer, number, boolean, object and array"),
                );
                Kind::Any
            }
            None => Kind::Any,
        };
        let mut shape = Shape { kind, meta };
        self.check_default(&mut shape, ptr);
        shape
    }

    fn string(&mut self, k: &Keywords<'_>, values: &[&Value], ptr: &str) -> StringShape {
        let strings: Vec<String> = values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if strings.len() != values.len() {
            self.diags.push(self.sources.warning(
                &pointer_push(ptr, "enum"),
                "a string enum lists values that are not strings; only the strings are kept",
            ));
        }
        // A value listed twice (a bundler's artifact) would be a second, unreachable variant.
        let mut seen = std::collections::HashSet::new();
        let listed = strings.len();
        let strings: Vec<String> = strings
            .into_iter()
            .filter(|s| seen.insert(s.clone()))
            .collect();
        if strings.len() != listed {
            self.diags.push(self.sources.warning(
                &pointer_push(ptr, "enum"),
                format!(
                    "a string enum lists a value more than once ({} values, {} distinct); each is kept once",
                    listed,
                    strings.len()
                ),
            ));
        }
        StringShape {
            format: k.format.clone(),
            max_length: k.max_length.map(|n| n as u64),
            min_length: k.min_length.map(|n| n as u64),
            pattern: k.pattern.map(str::to_string),
            values: (!strings.is_empty()).then_some(strings),
        }
    }

    fn object(&mut self, k: &Keywords<'_>, ptr: &str) -> ObjectShape {
        let mut properties = IndexMap::new();
        if let Some(props) = k.properties {
            let props_ptr = pointer_push(ptr, "properties");
            for (name, schema) in props {
                let shape =
                    self.flatten(SchemaRef::of_boxed(schema), &pointer_push(&props_ptr, name));
                properties.insert(name.clone(), shape);
            }
        }
        let required: BTreeSet<String> = k.required.iter().cloned().collect();
        let additional = match k.additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(Box::new(Shape::any())),
            Some(AdditionalProperties::Schema(s)) => Some(Box::new(
                self.flatten(SchemaRef::of(s), &pointer_push(ptr, "additionalProperties")),
            )),
        };
        ObjectShape {
            properties,
            required,
            additional,
        }
    }

    /// A `default` that its own type cannot hold is dropped, with a warning.
    fn check_default(&mut self, shape: &mut Shape, ptr: &str) {
        let Some(default) = &shape.meta.default else {
            return;
        };
        let fits = match (&shape.kind, default) {
            (_, Value::Null) => shape.meta.nullable,
            (Kind::String(s), Value::String(v)) => {
                s.values.as_ref().is_none_or(|vals| vals.contains(v))
            }
            (Kind::Integer(_), Value::Number(n)) => n.is_i64() || n.is_u64(),
            (Kind::Number(_), Value::Number(_)) | (Kind::Bool(_), Value::Bool(_)) => true,
            (Kind::Array(_), Value::Array(_)) | (Kind::Object(_), Value::Object(_)) => true,
            (Kind::Any, _) => true,
            _ => false,
        };
        if !fits {
            let message = format!(
                "`default: {default}` does not fit the schema ({}); it is ignored",
                shape.describe()
            );
            self.diags
                .push(self.sources.warning(&pointer_push(ptr, "default"), message));
            shape.meta.default = None;
        }
    }
}

/// The type keywords imply when `type` is missing: properties mean an object, items an
/// array, `format: binary` a string, and enum values their own JSON type.
fn implied_type(k: &Keywords<'_>, enum_values: &[&Value]) -> Option<&'static str> {
    if k.properties.is_some() || k.additional.is_some() || !k.required.is_empty() {
        return Some("object");
    }
    if k.items.is_some() {
        return Some("array");
    }
    if k.format.as_deref() == Some("binary") || k.max_length.is_some() || k.pattern.is_some() {
        return Some("string");
    }
    let first = enum_values.first()?;
    let same = |f: fn(&Value) -> bool| enum_values.iter().all(|v| f(v));
    match first {
        Value::String(_) if same(Value::is_string) => Some("string"),
        Value::Bool(_) if same(Value::is_boolean) => Some("boolean"),
        Value::Number(_) if same(|v| v.is_i64() || v.is_u64()) => Some("integer"),
        Value::Number(_) if same(Value::is_number) => Some("number"),
        _ => None,
    }
}

/// Bounds as inclusive integers; `exclusiveMinimum: true` moves the bound by one.
fn integer(k: &Keywords<'_>) -> IntegerShape {
    let to_int = |v: f64| (v.is_finite() && v.abs() < 9.0e18).then_some(v as i64);
    let minimum = k
        .minimum
        .and_then(|v| to_int(v.ceil()))
        .map(|v| if k.exclusive_minimum { v + 1 } else { v });
    let maximum = k
        .maximum
        .and_then(|v| to_int(v.floor()))
        .map(|v| if k.exclusive_maximum { v - 1 } else { v });
    IntegerShape {
        minimum,
        maximum,
        format: k.format.clone(),
    }
}

fn meta_of(data: &SchemaData) -> Meta {
    Meta {
        description: data.description.clone().filter(|d| !d.trim().is_empty()),
        title: data.title.clone(),
        example: data.example.clone(),
        default: data.default.clone(),
        nullable: data.nullable,
        read_only: data.read_only,
        write_only: data.write_only,
        deprecated: data.deprecated,
    }
}
