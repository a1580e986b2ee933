//! Method names from operationIds: without the words their handle already says.

use std::collections::HashMap;

use super::{field_name, words};

/// A method name from an operationId, without the tag's words and without articles.
pub fn method_name(operation_id: &str, tag: &str) -> String {
    let op = words(operation_id);
    let tag = words(tag);
    let rest = if !tag.is_empty() && op.len() > tag.len() && op.starts_with(&tag) {
        &op[tag.len()..]
    } else {
        &op[..]
    };
    let kept: Vec<&str> = rest
        .iter()
        .map(String::as_str)
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .collect();
    let kept = if kept.is_empty() {
        rest.iter().map(String::as_str).collect()
    } else {
        kept
    };
    // `new` is the handle's constructor: the operation gets `new_`, as keywords do.
    match field_name(&kept.join("_")) {
        name if name == "new" => "new_".to_string(),
        name => name,
    }
}

/// The method names of one group's operations, each `(operationId, area segment)`, in
/// order: each operationId without the words its handle already says: the tag's words
/// where they lead, and then the whole of the area's name or the tag's wherever it stands
/// (`radar-get-dns-timeseries` in area `radar` is `get_dns_timeseries`; words of a name
/// apart are kept, so `update-a-service-token` of tag "Access service tokens" stays
/// `update_service_token`), and without articles. An operation for which that leaves
/// nothing, or a name another operation of the group also gets, keeps the name without
/// the tag's leading words only ([`method_name`]); names still equal are numbered later.
pub fn method_names(operations: &[(&str, &str)], tag: &str) -> Vec<String> {
    let tag_words = words(tag);
    let short: Vec<Option<String>> = operations
        .iter()
        .map(|(id, area)| {
            let mut op = words(id);
            if !tag_words.is_empty() && op.starts_with(&tag_words) {
                op.drain(..tag_words.len());
            }
            for place in [words(area), tag_words.clone()] {
                op = without_runs(op, &place);
            }
            let kept: Vec<String> = op
                .into_iter()
                .filter(|w| !matches!(w.as_str(), "a" | "an" | "the"))
                .collect();
            (!kept.is_empty()).then(|| field_name(&kept.join("_")))
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for name in short.iter().flatten() {
        *count.entry(name).or_default() += 1;
    }
    operations
        .iter()
        .zip(&short)
        .map(|((id, _), short)| match short {
            Some(name) if count[name.as_str()] == 1 && name != "new" => name.clone(),
            _ => method_name(id, tag),
        })
        .collect()
}

/// `words` without every run of them equal to `run`.
fn without_runs(words: Vec<String>, run: &[String]) -> Vec<String> {
    if run.is_empty() {
        return words;
    }
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i..].starts_with(run) {
            i += run.len();
        } else {
            out.push(words[i].clone());
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_drop_the_area_and_the_tag_wherever_they_stand() {
        let names = method_names(
            &[
                ("radar-get-dns-timeseries-by-cache-hit-status", "radar"),
                ("radar-get-dns-top-ases", "radar"),
            ],
            "Radar DNS",
        );
        assert_eq!(
            names,
            ["get_dns_timeseries_by_cache_hit_status", "get_dns_top_ases"]
        );
        // Words of the tag apart from one another are kept: "service token" is the noun.
        let names = method_names(
            &[(
                "zone-level-access-service-tokens-update-a-service-token",
                "access",
            )],
            "Zone-Level Access service tokens",
        );
        assert_eq!(names, ["update_service_token"]);
        let names = method_names(
            &[
                ("dns-records-for-a-zone-list-dns-records", "dns_records"),
                ("dns-records-for-a-zone-create-dns-record", "dns_records"),
            ],
            "DNS Records for a Zone",
        );
        assert_eq!(names, ["list", "create_dns_record"]);
    }

    #[test]
    fn method_names_that_collide_or_vanish_keep_the_tag_stripped_name() {
        // Both would be `list`; nothing would be left of the third.
        let names = method_names(
            &[
                ("quirks-list", "quirks"),
                ("quirks-list-quirks", "quirks"),
                ("quirks", "quirks"),
                ("quirks-new", "quirks"),
            ],
            "Quirks",
        );
        assert_eq!(names, ["list", "list_quirks", "quirks", "new_"]);
    }
}
