//! Recognizes the dialect's response envelope after flattening.
//!
//! An envelope (see [`crate::dialect::Envelope`]) is not a type of its own in the generated
//! code: the runtime's generic envelope decodes it, and the method returns the `result`.
//! Recognition runs on the flattened shape, so it does not matter how many allOf layers
//! built the envelope; the flattener's `result` rule recognizes envelopes the same way.

use crate::flatten::Flattener;
use crate::flatten::envelope_rule::envelope_of;
use crate::flatten::shape::Shape;

/// What an envelope says about its operation.
pub struct Unwrapped {
    /// The result's shape; `None` when the envelope declares no result.
    pub result: Option<Shape>,
    /// Whether it declares paging details (`result_info`).
    pub has_result_info: bool,
}

/// `Some` when `shape` is an envelope of the dialect.
pub fn unwrap(f: &mut Flattener<'_>, shape: &Shape) -> Option<Unwrapped> {
    let envelope = envelope_of(f, shape)?;
    let body = f.resolved(shape);
    let crate::flatten::Kind::Object(o) = &body.kind else {
        return None;
    };
    // A `result` the envelope does not require may be absent: the method returns an Option.
    let result = o.properties.get(envelope.result).cloned().map(|mut r| {
        r.meta.nullable |= !o.required.contains(envelope.result);
        r
    });
    Some(Unwrapped {
        result,
        has_result_info: o.properties.contains_key(envelope.result_info),
    })
}
