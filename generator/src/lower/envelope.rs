//! Recognizes Cloudflare's response envelope after flattening.
//!
//! An envelope is an object whose properties are `success`, `errors` and `messages`, plus
//! optionally `result` and `result_info`, and nothing else. It is not a type of its own in
//! the generated code: the runtime's generic envelope decodes it, and the method returns the
//! `result`. Recognition runs on the flattened shape, so it does not matter how many allOf
//! layers built the envelope.

use crate::flatten::Flattener;
use crate::flatten::shape::{Kind, Shape};

const REQUIRED: [&str; 3] = ["success", "errors", "messages"];
const OPTIONAL: [&str; 2] = ["result", "result_info"];

/// `Some(result)` when `shape` is an envelope (`Some(None)`: it declares no `result`).
pub fn result_of(f: &mut Flattener<'_>, shape: &Shape) -> Option<Option<Shape>> {
    let shape = f.resolved(shape);
    let Kind::Object(o) = &shape.kind else {
        return None;
    };
    let names_fit = o
        .properties
        .keys()
        .all(|k| REQUIRED.contains(&k.as_str()) || OPTIONAL.contains(&k.as_str()));
    let has_required = REQUIRED.iter().all(|k| o.properties.contains_key(*k));
    let success_is_bool = matches!(
        o.properties.get("success").map(|s| &s.kind),
        Some(Kind::Bool(_))
    );
    if !(names_fit && has_required && success_is_bool) {
        return None;
    }
    // A `result` the envelope does not require may be absent: the method returns an Option.
    let result = o.properties.get("result").cloned().map(|mut r| {
        r.meta.nullable |= !o.required.contains("result");
        r
    });
    Some(result)
}

/// Whether an envelope declares `result_info` (paging details).
pub fn has_result_info(f: &mut Flattener<'_>, shape: &Shape) -> bool {
    matches!(f.resolved(shape).kind, Kind::Object(o) if o.properties.contains_key("result_info"))
}
