//! Cleaning what other servers send before it is stored.

/// Keeps harmless formatting and links; removes scripts, event handlers, `javascript:`
/// URLs, iframes and styles (ammonia's default policy, which allows none of those).
pub fn html(input: &str) -> String {
    ammonia::clean(input)
}

/// Plain text limited to `max` characters (names, handles), with control characters removed.
pub fn text(input: &str, max: usize) -> String {
    input
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_hostile_html() {
        let dirty = r#"<p onclick="x()">hoi<script>alert(1)</script><a href="javascript:alert(1)">a</a><iframe src="https://e.example"></iframe><span style="color:red">s</span></p>"#;
        let clean = super::html(dirty);
        for bad in ["script", "onclick", "javascript:", "iframe", "style"] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("hoi"));
    }

    #[test]
    fn text_is_bounded_and_control_free() {
        assert_eq!(super::text("a\u{0}b\ncd", 3), "abc");
    }
}
