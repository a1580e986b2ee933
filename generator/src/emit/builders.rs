//! Constructors and setters of generated structs.
//!
//! Generated structs are `#[non_exhaustive]`, so that a field the API adds later is a minor
//! change of the crate, not a breaking one; struct literals are then not available outside
//! the crate, and these take their place (for request bodies, and for results a test
//! builds to compare with):
//!
//! ```text
//! UpdateServiceToken::new().name("CI/CD token")          // every field optional
//! CreateRecord::new("example.com", RecordType::A)        // the required fields, in order
//!     .ttl(300)
//! ```
//!
//! Setters take `impl Into<T>` (a `&str` for a `String`, a `Vec` for a list) and wrap
//! optional fields in `Some` themselves. Being generic, they cost no machine code until a
//! program calls them.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code, doc_attrs};
use super::ident;
use super::types::Scope;
use crate::ir::{Field, Prim, TypeRef};
use crate::naming;

/// A field as a constructor argument or setter sees it.
struct Member {
    field: Ident,
    setter: Ident,
    wire: String,
    /// The argument's type: `impl Into<T>`, or `T` itself for numbers and booleans, where
    /// `Into` would stop a literal's type from being inferred (`10` would be an `i32`).
    arg: TokenStream,
    /// Whether the argument is converted with `into()`.
    convert: bool,
    /// Whether the field is an `Option` the argument is wrapped in.
    wrap: bool,
    /// Required by the spec: a constructor argument.
    required: bool,
}

impl Scope<'_> {
    /// `new` with the required fields, and one setter per field, for struct `name`.
    /// `extra` is the name and value type of the `additionalProperties` map, if any.
    pub fn builder_impl(
        &mut self,
        name: &Ident,
        fields: &[Field],
        extra: Option<(&str, &TypeRef)>,
        undeclared: Option<&super::types::Undeclared>,
    ) -> TokenStream {
        let mut members: Vec<Member> = fields.iter().map(|f| self.member(f)).collect();
        if let Some((rust, value)) = extra {
            let value = self.ty(value);
            members.push(Member {
                field: ident(rust),
                setter: ident(&naming::setter_name(rust)),
                wire: "additionalProperties".to_string(),
                arg: quote! { impl Into<BTreeMap<String, #value>> },
                convert: true,
                wrap: false,
                required: false,
            });
        }
        let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
        let args = required.iter().map(|m| {
            let (field, arg) = (&m.field, &m.arg);
            quote! { #field: #arg }
        });
        let inits = members.iter().map(|m| {
            let field = &m.field;
            if m.required && !m.convert && !m.wrap {
                quote! { #field, }
            } else if m.required {
                let store = m.store(field);
                quote! { #field: #store, }
            } else {
                quote! { #field: Default::default(), }
            }
        });
        let new_doc = if required.is_empty() {
            doc_attrs(&["With no field set; set them with the methods named after them.".into()])
        } else {
            let names: Vec<String> = required.iter().map(|m| code(&m.wire)).collect();
            doc_attrs(&[format!(
                "With the required fields ({}); set the others with the methods named after them.",
                names.join(", ")
            )])
        };
        // Clippy's limit: more arguments than this are allowed explicitly.
        let many = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
        let value = ident("value");
        let setters = members.iter().map(|m| {
            let (setter, field, arg) = (&m.setter, &m.field, &m.arg);
            let store = m.store(&value);
            let doc = format!(" Sets {}.", code(&m.wire));
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #arg) -> Self {
                    self.#field = #store;
                    self
                }
            }
        });
        let (keep, accessor) = match undeclared {
            Some(u) => {
                let (field, method) = (ident(&u.field), ident(&u.accessor));
                (
                    Some(quote! { #field: Default::default(), }),
                    Some(quote! {
                        #[doc = " Members the server sent that the spec does not declare, as received: kept, and"]
                        #[doc = " sent back as they came when this value is encoded."]
                        pub fn #method(&self) -> &BTreeMap<String, Value> {
                            &self.#field
                        }
                    }),
                )
            }
            None => (None, None),
        };
        quote! {
            impl #name {
                #new_doc
                #many
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits)* #keep }
                }

                #(#setters)*

                #accessor
            }
        }
    }

    fn member(&mut self, f: &Field) -> Member {
        let inner = self.ty(&f.ty);
        let plain = matches!(
            f.ty,
            TypeRef::Prim(
                Prim::Bool
                    | Prim::I32
                    | Prim::I64
                    | Prim::U8
                    | Prim::U16
                    | Prim::U32
                    | Prim::U64
                    | Prim::F64
            )
        );
        // Required but nullable: the argument is an `Option` (`None` sends `null`).
        let nullable = f.optional && f.send_null;
        let arg = match (nullable, plain) {
            (true, _) => quote! { impl Into<Option<#inner>> },
            (false, true) => inner,
            (false, false) => quote! { impl Into<#inner> },
        };
        Member {
            field: ident(&f.rust),
            setter: ident(&naming::setter_name(&f.rust)),
            wire: f.wire.clone(),
            arg,
            convert: nullable || !plain,
            wrap: f.optional && !nullable,
            required: !f.optional || f.send_null,
        }
    }
}

impl Member {
    /// How argument `value` is stored in the field.
    fn store(&self, value: &Ident) -> TokenStream {
        let converted = if self.convert {
            quote! { #value.into() }
        } else {
            quote! { #value }
        };
        if self.wrap {
            quote! { Some(#converted) }
        } else {
            converted
        }
    }
}
