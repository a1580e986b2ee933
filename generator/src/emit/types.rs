//! Named types: structs, string enums, untagged and tagged enums.

use std::collections::{BTreeSet, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, item_lines};
use super::ident;
use crate::ir::{
    Api, Field, Home, Prim, TaggedVariant, TypeDef, TypeId, TypeKind, TypeRef, Variant,
};
use crate::naming;

/// Renders types as seen from one module, recording what it must import.
pub struct Scope<'a> {
    api: &'a Api,
    home: Home,
    /// Names used from elsewhere: (module path, name).
    pub imports: BTreeSet<(String, String)>,
    /// Names defined here, which an import may not shadow.
    local: HashSet<String>,
}

impl<'a> Scope<'a> {
    /// A scope for the module of `home`.
    pub fn new(api: &'a Api, home: Home) -> Self {
        let mut local: HashSet<String> = api
            .types
            .iter()
            .filter(|t| t.home == home)
            .map(|t| t.name.clone())
            .collect();
        if let Home::Group(g) = home {
            local.insert(api.groups[g].handle.clone());
        }
        Scope {
            api,
            home,
            imports: BTreeSet::new(),
            local,
        }
    }

    /// The API being emitted.
    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// Imports a runtime item (`crate::runtime::<name>`).
    pub fn import_runtime(&mut self, name: &str) {
        self.import("crate::runtime", name);
    }

    fn import(&mut self, path: &str, name: &str) {
        self.imports.insert((path.to_string(), name.to_string()));
    }

    /// The Rust type of `ty`, importing what it names.
    pub fn ty(&mut self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Named(id) => self.named(*id),
            TypeRef::Prim(p) => self.prim(*p),
            TypeRef::Vec(t) => {
                let t = self.ty(t);
                quote! { Vec<#t> }
            }
            TypeRef::Map(t) => {
                self.import("std::collections", "BTreeMap");
                let t = self.ty(t);
                quote! { BTreeMap<String, #t> }
            }
            TypeRef::Option(t) => {
                let t = self.ty(t);
                quote! { Option<#t> }
            }
            TypeRef::Boxed(t) => {
                let t = self.ty(t);
                quote! { Box<#t> }
            }
        }
    }

    /// A generated type by name: imported when it lives elsewhere, by its whole path when
    /// its name is taken here (by a type of this module, by an import from elsewhere, or,
    /// in a module of operations, by a runtime item it imports: `Method`).
    fn named(&mut self, id: TypeId) -> TokenStream {
        let def = &self.api.types[id.0];
        let name = ident(&def.name);
        if def.home == self.home {
            return quote! { #name };
        }
        let path = module_path(self.api, def.home);
        let taken = self.local.contains(&def.name)
            || (matches!(self.home, Home::Group(_))
                && naming::OPERATION_MODULE_NAMES.contains(&def.name.as_str()))
            || self
                .imports
                .iter()
                .any(|(p, n)| n == &def.name && p != &path);
        if taken {
            let path: syn::Path = syn::parse_str(&path)
                .unwrap_or_else(|_| unreachable!("module paths are made from identifiers"));
            return quote! { #path::#name };
        }
        self.import(&path, &def.name);
        quote! { #name }
    }

    fn prim(&mut self, p: Prim) -> TokenStream {
        match p {
            Prim::String => quote! { String },
            Prim::Bool => quote! { bool },
            Prim::I32 => quote! { i32 },
            Prim::I64 => quote! { i64 },
            Prim::U8 => quote! { u8 },
            Prim::U16 => quote! { u16 },
            Prim::U32 => quote! { u32 },
            Prim::U64 => quote! { u64 },
            Prim::F64 => quote! { f64 },
            Prim::Timestamp => {
                self.import("crate::runtime", "Timestamp");
                quote! { Timestamp }
            }
            Prim::Value => {
                self.import("serde_json", "Value");
                quote! { Value }
            }
            Prim::Unit => quote! { () },
            Prim::Bytes => quote! { Vec<u8> },
        }
    }

    /// A named type's definition.
    pub fn type_def(&mut self, def: &TypeDef) -> TokenStream {
        let docs = doc_attrs(&item_lines(
            &def.docs,
            &format!("The `{}` type of the API.", def.name),
        ));
        let name = ident(&def.name);
        match &def.kind {
            TypeKind::Struct { fields, extra } => {
                // Members the spec does not declare are kept (where no `additionalProperties`
                // map holds them already): what the server sent decodes and encodes whole.
                let undeclared = (def.received && extra.is_none() && !def.multipart)
                    .then(|| Undeclared::of(fields));
                let mut def_tokens =
                    self.struct_def(docs, &name, fields, extra.as_ref(), undeclared.as_ref());
                let extra_name = extra_field_name(fields);
                let extra = extra.as_ref().map(|t| (extra_name.as_str(), t));
                def_tokens.extend(self.builder_impl(&name, fields, extra, undeclared.as_ref()));
                let parts = def
                    .multipart
                    .then(|| self.multipart_impl(&name, fields, extra.is_some()));
                quote! { #def_tokens #parts }
            }
            TypeKind::Enum { variants } => string_enum(docs, &name, variants),
            TypeKind::Alias(target) => {
                let target = self.ty(&TypeRef::Named(*target));
                quote! {
                    #docs
                    pub type #name = #target;
                }
            }
            TypeKind::Untagged { variants } => {
                let parts = def.multipart.then(|| self.multipart_union(&name, variants));
                let froms = def
                    .sent
                    .then(|| self.conversions(&name, variants.iter().map(|(v, t)| (v, t))));
                let def = self.untagged(&def.docs, &def.name, &name, variants);
                quote! { #def #froms #parts }
            }
            TypeKind::Tagged { tag, variants } => {
                let froms = def.sent.then(|| {
                    self.conversions(&name, variants.iter().map(|v| (&v.name.rust, &v.ty)))
                });
                let def = self.tagged(docs, &name, tag, variants);
                quote! { #def #froms }
            }
        }
    }

    /// `From<Payload> for Union` for each variant a value of its type can only be: a union
    /// in a request is built with its variant's own builder and `.into()`. Variants that
    /// hold the same type (aliases seen through), or any JSON value, get none.
    fn conversions<'v>(
        &mut self,
        name: &proc_macro2::Ident,
        variants: impl Iterator<Item = (&'v String, &'v TypeRef)> + Clone,
    ) -> TokenStream {
        let unboxed = |t: &'v TypeRef| match t {
            TypeRef::Boxed(inner) => (&**inner, true),
            other => (other, false),
        };
        let mut seen: std::collections::HashMap<TypeRef, usize> = Default::default();
        for (_, t) in variants.clone() {
            *seen.entry(self.unaliased(unboxed(t).0)).or_default() += 1;
        }
        let mut out = TokenStream::new();
        for (v, t) in variants {
            let (payload, boxed) = unboxed(t);
            let key = self.unaliased(payload);
            let own = matches!(&key, TypeRef::Named(id) if *name == self.api.types[id.0].name);
            let opaque = matches!(
                key,
                TypeRef::Prim(Prim::Value | Prim::Unit) | TypeRef::Option(_)
            );
            if seen[&key] > 1 || own || opaque {
                continue;
            }
            let v = ident(v);
            let ty = self.ty(payload);
            let value = if boxed {
                quote! { Box::new(value) }
            } else {
                quote! { value }
            };
            out.extend(quote! {
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#v(#value)
                    }
                }
            });
            // So a setter taking `impl Into<Union>` takes a string literal too.
            if key == TypeRef::Prim(Prim::String) && !boxed {
                out.extend(quote! {
                    impl From<&str> for #name {
                        fn from(value: &str) -> Self {
                            Self::#v(value.to_string())
                        }
                    }
                });
            }
        }
        out
    }

    /// `ty` with every alias replaced by the type it names (and bytes spelled as
    /// `Vec<u8>`): two variants that hold one type under two names hold the same type.
    fn unaliased(&self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Named(id) => match &self.api.types[id.0].kind {
                TypeKind::Alias(target) => self.unaliased(&TypeRef::Named(*target)),
                _ => ty.clone(),
            },
            TypeRef::Prim(Prim::Bytes) => TypeRef::Vec(Box::new(TypeRef::Prim(Prim::U8))),
            TypeRef::Prim(_) => ty.clone(),
            TypeRef::Vec(t) => TypeRef::Vec(Box::new(self.unaliased(t))),
            TypeRef::Map(t) => TypeRef::Map(Box::new(self.unaliased(t))),
            TypeRef::Option(t) => TypeRef::Option(Box::new(self.unaliased(t))),
            TypeRef::Boxed(t) => TypeRef::Boxed(Box::new(self.unaliased(t))),
        }
    }

    /// A union of alternatives a value may fit several of: decoded into the one that keeps
    /// the most of the value (`runtime/untagged.rs`), the value itself when none fits.
    fn untagged(
        &mut self,
        docs: &crate::ir::Docs,
        type_name: &str,
        name: &proc_macro2::Ident,
        variants: &[(String, TypeRef)],
    ) -> TokenStream {
        self.import("serde", "Deserialize");
        self.import("serde", "Deserializer");
        self.import("serde", "Serialize");
        self.import("serde_json", "Value");
        self.import_runtime("untagged");
        let mut lines = item_lines(docs, &format!("The `{type_name}` type of the API."));
        lines.extend([
            String::new(),
            "Decoded into the alternative that keeps the most of the value (of equals, the first; \
             see the crate's documentation, \"Unions\"); a value no alternative fits is kept as \
             `Unrecognized`."
                .to_string(),
        ]);
        let docs = doc_attrs(&lines);
        let mut defs = Vec::with_capacity(variants.len());
        let mut tries = Vec::with_capacity(variants.len());
        for (v, t) in variants {
            let v = ident(v);
            let t = self.ty(t);
            defs.push(quote! { #[doc = " One of the alternatives."] #v(#t), });
            tries.push(quote! { best.consider(<#t>::deserialize(&value).map(Self::#v)); });
        }
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, Serialize)]
            #[serde(untagged)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name {
                #(#defs)*
                #[doc = " A value none of the alternatives fits, as received."]
                Unrecognized(Value),
            }

            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = Value::deserialize(deserializer)?;
                    let mut best = untagged::Best::new(&value);
                    #(#tries)*
                    Ok(best.into_inner().unwrap_or(Self::Unrecognized(value)))
                }
            }
        }
    }

    /// A union told apart by its tag property: serde code that reads the tag once and
    /// decodes the variant it names (no alternative is tried), keeps a value with an
    /// unknown tag whole, and writes the tag back.
    fn tagged(
        &mut self,
        docs: TokenStream,
        name: &proc_macro2::Ident,
        tag: &str,
        variants: &[TaggedVariant],
    ) -> TokenStream {
        self.import("serde", "Deserialize");
        self.import("serde", "Deserializer");
        self.import("serde", "Serialize");
        self.import("serde", "Serializer");
        self.import("serde_json", "Value");
        self.import_runtime("tagged");
        let mut defs = Vec::with_capacity(variants.len());
        let mut reads = Vec::with_capacity(variants.len());
        let mut writes = Vec::with_capacity(variants.len());
        for v in variants {
            let rust = ident(&v.name.rust);
            let wire = &v.name.wire;
            let doc = format!(" {} is {}.", code(tag), code(wire));
            let t = self.ty(&v.ty);
            defs.push(quote! { #[doc = #doc] #rust(#t), });
            // A type with the tag as a field of its own reads it too; otherwise the enum
            // holds it and the payload is read without it.
            let read = if v.holds_tag {
                quote! { tagged::whole(value)? }
            } else {
                quote! { tagged::payload(value, #tag)? }
            };
            reads.push(quote! { Some(#wire) => Self::#rust(#read), });
            writes.push(quote! { Self::#rust(v) => tagged::write(serializer, #tag, #wire, v), });
        }
        let catch_all = format!(
            " A value whose {} this version of the client does not know, as received.",
            code(tag)
        );
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[allow(clippy::large_enum_variant)]
            #[non_exhaustive]
            pub enum #name {
                #(#defs)*
                #[doc = #catch_all]
                Unrecognized(Value),
            }

            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let (tag, value) = tagged::read(deserializer, #tag)?;
                    Ok(match tag.as_deref() {
                        #(#reads)*
                        _ => Self::Unrecognized(value),
                    })
                }
            }

            impl Serialize for #name {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#writes)*
                        Self::Unrecognized(value) => value.serialize(serializer),
                    }
                }
            }
        }
    }

    fn struct_def(
        &mut self,
        docs: TokenStream,
        name: &proc_macro2::Ident,
        fields: &[Field],
        extra: Option<&TypeRef>,
        undeclared: Option<&Undeclared>,
    ) -> TokenStream {
        self.import("serde", "Deserialize");
        self.import("serde", "Serialize");
        let all_optional = fields.iter().all(|f| f.optional);
        let default = if all_optional {
            quote! { Default, }
        } else {
            quote! {}
        };
        let mut field_tokens: Vec<TokenStream> = fields.iter().map(|f| self.field(f)).collect();
        if let Some(extra) = extra {
            let t = self.ty(extra);
            self.import("std::collections", "BTreeMap");
            let extra_name = ident(&extra_field_name(fields));
            field_tokens.push(quote! {
                #[doc = " Members not declared above (`additionalProperties`)."]
                #[serde(flatten)]
                pub #extra_name: BTreeMap<String, #t>,
            });
        }
        if let Some(u) = undeclared {
            self.import("std::collections", "BTreeMap");
            self.import("serde_json", "Value");
            let field = ident(&u.field);
            field_tokens.push(quote! {
                #[serde(flatten, skip_serializing_if = "crate::runtime::untagged::scoring")]
                #field: BTreeMap<String, Value>,
            });
        }
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, #default Serialize, Deserialize)]
            #[non_exhaustive]
            pub struct #name { #(#field_tokens)* }
        }
    }

    /// The parts of a multipart body: a file part for each bytes field, a text part for
    /// every other field, then the extra members.
    fn multipart_impl(
        &mut self,
        name: &proc_macro2::Ident,
        fields: &[Field],
        extra: bool,
    ) -> TokenStream {
        self.import("crate::runtime", "Multipart");
        self.import("crate::runtime", "Part");
        let parts = fields.iter().map(|f| {
            let (wire, field) = (&f.wire, ident(&f.rust));
            match (&f.ty, f.optional) {
                (TypeRef::Prim(Prim::Bytes), true) => {
                    quote! { Part::file(#wire, self.#field.as_deref()), }
                }
                (TypeRef::Prim(Prim::Bytes), false) => {
                    quote! { Part::file(#wire, Some(&self.#field)), }
                }
                _ => quote! { Part::text(#wire, &self.#field), },
            }
        });
        let extra = extra.then(|| {
            let e = ident(&extra_field_name(fields));
            quote! { .chain(self.#e.iter().map(|(k, v)| Part::text(k, v))) }
        });
        quote! {
            impl Multipart for #name {
                fn parts(&self) -> Vec<Part> {
                    [#(#parts)*].into_iter()#extra.flatten().collect()
                }
            }
        }
    }

    /// A union body's parts are its alternative's parts; an alternative that is not a form
    /// sends its members as text.
    fn multipart_union(
        &mut self,
        name: &proc_macro2::Ident,
        variants: &[(String, TypeRef)],
    ) -> TokenStream {
        self.import("crate::runtime", "Multipart");
        self.import("crate::runtime", "Part");
        let arms = variants.iter().map(|(v, t)| {
            let v = ident(v);
            let form = matches!(t, TypeRef::Named(id) if self.api.types[id.0].multipart);
            if form {
                quote! { Self::#v(body) => body.parts(), }
            } else {
                quote! { Self::#v(body) => serde_json::to_value(body).map(|v| v.parts()).unwrap_or_default(), }
            }
        });
        quote! {
            impl Multipart for #name {
                fn parts(&self) -> Vec<Part> {
                    match self {
                        #(#arms)*
                        Self::Unrecognized(value) => value.parts(),
                    }
                }
            }
        }
    }

    fn field(&mut self, f: &Field) -> TokenStream {
        let mut lines = item_lines(&f.docs, &format!("{}.", code(&f.wire)));
        if let Some(n) = f.max_length {
            lines.push(String::new());
            lines.push(format!("At most {n} characters."));
        }
        let docs = doc_attrs(&lines);
        let name = ident(&f.rust);
        let inner = self.ty(&f.ty);
        let ty = if f.optional {
            quote! { Option<#inner> }
        } else {
            inner
        };
        let rename = (f.rust.trim_start_matches("r#") != f.wire).then(|| {
            let wire = &f.wire;
            quote! { #[serde(rename = #wire)] }
        });
        let skip = match (f.optional, f.send_null) {
            (true, false) => quote! { #[serde(default, skip_serializing_if = "Option::is_none")] },
            (true, true) => quote! { #[serde(default)] },
            _ => quote! {},
        };
        quote! { #docs #rename #skip pub #name: #ty, }
    }
}

/// The path of the module that holds types of `home`.
pub fn module_path(api: &Api, home: Home) -> String {
    match home {
        Home::Shared => "crate::types".to_string(),
        // Re-exported by the area's module: its `types` file is private.
        Home::Area(a) => format!("crate::{}", api.areas[a].module),
        Home::Group(g) => {
            let group = &api.groups[g];
            format!("crate::{}::{}", api.areas[group.area].module, group.module)
        }
    }
}

/// `additional_properties`, unless a declared field took it.
/// The private field that keeps the members a struct does not declare, and the name of
/// its accessor (`extra()`), each chosen so that no field or setter has it.
pub struct Undeclared {
    /// The field.
    pub field: String,
    /// The accessor method.
    pub accessor: String,
}

impl Undeclared {
    fn of(fields: &[Field]) -> Self {
        let mut field = "undeclared".to_string();
        while fields.iter().any(|f| f.rust == field) {
            field.push('_');
        }
        let mut accessor = "extra".to_string();
        while fields
            .iter()
            .any(|f| crate::naming::setter_name(&f.rust) == accessor || f.rust == accessor)
        {
            accessor.push('_');
        }
        Undeclared { field, accessor }
    }
}

fn extra_field_name(fields: &[Field]) -> String {
    let mut name = "additional_properties".to_string();
    while fields.iter().any(|f| f.rust == name) {
        name.push('_');
    }
    name
}

/// A string enum with a catch-all variant, so a value added to the API later still decodes.
fn string_enum(docs: TokenStream, name: &proc_macro2::Ident, variants: &[Variant]) -> TokenStream {
    let defs = variants.iter().map(|v| {
        let rust = ident(&v.rust);
        let doc = format!(" {}", code(&v.wire));
        quote! { #[doc = #doc] #rust, }
    });
    let to_wire = variants.iter().map(|v| {
        let rust = ident(&v.rust);
        let wire = &v.wire;
        quote! { Self::#rust => #wire, }
    });
    let from_wire = variants.iter().map(|v| {
        let rust = ident(&v.rust);
        let wire = &v.wire;
        quote! { #wire => Self::#rust, }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#defs)*
            #[doc = " A value this version of the client does not know, kept as received."]
            Unrecognized(String),
        }

        impl #name {
            #[doc = " The value as it is sent on the wire."]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::Unrecognized(other) => other,
                }
            }

            fn from_wire(value: String) -> Self {
                match value.as_str() {
                    #(#from_wire)*
                    _ => Self::Unrecognized(value),
                }
            }
        }

        crate::runtime::string_enum!(#name);
    }
}
