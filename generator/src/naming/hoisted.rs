//! Names of schemas hoisted into `components/schemas`: from other files, `$defs`, and
//! places inside components that `$ref`s name.

use std::collections::BTreeSet;

/// Where a schema hoisted into `components/schemas` was written: its file (the path from
/// the spec's folder, `/`-separated, without extension; empty for the spec itself) and the
/// pointer's segments in that file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct HoistedFrom {
    /// `resources/droplets` for `resources/droplets.yml`; empty for the spec itself.
    pub file: String,
    /// `["list"]` for `#/list`; empty for the whole file.
    pub segments: Vec<String>,
}

/// Pointer segments that say where a schema sits, not what it is.
const STRUCTURAL_SEGMENTS: &[&str] = &[
    "components",
    "schemas",
    "properties",
    "items",
    "$defs",
    "definitions",
];

/// Component names for schemas hoisted into `components/schemas` from other files or
/// `$defs`, none taking a name in `taken` (the document's own components).
///
/// The short name is the schema's own name where the author gave one (`Droplet` for
/// `#/components/schemas/Droplet` or `#/$defs/Droplet` in any file), else the file's name and
/// the pointer's words (`droplet` for `models/droplet.yml`, `droplets_list` for
/// `droplets.yml#/list`), leaving out the file's name where the one word repeats it
/// (`droplet` for `droplets.yml#/droplet`). A short name two schemas want, or one the document has, gives way
/// to the long name: the file's whole path and the pointer's words (`models_droplet`,
/// `Pet_Tag` for `#/components/schemas/Pet/$defs/Tag`); a long name still taken gets `_2`,
/// `_3` in the order of the origins. Nothing depends on the order the schemas were met.
pub fn hoisted_schema_names(origins: &[HoistedFrom], taken: &BTreeSet<String>) -> Vec<String> {
    // The items of a list are named as inline items are: `policy_rules_item` for
    // `#/components/schemas/policy/properties/rules/items`.
    let words = |o: &HoistedFrom| -> Vec<String> {
        let mut words: Vec<String> = o
            .segments
            .iter()
            .filter(|s| !STRUCTURAL_SEGMENTS.contains(&s.as_str()))
            .cloned()
            .collect();
        if o.segments.last().is_some_and(|s| s == "items") {
            words.push("item".to_string());
        }
        words
    };
    let stem = |o: &HoistedFrom| o.file.rsplit('/').next().unwrap_or_default().to_string();
    let short = |o: &HoistedFrom| -> String {
        let named = o.segments.len() >= 2
            && ["schemas", "$defs", "definitions"]
                .contains(&o.segments[o.segments.len() - 2].as_str());
        let words = words(o);
        // `droplet` in `droplets.yml` says the file's name already.
        let repeats = |w: &String| {
            let (w, f) = (w.to_lowercase(), stem(o).to_lowercase());
            !w.is_empty() && (f.starts_with(&w) || w.starts_with(&f))
        };
        match o.segments.last() {
            Some(last) if named => last.clone(),
            _ if words.len() == 1 && repeats(&words[0]) => words[0].clone(),
            _ => join_words(std::iter::once(stem(o)).chain(words)),
        }
    };
    let long = |o: &HoistedFrom| join_words(o.file.split('/').map(str::to_string).chain(words(o)));
    let shorts: Vec<String> = origins.iter().map(short).collect();
    let mut order: Vec<usize> = (0..origins.len()).collect();
    order.sort_by(|&a, &b| origins[a].cmp(&origins[b]));
    let mut used: BTreeSet<String> = taken.clone();
    let mut names = vec![String::new(); origins.len()];
    let unique = |i: usize| shorts.iter().filter(|s| **s == shorts[i]).count() == 1;
    for &i in &order {
        if unique(i) && !taken.contains(&shorts[i]) {
            used.insert(shorts[i].clone());
            names[i] = shorts[i].clone();
        }
    }
    for &i in &order {
        if !names[i].is_empty() {
            continue;
        }
        let base = long(&origins[i]);
        let name = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}_{n}")))
            .find(|n| !used.contains(n))
            .unwrap_or_default();
        used.insert(name.clone());
        names[i] = name;
    }
    names
}

/// Non-empty words joined by `_`; `schema` when none is left.
fn join_words(words: impl Iterator<Item = String>) -> String {
    let words: Vec<String> = words.filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "schema".to_string()
    } else {
        words.join("_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoisted_schemas_are_named_after_their_file_and_pointer() {
        let from = |file: &str, pointer: &[&str]| HoistedFrom {
            file: file.to_string(),
            segments: pointer.iter().map(|s| s.to_string()).collect(),
        };
        let origins = [
            from("models/droplet", &[]),
            from("resources/droplets", &["list"]),
            from("resources/droplets", &["droplet"]),
            from("shared/models", &["components", "schemas", "Region"]),
            from("", &["components", "schemas", "Pet", "$defs", "Tag"]),
            from("a/size", &[]),
            from("b/size", &[]),
            from("models/pet", &[]),
        ];
        let taken = BTreeSet::from(["pet".to_string()]);
        let names = hoisted_schema_names(&origins, &taken);
        assert_eq!(
            names,
            [
                "models_droplet",
                "droplets_list",
                "resources_droplets_droplet",
                "Region",
                "Tag",
                "a_size",
                "b_size",
                "models_pet"
            ]
        );
        // Another order gives every schema the same name.
        let mut reversed = origins.to_vec();
        reversed.reverse();
        let mut again = hoisted_schema_names(&reversed, &taken);
        again.reverse();
        assert_eq!(again, names);
        // A long name that is taken as well is numbered.
        let taken = BTreeSet::from(["x".to_string()]);
        assert_eq!(hoisted_schema_names(&[from("x", &[])], &taken), ["x_2"]);
    }
}
