//! Which operation of the old spec is which of the new: the same operationId (used once in
//! each spec), and, among the rest, removed/added pairs with the same method and path shape
//! (parameter names ignored), which are probably one operation renamed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::operation::path_shape;
use super::surface::Surface;
use crate::naming;

/// The operations of two specs, paired.
pub struct Matched<'s> {
    /// Same operationId.
    pub kept: Vec<(&'s Surface, &'s Surface)>,
    /// Probable renames: (old, new).
    pub renamed: Vec<(&'s Surface, &'s Surface)>,
    /// Only in the old spec, renames not included.
    pub removed: Vec<&'s Surface>,
    /// Only in the new spec, renames not included.
    pub added: Vec<&'s Surface>,
    /// Every old operation without a match by id (renames included).
    pub removed_all: Vec<&'s Surface>,
    /// Every new operation without a match by id (renames included).
    pub added_all: Vec<&'s Surface>,
}

/// Pairs `old` with `new`. An operationId used more than once in either spec matches only
/// an operation with the same id, method and path: which would be which is a guess
/// otherwise.
pub fn pair<'s>(old: &'s [Surface], new: &'s [Surface]) -> Matched<'s> {
    let (old_ids, new_ids) = (unique_ids(old), unique_ids(new));
    let mut kept = Vec::new();
    let mut removed_all = Vec::new();
    for o in old {
        match (old_ids.get(o.id.as_str()), new_ids.get(o.id.as_str())) {
            (Some(Some(_)), Some(Some(n))) => kept.push((o, &new[*n])),
            _ => removed_all.push(o),
        }
    }
    let added_all: Vec<&Surface> = new
        .iter()
        .filter(|n| {
            !matches!(
                (old_ids.get(n.id.as_str()), new_ids.get(n.id.as_str())),
                (Some(Some(_)), Some(Some(_)))
            )
        })
        .collect();
    // An id used twice matches where id, method and path all agree: that is one operation.
    let same = |o: &Surface, n: &Surface| o.id == n.id && key(o) == key(n);
    for o in &removed_all {
        if let Some(n) = added_all.iter().find(|n| same(o, n)) {
            kept.push((o, n));
        }
    }
    removed_all.retain(|o| !added_all.iter().any(|n| same(o, n)));
    let kept_new: BTreeSet<(&str, &str)> = kept.iter().map(|(_, n)| key(n)).collect();
    let added_all: Vec<&Surface> = added_all
        .into_iter()
        .filter(|n| !kept_new.contains(&key(n)))
        .collect();
    let renamed = renames(&removed_all, &added_all);
    let in_rename_old: BTreeSet<(&str, &str)> = renamed.iter().map(|(o, _)| key(o)).collect();
    let in_rename_new: BTreeSet<(&str, &str)> = renamed.iter().map(|(_, n)| key(n)).collect();
    Matched {
        removed: removed_all
            .iter()
            .copied()
            .filter(|o| !in_rename_old.contains(&key(o)))
            .collect(),
        added: added_all
            .iter()
            .copied()
            .filter(|n| !in_rename_new.contains(&key(n)))
            .collect(),
        kept,
        renamed,
        removed_all,
        added_all,
    }
}

/// An operation's place in its document: path and method are unique there.
fn key(s: &Surface) -> (&str, &str) {
    (s.path.as_str(), s.method.as_str())
}

/// Each id's index when it is used once, `None` when it is used more often.
fn unique_ids(ops: &[Surface]) -> HashMap<&str, Option<usize>> {
    let mut ids: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, s) in ops.iter().enumerate() {
        ids.entry(&s.id)
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    ids
}

/// Removed and added operations with the same method and path shape, paired. Where several
/// share one, the pairs whose operationIds share the most words go first; ties go by id.
fn renames<'s>(removed: &[&'s Surface], added: &[&'s Surface]) -> Vec<(&'s Surface, &'s Surface)> {
    type Slot<'s> = (Vec<&'s Surface>, Vec<&'s Surface>);
    let mut by_shape: BTreeMap<(String, String), Slot<'s>> = BTreeMap::new();
    for o in removed {
        let k = (o.method.clone(), path_shape(&o.path));
        by_shape.entry(k).or_default().0.push(o);
    }
    for n in added {
        let k = (n.method.clone(), path_shape(&n.path));
        by_shape.entry(k).or_default().1.push(n);
    }
    let mut out = Vec::new();
    for (olds, news) in by_shape.into_values() {
        let mut candidates: Vec<(usize, &str, &str, usize, usize)> = Vec::new();
        for (i, o) in olds.iter().enumerate() {
            for (j, n) in news.iter().enumerate() {
                candidates.push((shared_words(&o.id, &n.id), &o.id, &n.id, i, j));
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        let (mut used_old, mut used_new) = (BTreeSet::new(), BTreeSet::new());
        for (_, _, _, i, j) in candidates {
            if used_old.contains(&i) || used_new.contains(&j) {
                continue;
            }
            used_old.insert(i);
            used_new.insert(j);
            out.push((olds[i], news[j]));
        }
    }
    out
}

fn shared_words(a: &str, b: &str) -> usize {
    let a: BTreeSet<String> = naming::words(a).into_iter().collect();
    naming::words(b)
        .into_iter()
        .filter(|w| a.contains(w))
        .count()
}
