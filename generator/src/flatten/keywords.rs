//! One view of a schema's keywords, whichever `openapiv3::SchemaKind` variant holds them.
//!
//! openapiv3 reads `{type: string, enum: [...]}` as `Type::String` but `{type: object,
//! enum: [null]}` as `Any`, since typed variants only take their own keywords. Flattening
//! wants every keyword the author wrote, so each variant is read into [`Keywords`] here.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// A reference to a schema, or the schema itself, wherever it is nested.
#[derive(Debug, Clone, Copy)]
pub enum SchemaRef<'s> {
    /// `$ref: '#/components/schemas/Name'`.
    Ref(&'s str),
    /// An inline schema.
    Inline(&'s Schema),
}

impl<'s> SchemaRef<'s> {
    /// From a `ReferenceOr<Schema>`.
    pub fn of(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }

    /// From a `ReferenceOr<Box<Schema>>`.
    pub fn of_boxed(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// Every keyword of one schema that flattening reads.
#[derive(Debug, Default)]
pub struct Keywords<'s> {
    pub typ: Option<&'s str>,
    pub format: Option<String>,
    pub enumeration: Vec<Value>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<&'s str>,
    pub properties: Option<&'s IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
    pub items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub all_of: &'s [ReferenceOr<Schema>],
    pub any_of: &'s [ReferenceOr<Schema>],
    pub one_of: &'s [ReferenceOr<Schema>],
}

fn format_name<T: std::fmt::Debug>(
    f: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(t) => Some(known(t).to_string()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn string_format(f: &StringFormat) -> &'static str {
    match f {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

/// Reads the keywords of `schema`.
pub fn keywords(schema: &Schema) -> Keywords<'_> {
    let mut k = Keywords::default();
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            k.typ = Some("string");
            k.format = format_name(&s.format, string_format);
            k.pattern = s.pattern.as_deref();
            k.enumeration = s
                .enumeration
                .iter()
                .map(|v| v.clone().map_or(Value::Null, Value::String))
                .collect();
            k.min_length = s.min_length;
            k.max_length = s.max_length;
        }
        SchemaKind::Type(Type::Number(n)) => {
            k.typ = Some("number");
            k.format = format_name(&n.format, |f| match f {
                openapiv3::NumberFormat::Float => "float",
                openapiv3::NumberFormat::Double => "double",
            });
            k.minimum = n.minimum;
            k.maximum = n.maximum;
            k.exclusive_minimum = n.exclusive_minimum;
            k.exclusive_maximum = n.exclusive_maximum;
            k.enumeration = n
                .enumeration
                .iter()
                .map(|v| v.map_or(Value::Null, Value::from))
                .collect();
        }
        SchemaKind::Type(Type::Integer(i)) => {
            k.typ = Some("integer");
            k.format = format_name(&i.format, |f| match f {
                openapiv3::IntegerFormat::Int32 => "int32",
                openapiv3::IntegerFormat::Int64 => "int64",
            });
            k.minimum = i.minimum.map(|v| v as f64);
            k.maximum = i.maximum.map(|v| v as f64);
            k.exclusive_minimum = i.exclusive_minimum;
            k.exclusive_maximum = i.exclusive_maximum;
            k.enumeration = i
                .enumeration
                .iter()
                .map(|v| v.map_or(Value::Null, Value::from))
                .collect();
        }
        SchemaKind::Type(Type::Boolean(b)) => {
            k.typ = Some("boolean");
            k.enumeration = b
                .enumeration
                .iter()
                .map(|v| v.map_or(Value::Null, Value::Bool))
                .collect();
        }
        SchemaKind::Type(Type::Object(o)) => {
            k.typ = Some("object");
            k.properties = Some(&o.properties);
            k.required = &o.required;
            k.additional = o.additional_properties.as_ref();
        }
        SchemaKind::Type(Type::Array(a)) => {
            k.typ = Some("array");
            k.items = a.items.as_ref();
            k.max_items = a.max_items;
            k.unique_items = a.unique_items;
        }
        SchemaKind::OneOf { one_of } => k.one_of = one_of,
        SchemaKind::AllOf { all_of } => k.all_of = all_of,
        SchemaKind::AnyOf { any_of } => k.any_of = any_of,
        SchemaKind::Not { .. } => {}
        SchemaKind::Any(a) => {
            k.typ = a.typ.as_deref();
            k.format = a.format.clone();
            k.enumeration = a.enumeration.clone();
            k.minimum = a.minimum;
            k.maximum = a.maximum;
            k.exclusive_minimum = a.exclusive_minimum.unwrap_or(false);
            k.exclusive_maximum = a.exclusive_maximum.unwrap_or(false);
            k.min_length = a.min_length;
            k.max_length = a.max_length;
            k.pattern = a.pattern.as_deref();
            k.properties = (!a.properties.is_empty()).then_some(&a.properties);
            k.required = &a.required;
            k.additional = a.additional_properties.as_ref();
            k.items = a.items.as_ref();
            k.max_items = a.max_items;
            k.unique_items = a.unique_items.unwrap_or(false);
            k.all_of = &a.all_of;
            k.any_of = &a.any_of;
            k.one_of = &a.one_of;
        }
    }
    k
}

/// The schema at `segments` (unescaped pointer segments such as `properties`, `value`)
/// inside `root`, following `$ref`s to component schemas on the way.
pub fn navigate<'s>(
    doc: &'s openapiv3::OpenAPI,
    root: &'s ReferenceOr<Schema>,
    segments: &[String],
) -> Option<SchemaRef<'s>> {
    let mut at = SchemaRef::of(root);
    let mut rest = segments;
    let mut hops = 0;
    while let Some(segment) = rest.first() {
        let schema = match at {
            SchemaRef::Inline(s) => s,
            SchemaRef::Ref(reference) => {
                hops += 1;
                let name = reference.strip_prefix(super::COMPONENT_PREFIX)?;
                match doc.components.as_ref()?.schemas.get(name)? {
                    ReferenceOr::Item(s) if hops < 64 => s,
                    _ => return None,
                }
            }
        };
        let k = keywords(schema);
        let index = || rest.get(1)?.parse::<usize>().ok();
        (at, rest) = match segment.as_str() {
            "properties" => (
                SchemaRef::of_boxed(k.properties?.get(rest.get(1)?)?),
                &rest[2..],
            ),
            "items" => (SchemaRef::of_boxed(k.items?), &rest[1..]),
            "additionalProperties" => match k.additional? {
                AdditionalProperties::Schema(s) => (SchemaRef::of(s), &rest[1..]),
                AdditionalProperties::Any(_) => return None,
            },
            "allOf" => (SchemaRef::of(k.all_of.get(index()?)?), &rest[2..]),
            "anyOf" => (SchemaRef::of(k.any_of.get(index()?)?), &rest[2..]),
            "oneOf" => (SchemaRef::of(k.one_of.get(index()?)?), &rest[2..]),
            _ => return None,
        };
    }
    Some(at)
}
