//! allOf: the intersection of two shapes, computed at the schema level before any type exists.
//!
//! An allOf admits what every branch admits, so its shape is the intersection (the meet) of
//! the branches' shapes. Cloudflare's envelope is the case this exists for:
//!
//! ```text
//! result: anyOf[object, array, string]        (the common envelope)
//!       ∩ anyOf[object, string]               (the "single" envelope)
//!       ∩ {client_id, created_at, ...}        (the operation's own result)
//!       = {client_id, created_at, ...}
//! ```
//!
//! Rules, each a match arm below: `Any` is the identity; a union meets each alternative and
//! keeps those that survive; objects union their properties and `required`, meeting shared
//! properties; scalars meet only their own kind (integer ∩ number = integer); bounds and enums
//! intersect. What cannot hold together is a [`Conflict`], never a silent empty type.

use std::collections::BTreeSet;

use super::shape::{ArrayShape, IntegerShape, Kind, Meta, ObjectShape, Shape, StringShape};
use super::union::narrow;

/// Two shapes that admit no common value, with where inside the right operand they clash.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conflict {
    /// Pointer segments from the right operand to the clash, such as `["properties", "result"]`.
    pub path: Vec<String>,
    /// What the left side requires there.
    pub left: String,
    /// What the right side requires there.
    pub right: String,
    /// The problem behind the clash was reported already (a `$ref` cycle): report no more.
    pub reported: bool,
}

impl Conflict {
    fn new(a: &Shape, b: &Shape) -> Self {
        Conflict {
            path: Vec::new(),
            left: a.describe(),
            right: b.describe(),
            reported: false,
        }
    }

    fn within(mut self, segments: &[&str]) -> Self {
        let mut path: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
        path.append(&mut self.path);
        self.path = path;
        self
    }

    /// `result` or `items.name`: the clash's place in words, for messages.
    pub fn place(&self) -> String {
        let names: Vec<&str> = self
            .path
            .iter()
            .filter(|s| *s != "properties")
            .map(String::as_str)
            .collect();
        if names.is_empty() {
            "the schema itself".into()
        } else {
            format!("`{}`", names.join("."))
        }
    }
}

/// Looks up named component schemas while intersecting, and records decisions.
pub trait Resolver {
    /// The flattened shape of component `name`.
    fn resolve(&mut self, name: &str) -> Result<Shape, Conflict>;

    /// Whether decisions are being recorded (for the flattened-IR report).
    fn tracing(&self) -> bool {
        false
    }

    /// Records one decision.
    fn record(&mut self, _line: String) {}
}

/// A resolver for shapes that hold no references (tests, fragments).
pub struct NoRefs;

impl Resolver for NoRefs {
    fn resolve(&mut self, name: &str) -> Result<Shape, Conflict> {
        Err(Conflict {
            path: Vec::new(),
            left: format!("$ref {name}"),
            right: "no components in this document".into(),
            reported: false,
        })
    }
}

/// The shape admitting exactly the values both `a` and `b` admit.
pub fn meet(a: Shape, b: Shape, r: &mut dyn Resolver) -> Result<Shape, Conflict> {
    let nullable = a.admits_null() && b.admits_null();
    let meta = meet_meta(&a.meta, &b.meta, nullable);
    let kind = meet_kind(a, b, r)?;
    // A kind that is only `null` or anything keeps no separate nullable flag.
    let nullable = nullable && !matches!(kind, Kind::Null | Kind::Any);
    Ok(Shape {
        kind,
        meta: Meta { nullable, ..meta },
    })
}

/// Documentation of the later (more specific) branch wins; flags combine.
fn meet_meta(a: &Meta, b: &Meta, nullable: bool) -> Meta {
    Meta {
        description: b.description.clone().or_else(|| a.description.clone()),
        title: b.title.clone().or_else(|| a.title.clone()),
        example: b.example.clone().or_else(|| a.example.clone()),
        default: b.default.clone().or_else(|| a.default.clone()),
        nullable,
        read_only: a.read_only || b.read_only,
        write_only: a.write_only || b.write_only,
        deprecated: a.deprecated || b.deprecated,
    }
}

fn meet_kind(a: Shape, b: Shape, r: &mut dyn Resolver) -> Result<Kind, Conflict> {
    match (a.kind, b.kind) {
        (Kind::Any, k) | (k, Kind::Any) => Ok(k),
        (Kind::Null, _) if b.meta.nullable => Ok(Kind::Null),
        (_, Kind::Null) if a.meta.nullable => Ok(Kind::Null),
        (Kind::Ref(x), Kind::Ref(y)) if x == y => Ok(Kind::Ref(x)),
        (Kind::Ref(name), other) => meet_ref(
            &name,
            Shape {
                kind: other,
                meta: b.meta,
            },
            r,
            false,
        ),
        (other, Kind::Ref(name)) => meet_ref(
            &name,
            Shape {
                kind: other,
                meta: a.meta,
            },
            r,
            true,
        ),
        (Kind::Union(alts), other) => meet_union(
            alts,
            Shape {
                kind: other,
                meta: b.meta,
            },
            r,
            false,
        ),
        (other, Kind::Union(alts)) => meet_union(
            alts,
            Shape {
                kind: other,
                meta: a.meta,
            },
            r,
            true,
        ),
        (Kind::Bool(x), Kind::Bool(y)) => match (x, y) {
            (Some(p), Some(q)) if p != q => Err(Conflict {
                path: vec![],
                left: format!("the boolean {p}"),
                right: format!("the boolean {q}"),
                reported: false,
            }),
            _ => Ok(Kind::Bool(x.or(y))),
        },
        (Kind::Integer(x), Kind::Integer(y)) => meet_integer(x, y),
        (Kind::Integer(x), Kind::Number(_)) | (Kind::Number(_), Kind::Integer(x)) => {
            Ok(Kind::Integer(x))
        }
        (Kind::Number(x), Kind::Number(y)) => Ok(Kind::Number(y.or(x))),
        (Kind::String(x), Kind::String(y)) => meet_string(x, y),
        (Kind::Array(x), Kind::Array(y)) => meet_array(x, y, r),
        (Kind::Object(x), Kind::Object(y)) => meet_object(x, y, r),
        (Kind::Tagged(t), Kind::Object(o)) | (Kind::Object(o), Kind::Tagged(t)) => {
            // Properties shared by every alternative (a common `id`, say) go into each one.
            let mut variants = Vec::with_capacity(t.variants.len());
            for v in t.variants {
                let common = Shape::new(Kind::Object(o.clone()));
                variants.push(super::shape::TagVariant {
                    shape: meet(v.shape, common, r)?,
                    ..v
                });
            }
            Ok(Kind::Tagged(super::shape::TaggedShape {
                property: t.property,
                variants,
            }))
        }
        (ka, kb) => {
            let (sa, sb) = (
                Shape {
                    kind: ka,
                    meta: a.meta,
                },
                Shape {
                    kind: kb,
                    meta: b.meta,
                },
            );
            if sa.same_values(&sb) {
                Ok(sa.kind)
            } else {
                Err(Conflict::new(&sa, &sb))
            }
        }
    }
}

/// A reference meets `other` through the referenced shape; when `other` adds nothing, the
/// result is still the reference, so named types survive `allOf: [{$ref}]` wrappers.
fn meet_ref(
    name: &str,
    other: Shape,
    r: &mut dyn Resolver,
    ref_is_right: bool,
) -> Result<Kind, Conflict> {
    let target = r.resolve(name)?;
    let met = if ref_is_right {
        meet(other, target.clone(), r)?
    } else {
        meet(target.clone(), other, r)?
    };
    if met.same_kind(&target) {
        Ok(Kind::Ref(name.to_string()))
    } else {
        Ok(met.kind)
    }
}

/// Each alternative meets `other`; the alternatives that survive form the result.
fn meet_union(
    alts: Vec<Shape>,
    other: Shape,
    r: &mut dyn Resolver,
    union_is_right: bool,
) -> Result<Kind, Conflict> {
    let described = Shape::new(Kind::Union(alts.clone()));
    let mut survivors = Vec::new();
    for alt in alts {
        let met = if union_is_right {
            meet(other.clone(), alt, r)
        } else {
            meet(alt, other.clone(), r)
        };
        if let Ok(shape) = met {
            survivors.push(shape);
        }
    }
    if survivors.is_empty() {
        return Err(if union_is_right {
            Conflict::new(&other, &described)
        } else {
            Conflict::new(&described, &other)
        });
    }
    let shape = narrow(survivors, Meta::default());
    Ok(shape.kind)
}

fn meet_integer(x: IntegerShape, y: IntegerShape) -> Result<Kind, Conflict> {
    let minimum = match (x.minimum, y.minimum) {
        (Some(p), Some(q)) => Some(p.max(q)),
        (p, q) => p.or(q),
    };
    let maximum = match (x.maximum, y.maximum) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    };
    if let (Some(lo), Some(hi)) = (minimum, maximum)
        && lo > hi
    {
        return Err(Conflict {
            path: vec![],
            left: format!("integer ≥ {lo}"),
            right: format!("integer ≤ {hi}"),
            reported: false,
        });
    }
    Ok(Kind::Integer(IntegerShape {
        minimum,
        maximum,
        format: y.format.or(x.format),
    }))
}

fn meet_string(x: StringShape, y: StringShape) -> Result<Kind, Conflict> {
    let values = match (x.values, y.values) {
        (Some(p), Some(q)) => {
            let common: Vec<String> = p.iter().filter(|v| q.contains(v)).cloned().collect();
            if common.is_empty() {
                return Err(Conflict {
                    path: vec![],
                    left: format!("string enum {p:?}"),
                    right: format!("string enum {q:?}"),
                    reported: false,
                });
            }
            Some(common)
        }
        (p, q) => p.or(q),
    };
    let max_length = match (x.max_length, y.max_length) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    };
    let min_length = x.min_length.max(y.min_length);
    Ok(Kind::String(StringShape {
        format: y.format.or(x.format),
        max_length,
        min_length,
        pattern: y.pattern.or(x.pattern),
        values,
    }))
}

fn meet_array(x: ArrayShape, y: ArrayShape, r: &mut dyn Resolver) -> Result<Kind, Conflict> {
    let items = meet(*x.items, *y.items, r).map_err(|c| c.within(&["items"]))?;
    let max_items = match (x.max_items, y.max_items) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    };
    Ok(Kind::Array(ArrayShape {
        items: Box::new(items),
        max_items,
        unique: x.unique || y.unique,
    }))
}

/// Properties are unioned in first-seen order; a property both declare gets the meet of
/// both declarations; `required` is the union of both lists.
fn meet_object(x: ObjectShape, y: ObjectShape, r: &mut dyn Resolver) -> Result<Kind, Conflict> {
    let mut properties = x.properties;
    for (name, shape) in y.properties {
        let merged = match properties.shift_remove_full(&name) {
            Some((index, _, existing)) => {
                let before = r.tracing().then(|| format!("{existing} ∩ {shape}"));
                let met = meet(existing, shape, r).map_err(|c| c.within(&["properties", &name]))?;
                if let Some(before) = before {
                    r.record(format!("  `{name}`: {before} = {met}"));
                }
                properties.shift_insert(index, name, met);
                continue;
            }
            None => shape,
        };
        properties.insert(name, merged);
    }
    let required: BTreeSet<String> = x.required.union(&y.required).cloned().collect();
    let additional = match (x.additional, y.additional) {
        (Some(p), Some(q)) => Some(Box::new(
            meet(*p, *q, r).map_err(|c| c.within(&["additionalProperties"]))?,
        )),
        (p, q) => p.or(q),
    };
    Ok(Kind::Object(ObjectShape {
        properties,
        required,
        additional,
    }))
}
