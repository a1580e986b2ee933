//! Method names from operationIds, and the accessors of handles: without the words their
//! place already says.

use std::collections::HashMap;

use super::{field_name, type_name, words};

/// A group's accessor on its area's handle: its tag without the area's name (`dns` of
/// "Radar DNS" in area `radar`, `for_zone` of "DNS Records for a Zone" in `dns_records`)
/// and articles; `None` where that leaves nothing ("Zone" in `zones`).
pub fn sub_accessor(tag: &str, area: &str) -> Option<String> {
    let mut kept = without_articles(without_runs(words(tag), &words(area), true));
    drop_trailing_prepositions(&mut kept);
    (!kept.is_empty()).then(|| field_name(&kept.join("_")))
}

/// A preposition or possessive whose object was a place's words goes with them (`rules
/// for a user` in area `user` is `rules`, `create your zero trust organization` of
/// "Zero Trust Organization" is `create`).
fn drop_trailing_prepositions(words: &mut Vec<String>) {
    while words.len() > 1
        && words.last().is_some_and(|w| {
            matches!(
                w.as_str(),
                "of" | "for"
                    | "by"
                    | "with"
                    | "to"
                    | "in"
                    | "on"
                    | "from"
                    | "your"
                    | "my"
                    | "our"
                    | "its"
                    | "their"
            )
        })
    {
        words.pop();
    }
}

fn without_articles(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "a" | "an" | "the"))
        .collect()
}

/// The name of an operation's inline request body: its method's (`UpdateServiceToken`),
/// or, for a method named by a verb alone, the verb and `Body` (`CreateBody`): a verb
/// alone names no value.
pub fn body_type_name(method_name: &str) -> String {
    let method = method_name.trim_start_matches("r#").trim_matches('_');
    if method.contains('_') {
        type_name(method_name)
    } else {
        type_name(&format!("{method}_body"))
    }
}

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

/// The method names of one group's operations, each `(operationId, HTTP method, path)`,
/// in order, for a group whose handle is `tag` and whose module is `area`.
///
/// Each is its operationId without the words its handle already says: the words it shares
/// with the start of the tag, then, wherever they stand, the whole of the area's name, of
/// the tag's words beyond the area's (the sub-area, the handle's accessor: `dns` of
/// "Radar DNS" in area `radar`) and of the tag's, a word matching its plural and words run
/// together matching words apart (`radar-get-dns-timeseries` of "Radar DNS" is
/// `get_timeseries`; `create-dns-record` in area `dns_records` is `create`; words of a
/// name apart are kept, so `update-a-service-token` of tag "Access service tokens" stays
/// `update_service_token`), and of the last two words or more of the sub-area and of the
/// tag, exactly as written (`permission-groups-list-permission-groups` of "API Token
/// Permission Groups" is `list`); articles do not count, and leading numbers (`zones-0-get` in
/// area `zones` is `get`) and prepositions left at the end go
/// (`update-priority-of-firewall-rules` of "Firewall rules" is `update_priority`).
///
/// Where that leaves nothing, or the HTTP method alone (`zones-post`), the name is the one
/// the official SDKs give: `list` for a GET of a collection (`/zones`, where the group has
/// `/zones/{zone_id}` too), `get` for other GETs, `create` for POST, `update` for PUT,
/// `edit` for PATCH, `delete`. Where two operations of the group would get one name, each
/// keeps the words that say a place only in its plural or singular (`delete-a-filter` and
/// `delete-filters` of tag "Filters" are `delete_filter` and `delete`), and where they
/// still meet, its name without the tag's leading words only ([`method_name`]); names
/// still equal are numbered later. Only the group's own operations take part, so an edit
/// elsewhere in the document renames nothing here.
pub fn method_names(operations: &[(&str, &str, &str)], area: &str, tag: &str) -> Vec<String> {
    let tag_words = without_articles(words(tag));
    let area_words = words(area);
    let places = Places {
        paths: operations.iter().map(|op| op.2).collect(),
        // What the tag says beyond the area: `dns` of "Radar DNS" in area `radar` (the
        // accessor of the group's handle, `sub_accessor`).
        sub_area: sub_accessor(tag, area).map_or_else(Vec::new, |s| words(&s)),
        tag: tag_words,
        area: area_words,
    };
    // Each operation's level: 0 strips plurals too, 1 exact words only, 2 the tag's lead.
    let mut levels = vec![0u8; operations.len()];
    loop {
        let names: Vec<String> = operations
            .iter()
            .zip(&levels)
            .map(|(&(id, http, path), level)| match level {
                0 | 1 => places.short(id, http, path, *level == 0),
                _ => method_name(id, tag),
            })
            .collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for name in &names {
            *count.entry(name).or_default() += 1;
        }
        let mut moved = false;
        for (name, level) in names.iter().zip(levels.iter_mut()) {
            if (count[name.as_str()] > 1 || name == "new") && *level < 2 {
                *level += 1;
                moved = true;
            }
        }
        if !moved {
            return names;
        }
    }
}

/// The words a group's handle and module already say.
struct Places<'p> {
    /// The paths of the group's operations.
    paths: Vec<&'p str>,
    tag: Vec<String>,
    area: Vec<String>,
    sub_area: Vec<String>,
}

impl Places<'_> {
    /// An operationId without the places' words (`plurals`: a word's plural too).
    fn short(&self, id: &str, http: &str, path: &str, plurals: bool) -> String {
        let mut op = without_articles(words(id));
        // The longest start of the tag the operationId begins with.
        let lead = (1..=self.tag.len())
            .rev()
            .find_map(|m| run_len(&op, &self.tag[..m], plurals))
            .unwrap_or(0);
        op.drain(..lead);
        for place in [&self.area, &self.sub_area, &self.tag] {
            op = without_runs(op, place, plurals);
        }
        // The end of the handle's name, two words or more, written as the handle writes
        // it, is as much a repeat (`permission-groups-list-permission-groups` of "API
        // Token Permission Groups" is `list`; the singular `service token` of "Access
        // service tokens" names one item and stays).
        for place in [&self.sub_area, &self.tag] {
            for k in (2..place.len()).rev() {
                op = without_runs(op, &place[place.len() - k..], false);
            }
        }
        let kept: Vec<String> = op
            .into_iter()
            .skip_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let mut kept = kept;
        drop_trailing_prepositions(&mut kept);
        let only_http = matches!(kept.as_slice(), [w] if w.eq_ignore_ascii_case(http));
        if kept.is_empty() || only_http {
            let items = format!("{}/{{", path.trim_end_matches('/'));
            let collection = self.paths.iter().any(|p| p.starts_with(&items));
            verb(http, collection).to_string()
        } else {
            field_name(&kept.join("_"))
        }
    }
}

/// The method name the official SDKs give an operation that says nothing but its HTTP
/// method: `list` for a GET of a collection (a path the group also has items under,
/// `/zones` beside `/zones/{zone_id}`), else `get`, `create` for POST, `update` for PUT,
/// `edit` for PATCH, `delete`.
fn verb(http: &str, collection: bool) -> &'static str {
    match http.to_ascii_lowercase().as_str() {
        "get" if collection => "list",
        "post" => "create",
        "put" => "update",
        "patch" => "edit",
        "delete" => "delete",
        "head" => "head",
        "options" => "options",
        "trace" => "trace",
        _ => "get",
    }
}

/// How many of `words`, from the first, spell `place` (a word or its plural last), letter
/// for letter: `mtls authentication` spells the tag words `m tls authentication` too.
fn run_len(words: &[String], place: &[String], plurals: bool) -> Option<usize> {
    let target = place.concat();
    if target.is_empty() {
        return None;
    }
    let plural = |one: &str, many: &str| one.len() >= 3 && many.strip_suffix('s') == Some(one);
    let mut spelled = String::new();
    for (n, word) in words.iter().enumerate() {
        spelled.push_str(word);
        if spelled == target || plurals && (plural(&target, &spelled) || plural(&spelled, &target))
        {
            return Some(n + 1);
        }
        if !target.starts_with(&spelled) {
            return None;
        }
    }
    None
}

/// `words` without every run of them that spells `place` ([`run_len`]).
fn without_runs(words: Vec<String>, place: &[String], plurals: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match run_len(&words[i..], place, plurals) {
            Some(n) => i += n,
            None => {
                out.push(words[i].clone());
                i += 1;
            }
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
                (
                    "radar-get-dns-timeseries-by-cache-hit-status",
                    "get",
                    "/radar/dns/timeseries",
                ),
                ("radar-get-dns-top-ases", "get", "/radar/dns/top/ases"),
            ],
            "radar",
            "Radar DNS",
        );
        assert_eq!(
            names,
            ["get_timeseries_by_cache_hit_status", "get_top_ases"]
        );
        // Words of the tag apart from one another are kept: "service token" is the noun.
        let names = method_names(
            &[(
                "zone-level-access-service-tokens-update-a-service-token",
                "put",
                "/zones/{zone_id}/access/service_tokens/{service_token_id}",
            )],
            "access",
            "Zone-Level Access service tokens",
        );
        assert_eq!(names, ["update_service_token"]);
        let names = method_names(
            &[
                (
                    "dns-records-for-a-zone-list-dns-records",
                    "get",
                    "/zones/{id}/dns_records",
                ),
                (
                    "dns-records-for-a-zone-create-dns-record",
                    "post",
                    "/zones/{id}/dns_records",
                ),
            ],
            "dns_records",
            "DNS Records for a Zone",
        );
        // `record` is the area's word too: the singular of `records`.
        assert_eq!(names, ["list", "create"]);
        // A tag's leading words stripped where the operationId shares them only in part.
        let names = method_names(
            &[(
                "api-shield-schema-delete-a-schema",
                "delete",
                "/zones/{zone_id}/api_gateway/user_schemas/{schema_id}",
            )],
            "api_gateway",
            "API Shield Schema Validation 2.0",
        );
        assert_eq!(names, ["delete_schema"]);
        // The handle's last words, repeated as the tag writes them.
        let names = method_names(
            &[
                (
                    "permission-groups-list-permission-groups",
                    "get",
                    "/user/tokens/permission_groups",
                ),
                (
                    "permission-groups-get-permission-group",
                    "get",
                    "/user/tokens/permission_groups/{id}",
                ),
            ],
            "user",
            "API Token Permission Groups",
        );
        assert_eq!(names, ["list", "get_permission_group"]);
    }

    #[test]
    fn method_names_that_collide_keep_the_tag_stripped_name() {
        // Both would be `list`.
        let names = method_names(
            &[
                ("quirks-list", "get", "/quirks"),
                ("quirks-list-quirks", "get", "/quirks/all"),
                ("quirks-new", "post", "/quirks"),
            ],
            "quirks",
            "Quirks",
        );
        assert_eq!(names, ["list", "list_quirks", "new_"]);
        // One and many: the singular is kept where the plural is the handle's word.
        let names = method_names(
            &[
                (
                    "filters-delete-a-filter",
                    "delete",
                    "/zones/{id}/filters/{id}",
                ),
                ("filters-delete-filters", "delete", "/zones/{id}/filters"),
                ("filters-get-a-filter", "get", "/zones/{id}/filters/{id}"),
            ],
            "filters",
            "Filters",
        );
        assert_eq!(names, ["delete_filter", "delete", "get"]);
        let names = method_names(
            &[(
                "firewall-rules-update-priority-of-firewall-rules",
                "patch",
                "/zones/{id}/firewall/rules",
            )],
            "firewall",
            "Firewall rules",
        );
        assert_eq!(names, ["update_priority"]);
        // Words spelled apart in the operationId are the same words run together.
        let names = method_names(
            &[
                (
                    "m-tls-certificate-management-list-m-tls-certificates",
                    "get",
                    "/a",
                ),
                (
                    "m-tls-certificate-management-get-m-tls-certificate",
                    "get",
                    "/a/{id}",
                ),
            ],
            "mtls_certificates",
            "mTLS Certificate Management",
        );
        assert_eq!(names, ["list", "get"]);
    }

    #[test]
    fn a_sub_accessor_is_the_tag_beyond_its_area() {
        assert_eq!(sub_accessor("Radar DNS", "radar").as_deref(), Some("dns"));
        assert_eq!(
            sub_accessor("DNS Records for a Zone", "dns_records").as_deref(),
            Some("for_zone")
        );
        assert_eq!(sub_accessor("Zone", "zones"), None);
        assert_eq!(
            sub_accessor("IP Access rules for a user", "user").as_deref(),
            Some("ip_access_rules")
        );
        assert_eq!(sub_accessor("charges", "charges"), None);
        assert_eq!(
            sub_accessor("Magic Site WANs", "magic").as_deref(),
            Some("site_wans")
        );
    }

    #[test]
    fn a_body_is_named_by_its_method_or_its_verb_and_body() {
        assert_eq!(body_type_name("update_service_token"), "UpdateServiceToken");
        assert_eq!(body_type_name("create"), "CreateBody");
        assert_eq!(body_type_name("new_"), "NewBody");
        assert_eq!(body_type_name("r#typeof"), "TypeofBody");
    }

    #[test]
    fn method_names_that_vanish_are_the_http_method() {
        // `analyze-certificate-analyze-certificate` says nothing its handle does not.
        let names = method_names(
            &[(
                "analyze-certificate-analyze-certificate",
                "post",
                "/zones/{zone_id}/ssl/analyze",
            )],
            "ssl",
            "Analyze Certificate",
        );
        assert_eq!(names, ["create"]);
        let names = method_names(
            &[
                ("zones-get", "get", "/zones"),
                ("zones-post", "post", "/zones"),
                ("zones-0-get", "get", "/zones/{zone_id}"),
                ("zones-0-patch", "patch", "/zones/{zone_id}"),
                ("zones-0-delete", "delete", "/zones/{zone_id}"),
                ("zone-settings", "get", "/zones/{zone_id}/settings/rum"),
            ],
            "zones",
            "Zone",
        );
        assert_eq!(
            names,
            ["list", "create", "get", "edit", "delete", "settings"]
        );
        // A GET of a path with nothing under it is no list: `get-shapes` is `get`.
        let names = method_names(
            &[
                ("get-shapes", "get", "/shapes"),
                ("get-settings", "get", "/shapes/settings"),
            ],
            "shapes",
            "Shapes",
        );
        assert_eq!(names, ["get", "get_settings"]);
    }
}
