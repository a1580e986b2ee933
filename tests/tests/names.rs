//! Names that do not repeat their place (issue "Names"), measured on the whole Cloudflare
//! API with the measures `name-measures` prints: no method repeats its handle's or area's
//! words, at most one type in ten repeats its module's, and `Client` has a handle per
//! area, not per tag.

use std::path::Path;

use tests::names::{measure, report};

#[test]
fn the_whole_api_says_no_place_twice() {
    let spec = tests::root().join("spec/cloudflare-openapi-2024-08-06.json");
    let settings = generator::Settings::new(vec![spec], Path::new("client"));
    let generated = generator::generate_files(&settings).expect("the whole API generates");
    let m = measure(&generated.api);
    let shown = format!("{}\n{}", report(&m, 10), m.names.join("\n"));
    assert_eq!(m.methods, 1533, "{shown}");
    assert_eq!(m.stuttering_methods, 0, "{shown}");
    assert!(m.stuttering_types * 10 <= m.types, "{shown}");
    // One handle per area on `Client`, not one per tag.
    let areas = generated.api.areas.iter().filter(|a| !a.groups.is_empty());
    assert_eq!(m.client_handles, areas.count(), "{shown}");
    assert!(m.client_handles * 2 < m.groups, "{shown}");
}
