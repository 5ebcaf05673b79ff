//! Text as people write it and as other servers send it: Markdown rendered to HTML, and
//! every piece of HTML sanitised before it is stored.

use pulldown_cmark::{Options, Parser, html::push_html};

/// Keeps harmless formatting and links; removes scripts, event handlers, `javascript:`
/// URLs, iframes and styles (ammonia's default policy, which allows none of those).
pub fn html(input: &str) -> String {
    ammonia::clean(input)
}

/// Renders Markdown to sanitised HTML. Raw HTML inside the Markdown goes through the same
/// sanitiser, so a member cannot smuggle a script in either.
pub fn markdown(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut rendered = String::with_capacity(source.len() * 3 / 2);
    push_html(&mut rendered, Parser::new_ext(source, options));
    html(&rendered)
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
    fn markdown_renders_and_is_sanitised() {
        let out = super::markdown(concat!(
            "**sleutel** bij de *beheerder*\n\n<script>x()</script>\n\n",
            "[a](javascript:alert(1)) <img src=x onerror=alert(1)>",
        ));
        assert!(out.contains("<strong>sleutel</strong>"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
    }

    #[test]
    fn text_is_bounded_and_control_free() {
        assert_eq!(super::text("a\u{0}b\ncd", 3), "abc");
    }
}
