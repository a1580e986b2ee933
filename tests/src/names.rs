//! How often generated names repeat what their place already says (issue "Names"): types
//! whose name repeats their area's or module's name, and methods whose name repeats their
//! handle's or area's name. Printed by `cargo run -p tests --bin name-measures -- SPEC`.

use std::collections::BTreeMap;

use generator::ir::{Api, Home, TypeKind};

/// The counts, with the areas that have the most.
#[derive(Debug, Default, PartialEq)]
pub struct Measures {
    /// Public types (structs and enums; aliases are other names of them).
    pub types: usize,
    /// Types whose name repeats their area's or module's name.
    pub stuttering_types: usize,
    /// Operations (methods on handles).
    pub methods: usize,
    /// Methods whose name repeats their handle's or area's name.
    pub stuttering_methods: usize,
    /// Handle accessors on `Client` (one per area with operations).
    pub client_handles: usize,
    /// Handles of tags (one per group), reached from the areas' handles.
    pub groups: usize,
    /// Stuttering types and methods by area module.
    pub by_area: BTreeMap<String, (usize, usize)>,
    /// Every stuttering name, with its place: `radar::radar_dns::RadarGetDnsParams`,
    /// `client.radar_dns().radar_get_dns()`.
    pub names: Vec<String>,
}

/// The lowercase words of a name in any case: `RadarGetDNSTimeseries` and
/// `radar_get_dns_timeseries` are both `radar get dns timeseries`.
pub fn words(name: &str) -> Vec<String> {
    heck::ToSnakeCase::to_snake_case(name.trim_start_matches("r#"))
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `name` says one of `places` again: its words hold all of a place's words, in
/// order and together (in `radar::radar_dns`, `RadarGetDnsParams` repeats `radar`;
/// `dns_records::DnsRecord` repeats nothing, as `record` is not `records`).
pub fn repeats(name: &str, places: &[&str]) -> bool {
    let name = words(name);
    places.iter().any(|place| {
        let place = words(place);
        !place.is_empty() && name.windows(place.len()).any(|w| w == place.as_slice())
    })
}

/// Measures `api`.
pub fn measure(api: &Api) -> Measures {
    let mut m = Measures {
        types: api
            .types
            .iter()
            .filter(|t| !matches!(t.kind, TypeKind::Alias(_)))
            .count(),
        client_handles: api.areas.iter().filter(|a| !a.groups.is_empty()).count(),
        groups: api.groups.len(),
        ..Measures::default()
    };
    for def in api
        .types
        .iter()
        .filter(|t| !matches!(t.kind, TypeKind::Alias(_)))
    {
        let (area, places) = match def.home {
            Home::Shared => continue,
            Home::Area(a) => (a, vec![api.areas[a].module.as_str()]),
            Home::Group(g) => {
                let group = &api.groups[g];
                let area = api.areas[group.area].module.as_str();
                (group.area, vec![area, group.module.as_str()])
            }
        };
        if repeats(&def.name, &places) {
            m.stuttering_types += 1;
            m.names.push(format!("{}::{}", places.join("::"), def.name));
            m.by_area
                .entry(api.areas[area].module.clone())
                .or_default()
                .0 += 1;
        }
    }
    for group in &api.groups {
        let places = [
            api.areas[group.area].module.as_str(),
            group.accessor.as_str(),
        ];
        for op in &group.operations {
            m.methods += 1;
            if repeats(&op.method_name, &places) {
                m.stuttering_methods += 1;
                m.names
                    .push(format!("client.{}.{}()", group.call, op.method_name));
                m.by_area
                    .entry(api.areas[group.area].module.clone())
                    .or_default()
                    .1 += 1;
            }
        }
    }
    m
}

/// The measures as the lines `name-measures` prints: totals, then the areas with the most.
pub fn report(m: &Measures, top: usize) -> String {
    let pct = |n: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            100.0 * n as f64 / of as f64
        }
    };
    let mut out = format!(
        "types repeating their area or module: {} of {} ({:.1} %)\n\
         methods repeating their handle or area: {} of {} ({:.1} %)\n\
         handles on Client: {} (for {} tags)\n",
        m.stuttering_types,
        m.types,
        pct(m.stuttering_types, m.types),
        m.stuttering_methods,
        m.methods,
        pct(m.stuttering_methods, m.methods),
        m.client_handles,
        m.groups,
    );
    let mut areas: Vec<_> = m.by_area.iter().collect();
    areas.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(b.0)));
    for (area, (types, methods)) in areas.into_iter().take(top) {
        out.push_str(&format!("  {area}: {types} types, {methods} methods\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{repeats, words};

    #[test]
    fn words_split_every_case() {
        assert_eq!(
            words("RadarGetDNSTimeseries"),
            ["radar", "get", "dns", "timeseries"]
        );
        assert_eq!(
            words("radar_get_dns_timeseries"),
            words("RadarGetDnsTimeseries")
        );
        assert_eq!(words("r#type"), ["type"]);
    }

    #[test]
    fn a_name_repeats_a_place_whose_words_it_holds_together() {
        assert!(repeats(
            "RadarGetDnsTimeseriesParams",
            &["radar", "radar_dns"]
        ));
        assert!(repeats(
            "access_mtls_authentication_list_mtls_certificates",
            &["access_mtls_authentication"]
        ));
        assert!(repeats(
            "list_dns_records",
            &["dns_records", "dns_records_for_a_zone"]
        ));
        assert!(!repeats("DnsRecord", &["dns_records"]));
        assert!(!repeats("DnsRecordsList", &["dns_records_for_a_zone"]));
        assert!(!repeats("list", &["dns_records", ""]));
    }
}
