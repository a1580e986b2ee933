//! Shapes become Rust types: named types are interned by structure, so two identical inline
//! objects (the `errors` and `messages` items of an envelope) become one type.

use std::collections::HashMap;

use super::direction::Directions;
use super::keys;
use crate::diag::pointer_push;
use crate::dialect::Dialect;
use crate::flatten::shape::{IntegerShape, Kind, ObjectShape, Shape, StringShape, VariantName};
use crate::flatten::{Flattener, MAX_DEPTH, Meta};
use crate::ir::{Docs, Field, Prim, TaggedVariant, TypeId, TypeKind, TypeRef, Variant};
use crate::naming;

/// Whether a type is read from responses or written into requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Sent by the client: `readOnly` properties are left out.
    Request,
    /// Sent by the server: `writeOnly` properties are left out.
    Response,
    /// Sent by the client as `multipart/form-data`: as `Request`, and `format: binary`
    /// strings are bytes (file parts).
    Multipart,
}

/// The module a type is made for, before areas have indices: a component's namespace
/// (or the shared `types`), or the group of the operation that made it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// `types`, compiled whatever features are on.
    Shared,
    /// The module of a component namespace (`dns_records`).
    Namespace(String),
    /// The module of group number `n` (in lowering order).
    Group(usize),
}

/// A named type before its final name is chosen.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The name its origin gives it (numbered later if it clashes in its module).
    pub name: String,
    /// Where it comes from, in words that do not change when the rest of the spec does:
    /// `component access_service-tokens`, `operation <id> body/config`.
    pub origin: String,
    /// The module it is made for.
    pub place: Place,
    /// Documentation.
    pub docs: Docs,
    /// The type itself.
    pub kind: TypeKind,
    /// Sent in some request.
    pub sent: bool,
    /// A component's own type, which is never merged with a structural twin.
    pub component: bool,
    /// The name it takes when its own clashes in its module (before any number): a tagged
    /// variant named after the component it was met from (`BlockRule`) falls back to the
    /// union's name and the tag (`ResponseRuleBlock`) when that component is a type too.
    pub fallback: Option<String>,
    /// Sent as a `multipart/form-data` body.
    pub multipart: bool,
}

/// Where a type's name comes from.
#[derive(Debug, Clone)]
pub struct Hint {
    /// The proposed UpperCamelCase name.
    pub name: String,
    /// What the type is for, in one sentence: its documentation when the spec has none.
    pub about: String,
    /// The module it is made for.
    pub place: Place,
    /// Its origin (see [`Pending::origin`]).
    pub origin: String,
    /// The name to take instead when `name` clashes in its module (see
    /// [`Pending::fallback`]).
    pub fallback: Option<String>,
}

impl Hint {
    /// The hint for a type operation `operation_id` of group `group` makes in `role`
    /// (`body`, `result`, `params`, a path parameter).
    pub fn operation(
        group: usize,
        operation_id: &str,
        role: &str,
        name: impl Into<String>,
        about: impl Into<String>,
    ) -> Self {
        Hint {
            name: name.into(),
            about: about.into(),
            place: Place::Group(group),
            origin: format!("operation {operation_id} {role}"),
            fallback: None,
        }
    }

    /// The hint for a part of this type: `ServiceToken` + `Errors` is `ServiceTokenErrors`.
    pub fn child(&self, part: &str) -> Hint {
        let about = match part {
            "Item" => format!("An item of `{}`.", self.name),
            "Value" => format!("A value of the map `{}`.", self.name),
            _ => format!("The `{part}` member of `{}`.", self.name),
        };
        Hint {
            name: format!("{}{}", self.name, naming::type_name(part)),
            about,
            place: self.place.clone(),
            origin: format!("{}/{part}", self.origin),
            fallback: None,
        }
    }
}

/// Builds the named types of an API.
pub struct TypeBuilder {
    /// Types so far; a `TypeId` indexes this.
    pub types: Vec<Pending>,
    by_key: HashMap<(Place, String, String), TypeId>,
    components: HashMap<(String, Direction), TypeRef>,
    /// Unnamed components being lowered, and how many times each is on the stack.
    unnamed_in_progress: HashMap<(String, Direction), u32>,
    /// Which components read differently in requests and responses.
    directions: Directions,
    /// Components being lowered, one inside the other.
    depth: usize,
    /// Whether nesting past [`MAX_DEPTH`] was reported.
    depth_reported: bool,
    /// Whether component names carry a namespace, which is then their module.
    namespaced: bool,
    /// Whether hash tokens are dropped from component names.
    strip_hashes: bool,
}

impl TypeBuilder {
    /// A builder for a spec whose component names are `components`: in a dialect with
    /// component namespaces, they are the types' modules when every name has one.
    pub fn new<'n>(dialect: &Dialect, mut components: impl Iterator<Item = &'n String>) -> Self {
        let namespaced = dialect.component_namespaces
            && components.all(|name| naming::split_namespace(name).is_some());
        TypeBuilder {
            types: Vec::new(),
            by_key: HashMap::new(),
            components: HashMap::new(),
            unnamed_in_progress: HashMap::new(),
            directions: Directions::default(),
            depth: 0,
            depth_reported: false,
            namespaced,
            strip_hashes: dialect.strip_hash_tokens,
        }
    }

    /// A component's module and type name: `dns-records_dns-record` is `DnsRecord` in
    /// `dns_records` where names are namespaced, `DnsRecordsDnsRecord` in `types` otherwise.
    fn component_place(&self, raw: &str) -> (Place, String) {
        let name = if self.strip_hashes {
            naming::without_hashes(raw)
        } else {
            raw.to_string()
        };
        match naming::split_namespace(&name).filter(|_| self.namespaced) {
            Some((ns, rest)) => (
                Place::Namespace(naming::namespace_module(ns)),
                naming::type_name(rest),
            ),
            None => (Place::Shared, naming::type_name(&name)),
        }
    }

    /// The type of values of `shape`, creating named types as needed (nullability is the
    /// caller's: a field becomes `Option`, a result `Option<T>`).
    pub fn lower(
        &mut self,
        f: &mut Flattener<'_>,
        shape: &Shape,
        hint: &Hint,
        dir: Direction,
    ) -> TypeRef {
        if is_named(shape) {
            let kind = self.named_kind(f, shape, hint, dir);
            return self.intern(hint, &shape.meta, kind, dir);
        }
        if let Some(prim) = scalar(&shape.kind) {
            return TypeRef::Prim(prim);
        }
        match &shape.kind {
            Kind::Array(a) => {
                let item = self.lower_nullable(f, &a.items, &hint.child("Item"), dir);
                TypeRef::Vec(Box::new(item))
            }
            Kind::Object(o) => {
                let value = match &o.additional {
                    Some(v) => self.lower_nullable(f, v, &hint.child("Value"), dir),
                    None => TypeRef::Prim(Prim::Value),
                };
                TypeRef::Map(Box::new(value))
            }
            Kind::Ref(name) => self.component(f, name, dir),
            _ => TypeRef::Prim(Prim::Value),
        }
    }

    /// The definition of a shape that [`is_named`].
    fn named_kind(
        &mut self,
        f: &mut Flattener<'_>,
        shape: &Shape,
        hint: &Hint,
        dir: Direction,
    ) -> TypeKind {
        match &shape.kind {
            Kind::Object(o) => self.object(f, o, hint, dir),
            Kind::String(StringShape {
                values: Some(values),
                ..
            }) => {
                let mut variants: Vec<Variant> = values
                    .iter()
                    .map(|v| Variant {
                        rust: naming::variant_name(v),
                        wire: v.clone(),
                    })
                    .collect();
                let names =
                    naming::dedupe_variants(variants.iter().map(|v| v.rust.clone()).collect());
                for (v, n) in variants.iter_mut().zip(names) {
                    v.rust = n;
                }
                TypeKind::Enum { variants }
            }
            Kind::Union(alternatives) => {
                let mut variants = Vec::with_capacity(alternatives.len());
                for (i, alt) in alternatives.iter().enumerate() {
                    let variant = variant_for(alt, i);
                    let ty = self.lower(f, alt, &hint.child(&variant), dir);
                    variants.push((variant, ty));
                }
                let mut names: Vec<String> = variants.iter().map(|(n, _)| n.clone()).collect();
                naming::dedupe(&mut names);
                let variants = names
                    .into_iter()
                    .zip(variants)
                    .map(|(n, (_, t))| (n, t))
                    .collect();
                TypeKind::Untagged { variants }
            }
            Kind::Tagged(t) => {
                let mut variants = Vec::with_capacity(t.variants.len());
                for v in &t.variants {
                    let rust = naming::variant_name(&v.tag);
                    let body = f.resolved(&v.shape);
                    let declares_tag = matches!(&body.kind, Kind::Object(o) if o.properties.contains_key(&t.property));
                    // A `$ref` alternative is its component's own type, tag field and all:
                    // one type however many unions list it.
                    if matches!(v.shape.kind, Kind::Ref(_)) {
                        let ty = self.lower(f, &v.shape, &hint.child(&rust), dir);
                        variants.push(TaggedVariant {
                            name: Variant {
                                rust,
                                wire: v.tag.clone(),
                            },
                            ty,
                            holds_tag: declares_tag,
                        });
                        continue;
                    }
                    // Otherwise the enum holds the tag, and the payload is the alternative
                    // without it, named after the alternative where it has a name (the
                    // component it was met from, or its title).
                    let mut payload = hint.child(&rust);
                    let named = match &v.name {
                        Some(VariantName::Component(name)) => Some(self.component_place(name).1),
                        Some(VariantName::Title(title)) => Some(naming::type_name(title)),
                        None => None,
                    };
                    if let Some(name) = named {
                        payload.fallback = Some(payload.name.clone());
                        // As for components: the request's copy of a type whose readOnly or
                        // writeOnly properties make it differ is named apart.
                        payload.name = match dir {
                            Direction::Request if self.directions.of(f, &body) => {
                                format!("{name}Request")
                            }
                            Direction::Multipart => format!("{name}Form"),
                            _ => name,
                        };
                    }
                    let ty = self.lower(f, &strip_tag(&body, &t.property), &payload, dir);
                    variants.push(TaggedVariant {
                        name: Variant {
                            rust,
                            wire: v.tag.clone(),
                        },
                        ty,
                        holds_tag: false,
                    });
                }
                let names =
                    naming::dedupe_variants(variants.iter().map(|v| v.name.rust.clone()).collect());
                for (v, n) in variants.iter_mut().zip(names) {
                    v.name.rust = n;
                }
                TypeKind::Tagged {
                    tag: t.property.clone(),
                    variants,
                }
            }
            _ => unreachable!("named_kind is only called on shapes that is_named accepts"),
        }
    }

    /// A `multipart/form-data` body: binary properties become bytes, and the type is marked
    /// so that it gets its parts encoder.
    pub fn lower_multipart(
        &mut self,
        f: &mut Flattener<'_>,
        shape: &Shape,
        hint: &Hint,
    ) -> TypeRef {
        let ty = self.lower(f, shape, hint, Direction::Multipart);
        if let TypeRef::Named(id) = &ty {
            self.types[id.0].multipart = true;
            // The alternatives of a union body are bodies too.
            let mut variants = Vec::new();
            match &self.types[id.0].kind {
                TypeKind::Untagged { variants: v } => {
                    variants.extend(v.iter().map(|(_, t)| t.clone()))
                }
                TypeKind::Tagged { variants: v, .. } => {
                    variants.extend(v.iter().map(|v| v.ty.clone()))
                }
                _ => {}
            }
            for v in variants {
                if let TypeRef::Named(inner) = v {
                    self.types[inner.0].multipart = true;
                }
            }
        }
        ty
    }

    /// As [`TypeBuilder::lower`], wrapped in `Option` when the shape admits null.
    pub fn lower_nullable(
        &mut self,
        f: &mut Flattener<'_>,
        shape: &Shape,
        hint: &Hint,
        dir: Direction,
    ) -> TypeRef {
        let ty = self.lower(f, shape, hint, dir);
        if shape.meta.nullable && !matches!(ty, TypeRef::Prim(Prim::Value)) {
            TypeRef::Option(Box::new(ty))
        } else {
            ty
        }
    }

    fn object(
        &mut self,
        f: &mut Flattener<'_>,
        o: &ObjectShape,
        hint: &Hint,
        dir: Direction,
    ) -> TypeKind {
        let mut fields = Vec::with_capacity(o.properties.len());
        for (wire, prop) in &o.properties {
            let skip = match dir {
                Direction::Request | Direction::Multipart => prop.meta.read_only,
                Direction::Response => prop.meta.write_only,
            };
            if skip {
                continue;
            }
            let required = o.required.contains(wire);
            // In a multipart body, a binary property is a file part; everything nested
            // deeper is sent as JSON text, so it is an ordinary request type.
            let binary =
                matches!(&prop.kind, Kind::String(s) if s.format.as_deref() == Some("binary"));
            let ty = match dir {
                Direction::Multipart if binary => TypeRef::Prim(Prim::Bytes),
                Direction::Multipart => self.lower(f, prop, &hint.child(wire), Direction::Request),
                _ => self.lower(f, prop, &hint.child(wire), dir),
            };
            let nullable = prop.admits_null() && !matches!(ty, TypeRef::Prim(Prim::Value));
            let max_length = match &prop.kind {
                Kind::String(s) => s.max_length,
                _ => None,
            };
            fields.push(Field {
                rust: naming::field_name(wire),
                wire: wire.clone(),
                ty,
                optional: !required || nullable,
                send_null: required && nullable,
                max_length,
                docs: docs_of(&prop.meta),
            });
        }
        let mut names: Vec<String> = fields.iter().map(|f| f.rust.clone()).collect();
        naming::dedupe(&mut names);
        for (field, name) in fields.iter_mut().zip(names) {
            field.rust = name;
        }
        let extra = o
            .additional
            .as_ref()
            .map(|v| self.lower_nullable(f, v, &hint.child("Value"), dir));
        TypeKind::Struct { fields, extra }
    }

    /// A component schema: a named type when it is an object, enum or union; otherwise
    /// (a string with a format, say) the type its body lowers to.
    ///
    /// Components are lowered depth first, so a chain of 5,000 components, each a property
    /// of the one before, would recurse 5,000 times: past [`MAX_DEPTH`] it is an error.
    pub fn component(&mut self, f: &mut Flattener<'_>, name: &str, dir: Direction) -> TypeRef {
        if self.depth >= MAX_DEPTH {
            if !std::mem::replace(&mut self.depth_reported, true) {
                let ptr = pointer_push("#/components/schemas", name);
                f.diags.push(
                    f.sources()
                        .error(&ptr, format!("component schemas refer to each other more than {MAX_DEPTH} levels deep (`$ref` inside `$ref` ...) here"))
                        .help(format!("make the chain of nested `$ref`s shorter than {MAX_DEPTH} schemas")),
                );
            }
            return TypeRef::Prim(Prim::Value);
        }
        self.depth += 1;
        let ty = self.component_at_depth(f, name, dir);
        self.depth -= 1;
        ty
    }

    fn component_at_depth(&mut self, f: &mut Flattener<'_>, name: &str, dir: Direction) -> TypeRef {
        let Some(body) = f.component(name) else {
            return TypeRef::Prim(Prim::Value);
        };
        // A component without readOnly/writeOnly properties is one type both ways, unless a
        // multipart body needs its binary properties as bytes.
        let directional = self.directions.of(f, &body);
        let dir = if directional || dir == Direction::Multipart {
            dir
        } else {
            Direction::Response
        };
        if let Some(ty) = self.components.get(&(name.to_string(), dir)) {
            return ty.clone();
        }
        let (place, base) = self.component_place(name);
        let (rust, role) = match dir {
            Direction::Request if directional => (format!("{base}Request"), "request"),
            Direction::Multipart => (format!("{base}Form"), "form"),
            _ => (base, "type"),
        };
        let hint = Hint {
            name: rust.clone(),
            about: format!("The `{name}` schema."),
            place: place.clone(),
            origin: format!("component {name} {role}"),
            fallback: None,
        };
        if !is_named(&body) {
            // An array or map component reached again while it is being lowered: a second
            // pass finds the named types it holds already reserved and stops there; a cycle
            // of unnamed components only (`a: {items: {$ref: a}}`) holds any JSON value.
            let key = (name.to_string(), dir);
            let depth = self.unnamed_in_progress.entry(key.clone()).or_insert(0);
            if *depth >= 2 {
                return TypeRef::Prim(Prim::Value);
            }
            *depth += 1;
            let ty = self.lower(f, &body, &hint, dir);
            if let Some(d) = self.unnamed_in_progress.get_mut(&key) {
                *d -= 1;
            }
            self.components.insert(key, ty.clone());
            return ty;
        }
        // Reserve the id first, so a recursive reference finds it.
        let id = TypeId(self.types.len());
        self.types.push(Pending {
            name: rust,
            origin: hint.origin.clone(),
            place,
            docs: Docs {
                description: body
                    .meta
                    .description
                    .clone()
                    .or_else(|| Some(hint.about.clone())),
                ..docs_of(&body.meta)
            },
            kind: TypeKind::Struct {
                fields: Vec::new(),
                extra: None,
            },
            sent: dir != Direction::Response,
            component: true,
            multipart: false,
            fallback: None,
        });
        self.components
            .insert((name.to_string(), dir), TypeRef::Named(id));
        self.types[id.0].kind = self.named_kind(f, &body, &hint, dir);
        TypeRef::Named(id)
    }

    /// Finds or creates a struct the operation itself makes (a parameters struct).
    pub fn intern_struct(&mut self, hint: &Hint, kind: TypeKind) -> TypeRef {
        self.intern(hint, &Meta::default(), kind, Direction::Request)
    }

    /// Finds or creates the named type `kind` of `hint`: one origin reached twice (a type
    /// lowered again for another operation's use) is one type.
    fn intern(&mut self, hint: &Hint, meta: &Meta, kind: TypeKind, dir: Direction) -> TypeRef {
        let key = (
            hint.place.clone(),
            hint.name.clone(),
            keys::structural_key(&kind),
        );
        let id = match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                let id = TypeId(self.types.len());
                let mut docs = docs_of(meta);
                docs.description = docs.description.or_else(|| Some(hint.about.clone()));
                self.types.push(Pending {
                    name: hint.name.clone(),
                    origin: hint.origin.clone(),
                    place: hint.place.clone(),
                    docs,
                    kind,
                    sent: false,
                    component: false,
                    multipart: false,
                    fallback: hint.fallback.clone(),
                });
                self.by_key.insert(key, id);
                id
            }
        };
        self.types[id.0].sent |= dir != Direction::Response;
        TypeRef::Named(id)
    }

    /// A description of type `id` that does not depend on the order types were created in.
    pub fn canonical_key(&self, id: TypeId, memo: &mut HashMap<TypeId, String>) -> String {
        if let Some(k) = memo.get(&id) {
            return k.clone();
        }
        let pending = &self.types[id.0];
        if pending.component {
            return format!("${}", pending.origin);
        }
        memo.insert(id, String::from("<cycle>"));
        let key = keys::kind_key(&pending.kind, &mut |t| self.canonical_key(t, memo));
        memo.insert(id, key.clone());
        key
    }
}

/// Whether a shape becomes a named type: an object with properties, a string enum, a union.
pub fn is_named(shape: &Shape) -> bool {
    match &shape.kind {
        Kind::Object(o) => !o.properties.is_empty(),
        Kind::String(s) => s.values.is_some(),
        Kind::Union(_) | Kind::Tagged(_) => true,
        _ => false,
    }
}

/// The alternative of a tagged union without its tag property, which the enum carries.
fn strip_tag(shape: &Shape, tag: &str) -> Shape {
    let mut s = shape.clone();
    if let Kind::Object(o) = &mut s.kind {
        o.properties.shift_remove(tag);
        o.required.remove(tag);
    }
    s
}

/// A variant name for an untagged alternative, from what it is.
pub fn variant_for(shape: &Shape, index: usize) -> String {
    match &shape.kind {
        Kind::Ref(name) => naming::type_name(name),
        Kind::String(s) if s.values.is_some() => "Known".into(),
        Kind::String(_) => "String".into(),
        Kind::Integer(_) => "Integer".into(),
        Kind::Number(_) => "Number".into(),
        Kind::Bool(_) => "Boolean".into(),
        Kind::Array(_) => "List".into(),
        Kind::Object(_) => match &shape.meta.title {
            Some(t) => naming::type_name(t),
            None => format!("Object{}", index + 1),
        },
        _ => format!("Variant{}", index + 1),
    }
}

/// The Rust type of a scalar kind that is no named type (booleans, numbers, strings
/// without `enum`); `None` for everything else.
pub fn scalar(kind: &Kind) -> Option<Prim> {
    Some(match kind {
        Kind::Bool(_) => Prim::Bool,
        Kind::Integer(i) => integer(i),
        Kind::Number(_) => Prim::F64,
        Kind::String(s) if s.values.is_some() => return None,
        Kind::String(s) if s.format.as_deref() == Some("date-time") => Prim::Timestamp,
        Kind::String(_) => Prim::String,
        _ => return None,
    })
}

/// Integers: `int32` is `i32`; a non-negative minimum makes the type unsigned (`u32` when
/// the maximum fits, else `u64`); otherwise `i64`.
fn integer(i: &IntegerShape) -> Prim {
    let non_negative = i.minimum.is_some_and(|m| m >= 0);
    let fits_u32 = i.maximum.is_some_and(|m| m <= u32::MAX as i64);
    match (i.format.as_deref(), non_negative) {
        (Some("int32"), true) => Prim::U32,
        (Some("int32"), false) => Prim::I32,
        (_, true) if fits_u32 => Prim::U32,
        (_, true) => Prim::U64,
        _ => Prim::I64,
    }
}

/// Documentation from a shape's meta.
pub fn docs_of(meta: &Meta) -> Docs {
    Docs {
        summary: meta.title.clone(),
        description: meta.description.clone(),
        example: meta.example.clone(),
        deprecated: meta.deprecated,
    }
}
