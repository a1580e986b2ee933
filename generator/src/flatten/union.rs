//! anyOf and oneOf: narrowing alternatives to what a Rust type can say.
//!
//! After each alternative is flattened (and met with any sibling keywords), the list is
//! narrowed, in this order:
//!
//! 1. nested unions are spread out: `anyOf[a, anyOf[b, c]]` is `anyOf[a, b, c]`;
//! 2. an alternative that admits anything makes the whole union admit anything;
//! 3. `null` alternatives (and `nullable` ones) are removed and make the union nullable:
//!    `anyOf[T, {enum: [null]}]` is `T?`, which becomes `Option<T>`;
//! 4. alternatives that admit the same values are kept once;
//! 5. string alternatives merge: enums into one enum, or, if any string is free, one string;
//! 6. one alternative left is that alternative; several stay a union, which becomes an
//!    untagged enum (unless `tagged.rs` found a tag first). Alternatives of different JSON
//!    types cannot both match a value, so the enum is exact. Two object alternatives may
//!    both match: the value goes to the one that keeps the most of it, of equals the first
//!    in spec order (`runtime/untagged.rs`).

use super::shape::{Kind, Meta, Shape, StringShape};

/// Narrows `alternatives` (already flattened) into one shape carrying `meta`.
pub fn narrow(alternatives: Vec<Shape>, meta: Meta) -> Shape {
    let mut nullable = meta.nullable;
    let mut kept: Vec<Shape> = Vec::new();
    let mut spread: Vec<Shape> = Vec::new();
    for alt in alternatives {
        match alt.kind {
            Kind::Union(inner) => {
                nullable |= alt.meta.nullable;
                spread.extend(inner);
            }
            _ => spread.push(alt),
        }
    }
    for mut alt in spread {
        if alt.kind == Kind::Any {
            return Shape {
                kind: Kind::Any,
                meta: Meta {
                    nullable: false,
                    ..meta
                },
            };
        }
        if alt.kind == Kind::Null {
            nullable = true;
            continue;
        }
        nullable |= alt.meta.nullable;
        alt.meta.nullable = false;
        if !kept.iter().any(|k| k.same_kind(&alt)) {
            kept.push(alt);
        }
    }
    merge_strings(&mut kept);
    let mut shape = match kept.len() {
        0 => {
            return Shape {
                kind: Kind::Null,
                meta: Meta {
                    nullable: false,
                    ..meta
                },
            };
        }
        1 => {
            let only = kept.remove(0);
            let mut m = meta;
            m.description = m.description.or(only.meta.description);
            m.title = m.title.or(only.meta.title);
            m.example = m.example.or(only.meta.example);
            m.read_only |= only.meta.read_only;
            Shape {
                kind: only.kind,
                meta: m,
            }
        }
        _ => Shape {
            kind: Kind::Union(kept),
            meta,
        },
    };
    shape.meta.nullable = nullable;
    shape
}

/// String alternatives become one: enums merge; a free string absorbs the enums.
fn merge_strings(kept: &mut Vec<Shape>) {
    let strings: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, Kind::String(_)))
        .map(|(i, _)| i)
        .collect();
    if strings.len() < 2 {
        return;
    }
    let mut values: Option<Vec<String>> = Some(Vec::new());
    let all: Vec<&StringShape> = strings
        .iter()
        .filter_map(|&i| match &kept[i].kind {
            Kind::String(s) => Some(s),
            _ => None,
        })
        .collect();
    // A limit or format holds for the merge only if every alternative has it.
    let merged = StringShape {
        format: all[0]
            .format
            .clone()
            .filter(|f| all.iter().all(|s| s.format.as_ref() == Some(f))),
        max_length: all
            .iter()
            .map(|s| s.max_length)
            .collect::<Option<Vec<u64>>>()
            .and_then(|v| v.into_iter().max()),
        ..StringShape::default()
    };
    for &i in &strings {
        let Kind::String(s) = &kept[i].kind else {
            continue;
        };
        match (&mut values, &s.values) {
            (Some(all), Some(v)) => {
                for value in v {
                    if !all.contains(value) {
                        all.push(value.clone());
                    }
                }
            }
            _ => values = None,
        }
    }
    let merged = StringShape { values, ..merged };
    let first = strings[0];
    let meta = kept[first].meta.clone();
    for &i in strings.iter().rev() {
        kept.remove(i);
    }
    kept.insert(
        first,
        Shape {
            kind: Kind::String(merged),
            meta,
        },
    );
}
