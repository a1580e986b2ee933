//! `diff::crate_names` on two small crates, as an earlier and the current generator name them.

use super::*;

const OLD_LIB: &str = r#"
    pub mod radar;
    use runtime::Client;
    impl Client {
        pub fn radar_dns(&self) -> radar::RadarDnsApi<'_> { radar::RadarDnsApi::new(self) }
    }
"#;
const OLD_AREA: &str = r#"
    pub mod radar_dns;
    pub use radar_dns::RadarDnsApi;
    mod types;
    pub use types::*;
"#;
const OLD_TYPES: &str = r#"
    pub struct Location { pub code: String }
    pub struct Kept { pub a: i64, #[serde(rename = "IPv4")] pub i_pv4: String }
    pub enum Version { IPv4, IPv6, Unrecognized(String) }
"#;
const OLD_GROUP: &str = r#"
    use crate::radar::{Kept, Location};
    use crate::runtime::{Call, Client, Method, decode};
    pub struct RadarDnsApi<'a> { pub(crate) client: &'a Client }
    impl<'a> RadarDnsApi<'a> {
        pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
        pub fn radar_get_dns_top(&self, params: &RadarGetDnsTopParams) -> Call<'a, RadarGetDnsTopResult> {
            Call::new(self.client, "radar-get-dns-top", Method::GET, "/radar/dns/top", decode::envelope)
                .query(params)
        }
    }
    pub struct RadarGetDnsTopParams { pub limit: Option<i64>, pub kept: Option<Kept> }
    pub struct RadarGetDnsTopResult { pub top: Vec<RadarGetDnsTopResultTopItem> }
    pub struct RadarGetDnsTopResultTopItem { pub location: Option<Location> }
    pub type RadarGetDnsTopResultOtherItem = RadarGetDnsTopResultTopItem;
"#;
const NEW_LIB: &str = r#"
    pub mod radar;
    use runtime::Client;
    impl Client {
        pub fn radar(&self) -> radar::RadarApi<'_> { radar::RadarApi::new(self) }
    }
"#;
const NEW_AREA: &str = r#"
    pub mod dns;
    pub use dns::DnsApi;
    mod types;
    pub use types::*;
    pub struct RadarApi<'a> { client: &'a crate::Client }
    impl<'a> RadarApi<'a> {
        pub(crate) fn new(client: &'a crate::Client) -> Self { Self { client } }
        pub fn dns(&self) -> DnsApi<'a> { DnsApi::new(self.client) }
    }
"#;
const NEW_TYPES: &str = r#"
    pub struct Place { pub code: String }
    pub struct Kept { pub a: i64, #[serde(rename = "IPv4")] pub ipv4: String }
    pub enum Version { Ipv4, Ipv6, Unrecognized(String) }
"#;
const NEW_GROUP: &str = r#"
    use crate::radar::{Kept, Place};
    use crate::runtime::{Call, Client, Method, decode};
    pub struct DnsApi<'a> { pub(crate) client: &'a Client }
    impl<'a> DnsApi<'a> {
        pub(crate) fn new(client: &'a Client) -> Self { Self { client } }
        pub fn get_top(&self, params: &GetTopParams) -> Call<'a, GetTopResult> {
            Call::new(self.client, "radar-get-dns-top", Method::GET, "/radar/dns/top", decode::envelope)
                .query(params)
        }
    }
    pub struct GetTopParams { pub limit: Option<i64>, pub kept: Option<Kept> }
    pub struct GetTopResult { pub top: Vec<GetTopResultTopItem> }
    pub struct GetTopResultTopItem { pub location: Option<Place> }
    pub type GetTopResultOtherItem = GetTopResultTopItem;
"#;

#[test]
fn methods_and_types_renamed_by_regenerating() {
    let old = read([
        ("src/lib.rs", OLD_LIB),
        ("src/radar/mod.rs", OLD_AREA),
        ("src/radar/types.rs", OLD_TYPES),
        ("src/radar/radar_dns.rs", OLD_GROUP),
    ]);
    let new = read([
        ("src/lib.rs", NEW_LIB),
        ("src/radar/mod.rs", NEW_AREA),
        ("src/radar/types.rs", NEW_TYPES),
        ("src/radar/dns.rs", NEW_GROUP),
    ]);
    let r = renames(&old, &new, "client");
    assert_eq!(
        r.methods,
        [NameChange {
            old: "client.radar_dns().radar_get_dns_top(..)".into(),
            new: "client.radar().dns().get_top(..)".into(),
            operation_id: Some("radar-get-dns-top".into()),
        }]
    );
    let types: Vec<(&str, &str)> = r
        .types
        .iter()
        .map(|c| (c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("radar::radar_dns::RadarDnsApi", "radar::dns::DnsApi"),
            (
                "radar::radar_dns::RadarGetDnsTopParams",
                "radar::dns::GetTopParams"
            ),
            (
                "radar::radar_dns::RadarGetDnsTopResult",
                "radar::dns::GetTopResult"
            ),
            (
                "radar::radar_dns::RadarGetDnsTopResultOtherItem",
                "radar::dns::GetTopResultOtherItem"
            ),
            (
                "radar::radar_dns::RadarGetDnsTopResultTopItem",
                "radar::dns::GetTopResultTopItem"
            ),
            ("radar::types::Location", "radar::types::Place"),
        ]
    );
    let fields: Vec<(&str, &str)> = r
        .fields
        .iter()
        .map(|c| (c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("radar::types::Kept.i_pv4", "radar::types::Kept.ipv4"),
            ("radar::types::Version::IPv4", "radar::types::Version::Ipv4"),
            ("radar::types::Version::IPv6", "radar::types::Version::Ipv6"),
        ]
    );
    assert_eq!((r.operations_gone, r.types_gone), (0, 0));
    // The same crate renames nothing.
    assert!(renames(&new, &new, "client").is_empty());
}
