//! Untagged unions: a value goes to the alternative that keeps the most of it.
//!
//! The value is buffered once; each alternative is decoded from the buffer, and encoded
//! again to count how much of the value it kept (members, items and scalars, at any
//! depth; members a struct keeps without declaring them do not count). The alternative
//! that keeps the most wins; of equals, the one declared first; an
//! alternative that keeps all of the value ends the search. When none decodes, the enum's
//! catch-all holds the value as it came. So `{"name": "a", "ttl": 60}` goes to an
//! alternative that declares `name` and `ttl`, not to an earlier one that declares only
//! `name` and would drop `ttl`.

use std::cell::Cell;

use serde::Serialize;
use serde_json::Value;

thread_local! {
    /// Set while an alternative is encoded to be weighed: the members a struct keeps
    /// without declaring them are then left out, so that they count for no alternative.
    static SCORING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the undeclared members of a struct are left out of its encoding (while an
/// alternative is weighed); their field's `skip_serializing_if`.
pub(crate) fn scoring<T>(_: &T) -> bool {
    SCORING.with(Cell::get)
}

/// The best alternative so far, for one buffered value.
pub(crate) struct Best<'v, T> {
    value: &'v Value,
    size: usize,
    best: Option<(usize, T)>,
}

impl<'v, T: Serialize> Best<'v, T> {
    /// A search for the alternative of `value`.
    pub(crate) fn new(value: &'v Value) -> Self {
        Best {
            value,
            size: size(value),
            best: None,
        }
    }

    /// Whether an alternative already kept the whole value (no later one can do better).
    pub(crate) fn done(&self) -> bool {
        self.best
            .as_ref()
            .is_some_and(|(kept, _)| *kept == self.size)
    }

    /// Weighs the next alternative (in declaration order): kept when it decoded and keeps
    /// more of the value than every earlier one.
    pub(crate) fn consider<E>(&mut self, candidate: Result<T, E>) {
        if self.done() {
            return;
        }
        let Ok(candidate) = candidate else {
            return;
        };
        SCORING.with(|s| s.set(true));
        let encoded = serde_json::to_value(&candidate);
        SCORING.with(|s| s.set(false));
        let kept = encoded.map(|e| kept(self.value, &e)).unwrap_or(0);
        if self.best.as_ref().is_none_or(|(best, _)| kept > *best) {
            self.best = Some((kept, candidate));
        }
    }

    /// The winner, if any alternative decoded.
    pub(crate) fn into_inner(self) -> Option<T> {
        self.best.map(|(_, t)| t)
    }
}

/// How many parts a value has: itself, and every member and item inside it.
fn size(value: &Value) -> usize {
    1 + match value {
        Value::Object(members) => members.values().map(size).sum(),
        Value::Array(items) => items.iter().map(size).sum(),
        _ => 0,
    }
}

/// How many parts of `value` are in `encoded` as they were (numbers by value: `1` and
/// `1.0` are one number).
fn kept(value: &Value, encoded: &Value) -> usize {
    match (value, encoded) {
        (Value::Object(a), Value::Object(b)) => {
            1 + a
                .iter()
                .filter_map(|(k, v)| Some(kept(v, b.get(k)?)))
                .sum::<usize>()
        }
        (Value::Array(a), Value::Array(b)) => {
            1 + a.iter().zip(b).map(|(x, y)| kept(x, y)).sum::<usize>()
        }
        (Value::Number(a), Value::Number(b)) => usize::from(a.as_f64() == b.as_f64()),
        (a, b) => usize::from(a == b),
    }
}
