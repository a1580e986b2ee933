//! The one place where allOf branches may disagree: the `result` of a dialect's envelope.
//!
//! Cloudflare builds each response as `allOf: [<shared envelope>, {result: <this
//! operation's result>}]`. The shared envelopes declare `result` generically, and some
//! disagree with the operation's own declaration (a collection envelope's `result: array`
//! met with an object; 31 operations of the 2024-08-06 spec), or the operation's branch
//! is the bare result schema itself (`allOf: [<envelope>, {type: string, enum: [...]}]`).
//! The API sends what the operation declares, so the rule is: inside an envelope, the
//! later declaration of `result` wins, and a later branch that is not an object declares
//! `result`. Each use of the rule is a warning with the branch's pointer. Every other
//! disagreement between branches stays an error, and so does every disagreement in a
//! dialect without an envelope.

use super::Flattener;
use super::all_of::{Conflict, meet};
use super::shape::{Kind, Shape};
use crate::dialect::Envelope;

/// The dialect's envelope, when `shape` is one (see [`Envelope::admits`]).
pub fn envelope_of(f: &mut Flattener<'_>, shape: &Shape) -> Option<Envelope> {
    let envelope = f.dialect().envelope?;
    match &f.resolved(shape).kind {
        Kind::Object(o) => {
            let success_is_bool = matches!(
                o.properties.get(envelope.success).map(|s| &s.kind),
                Some(Kind::Bool(_))
            );
            let names = o.properties.keys().map(String::as_str);
            envelope.admits(names, success_is_bool).then_some(envelope)
        }
        _ => None,
    }
}

/// The envelope `acc` with `branch` met in under the result rule, when the rule applies to
/// `conflict`; `None` when the disagreement is a real one.
pub(super) fn resolve(
    f: &mut Flattener<'_>,
    envelope: Envelope,
    acc: &Shape,
    branch: &Shape,
    conflict: &Conflict,
) -> Option<Shape> {
    let acc = f.resolved(acc);
    let branch = f.resolved(branch);
    let result = envelope.result;
    if !matches!(acc.kind, Kind::Object(_)) {
        return None;
    }
    match (&branch.kind, conflict.path.as_slice()) {
        (Kind::Object(own), [properties, at]) if properties == "properties" && at == result => {
            let declared = own.properties.get(result)?.clone();
            let without = |s: &Shape| {
                let mut s = s.clone();
                if let Kind::Object(o) = &mut s.kind {
                    o.properties.shift_remove(result);
                }
                s
            };
            let mut met = meet(without(&acc), without(&branch), f).ok()?;
            if let Kind::Object(o) = &mut met.kind {
                o.properties.insert(result.to_string(), declared);
            }
            Some(met)
        }
        (Kind::Object(_), _) => None,
        (_, []) => {
            let mut met = acc.clone();
            if let Kind::Object(o) = &mut met.kind {
                o.properties.insert(result.to_string(), branch.clone());
            }
            Some(met)
        }
        _ => None,
    }
}
