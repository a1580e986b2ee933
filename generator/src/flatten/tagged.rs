//! Tagged unions: alternatives told apart by the value of one property.
//!
//! A oneOf with a `discriminator` names the property; its `mapping` (or, for a `$ref`
//! alternative, the component's name, or the one value the alternative pins the property
//! to) gives each alternative's tag. Without a discriminator, a oneOf or anyOf is tagged
//! *implicitly* when every alternative is an object that pins the same property to a
//! single value of its own (a one-value `enum`, or `const` in 3.1), as Cloudflare's
//! DNS records pin `type` (`{type: {enum: [A]}}`, `{type: {enum: [AAAA]}}`, ...): reading
//! that property then says which alternative a value is, without trying any.
//!
//! When several properties qualify, the first that every alternative requires is the tag,
//! else the first in the first alternative's order. A value without the tag (where the
//! spec lets it leave the tag out) is kept whole as the unknown-tag variant. A union with a
//! `null` alternative is tagged the same way and stays nullable.

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::shape::{
    Kind, Meta, ObjectShape, Shape, StringShape, TagVariant, TaggedShape, VariantName,
};
use super::{COMPONENT_PREFIX, Flattener};

/// oneOf with a discriminator: each alternative's tag comes from `mapping`, or, for a
/// `$ref` alternative without a mapping entry, from the referenced schema's name. Returns
/// `None` (and the caller narrows as for anyOf) when a tag cannot be found for every
/// alternative.
pub(super) fn explicit(
    f: &mut Flattener<'_>,
    d: &Discriminator,
    shapes: &[(&ReferenceOr<Schema>, Shape)],
    meta: &Meta,
) -> Option<Shape> {
    let mut variants = Vec::with_capacity(shapes.len());
    for (alt, shape) in shapes {
        let tag = match alt {
            ReferenceOr::Reference { reference } => d
                .mapping
                .iter()
                .find(|(_, target)| *target == reference)
                .map(|(tag, _)| tag.clone())
                .or_else(|| reference.strip_prefix(COMPONENT_PREFIX).map(str::to_string)),
            ReferenceOr::Item(_) => {
                let body = f.resolved(shape);
                match &body.kind {
                    Kind::Object(o) => pinned(f, o, &d.property_name),
                    _ => None,
                }
            }
        }?;
        variants.push(TagVariant {
            tag,
            name: name_of(alt, shape),
            shape: shape.clone(),
        });
    }
    Some(Shape {
        kind: Kind::Tagged(TaggedShape {
            property: d.property_name.clone(),
            variants,
        }),
        meta: meta.clone(),
    })
}

/// A oneOf or anyOf without a discriminator whose alternatives all pin one property to
/// distinct values; `None` when there is no such property.
pub(super) fn implicit(
    f: &mut Flattener<'_>,
    shapes: &[(&ReferenceOr<Schema>, Shape)],
    meta: &Meta,
) -> Option<Shape> {
    let mut nullable = meta.nullable;
    let mut alternatives = Vec::with_capacity(shapes.len());
    let mut bodies = Vec::with_capacity(shapes.len());
    for (alt, shape) in shapes {
        if shape.kind == Kind::Null {
            nullable = true;
            continue;
        }
        let body = f.resolved(shape);
        let Kind::Object(o) = body.kind else {
            return None;
        };
        nullable |= shape.meta.nullable || body.meta.nullable;
        alternatives.push((*alt, shape));
        bodies.push(o);
    }
    if alternatives.len() < 2 {
        return None;
    }
    // Pinned by every alternative to a value of its own: required everywhere if one is,
    // else the first.
    let candidates: Vec<(String, Vec<String>, bool)> = bodies[0]
        .properties
        .keys()
        .filter_map(|name| {
            let tags: Vec<String> = bodies
                .iter()
                .map(|o| pinned(f, o, name))
                .collect::<Option<_>>()?;
            let distinct = tags.iter().enumerate().all(|(i, t)| !tags[..i].contains(t));
            let required = bodies.iter().all(|o| o.required.contains(name));
            distinct.then(|| (name.clone(), tags, required))
        })
        .collect();
    let chosen = candidates
        .iter()
        .position(|(_, _, required)| *required)
        .unwrap_or(0);
    let (property, tags, _) = candidates.into_iter().nth(chosen)?;
    let variants = alternatives
        .into_iter()
        .zip(tags)
        .map(|((alt, shape), tag)| TagVariant {
            tag,
            name: name_of(alt, shape),
            shape: Shape {
                meta: Meta {
                    nullable: false,
                    ..shape.meta.clone()
                },
                ..shape.clone()
            },
        })
        .collect();
    Some(Shape {
        kind: Kind::Tagged(TaggedShape { property, variants }),
        meta: Meta {
            nullable,
            ..meta.clone()
        },
    })
}

/// The one string value an object's property is pinned to (`type: {enum: [circle]}`),
/// through a `$ref` to a one-value enum too.
fn pinned(f: &mut Flattener<'_>, o: &ObjectShape, property: &str) -> Option<String> {
    let shape = f.resolved(o.properties.get(property)?);
    match &shape.kind {
        Kind::String(StringShape {
            values: Some(v), ..
        }) if v.len() == 1 => Some(v[0].clone()),
        _ => None,
    }
}

/// An alternative's own name: the component a `$ref` names, else the `title`.
fn name_of(alt: &ReferenceOr<Schema>, shape: &Shape) -> Option<VariantName> {
    match alt {
        ReferenceOr::Reference { reference } => reference
            .strip_prefix(COMPONENT_PREFIX)
            .filter(|name| !name.contains('/'))
            .map(|name| VariantName::Component(name.to_string())),
        ReferenceOr::Item(_) => None,
    }
    .or_else(|| {
        shape
            .meta
            .title
            .as_ref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| VariantName::Title(t.clone()))
    })
}
