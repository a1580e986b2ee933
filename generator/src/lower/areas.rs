//! Areas: the parts of an API that get their own module and Cargo feature.
//!
//! An operation's area is the first literal path segment that follows a parameter
//! (`/zones/{zone_id}/access/apps` is `access`, `/accounts/{id}/queues` is `queues`), or
//! the first segment when no parameter comes before a literal (`/radar/attacks` is `radar`,
//! `/user/tokens` is `user`). The rule reads paths only, so fragments and whole documents
//! give the same areas. A group (a tag) lives in the area most of its operations are in
//! (ties go to the name first in order), so a tag's operations are never split.

use std::collections::BTreeMap;

use crate::ir::{Area, Group};
use crate::naming;

/// Names the generated crate uses for itself at its root, or as its own features.
const RESERVED: &[&str] = &[
    "runtime", "auth", "types", "prelude", "default", "full", "tracing",
];

/// The area segment of one path.
pub fn area_segment(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let after_param =
        (1..segments.len()).find(|&i| is_param(segments[i - 1]) && !is_param(segments[i]));
    match after_param {
        Some(i) => segments[i].to_string(),
        None => segments
            .iter()
            .find(|s| !is_param(s))
            .map_or_else(|| "root".to_string(), |s| s.to_string()),
    }
}

/// Sets each group's area and returns the areas, sorted by module name.
pub fn assign(groups: &mut [Group]) -> Vec<Area> {
    let mut by_module: BTreeMap<String, Area> = BTreeMap::new();
    let mut chosen = Vec::with_capacity(groups.len());
    for group in groups.iter() {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for op in &group.operations {
            *counts.entry(area_segment(&op.path)).or_default() += 1;
        }
        // Most operations first; among equals, the first name in order.
        let segment = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default();
        // An area's module is also a Cargo feature, which cannot be a raw identifier:
        // a keyword (`/zones/{id}/typeof`) gets `_api`, as the crate's own names do.
        let raw = naming::module_name(&segment);
        let mut module = raw.trim_start_matches("r#").to_string();
        if raw.starts_with("r#") || RESERVED.contains(&module.as_str()) {
            module.push_str("_api");
        }
        chosen.push((module.clone(), segment.clone()));
        by_module.entry(module.clone()).or_insert_with(|| Area {
            module,
            segment,
            groups: Vec::new(),
        });
    }
    let order: Vec<String> = by_module.keys().cloned().collect();
    for (g, (module, _)) in chosen.iter().enumerate() {
        groups[g].area = order.iter().position(|m| m == module).unwrap_or(0);
        if let Some(area) = by_module.get_mut(module) {
            area.groups.push(g);
        }
    }
    by_module.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        let table = [
            ("/zones/{identifier}/access/service_tokens/{uuid}", "access"),
            ("/accounts/{account_id}/queues", "queues"),
            ("/accounts", "accounts"),
            ("/user/tokens/{id}", "user"),
            ("/radar/attacks/layer3/summary", "radar"),
            ("/{id}", "root"),
            ("/", "root"),
        ];
        for (path, want) in table {
            assert_eq!(area_segment(path), want, "{path}");
        }
    }
}
