//! Two flattened schemas compared as the generated crate sees them: the Rust type each
//! becomes (the same rules as `lower`), and, inside structs, enums and unions, field by
//! field, value by value, variant by variant.
//!
//! References are followed in both documents; a pair of components is compared once and
//! remembered (the Cloudflare specs reach the same components from hundreds of
//! operations), and a pair already being compared is a cycle, which adds nothing.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use indexmap::IndexMap;

use crate::flatten::{Flattener, Kind, Shape};
use crate::ir::Prim;
use crate::lower;
use crate::naming;

/// Which way a value travels: request types leave out `readOnly` properties, response
/// types `writeOnly` ones; a multipart body's top-level `format: binary` fields are bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    /// Sent by the client.
    Request,
    /// The top level of a `multipart/form-data` body.
    Multipart,
    /// Sent by the server.
    Response,
}

/// What changed at one place inside a schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Delta {
    /// A new field.
    Added {
        /// Whether the schema requires it.
        required: bool,
    },
    /// A field that went.
    Removed,
    /// The Rust type changed (a description of each).
    Retyped {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// Required became optional, or the reverse.
    Requiredness {
        /// Whether the field is required now.
        now_required: bool,
        /// Whether the Rust type changes (`T` and `Option<T>`).
        type_changes: bool,
    },
    /// Enum values that are new.
    ValuesAdded(Vec<String>),
    /// Enum values that went.
    ValuesRemoved(Vec<String>),
    /// A union alternative (or tag value) that is new.
    VariantAdded(String),
    /// A union alternative (or tag value) that went.
    VariantRemoved(String),
    /// A union alternative whose variant has another name.
    VariantRenamed {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
}

/// A [`Delta`] and where it is: field names, `[]` for array items, `{}` for map values,
/// `<Variant>` for a union alternative.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The place, from the compared schema down.
    pub path: Vec<String>,
    /// What changed there.
    pub delta: Delta,
}

type PairKey = (String, String, Dir);

/// Compares shapes of the old document with shapes of the new one.
pub struct Comparer<'a, 'd> {
    old: &'a mut Flattener<'d>,
    new: &'a mut Flattener<'d>,
    memo: HashMap<PairKey, Rc<Vec<Placed>>>,
    active: HashSet<PairKey>,
}

impl<'a, 'd> Comparer<'a, 'd> {
    /// A comparer reading the old document through `old` and the new one through `new`.
    pub fn new(old: &'a mut Flattener<'d>, new: &'a mut Flattener<'d>) -> Self {
        Comparer {
            old,
            new,
            memo: HashMap::new(),
            active: HashSet::new(),
        }
    }

    /// Every change from `old` to `new`, with places relative to them.
    pub fn compare(&mut self, old: &Shape, new: &Shape, dir: Dir) -> Vec<Placed> {
        let mut out = Vec::new();
        self.value(old, new, dir, &mut Vec::new(), &mut out);
        out
    }

    /// The Rust type `shape` of the old (`old == true`) or new document becomes, described.
    pub fn describe(&mut self, shape: &Shape, old: bool) -> String {
        let f = if old { &mut *self.old } else { &mut *self.new };
        describe(f, shape)
    }

    /// Whether a shape becomes `serde_json::Value` (never wrapped in `Option`).
    pub fn is_value(&mut self, shape: &Shape, old: bool) -> bool {
        let f = if old { &mut *self.old } else { &mut *self.new };
        matches!(class(&f.resolved(shape)), Class::Value)
    }

    fn value(
        &mut self,
        old: &Shape,
        new: &Shape,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        if let (Kind::Ref(a), Kind::Ref(b)) = (&old.kind, &new.kind) {
            let key = (a.clone(), b.clone(), dir);
            let found = match self.memo.get(&key) {
                Some(found) => Rc::clone(found),
                None if self.active.contains(&key) => return,
                None => {
                    self.active.insert(key.clone());
                    let mut inner = Vec::new();
                    self.resolved(old, new, dir, &mut Vec::new(), &mut inner);
                    self.active.remove(&key);
                    let inner = Rc::new(inner);
                    self.memo.insert(key, Rc::clone(&inner));
                    inner
                }
            };
            out.extend(found.iter().map(|p| Placed {
                path: path.iter().chain(&p.path).cloned().collect(),
                delta: p.delta.clone(),
            }));
            return;
        }
        self.resolved(old, new, dir, path, out);
    }

    /// The bodies of two shapes: another kind of Rust type, or what is inside them.
    fn resolved(
        &mut self,
        old: &Shape,
        new: &Shape,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        let (ro, rn) = (self.old.resolved(old), self.new.resolved(new));
        if class(&ro) != class(&rn) {
            let delta = Delta::Retyped {
                old: describe(self.old, old),
                new: describe(self.new, new),
            };
            out.push(Placed {
                path: path.clone(),
                delta,
            });
            return;
        }
        self.body(&ro, &rn, dir, path, out);
    }

    /// Two resolved shapes of the same kind of Rust type: what is inside them.
    fn body(
        &mut self,
        old: &Shape,
        new: &Shape,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        let push = |path: &[String], out: &mut Vec<Placed>, delta| {
            out.push(Placed {
                path: path.to_vec(),
                delta,
            })
        };
        let inner = if dir == Dir::Multipart {
            Dir::Request
        } else {
            dir
        };
        match (&old.kind, &new.kind) {
            (Kind::Array(a), Kind::Array(b)) => {
                self.wrapped(&a.items, &b.items, "[]", inner, path, out)
            }
            (Kind::Object(a), Kind::Object(b)) if a.properties.is_empty() => {
                let any = Shape::any();
                let (x, y) = (
                    a.additional.as_deref().unwrap_or(&any),
                    b.additional.as_deref().unwrap_or(&any),
                );
                self.wrapped(x, y, "{}", inner, path, out)
            }
            (Kind::Object(_), Kind::Object(_)) => self.fields(old, new, dir, path, out),
            (Kind::String(a), Kind::String(b)) => {
                let (a, b) = (a.values.as_deref(), b.values.as_deref());
                let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
                let added: Vec<String> = b.iter().filter(|v| !a.contains(v)).cloned().collect();
                let removed: Vec<String> = a.iter().filter(|v| !b.contains(v)).cloned().collect();
                if !added.is_empty() {
                    push(path, out, Delta::ValuesAdded(added));
                }
                if !removed.is_empty() {
                    push(path, out, Delta::ValuesRemoved(removed));
                }
            }
            (Kind::Union(a), Kind::Union(b)) => {
                let (a, b) = (labelled(a), labelled(b));
                self.variants(&a, &b, inner, path, out)
            }
            (Kind::Tagged(a), Kind::Tagged(b)) => {
                let label = |v: &[crate::flatten::shape::TagVariant]| -> IndexMap<String, Shape> {
                    v.iter()
                        .map(|v| (naming::variant_name(&v.tag), v.shape.clone()))
                        .collect()
                };
                self.variants(&label(&a.variants), &label(&b.variants), inner, path, out)
            }
            _ => {}
        }
    }

    /// Array items and map values: `Option` around them is part of the type.
    fn wrapped(
        &mut self,
        old: &Shape,
        new: &Shape,
        segment: &str,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        let (a, b) = (self.optional(old, true), self.optional(new, false));
        path.push(segment.to_string());
        if a != b {
            out.push(Placed {
                path: path.clone(),
                delta: Delta::Retyped {
                    old: wrap(describe(self.old, old), a),
                    new: wrap(describe(self.new, new), b),
                },
            });
        } else {
            self.value(old, new, dir, path, out);
        }
        path.pop();
    }

    /// Whether a nullable shape becomes `Option<T>` (`serde_json::Value` holds null itself).
    fn optional(&mut self, shape: &Shape, old: bool) -> bool {
        shape.meta.nullable && !self.is_value(shape, old)
    }

    fn fields(
        &mut self,
        old: &Shape,
        new: &Shape,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        let (a, b) = (fields(old, dir), fields(new, dir));
        for (name, fa) in &a {
            path.push(name.clone());
            match b.get(name) {
                None => out.push(Placed {
                    path: path.clone(),
                    delta: Delta::Removed,
                }),
                Some(fb) => self.field(fa, fb, dir, path, out),
            }
            path.pop();
        }
        for (name, fb) in &b {
            if !a.contains_key(name) {
                path.push(name.clone());
                out.push(Placed {
                    path: path.clone(),
                    delta: Delta::Added {
                        required: fb.required,
                    },
                });
                path.pop();
            }
        }
    }

    /// One field in both: `Option` or not (required and nullable), then its type.
    fn field(&mut self, a: &Field, b: &Field, dir: Dir, path: &[String], out: &mut Vec<Placed>) {
        let opt_a = !a.required || (a.shape.admits_null() && !self.is_value(&a.shape, true));
        let opt_b = !b.required || (b.shape.admits_null() && !self.is_value(&b.shape, false));
        if a.required != b.required {
            out.push(Placed {
                path: path.to_vec(),
                delta: Delta::Requiredness {
                    now_required: b.required,
                    type_changes: opt_a != opt_b,
                },
            });
        } else if opt_a != opt_b {
            out.push(Placed {
                path: path.to_vec(),
                delta: Delta::Retyped {
                    old: wrap(self.describe(&a.shape, true), opt_a),
                    new: wrap(self.describe(&b.shape, false), opt_b),
                },
            });
            return;
        }
        let binary = |s: &Shape| {
            dir == Dir::Multipart
                && matches!(&s.kind, Kind::String(s) if s.format.as_deref() == Some("binary"))
        };
        match (binary(&a.shape), binary(&b.shape)) {
            (true, true) => {}
            (false, false) => {
                let inner = if dir == Dir::Multipart {
                    Dir::Request
                } else {
                    dir
                };
                self.value(&a.shape, &b.shape, inner, &mut path.to_vec(), out)
            }
            (x, _) => {
                let bytes = || "Vec<u8>".to_string();
                let delta = Delta::Retyped {
                    old: if x {
                        bytes()
                    } else {
                        self.describe(&a.shape, true)
                    },
                    new: if x {
                        self.describe(&b.shape, false)
                    } else {
                        bytes()
                    },
                };
                out.push(Placed {
                    path: path.to_vec(),
                    delta,
                });
            }
        }
    }

    /// Alternatives matched by variant name; left over, a name that is the other with
    /// words in front (`IpConfiguration`, `FirewallIpConfiguration`: a component that gained
    /// a namespace) is the same alternative renamed.
    fn variants(
        &mut self,
        a: &IndexMap<String, Shape>,
        b: &IndexMap<String, Shape>,
        dir: Dir,
        path: &mut Vec<String>,
        out: &mut Vec<Placed>,
    ) {
        let mut pairs: Vec<(&String, &String)> = Vec::new();
        let mut unmatched_b: Vec<&String> = b.keys().filter(|l| !a.contains_key(*l)).collect();
        for la in a.keys() {
            if b.contains_key(la) {
                pairs.push((la, la));
                continue;
            }
            let renamed = unmatched_b
                .iter()
                .position(|lb| lb.ends_with(la.as_str()) || la.ends_with(lb.as_str()));
            match renamed {
                Some(i) => {
                    let lb = unmatched_b.remove(i);
                    out.push(Placed {
                        path: path.clone(),
                        delta: Delta::VariantRenamed {
                            old: la.clone(),
                            new: lb.clone(),
                        },
                    });
                    pairs.push((la, lb));
                }
                None => out.push(Placed {
                    path: path.clone(),
                    delta: Delta::VariantRemoved(la.clone()),
                }),
            }
        }
        for (la, lb) in pairs {
            path.push(format!("<{lb}>"));
            self.value(&a[la], &b[lb], dir, path, out);
            path.pop();
        }
        for lb in unmatched_b {
            out.push(Placed {
                path: path.clone(),
                delta: Delta::VariantAdded(lb.clone()),
            });
        }
    }
}

/// A property as a field of the generated struct.
struct Field {
    shape: Shape,
    required: bool,
}

/// The fields a struct of `shape` has in `dir` (`readOnly` ones are not sent, `writeOnly`
/// ones not received).
fn fields(shape: &Shape, dir: Dir) -> IndexMap<String, Field> {
    let Kind::Object(o) = &shape.kind else {
        return IndexMap::new();
    };
    o.properties
        .iter()
        .filter(|(_, p)| match dir {
            Dir::Request | Dir::Multipart => !p.meta.read_only,
            Dir::Response => !p.meta.write_only,
        })
        .map(|(name, p)| {
            let field = Field {
                shape: p.clone(),
                required: o.required.contains(name),
            };
            (name.clone(), field)
        })
        .collect()
}

/// Union alternatives by the variant names the generated enum gives them.
fn labelled(alternatives: &[Shape]) -> IndexMap<String, Shape> {
    let mut names: Vec<String> = alternatives
        .iter()
        .enumerate()
        .map(|(i, s)| lower::variant_for(s, i))
        .collect();
    naming::dedupe(&mut names);
    names
        .into_iter()
        .zip(alternatives.iter().cloned())
        .collect()
}

/// What kind of Rust type a resolved shape becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Value,
    Prim(Prim),
    List,
    Map,
    Struct,
    Enum,
    Union,
    Tagged,
}

fn class(shape: &Shape) -> Class {
    match &shape.kind {
        Kind::Object(o) if !o.properties.is_empty() => Class::Struct,
        Kind::Object(_) => Class::Map,
        Kind::String(s) if s.values.is_some() => Class::Enum,
        Kind::Union(_) => Class::Union,
        Kind::Tagged(_) => Class::Tagged,
        Kind::Array(_) => Class::List,
        kind => lower::scalar(kind).map_or(Class::Value, Class::Prim),
    }
}

/// The Rust type a shape becomes, in a few words: `String`, `Vec<i64>`, `object
/// dns-records_dns-record` (a component's name follows what it is).
pub fn describe(f: &mut Flattener<'_>, shape: &Shape) -> String {
    describe_at(f, shape, 0)
}

/// Items of items are described four levels deep (a list of itself stops there).
fn describe_at(f: &mut Flattener<'_>, shape: &Shape, depth: usize) -> String {
    if depth > 4 {
        return "...".to_string();
    }
    let named = match &shape.kind {
        Kind::Ref(name) => Some(name.clone()),
        _ => None,
    };
    let resolved = f.resolved(shape);
    let text = match (class(&resolved), &resolved.kind) {
        (Class::List, Kind::Array(a)) => {
            let optional = a.items.meta.nullable && class(&f.resolved(&a.items)) != Class::Value;
            format!(
                "Vec<{}>",
                wrap(describe_at(f, &a.items, depth + 1), optional)
            )
        }
        (Class::Map, Kind::Object(o)) => match &o.additional {
            Some(v) => format!("map of {}", describe_at(f, v, depth + 1)),
            None => "map of any JSON value".to_string(),
        },
        (Class::Struct, _) => "object".to_string(),
        (Class::Enum, _) => "string enum".to_string(),
        (Class::Union, _) => "untagged union".to_string(),
        (Class::Tagged, _) => "tagged union".to_string(),
        (Class::Prim(p), _) => prim_name(p).to_string(),
        _ => "any JSON value".to_string(),
    };
    match named {
        Some(name)
            if matches!(text.as_str(), "object" | "string enum") || text.contains("union") =>
        {
            format!("{text} {name}")
        }
        _ => text,
    }
}

fn wrap(text: String, optional: bool) -> String {
    if optional {
        format!("Option<{text}>")
    } else {
        text
    }
}

fn prim_name(p: Prim) -> &'static str {
    match p {
        Prim::String => "String",
        Prim::Bool => "bool",
        Prim::I32 => "i32",
        Prim::I64 => "i64",
        Prim::U8 => "u8",
        Prim::U16 => "u16",
        Prim::U32 => "u32",
        Prim::U64 => "u64",
        Prim::F64 => "f64",
        Prim::Timestamp => "Timestamp",
        Prim::Value => "any JSON value",
        Prim::Unit => "()",
        Prim::Bytes => "Vec<u8>",
    }
}
