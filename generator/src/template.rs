//! Path templates (`/zones/{zone_id}/dns_records`), read by loading (to repair fragments)
//! and by lowering (to order path arguments): below both.

/// `{a}` and `{b}` of `/x/{a}/y/{b}`, in order.
pub fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_in_order() {
        assert_eq!(super::template_names("/x/{a}/y/{b}"), ["a", "b"]);
        assert_eq!(super::template_names("/x/{unclosed"), Vec::<String>::new());
    }
}
