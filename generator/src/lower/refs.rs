//! `$ref`s to the reusable parts of `components` other than schemas: parameters, request
//! bodies, responses.

use indexmap::IndexMap;
use openapiv3::{Components, OpenAPI, ReferenceOr};

use crate::flatten::Flattener;

/// A section of `components` and what its items are called in messages.
pub struct Section<T: 'static> {
    /// The pointer prefix, such as `#/components/parameters/`.
    pub prefix: &'static str,
    /// "a parameter", "a request body", ...
    pub what: &'static str,
    /// The section in `components`.
    pub pick: fn(&Components) -> &IndexMap<String, ReferenceOr<T>>,
}

/// `#/components/parameters/`.
pub const PARAMETERS: Section<openapiv3::Parameter> = Section {
    prefix: "#/components/parameters/",
    what: "a parameter",
    pick: |c| &c.parameters,
};

/// `#/components/requestBodies/`.
pub const REQUEST_BODIES: Section<openapiv3::RequestBody> = Section {
    prefix: "#/components/requestBodies/",
    what: "a request body",
    pick: |c| &c.request_bodies,
};

/// `#/components/responses/`.
pub const RESPONSES: Section<openapiv3::Response> = Section {
    prefix: "#/components/responses/",
    what: "a response",
    pick: |c| &c.responses,
};

/// The item itself, or the component it refers to; a reference to nothing is an error at
/// `ptr` (and `None`).
pub fn resolve<'d, T>(
    doc: &'d OpenAPI,
    f: &mut Flattener<'_>,
    item: &'d ReferenceOr<T>,
    section: &Section<T>,
    ptr: &str,
) -> Option<&'d T> {
    let reference = match item {
        ReferenceOr::Item(t) => return Some(t),
        ReferenceOr::Reference { reference } => reference,
    };
    let found = reference
        .strip_prefix(section.prefix)
        .and_then(|name| (section.pick)(doc.components.as_ref()?).get(name));
    match found {
        Some(ReferenceOr::Item(t)) => Some(t),
        _ => {
            let message = format!(
                "dangling `$ref`: `{reference}` is not {} in this document",
                section.what
            );
            f.diags.push(
                f.sources()
                    .error(ptr, message)
                    .help("fix the reference, or define what it names under `components`"),
            );
            None
        }
    }
}
