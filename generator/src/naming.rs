//! Every Rust name the generator makes is made here, and only here.
//!
//! Rules (the README repeats them for users):
//! - Words come from the spec's name: case changes, digits and any non-alphanumeric ASCII
//!   split words; comparison symbols become words (`<=1y` is `le_1y`, `>1y` is `gt_1y`), so
//!   names that differ only in symbols stay apart; other characters (emoji, accents) split
//!   words and are dropped.
//! - Types and variants are UpperCamelCase, fields, methods and modules snake_case,
//!   constants SCREAMING_SNAKE_CASE (heck does the casing).
//! - A name that would start with a digit gets `N`/`n` in front: `1h` is `N1h`/`n1h`.
//! - A name with no letters or digits left becomes `Empty`/`empty`.
//! - Rust keywords become raw identifiers (`r#type`); `self`, `Self`, `super`, `crate` (which
//!   cannot be raw) get a trailing underscore; type names that the generated code imports
//!   (`Error`, `Client`, `Option`, ...) get `Type` appended.
//! - Collisions within one scope are resolved in spec order: the second `foo_bar` is
//!   `foo_bar_2`. Type names are chosen by [`assign_type_names`], independent of spec order.
//! - Methods: the operationId's words, minus a leading copy of the tag's words, minus the
//!   articles `a`, `an`, `the`: `zone-level-access-service-tokens-update-a-service-token`
//!   under tag "Zone-Level Access service tokens" is `update_service_token`.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

mod hoisted;
mod methods;
mod namespaces;
pub use hoisted::{HoistedFrom, hoisted_schema_names};
pub use methods::{body_type_name, method_name, method_names, sub_accessor};
pub use namespaces::{is_hash_token, split_namespace, without_hashes};

/// Strict and reserved keywords of Rust 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names generated modules import or rely on, and `New` (whose `new()` clippy would call a
/// self-named constructor); a type may not take them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "BTreeMap",
    "Call",
    "Client",
    "ClientBuilder",
    "Credentials",
    "Default",
    "Deserialize",
    "Deserializer",
    "Err",
    "Error",
    "New",
    "None",
    "FormStyle",
    "Multipart",
    "Ok",
    "Option",
    "Part",
    "Result",
    "Self",
    "Serialize",
    "Serializer",
    "Some",
    "String",
    "Timestamp",
    "Value",
    "Vec",
];

/// Names a module of operations imports from the runtime besides those every module may
/// (`Call`, `Client`): a type of such a module may not take them, and one from elsewhere
/// is named there by its path.
pub const OPERATION_MODULE_NAMES: &[&str] = &["Method", "Paging", "decode"];

/// Symbols that carry meaning in names (`<=1y` vs `>1y`), longest first.
const SYMBOL_WORDS: &[(&str, &str)] = &[
    ("<=", " le "),
    (">=", " ge "),
    ("!=", " ne "),
    ("==", " eq "),
    ("<", " lt "),
    (">", " gt "),
    ("=", " eq "),
    ("+", " plus "),
    ("*", " star "),
    ("%", " percent "),
    ("&", " and "),
    ("@", " at "),
    ("#", " hash "),
];

/// Terms whose casing splits them into two words, and one spelling that does not.
const MIXED_CASE_TERMS: &[(&str, &str)] = &[("IPv4", "IPV4"), ("IPv6", "IPV6"), ("IPsec", "IPSEC")];

/// The spec name reduced to ASCII words separated by spaces, casing left to heck.
fn clean(raw: &str) -> String {
    let mut s = raw.to_string();
    for (symbol, word) in SYMBOL_WORDS {
        if s.contains(symbol) {
            s = s.replace(symbol, word);
        }
    }
    // Terms written in mixed case are one word: `IPv6` is `ipv6`, `IPsec` `ipsec` (not
    // `i_pv6`, `i_psec`).
    for (term, word) in MIXED_CASE_TERMS {
        if s.contains(term) {
            s = s.replace(term, word);
        }
    }
    // An apostrophe joins: "User's" is one word, `users`.
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}'))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    // The plural of an acronym is one word: `WANs` is `wans`, `allowedIPs` `allowed_ips`
    // (not `wa_ns`, `allowed_i_ps`).
    // So is an acronym with a lower-case first letter: `mTLS` is `mtls`, `iOS` `ios`.
    let upper = |i: usize| chars.get(i).is_some_and(char::is_ascii_uppercase);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let plural = c == 's'
                && i >= 2
                && upper(i - 1)
                && upper(i - 2)
                && !chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            let starts_acronym = c.is_ascii_lowercase()
                && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
                && upper(i + 1)
                && upper(i + 2);
            if plural || starts_acronym {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// Lower-case words of a spec name: `Zone-Level Access` is `["zone", "level", "access"]`.
pub fn words(raw: &str) -> Vec<String> {
    clean(raw)
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn fix_start(name: String, prefix: &str, empty: &str) -> String {
    match name.chars().next() {
        None => empty.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// A snake_case identifier, safe to print: a keyword becomes `r#kw` or `kw_`.
fn safe_snake(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A struct field or function argument: `created_at`, `r#type`, `self_`, `n1y`.
pub fn field_name(raw: &str) -> String {
    safe_snake(fix_start(clean(raw).to_snake_case(), "n", "empty"))
}

/// The setter of a field (its own name), except where the name is the constructor's or
/// an operator trait's method, whose shape a setter would have (`fn add(self, v) -> Self`,
/// which clippy takes for `Add::add`): a field `new` is set by `with_new`, `add` by `with_add`.
pub fn setter_name(field: &str) -> String {
    const TAKEN: &[&str] = &[
        "new", "add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor",
    ];
    if TAKEN.contains(&field) {
        format!("with_{field}")
    } else {
        field.to_string()
    }
}

/// A module name (snake_case).
pub fn module_name(raw: &str) -> String {
    field_name(raw)
}

/// The module of a component namespace (`dns-records` is `dns_records`), named as area
/// modules are (they share one namespace, so the namespace `dns-records` and the area of
/// `/zones/{id}/dns_records` are one module).
pub fn namespace_module(ns: &str) -> String {
    area_module(ns)
}

/// An area's module, which is also a Cargo feature and so cannot be a raw identifier: a
/// keyword (`/zones/{id}/typeof`) or a name the crate uses itself gets `_api`.
pub fn area_module(segment: &str) -> String {
    const RESERVED: &[&str] = &[
        "runtime", "auth", "types", "prelude", "default", "full", "tracing",
    ];
    let raw = module_name(segment);
    let mut module = raw.trim_start_matches("r#").to_string();
    if raw.starts_with("r#") || RESERVED.contains(&module.as_str()) {
        module.push_str("_api");
    }
    module
}

/// A type name (UpperCamelCase), avoiding names the generated code imports.
pub fn type_name(raw: &str) -> String {
    let name = fix_start(clean(raw).to_upper_camel_case(), "N", "Empty");
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// An enum variant (UpperCamelCase); `Self` becomes `SelfValue`.
pub fn variant_name(raw: &str) -> String {
    let name = fix_start(clean(raw).to_upper_camel_case(), "N", "Empty");
    if name == "Self" {
        "SelfValue".to_string()
    } else {
        name
    }
}

/// A constant (SCREAMING_SNAKE_CASE).
pub fn constant_name(raw: &str) -> String {
    fix_start(clean(raw).to_shouty_snake_case(), "N", "EMPTY")
}

/// The prefix of the environment variables `Credentials::from_env` reads, from the API's
/// title: its first word that names the API rather than saying what it is ("The Petstore
/// REST API" is `PETSTORE`, "Cloudflare API" is `CLOUDFLARE`), else `API`.
pub fn env_prefix(title: &str) -> String {
    const GENERIC: &[&str] = &[
        "the", "a", "an", "api", "apis", "rest", "restful", "http", "openapi", "web", "service",
        "public",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| {
            !w.is_empty()
                && !GENERIC.contains(&w.to_lowercase().as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map_or_else(|| "API".to_string(), constant_name)
}

/// The environment variable of one security scheme: the prefix and the scheme's name
/// (`PETSTORE_API_KEY`), or the scheme's name alone when it already starts with the prefix.
pub fn env_var(prefix: &str, scheme: &str) -> String {
    let name = constant_name(scheme);
    if name == prefix || name.starts_with(&format!("{prefix}_")) {
        name
    } else {
        format!("{prefix}_{name}")
    }
}

/// A group's handle type: `DnsApi` for the group `dns`.
pub fn group_handle(name: &str) -> String {
    format!("{}Api", type_name(name))
}

/// The handle type of an area without a main group (`radar` is `RadarApi`).
pub fn area_handle(module: &str) -> String {
    group_handle(module)
}

/// The accessor of a group on `Client` (its module's name), except where the runtime's
/// `Client` has a method of that name (a tag "Settings" is `settings_api()`).
pub fn group_accessor(module: &str) -> String {
    const CLIENT_METHODS: &[&str] = &[
        "base_url",
        "builder",
        "connect_timeout",
        "credentials",
        "deadline",
        "default_headers",
        "max_retries",
        "retry_delays",
        "settings",
        "timeout",
    ];
    if CLIENT_METHODS.contains(&module) {
        format!("{module}_api")
    } else {
        module.to_string()
    }
}

/// A method name for an operation without an operationId: `get /zones/{id}` is `get_zones_id`.
pub fn fallback_operation_id(method: &str, path: &str) -> String {
    format!("{method} {path}")
}

/// The noun a method acts on: `update_service_token` is `ServiceToken`; `None` when the
/// method does not start with a common verb.
pub fn result_noun(method: &str) -> Option<String> {
    const VERBS: &[&str] = &[
        "get", "list", "create", "update", "delete", "patch", "put", "post", "edit", "fetch",
        "read", "add", "remove", "set", "replace",
    ];
    let raw = method.trim_start_matches("r#");
    let (first, rest) = raw.split_once('_')?;
    VERBS.contains(&first).then(|| type_name(rest))
}

/// A Cargo package name: lower-case ASCII letters, digits, `-` and `_`, starting with a letter.
pub fn crate_name(raw: &str) -> String {
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    match name.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => name,
        Some(_) => format!("client-{name}"),
        None => "client".to_string(),
    }
}

/// Makes every name in `names` unique, in order: later duplicates get `_2`, `_3`, ...
/// (or `2`, `3` for UpperCamelCase names).
pub fn dedupe(names: &mut [String]) {
    let mut seen: HashSet<String> = HashSet::new();
    for name in names.iter_mut() {
        if seen.insert(name.clone()) {
            continue;
        }
        let camel = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        let base = name
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        let mut n = 2;
        loop {
            let candidate = if camel {
                format!("{base}{n}")
            } else {
                format!("{base}_{n}")
            };
            if seen.insert(candidate.clone()) {
                *name = candidate;
                break;
            }
            n += 1;
        }
    }
}

/// The name of the catch-all variant every generated enum has.
pub const CATCH_ALL_VARIANT: &str = "Unrecognized";

/// Enum variant names made unique, none taking the catch-all's name: a value
/// `unrecognized` becomes `Unrecognized2`.
pub fn dedupe_variants(names: Vec<String>) -> Vec<String> {
    let mut all = Vec::with_capacity(names.len() + 1);
    all.push(CATCH_ALL_VARIANT.to_string());
    all.extend(names);
    dedupe(&mut all);
    all.remove(0);
    all
}

/// Names that clash within one module, made unique by a rule that looks at the clashing
/// types only: the one whose origin (a stable description, such as the component's name
/// or the operation and the place inside it) sorts first keeps the name, the others get
/// the first free number in origin order (`Rule`, `Rule2`). `taken` holds names the module
/// already uses (the handle, the runtime's names).
///
/// `entries` are (proposed name, origin); the result is each entry's final name.
pub fn unique_in_module(entries: &[(String, String)], taken: &HashSet<String>) -> Vec<String> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| (&entries[a].0, &entries[a].1).cmp(&(&entries[b].0, &entries[b].1)));
    let mut used: HashSet<String> = taken.clone();
    used.extend(RESERVED_TYPE_NAMES.iter().map(|s| s.to_string()));
    // A name proposed by one origin only keeps it: numbers go to clashes alone.
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for &i in &order {
        first_of.entry(entries[i].0.as_str()).or_insert(i);
    }
    let mut names = vec![String::new(); entries.len()];
    for &i in &order {
        let proposed = &entries[i].0;
        if first_of.get(proposed.as_str()) == Some(&i) && used.insert(proposed.clone()) {
            names[i] = proposed.clone();
        }
    }
    for &i in &order {
        if !names[i].is_empty() {
            continue;
        }
        let base = &entries[i].0;
        let name = (2..)
            .map(|n| format!("{base}{n}"))
            .find(|n| !used.contains(n) && !entries.iter().any(|(p, _)| p == n))
            .unwrap_or_default();
        used.insert(name.clone());
        names[i] = name;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        let table = [
            ("client_id", "client_id"),
            ("createdAt", "created_at"),
            ("type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "empty"),
            ("", "empty"),
            ("1y", "n1y"),
            ("<=1y", "le_1y"),
            (">1y", "gt_1y"),
            ("r#\"", "r_hash"),
            ("🚀 launch", "launch"),
            ("gen", "r#gen"),
            ("X-Auth-Email", "x_auth_email"),
            ("comment.present", "comment_present"),
        ];
        for (raw, want) in table {
            assert_eq!(field_name(raw), want, "field_name({raw:?})");
        }
    }

    #[test]
    fn type_and_variant_names() {
        let table = [
            ("access_service-tokens", "AccessServiceTokens"),
            ("bill-subs-api_component-value", "BillSubsApiComponentValue"),
            ("Error", "ErrorType"),
            ("Self", "SelfType"),
            ("1h", "N1h"),
            ("", "Empty"),
        ];
        for (raw, want) in table {
            assert_eq!(type_name(raw), want, "type_name({raw:?})");
        }
        assert_eq!(variant_name("<=1y"), "Le1y");
        assert_eq!(variant_name(">1y"), "Gt1y");
        assert_eq!(variant_name("Self"), "SelfValue");
        assert_eq!(variant_name("self-hosted"), "SelfHosted");
        assert_eq!(constant_name("api_email"), "API_EMAIL");
    }

    #[test]
    fn an_acronym_is_one_word_in_the_plural_or_lower_case_first() {
        assert_eq!(words("Magic Site WANs"), ["magic", "site", "wans"]);
        assert_eq!(field_name("allowedIPs"), "allowed_ips");
        assert_eq!(type_name("ASNs list"), "AsnsList");
        assert_eq!(words("DNSSEC"), ["dnssec"]);
        assert_eq!(words("URLsAndIDs"), ["urls", "and", "ids"]);
        assert_eq!(
            words("Access mTLS Authentication"),
            ["access", "mtls", "authentication"]
        );
        assert_eq!(field_name("iOS"), "ios");
        assert_eq!(field_name("aValue"), "a_value");
        assert_eq!(words("User's Invites"), ["users", "invites"]);
        assert_eq!(words("Magic IPsec tunnels"), ["magic", "ipsec", "tunnels"]);
        assert_eq!(field_name("allowedIPv6Ranges"), "allowed_ipv6_ranges");
        assert_eq!(type_name("IPv4 prefix"), "Ipv4Prefix");
        assert_eq!(field_name("IPSet"), "ip_set");
    }

    #[test]
    fn method_names_drop_the_tag_and_articles() {
        let table = [
            (
                "zone-level-access-service-tokens-update-a-service-token",
                "Zone-Level Access service tokens",
                "update_service_token",
            ),
            (
                "dns-records-for-a-zone-list-dns-records",
                "DNS Records for a Zone",
                "list_dns_records",
            ),
            ("accounts-list-accounts", "Accounts", "list_accounts"),
            ("listThings", "Other", "list_things"),
            ("accounts", "Accounts", "accounts"),
            ("a-the", "", "a_the"),
        ];
        for (op, tag, want) in table {
            assert_eq!(method_name(op, tag), want, "method_name({op:?}, {tag:?})");
        }
    }

    #[test]
    fn result_nouns() {
        assert_eq!(
            result_noun("update_service_token").as_deref(),
            Some("ServiceToken")
        );
        assert_eq!(result_noun("list_zones").as_deref(), Some("Zones"));
        assert_eq!(result_noun("purge_cache"), None);
        assert_eq!(result_noun("get"), None);
    }

    #[test]
    fn dedupe_suffixes_in_order() {
        let mut names = vec![
            "foo_bar".to_string(),
            "foo_bar".into(),
            "Rule".into(),
            "Rule".into(),
            "r#type".into(),
            "r#type".into(),
        ];
        dedupe(&mut names);
        assert_eq!(
            names,
            ["foo_bar", "foo_bar_2", "Rule", "Rule2", "r#type", "type_2"]
        );
    }

    #[test]
    fn hash_tokens() {
        for hash in [
            "CEKIIMjh", "7RQ0Sb1S", "v0yImi0N", "YQbtxKNc", "aBkhKbqM", "9mKreotC", "CRHIdnps",
            "YDXjjdxa",
            // From Cloudflare's spec of 2023-06-09: hashes cased like words.
            "CiHrVrFr", "CunikQsv", "DbWnoxVc", "Eppbglpa", "IrkxcWnh", "IwqjOfjs", "IxsuyiOs",
            "NfaeDbgf", "ODRASYGC", "UksRzOpr", "WvQtmVmp", "XpdVneVv", "ahYkLril", "ddpFrwpk",
            "gBujMtLc", "gixKfwtc", "hbRzplZk", "jwoggzwF", "lerqripP", "nQgeMomm", "ntlsHhWn",
            "vMfoCpXu", "vrrpbixM", "xdmeDgJp", "xgxwDhKo", "ynlvuFkl", "znznpbtN",
        ] {
            assert!(is_hash_token(hash), "{hash}");
        }
        for word in [
            "Overview", "settings", "response", "identity", "ZoneName", "dnsZones", "MXRecord",
            "DSRecord", "NSRecord", "Messages", "Prefixes", "Response", "SkipRule", "Rulesets",
            "Settings", "Strength", "Overview", "Requests", "dnsZones", "Question", "Quantity",
            "Accounts", "PageRule",
        ] {
            assert!(!is_hash_token(word), "{word}");
        }
        assert_eq!(
            without_hashes("account_identifier-CEKIIMjh"),
            "account_identifier"
        );
        assert_eq!(without_hashes("9mKreotC_dns-record"), "dns-record");
        assert_eq!(
            without_hashes("schemas-expires_on-YQbtxKNc"),
            "schemas-expires_on"
        );
        assert_eq!(without_hashes("CEKIIMjh"), "CEKIIMjh");
    }

    #[test]
    fn methods_and_accessors_do_not_take_the_runtimes_names() {
        assert_eq!(method_name("new", "Agent"), "new_");
        assert_eq!(method_name("agent-new", "Agent"), "new_");
        assert_eq!(method_name("new-agent", "Agent"), "new_agent");
        assert_eq!(group_accessor("settings"), "settings_api");
        assert_eq!(group_accessor("zones"), "zones");
    }

    #[test]
    fn setters_do_not_take_the_constructors_or_an_operators_name() {
        assert_eq!(setter_name("name"), "name");
        assert_eq!(setter_name("new"), "with_new");
        assert_eq!(setter_name("add"), "with_add");
        assert_eq!(setter_name("bitxor"), "with_bitxor");
    }

    #[test]
    fn namespaces() {
        assert_eq!(
            split_namespace("dns-records_dns-record"),
            Some(("dns-records", "dns-record"))
        );
        assert_eq!(
            split_namespace("access_service-tokens"),
            Some(("access", "service-tokens"))
        );
        assert_eq!(split_namespace("ARecord"), None);
        assert_eq!(split_namespace("Thing_x"), None);
        assert_eq!(split_namespace("x_"), None);
    }

    #[test]
    fn clashes_are_numbered_by_origin_only() {
        let e = |n: &str, o: &str| (n.to_string(), o.to_string());
        let taken = HashSet::from(["ThingsApi".to_string()]);
        let names = unique_in_module(
            &[
                e("CreatePool", "op:b/body"),
                e("CreatePool", "op:a/body"),
                e("Pool", "c:pool"),
            ],
            &taken,
        );
        assert_eq!(names, ["CreatePool2", "CreatePool", "Pool"]);
        // The same entries in another order get the same names.
        let names = unique_in_module(
            &[
                e("Pool", "c:pool"),
                e("CreatePool", "op:a/body"),
                e("CreatePool", "op:b/body"),
            ],
            &taken,
        );
        assert_eq!(names, ["Pool", "CreatePool", "CreatePool2"]);
        // A proposed name that a numbered one would take is left to its owner.
        let names = unique_in_module(
            &[
                e("Rule", "a"),
                e("Rule", "b"),
                e("Rule2", "c"),
                e("Error", "d"),
                e("ThingsApi", "e"),
            ],
            &taken,
        );
        assert_eq!(names, ["Rule", "Rule3", "Rule2", "Error2", "ThingsApi2"]);
    }

    #[test]
    fn environment_variables_are_named_after_the_api() {
        let cases = [
            ("Cloudflare API", "CLOUDFLARE"),
            ("The Petstore REST API", "PETSTORE"),
            ("OpenAI API", "OPEN_AI"),
            ("api", "API"),
            ("", "API"),
            ("2024 Payments", "PAYMENTS"),
            ("Schemes fixture", "SCHEMES"),
        ];
        for (title, prefix) in cases {
            assert_eq!(env_prefix(title), prefix, "{title:?}");
        }
        assert_eq!(env_var("PETSTORE", "api_key"), "PETSTORE_API_KEY");
        assert_eq!(env_var("PETSTORE", "petstore_auth"), "PETSTORE_AUTH");
        assert_eq!(env_var("GITHUB", "bearerAuth"), "GITHUB_BEARER_AUTH");
    }
}
