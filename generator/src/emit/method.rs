//! One method per operation: arguments in path-template order, then the parameters struct,
//! then the body; a chain of `Call` builder steps that mirrors them.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{code, doc_attrs, item_lines};
use super::ident;
use super::types::Scope;
use crate::ir::{
    Body, BodyEncoding, FormStyle, Operation, Paging, ParamLocation, ParamsStruct, Prim, Response,
    TypeKind, TypeRef,
};

/// What a method is made of, gathered argument by argument.
#[derive(Default)]
struct Parts {
    args: Vec<TokenStream>,
    steps: Vec<TokenStream>,
    arg_docs: Vec<String>,
}

/// The method of `op`, on the handle of the group reached through `client.{call}`.
pub fn method(scope: &mut Scope<'_>, call: &str, op: &Operation) -> TokenStream {
    let mut parts = Parts::default();
    path_params(scope, op, &mut parts);
    if let Some(ps) = &op.params_struct {
        params_struct(scope, ps, &mut parts);
    }
    if let Some(body) = &op.body {
        body_arg(scope, body, &mut parts);
    }
    let security = op.security.iter().map(|alt| quote! { &[#(#alt),*] });
    parts.steps.push(quote! { .auth(&[#(#security),*]) });
    match &op.paging {
        Some(Paging::Page) => parts.steps.push(quote! { .paging(Paging::Page) }),
        Some(Paging::Cursor(param)) => parts.steps.push(quote! { .paging(Paging::Cursor(#param)) }),
        None => {}
    }
    let (output, decoder) = output(scope, op);
    let mut doc_lines = doc_lines(op, &parts.arg_docs);
    if let Some(example) = super::examples::method_example(scope.api(), call, op) {
        doc_lines.push(String::new());
        doc_lines.extend(example);
    }
    let docs = doc_attrs(&doc_lines);
    let deprecated = op
        .docs
        .deprecated
        .then(|| quote! { #[deprecated = "deprecated by the API"] });
    let (name, id, http, path) = (
        ident(&op.method_name),
        &op.id,
        ident(&op.http_method),
        &op.path,
    );
    let Parts { args, steps, .. } = parts;
    // Path arguments are positional, one per template parameter: a long template is a long
    // signature (clippy's limit is 7 arguments, `self` included).
    let many = (args.len() >= 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #docs
        #deprecated
        #many
        pub fn #name(&self, #(#args),*) -> Call<'a, #output> {
            Call::new(self.client, #id, Method::#http, #path, decode::#decoder)
                #(#steps)*
        }
    }
}

/// Path parameters: `&str` for strings, a reference for named types, values otherwise.
fn path_params(scope: &mut Scope<'_>, op: &Operation, parts: &mut Parts) {
    for p in &op.path_params {
        let arg = ident(&p.rust);
        let ty = match &p.ty {
            TypeRef::Prim(Prim::String) => quote! { &str },
            TypeRef::Named(_) => {
                let t = scope.ty(&p.ty);
                quote! { &#t }
            }
            other => scope.ty(other),
        };
        parts.args.push(quote! { #arg: #ty });
        let wire = &p.wire;
        let max = match p.max_length {
            Some(n) => {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                quote! { Some(#n) }
            }
            None => quote! { None },
        };
        parts.steps.push(quote! { .path(#wire, #arg, #max) });
        parts
            .arg_docs
            .push(super::arg_docs::path_param_line(scope.api(), p));
    }
}

/// Query and header parameters: one struct argument, one step per field.
fn params_struct(scope: &mut Scope<'_>, ps: &ParamsStruct, parts: &mut Parts) {
    let t = scope.ty(&TypeRef::Named(ps.ty));
    parts.args.push(quote! { params: &#t });
    parts
        .arg_docs
        .push("- `params`: query and header parameters".to_string());
    let TypeKind::Struct { fields, .. } = &scope.api().definition(ps.ty).kind else {
        unreachable!("a parameters struct is a struct")
    };
    for (field, location) in fields.iter().zip(&ps.locations) {
        let wire = &field.wire;
        let f = ident(&field.rust);
        parts.steps.push(match location {
            ParamLocation::Query => quote! { .query_param(#wire, &params.#f) },
            ParamLocation::Header => quote! { .header_param(#wire, &params.#f) },
        });
    }
}

/// The body argument (a slice or `str` where the type is a list or text) and its encoding.
fn body_arg(scope: &mut Scope<'_>, body: &Body, parts: &mut Parts) {
    let t = match &body.ty {
        TypeRef::Vec(inner) => {
            let inner = scope.ty(inner);
            quote! { [#inner] }
        }
        TypeRef::Prim(Prim::String) => quote! { str },
        TypeRef::Prim(Prim::Bytes) => quote! { [u8] },
        other => scope.ty(other),
    };
    parts.args.push(if body.required {
        quote! { body: &#t }
    } else {
        quote! { body: Option<&#t> }
    });
    parts.arg_docs.push(format!(
        "- `body`: the request body{}",
        if body.required { "" } else { " (optional)" }
    ));
    parts.steps.push(match (&body.encoding, body.required) {
        (BodyEncoding::Json, true) => quote! { .json(body) },
        (BodyEncoding::Json, false) => quote! { .json_opt(body) },
        (BodyEncoding::Multipart, true) => quote! { .multipart(body) },
        (BodyEncoding::Multipart, false) => quote! { .multipart_opt(body) },
        (BodyEncoding::Bytes(ct) | BodyEncoding::Text(ct), true) => quote! { .raw(#ct, body) },
        (BodyEncoding::Bytes(ct) | BodyEncoding::Text(ct), false) => quote! { .raw_opt(#ct, body) },
        (BodyEncoding::Form(styles), required) => {
            let styles = form_styles(scope, styles);
            if required {
                quote! { .form(body, #styles) }
            } else {
                quote! { .form_opt(body, #styles) }
            }
        }
    });
}

/// The properties of a form body that are not encoded in the default style, as a slice
/// of (wire name, `FormStyle`).
fn form_styles(scope: &mut Scope<'_>, styles: &[(String, FormStyle)]) -> TokenStream {
    if !styles.is_empty() {
        scope.import_runtime("FormStyle");
    }
    let entries = styles.iter().map(|(name, style)| {
        // The IR's variants are the runtime's, by name.
        let style = ident(&format!("{style:?}"));
        quote! { (#name, FormStyle::#style) }
    });
    quote! { &[#(#entries),*] }
}

/// The method's output type and the decoder that produces it; a paged list also gets its
/// paging step, and reads a missing or null `result` as an empty page.
fn output(scope: &mut Scope<'_>, op: &Operation) -> (TokenStream, Ident) {
    let (output, decoder) = match &op.response {
        Response::Envelope(t) => (scope.ty(t), "envelope"),
        Response::Json(t) => (scope.ty(t), "json"),
        Response::Text => (quote! { String }, "text"),
        Response::Bytes => (quote! { Vec<u8> }, "bytes"),
        Response::Empty => (quote! { () }, "empty"),
    };
    match &op.paging {
        Some(_) => {
            scope.import_runtime("Paging");
            (output, ident("envelope_list"))
        }
        None => (output, ident(decoder)),
    }
}

fn doc_lines(op: &Operation, arg_docs: &[String]) -> Vec<String> {
    let mut lines = item_lines(&op.docs, &format!("Calls {}.", code(&op.id)));
    lines.push(String::new());
    let request = format!("{} {}", op.http_method, op.path);
    lines.push(format!("{} (operation {}).", code(&request), code(&op.id)));
    if !arg_docs.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_string());
        lines.extend(arg_docs.iter().cloned());
    }
    if let Some(paging) = &op.paging {
        let how = match paging {
            Paging::Page => "by page number".to_string(),
            Paging::Cursor(param) => format!("by cursor (`{param}`)"),
        };
        lines.push(String::new());
        lines.push(format!(
            "This list is paged {how}: `.pages()` on the returned call fetches page after page, as items, a stream, or all at once (see [`Pages`](crate::Pages))."
        ));
    }
    lines
}
