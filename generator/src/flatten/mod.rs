//! Stage 3, resolve/flatten: openapiv3 schemas in, flat [`Shape`]s out.
//!
//! `$ref`s to component schemas stay references (so recursion is finite); allOf is merged
//! (`all_of.rs`), anyOf/oneOf narrowed (`union.rs`). Problems are collected into the
//! flattener's diagnostics with their JSON pointers; a schema in error flattens to `Any`
//! so the rest of the document is still checked.

pub mod all_of;
mod base;
pub mod envelope_rule;
mod keywords;
pub mod shape;
mod tagged;
pub mod union;

use std::collections::HashMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::diag::{Diagnostics, pointer_push};
use crate::dialect::Dialect;
use crate::load::Sources;
use all_of::{Conflict, Resolver, meet};
pub use keywords::SchemaRef;
use keywords::keywords;
pub use shape::{Kind, Meta, Shape};

/// How deep schemas may nest before flattening stops with an error.
pub const MAX_DEPTH: usize = 200;

/// The prefix of references to component schemas.
pub const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// Flattens the schemas of one document, remembering each component it has flattened.
pub struct Flattener<'d> {
    doc: &'d OpenAPI,
    sources: &'d Sources,
    dialect: &'static Dialect,
    components: HashMap<String, Shape>,
    resolving: Vec<String>,
    depth: usize,
    depth_reported: bool,
    /// Problems found so far.
    pub diags: Diagnostics,
    /// allOf and anyOf decisions, when recording (see [`Flattener::record_decisions`]).
    pub decisions: Option<Vec<String>>,
}

impl<'d> Flattener<'d> {
    /// A flattener for `doc` in `dialect`, reporting against `sources`.
    pub fn new(doc: &'d OpenAPI, sources: &'d Sources, dialect: &'static Dialect) -> Self {
        Flattener {
            doc,
            sources,
            dialect,
            components: HashMap::new(),
            resolving: Vec::new(),
            depth: 0,
            depth_reported: false,
            diags: Diagnostics::default(),
            decisions: None,
        }
    }

    /// Starts recording every allOf merge and anyOf narrowing, for review.
    pub fn record_decisions(&mut self) {
        self.decisions = Some(Vec::new());
    }

    /// Records a line of a later stage's own (what it made of a flattened schema) among the
    /// decisions, when recording; `line` is only made then.
    pub fn note(&mut self, line: impl FnOnce() -> String) {
        if let Some(d) = &mut self.decisions {
            d.push(line());
        }
    }

    /// The decisions recorded since the last call (none when not recording).
    pub fn take_decisions(&mut self) -> Vec<String> {
        self.decisions
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The sources errors are reported against.
    pub fn sources(&self) -> &'d Sources {
        self.sources
    }

    /// The dialect whose rules apply.
    pub fn dialect(&self) -> &'static Dialect {
        self.dialect
    }

    /// Flattens the schema (or reference) found at `ptr`.
    pub fn flatten(&mut self, schema: SchemaRef<'_>, ptr: &str) -> Shape {
        match schema {
            SchemaRef::Ref(reference) => self.reference(reference, ptr),
            SchemaRef::Inline(s) => {
                if self.depth >= MAX_DEPTH {
                    self.too_deep(ptr);
                    return Shape::any();
                }
                self.depth += 1;
                let shape = self.inline(s, ptr);
                self.depth -= 1;
                if self.depth == 0 {
                    self.depth_reported = false;
                }
                shape
            }
        }
    }

    /// Reports schemas nested deeper than [`MAX_DEPTH`], once per outermost schema.
    fn too_deep(&mut self, ptr: &str) {
        if std::mem::replace(&mut self.depth_reported, true) {
            return;
        }
        let (message, help) = if self.resolving.is_empty() {
            (
                format!("schemas nest deeper than {MAX_DEPTH} levels here"),
                "move the inner schemas into `components/schemas` and refer to them with `$ref`"
                    .to_string(),
            )
        } else {
            (
                format!(
                    "schemas nest deeper than {MAX_DEPTH} levels here, through allOf/anyOf `$ref`s starting at `{}`",
                    self.resolving.first().map_or("", String::as_str)
                ),
                format!(
                    "make the chain of allOf/anyOf references shorter than {MAX_DEPTH} schemas"
                ),
            )
        };
        self.diags.push(self.sources.error(ptr, message).help(help));
    }

    /// Flattens a `ReferenceOr<Schema>` at `ptr`.
    pub fn flatten_ref(&mut self, schema: &ReferenceOr<Schema>, ptr: &str) -> Shape {
        self.flatten(SchemaRef::of(schema), ptr)
    }

    /// The flattened body of component schema `name`, if the document has it.
    pub fn component(&mut self, name: &str) -> Option<Shape> {
        self.try_component(name).ok()
    }

    /// The shape itself, or, for a reference, the referenced component's body (the
    /// reference when the component is missing, which was reported already).
    pub fn resolved(&mut self, shape: &Shape) -> Shape {
        match &shape.kind {
            Kind::Ref(name) => self.component(name).unwrap_or_else(|| shape.clone()),
            _ => shape.clone(),
        }
    }

    /// The names of every component schema, in document order.
    pub fn component_names(&self) -> Vec<String> {
        self.doc
            .components
            .as_ref()
            .map(|c| c.schemas.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn reference(&mut self, reference: &str, ptr: &str) -> Shape {
        let Some(name) = reference.strip_prefix(COMPONENT_PREFIX) else {
            self.diags.push(
                self.sources
                    .error(ptr, format!("`$ref: {reference}` is not a reference to `{COMPONENT_PREFIX}...`"))
                    .help("only references to component schemas of the same document are supported; inline the schema"),
            );
            return Shape::any();
        };
        let unescape = |s: &str| s.replace("~1", "/").replace("~0", "~");
        let mut segments = name.split('/').map(unescape);
        let name = segments.next().unwrap_or_default();
        let inner: Vec<String> = segments.collect();
        // `#/components/schemas/policy/properties/value`: a schema inside a component.
        if !inner.is_empty() {
            let doc = self.doc;
            let found = doc
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(&name))
                .and_then(|root| keywords::navigate(doc, root, &inner));
            return match found {
                Some(schema) => self.flatten(schema, ptr),
                None => {
                    self.diags.push(
                        self.sources
                            .error(ptr, format!("dangling `$ref`: `{reference}` does not exist in this document"))
                            .help("fix the reference: no schema is at that place inside the component"),
                    );
                    Shape::any()
                }
            };
        }
        if !self.has_component(&name) {
            self.diags.push(
                self.sources
                    .error(ptr, format!("dangling `$ref`: `{reference}` does not exist in this document"))
                    .help(format!("add a schema named `{name}` under `components/schemas`, or fix the reference")),
            );
            return Shape::any();
        }
        Shape::new(Kind::Ref(name))
    }

    fn has_component(&self, name: &str) -> bool {
        self.doc
            .components
            .as_ref()
            .is_some_and(|c| c.schemas.contains_key(name))
    }

    fn try_component(&mut self, name: &str) -> Result<Shape, Conflict> {
        if let Some(shape) = self.components.get(name) {
            return Ok(shape.clone());
        }
        let ptr = pointer_push("#/components/schemas", name);
        if let Some(at) = self.resolving.iter().position(|n| n == name) {
            let mut cycle: Vec<&str> = self.resolving[at..].iter().map(String::as_str).collect();
            cycle.push(name);
            self.diags.push(
                self.sources
                    .error(
                        &ptr,
                        format!("`$ref` cycle through allOf/anyOf: {}", cycle.join(" → ")),
                    )
                    .help(
                        "a schema cannot be an intersection that contains itself; break the cycle",
                    ),
            );
            return Err(Conflict {
                path: vec![],
                left: format!("$ref {name}"),
                right: "itself".into(),
                reported: true,
            });
        }
        let doc = self.doc;
        let schema = doc
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
            .ok_or_else(|| Conflict {
                path: vec![],
                left: format!("$ref {name}"),
                right: "a missing schema".into(),
                reported: false,
            })?;
        self.resolving.push(name.to_string());
        let shape = match schema {
            // A component that is only a reference is that reference's body.
            ReferenceOr::Reference { reference } => {
                let r = self.reference(reference, &ptr);
                match r.kind {
                    Kind::Ref(target) => {
                        self.try_component(&target).unwrap_or_else(|_| Shape::any())
                    }
                    _ => r,
                }
            }
            ReferenceOr::Item(s) => self.flatten(SchemaRef::Inline(s), &ptr),
        };
        self.resolving.pop();
        self.components.insert(name.to_string(), shape.clone());
        Ok(shape)
    }

    /// An inline schema: its own keywords, then allOf met in, then anyOf/oneOf narrowed.
    fn inline(&mut self, schema: &Schema, ptr: &str) -> Shape {
        let k = keywords(schema);
        let mut shape = self.base(schema, &k, ptr);
        if !k.all_of.is_empty() {
            self.record(format!("allOf at {ptr} ({} branches)", k.all_of.len()));
        }
        for (i, branch) in k.all_of.iter().enumerate() {
            let branch_ptr = pointer_push(&pointer_push(ptr, "allOf"), &i.to_string());
            let b = self.flatten_ref(branch, &branch_ptr);
            // Kept only for envelopes, where `envelope_rule` may need both sides again.
            let saved =
                envelope_rule::envelope_of(self, &shape).map(|e| (e, shape.clone(), b.clone()));
            shape = match meet(shape, b, self) {
                Ok(s) => s,
                Err(c) => {
                    let resolved =
                        saved.and_then(|(e, acc, b)| envelope_rule::resolve(self, e, &acc, &b, &c));
                    match resolved {
                        Some(s) => {
                            let at = c
                                .path
                                .iter()
                                .fold(branch_ptr.clone(), |p, s| pointer_push(&p, s));
                            self.diags.push(self.sources.warning(
                            &at,
                            format!(
                                "allOf branches disagree on the envelope's `result` ({} before, {} in branch {i}); branch {i}'s declaration is used",
                                c.left, c.right
                            ),
                        ));
                            s
                        }
                        None => {
                            self.report_conflict(&branch_ptr, i, &c);
                            return Shape::any();
                        }
                    }
                }
            };
        }
        for (key, alternatives) in [("anyOf", k.any_of), ("oneOf", k.one_of)] {
            if !alternatives.is_empty() {
                let discriminator = if key == "oneOf" {
                    schema.schema_data.discriminator.as_ref()
                } else {
                    None
                };
                shape = self.union(shape, alternatives, discriminator, &pointer_push(ptr, key));
            }
        }
        shape
    }

    fn report_conflict(&mut self, branch_ptr: &str, index: usize, c: &Conflict) {
        if c.reported {
            return;
        }
        let mut at = branch_ptr.to_string();
        for segment in &c.path {
            at = pointer_push(&at, segment);
        }
        let message = format!(
            "allOf cannot be satisfied: at {}, branch {index} requires {} but the branches before it require {}",
            c.place(),
            c.right,
            c.left
        );
        self.diags.push(
            self.sources
                .error(&at, message)
                .help("no value can match every allOf branch; fix the branch whose type is wrong"),
        );
    }

    /// Each alternative met with the sibling keywords, then narrowed.
    fn union(
        &mut self,
        base: Shape,
        alternatives: &[ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        ptr: &str,
    ) -> Shape {
        let meta = base.meta.clone();
        let bare = Shape {
            kind: base.kind,
            meta: Meta {
                nullable: true,
                ..Meta::default()
            },
        };
        let mut shapes = Vec::with_capacity(alternatives.len());
        for (i, alt) in alternatives.iter().enumerate() {
            let alt_ptr = pointer_push(ptr, &i.to_string());
            let flat = self.flatten_ref(alt, &alt_ptr);
            if let Ok(s) = meet(bare.clone(), flat, self) {
                shapes.push((alt, s));
            }
        }
        if shapes.is_empty() {
            // `{type: array, items: ..., anyOf: [<objects>]}`: the keywords beside the anyOf
            // describe the value on their own; the alternatives cannot, so they are dropped.
            if bare.kind != Kind::Any {
                let message = format!(
                    "no alternative fits the keywords beside it ({}); the alternatives are ignored",
                    bare.describe()
                );
                self.diags.push(self.sources.warning(ptr, message));
                return Shape {
                    kind: bare.kind,
                    meta,
                };
            }
            self.diags.push(
                self.sources
                    .error(
                        ptr,
                        "no alternative can hold together with the keywords beside it",
                    )
                    .help("check the `type` next to anyOf/oneOf; each alternative must fit it"),
            );
            return Shape::any();
        }
        if let Some(d) = discriminator
            && let Some(tagged) = tagged::explicit(self, d, &shapes, &meta)
        {
            self.record(format!(
                "oneOf at {ptr}: tagged by `{}` = {tagged}",
                d.property_name
            ));
            return tagged;
        }
        if let Some(tagged) = tagged::implicit(self, &shapes, &meta) {
            if let Kind::Tagged(t) = &tagged.kind {
                let key = ptr.rsplit('/').next().unwrap_or("anyOf");
                self.record(format!(
                    "{key} at {ptr}: tagged by `{}`, which each alternative pins = {tagged}",
                    t.property
                ));
            }
            return tagged;
        }
        let listed = self.tracing().then(|| {
            shapes
                .iter()
                .map(|(_, s)| s.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        });
        let narrowed = union::narrow(shapes.into_iter().map(|(_, s)| s).collect(), meta);
        if let Some(listed) = listed {
            self.record(format!(
                "{} at {ptr}: {listed} => {narrowed}",
                ptr.rsplit('/').next().unwrap_or("anyOf")
            ));
        }
        narrowed
    }
}

impl Resolver for Flattener<'_> {
    fn resolve(&mut self, name: &str) -> Result<Shape, Conflict> {
        self.try_component(name)
    }

    fn tracing(&self) -> bool {
        self.decisions.is_some()
    }

    fn record(&mut self, line: String) {
        if let Some(d) = &mut self.decisions {
            d.push(line);
        }
    }
}
