//! Path templates (`/zones/{zone_id}/dns_records/{id}`): the parameter names they hold.
//!
//! Below every stage, like `diag` and `naming`: loading and lowering both read templates,
//! and neither may call the other for it.

/// `a` and `b` of `/x/{a}/y/{b}`, in order; an unclosed `{` ends the names.
pub fn names(path: &str) -> Vec<String> {
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
    use super::names;

    #[test]
    fn names_in_order() {
        assert_eq!(names("/zones/{zone_id}/x/{id}"), ["zone_id", "id"]);
        assert_eq!(names("/a/{b}/c/{d"), ["b"]);
        assert!(names("/plain").is_empty());
    }
}
