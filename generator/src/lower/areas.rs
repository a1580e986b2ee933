//! Areas: the parts of an API that get their own module and Cargo feature.
//!
//! An operation's area comes from its path, by the dialect's [`AreaRule`]: the first
//! literal segment (`/v1/charges/{id}` is `charges`), or, in Cloudflare's dialect, the first
//! literal segment that follows a parameter (`/zones/{zone_id}/access/apps` is `access`,
//! `/accounts/{id}/queues` is `queues`) or the first one when no parameter comes before a
//! literal (`/radar/attacks` is `radar`). Version segments (`v1`, `v2beta1`, `2010-04-01`,
//! `api`) are skipped and file suffixes dropped (`Messages.json` is `Messages`). The rule
//! reads paths only, so fragments and whole documents give the same areas. A group (a tag)
//! lives in the area most of its operations are in (ties go to the name first in order),
//! so a tag's operations are never split.

use std::collections::BTreeMap;

use crate::dialect::AreaRule;
use crate::ir::{Area, Group, Home, TypeDef};
use crate::naming;

/// The area segment of one path.
pub fn area_segment(path: &str, rule: AreaRule) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !is_version(s))
        .map(without_suffix)
        .collect();
    let is_param = |s: &str| s.starts_with('{');
    let after_param = match rule {
        AreaRule::AfterParameter => {
            (1..segments.len()).find(|&i| is_param(segments[i - 1]) && !is_param(segments[i]))
        }
        AreaRule::FirstSegment => None,
    };
    match after_param {
        Some(i) => segments[i].to_string(),
        None => segments
            .iter()
            .find(|s| !is_param(s))
            .map_or_else(|| "root".to_string(), |s| s.to_string()),
    }
}

/// `v1`, `v2beta1`, `v1.1`, `2010-04-01`, `api`: a segment that versions the API rather
/// than naming a part of it.
fn is_version(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    if lower == "api" {
        return true;
    }
    if let Some(rest) = lower.strip_prefix('v')
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        // `v2beta1`: digits, then letters and digits.
        return rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    }
    // A date or a dotted number.
    !lower.is_empty()
        && lower
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
}

/// `Messages.json` is `Messages`; parameters and segments without a short alphabetic suffix
/// stay as they are.
fn without_suffix(segment: &str) -> &str {
    match segment.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && !segment.starts_with('{')
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            stem
        }
        _ => segment,
    }
}

/// The area segment of a group whose operations have `paths`: the one most of them are in;
/// among equals, the first name in order.
pub fn group_segment<'p>(paths: impl Iterator<Item = &'p str>, rule: AreaRule) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for path in paths {
        *counts.entry(area_segment(path, rule)).or_default() += 1;
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// Sets each group's area and returns the areas, sorted by module name.
pub fn assign(groups: &mut [Group], rule: AreaRule) -> Vec<Area> {
    let mut by_module: BTreeMap<String, Area> = BTreeMap::new();
    let mut chosen = Vec::with_capacity(groups.len());
    for group in groups.iter() {
        let segment = group_segment(group.operations.iter().map(|op| op.path.as_str()), rule);
        let module = naming::area_module(&segment);
        chosen.push((module.clone(), segment.clone()));
        by_module.entry(module.clone()).or_insert_with(|| Area {
            module,
            segment,
            groups: Vec::new(),
            requires: Vec::new(),
            accessor: String::new(),
            handle: String::new(),
            main: None,
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

/// Adds a module of component types only for each namespace of `modules` that is no area
/// yet (areas stay sorted by module; each group's area index follows).
pub fn add_namespaces(areas: &mut Vec<Area>, groups: &mut [Group], modules: &[String]) {
    for module in modules {
        if !areas.iter().any(|a| &a.module == module) {
            areas.push(Area {
                module: module.clone(),
                segment: module.clone(),
                groups: Vec::new(),
                requires: Vec::new(),
                accessor: String::new(),
                handle: String::new(),
                main: None,
            });
        }
    }
    areas.sort_by(|a, b| a.module.cmp(&b.module));
    for (i, area) in areas.iter().enumerate() {
        for &g in &area.groups {
            groups[g].area = i;
        }
    }
}

/// Names each group by its place in its area (`radar::dns`, not `radar::radar_dns`): a
/// group whose tag says something beyond its area's name gets that as its module, and its
/// handle is named after it (`radar::DnsApi`); the area's main group (the first whose tag
/// says nothing more) and a group whose name is taken in its area (by an earlier group,
/// or by a module the crate uses itself) keep the tag's own module and handle. Reads only
/// the area's own groups, in order, so an edit elsewhere renames nothing here.
pub fn group_modules(areas: &[Area], groups: &mut [Group], reserved: &[&str]) {
    for area in areas {
        let subs: Vec<Option<String>> = area
            .groups
            .iter()
            .map(|&g| naming::sub_accessor(&groups[g].tag, &area.segment))
            .collect();
        let main = subs.iter().position(Option::is_none);
        let mut taken: Vec<String> = reserved.iter().map(|s| s.to_string()).collect();
        let mut handles: Vec<String> = Vec::new();
        if let Some(m) = main {
            let g = area.groups[m];
            taken.push(groups[g].module.clone());
            handles.push(groups[g].handle.clone());
        }
        for (i, (&g, sub)) in area.groups.iter().zip(subs).enumerate() {
            if Some(i) == main {
                continue;
            }
            let own = sub.filter(|sub| {
                let handle = naming::group_handle(sub);
                !taken.contains(sub) && !handles.contains(&handle)
            });
            if let Some(module) = own {
                groups[g].handle = naming::group_handle(&module);
                groups[g].module = module;
            }
            taken.push(groups[g].module.clone());
            handles.push(groups[g].handle.clone());
        }
    }
}

/// Names each area's handle and its groups' accessors (`client.radar().dns()`): the area
/// is an accessor on `Client`; the first of its groups whose tag says nothing beyond the
/// area's name (`Zone` in `zones`, or the operations without a tag) is its main group,
/// whose handle the accessor returns; each other group is an accessor on that handle named
/// by what its tag says beyond the area (`dns` of "Radar DNS"), or by its module where
/// that says nothing, meets a sibling's accessor or one of the main group's methods. An
/// area without a main group gets a handle of its own that only reaches its groups.
pub fn handles(areas: &mut [Area], groups: &mut [Group], types: &[TypeDef]) {
    for (a, area) in areas.iter_mut().enumerate() {
        if area.groups.is_empty() {
            continue;
        }
        area.accessor = naming::group_accessor(&area.module);
        let subs: Vec<Option<String>> = area
            .groups
            .iter()
            .map(|&g| naming::sub_accessor(&groups[g].tag, &area.segment))
            .collect();
        area.main = area
            .groups
            .iter()
            .zip(&subs)
            .find(|(_, sub)| sub.is_none())
            .map(|(&g, _)| g);
        area.handle = match area.main {
            Some(g) => groups[g].handle.clone(),
            None => {
                let taken = |name: &str| {
                    area.groups.iter().any(|&g| groups[g].handle == name)
                        || types
                            .iter()
                            .any(|t| t.home == Home::Area(a) && t.name == name)
                };
                let mut name = naming::area_handle(&area.module);
                while taken(&name) {
                    name.insert_str(name.len() - "Api".len(), "Area");
                }
                name
            }
        };
        let mut taken: Vec<String> = vec!["new".to_string()];
        if let Some(g) = area.main {
            taken.extend(groups[g].operations.iter().map(|op| op.method_name.clone()));
            groups[g].accessor = area.accessor.clone();
            groups[g].call = format!("{}()", area.accessor);
        }
        for (&g, sub) in area.groups.iter().zip(subs) {
            if Some(g) == area.main {
                continue;
            }
            let module = naming::group_accessor(&groups[g].module);
            let mut name = match sub {
                Some(sub) if !taken.contains(&sub) => sub,
                _ => module,
            };
            while taken.contains(&name) {
                name.push_str("_api");
            }
            taken.push(name.clone());
            groups[g].call = format!("{}().{}()", area.accessor, name);
            groups[g].accessor = name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        let after = AreaRule::AfterParameter;
        let first = AreaRule::FirstSegment;
        let table = [
            (
                "/zones/{identifier}/access/service_tokens/{uuid}",
                after,
                "access",
            ),
            ("/accounts/{account_id}/queues", after, "queues"),
            ("/accounts/{account_id}/images/v1/keys", after, "images"),
            ("/accounts", after, "accounts"),
            ("/user/tokens/{id}", after, "user"),
            ("/radar/attacks/layer3/summary", after, "radar"),
            ("/{id}", after, "root"),
            ("/", after, "root"),
            ("/v1/charges/{charge}/refunds", first, "charges"),
            ("/v1/charges", first, "charges"),
            ("/v2beta1/projects/{id}", first, "projects"),
            ("/api/v3/users", first, "users"),
            (
                "/2010-04-01/Accounts/{AccountSid}/Messages.json",
                after,
                "Messages",
            ),
            ("/2010-04-01/Accounts.json", first, "Accounts"),
            ("/v1", first, "root"),
            ("/vendors/{id}", first, "vendors"),
        ];
        for (path, rule, want) in table {
            assert_eq!(area_segment(path, rule), want, "{path}");
        }
    }
}
