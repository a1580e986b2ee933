//! The flat schema model: what a value may be, after allOf/anyOf are worked out.
//!
//! A [`Shape`] has no allOf and no unnarrowed anyOf: every intersection has been computed
//! (see `all_of.rs`) and every union reduced to the alternatives that can really occur
//! (see `union.rs`). Named component schemas stay references, so recursion stays finite.

use std::collections::BTreeSet;
use std::fmt;

use indexmap::IndexMap;
use serde_json::Value;

/// A flattened schema: what values it admits, plus the words that document it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The values admitted.
    pub kind: Kind,
    /// Documentation and flags that do not change the Rust type.
    pub meta: Meta,
}

/// Documentation and flags of a shape.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// `description`.
    pub description: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `example`.
    pub example: Option<Value>,
    /// `default`, only where it fits the type (checked when flattening).
    pub default: Option<Value>,
    /// `nullable: true`: JSON `null` is admitted as well.
    pub nullable: bool,
    /// `readOnly: true`: sent by the server only, left out of request types.
    pub read_only: bool,
    /// `writeOnly: true`: sent by the client only.
    pub write_only: bool,
    /// `deprecated: true`.
    pub deprecated: bool,
}

/// The values a shape admits.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Any JSON value (a schema with no type).
    Any,
    /// Only `null` (`enum: [null]`).
    Null,
    /// A boolean; `Some` when `enum` pins it to one value (`success: enum [true]`).
    Bool(Option<bool>),
    /// An integer within optional bounds.
    Integer(IntegerShape),
    /// A number.
    Number(Option<String>),
    /// A string, possibly one of listed values.
    String(StringShape),
    /// An array.
    Array(ArrayShape),
    /// An object.
    Object(ObjectShape),
    /// A named component schema (`#/components/schemas/<name>`), kept by name.
    Ref(String),
    /// Alternatives that remain after narrowing; at least two.
    Union(Vec<Shape>),
    /// oneOf alternatives told apart by a discriminator property.
    Tagged(TaggedShape),
}

/// An integer's bounds and format.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntegerShape {
    /// Inclusive lower bound.
    pub minimum: Option<i64>,
    /// Inclusive upper bound.
    pub maximum: Option<i64>,
    /// `int32`, `int64`, ...
    pub format: Option<String>,
}

/// A string's format, length limits and listed values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringShape {
    /// `date-time`, `binary`, `uuid`, ...
    pub format: Option<String>,
    /// `maxLength`, kept for client-side checks.
    pub max_length: Option<u64>,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `pattern`.
    pub pattern: Option<String>,
    /// `enum`: the only values admitted, in spec order.
    pub values: Option<Vec<String>>,
}

/// An array's items and limits.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrayShape {
    /// The shape of every item.
    pub items: Box<Shape>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique: bool,
}

/// An object's properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectShape {
    /// Properties in spec order.
    pub properties: IndexMap<String, Shape>,
    /// Names of the required properties.
    pub required: BTreeSet<String>,
    /// `additionalProperties`: `None` when not allowed or not declared.
    pub additional: Option<Box<Shape>>,
}

/// Alternatives told apart by one property: a oneOf `discriminator`, or (implicitly) a
/// property that every alternative pins to a value of its own (`type: {enum: [A]}`).
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedShape {
    /// The property that holds the tag.
    pub property: String,
    /// The alternatives, in spec order.
    pub variants: Vec<TagVariant>,
}

/// One alternative of a [`TaggedShape`].
#[derive(Debug, Clone, PartialEq)]
pub struct TagVariant {
    /// The tag value that selects it.
    pub tag: String,
    /// The alternative's own name, for its type: the component it refers to
    /// (`dns-records_ARecord`), else its `title` (`A Record`).
    pub name: Option<VariantName>,
    /// The alternative.
    pub shape: Shape,
}

/// Where a tagged alternative's name comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum VariantName {
    /// A `$ref` to this component.
    Component(String),
    /// The alternative's `title`.
    Title(String),
}

impl Shape {
    /// A shape of `kind` with no documentation.
    pub fn new(kind: Kind) -> Self {
        Shape {
            kind,
            meta: Meta::default(),
        }
    }

    /// Any JSON value.
    pub fn any() -> Self {
        Shape::new(Kind::Any)
    }

    /// A plain string.
    pub fn string() -> Self {
        Shape::new(Kind::String(StringShape::default()))
    }

    /// With `meta` replaced.
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta = meta;
        self
    }

    /// Whether JSON `null` is admitted.
    pub fn admits_null(&self) -> bool {
        self.meta.nullable || matches!(self.kind, Kind::Null | Kind::Any)
    }

    /// A short name of the kind, for messages: "string", "object", "anyOf[string, integer]".
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Any => "any value".into(),
            Kind::Null => "null".into(),
            Kind::Bool(Some(b)) => format!("the boolean {b}"),
            Kind::Bool(None) => "boolean".into(),
            Kind::Integer(_) => "integer".into(),
            Kind::Number(_) => "number".into(),
            Kind::String(s) => match &s.values {
                Some(v) => format!("string enum {v:?}"),
                None => "string".into(),
            },
            Kind::Array(_) => "array".into(),
            Kind::Object(_) => "object".into(),
            Kind::Ref(name) => format!("$ref {name}"),
            Kind::Union(alts) => {
                let names: Vec<String> = alts.iter().map(Shape::describe).collect();
                format!("anyOf[{}]", names.join(", "))
            }
            Kind::Tagged(t) => format!("oneOf by `{}`", t.property),
        }
    }

    /// Whether two shapes admit the same values, whatever their documentation says.
    pub fn same_values(&self, other: &Shape) -> bool {
        self.meta.nullable == other.meta.nullable && same_kind(&self.kind, &other.kind)
    }

    /// Whether two shapes admit the same non-null values.
    pub fn same_kind(&self, other: &Shape) -> bool {
        same_kind(&self.kind, &other.kind)
    }
}

/// Structural equality of kinds, ignoring documentation at every depth.
fn same_kind(a: &Kind, b: &Kind) -> bool {
    match (a, b) {
        (Kind::Array(x), Kind::Array(y)) => x.items.same_values(&y.items) && x.unique == y.unique,
        (Kind::Object(x), Kind::Object(y)) => {
            x.required == y.required
                && x.properties.len() == y.properties.len()
                && x.properties
                    .iter()
                    .zip(&y.properties)
                    .all(|((kx, vx), (ky, vy))| kx == ky && vx.same_values(vy))
                && match (&x.additional, &y.additional) {
                    (None, None) => true,
                    (Some(p), Some(q)) => p.same_values(q),
                    _ => false,
                }
        }
        (Kind::Union(x), Kind::Union(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.same_values(q))
        }
        (Kind::Tagged(x), Kind::Tagged(y)) => {
            x.property == y.property
                && x.variants.len() == y.variants.len()
                && x.variants
                    .iter()
                    .zip(&y.variants)
                    .all(|(x, y)| x.tag == y.tag && x.shape.same_values(&y.shape))
        }
        (Kind::String(x), Kind::String(y)) => x.values == y.values && x.format == y.format,
        (Kind::Integer(x), Kind::Integer(y)) => x == y,
        _ => a == b,
    }
}

impl fmt::Display for Shape {
    /// A compact one-line rendering, used by the IR snapshots: `{a: string, b?: integer}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Object(o) if o.properties.is_empty() && o.additional.is_none() => {
                write!(f, "object")?
            }
            Kind::Object(o) => {
                write!(f, "{{")?;
                for (i, (name, shape)) in o.properties.iter().enumerate() {
                    let optional = if o.required.contains(name) { "" } else { "?" };
                    let ro = if shape.meta.read_only {
                        "readOnly "
                    } else {
                        ""
                    };
                    write!(
                        f,
                        "{}{name}{optional}: {ro}{shape}",
                        if i > 0 { ", " } else { "" }
                    )?;
                }
                if let Some(extra) = &o.additional {
                    write!(
                        f,
                        "{}*: {extra}",
                        if o.properties.is_empty() { "" } else { ", " }
                    )?;
                }
                write!(f, "}}")?;
            }
            Kind::Array(a) => write!(f, "[{}]", a.items)?,
            Kind::Union(alts) => {
                let parts: Vec<String> = alts.iter().map(ToString::to_string).collect();
                write!(f, "anyOf({})", parts.join(" | "))?;
            }
            Kind::Tagged(t) => {
                let parts: Vec<String> = t
                    .variants
                    .iter()
                    .map(|v| format!("{:?} => {}", v.tag, v.shape))
                    .collect();
                write!(f, "oneOf[{}]({})", t.property, parts.join(" | "))?;
            }
            Kind::Integer(i) => {
                write!(f, "integer")?;
                if i.minimum.is_some() || i.maximum.is_some() {
                    let lo = i.minimum.map(|v| v.to_string()).unwrap_or_default();
                    let hi = i.maximum.map(|v| v.to_string()).unwrap_or_default();
                    write!(f, "[{lo}..{hi}]")?;
                }
            }
            Kind::String(s) => {
                match &s.values {
                    Some(v) => write!(f, "enum{v:?}")?,
                    None => write!(f, "string")?,
                }
                if let Some(fmt) = &s.format {
                    write!(f, "({fmt})")?;
                }
                if let Some(n) = s.max_length {
                    write!(f, "[..{n}]")?;
                }
            }
            Kind::Number(_) => write!(f, "number")?,
            Kind::Bool(Some(b)) => write!(f, "const {b}")?,
            Kind::Bool(None) => write!(f, "boolean")?,
            Kind::Null => write!(f, "null")?,
            Kind::Any => write!(f, "any")?,
            Kind::Ref(name) => write!(f, "${name}")?,
        }
        if self.meta.nullable && !matches!(self.kind, Kind::Null) {
            write!(f, "?")?;
        }
        Ok(())
    }
}
