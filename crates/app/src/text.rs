//! Text as people write it and as other servers send it: Markdown rendered to HTML, and
//! every piece of HTML sanitised before it is stored.

use pulldown_cmark::{Options, Parser, html::push_html};

/// Keeps harmless formatting and links; removes scripts, event handlers, `javascript:`
/// URLs, iframes and styles (ammonia's default policy, which allows none of those).
/// Images become links to them: an `<img>` from another server would be loaded from that
/// server by every reader's browser (telling it who reads what, when), and the pages'
/// Content-Security-Policy blocks it anyway.
pub fn html(input: &str) -> String {
    images_as_links(&ammonia::clean(input))
}

/// Rewrites each `<img src="…" alt="…">` of sanitised HTML as `<a href="…">🖼 alt</a>`.
/// Works on ammonia's output only, where attribute values are quoted and escaped (no `>` or
/// `"` inside them) and `src` has passed its URL check.
fn images_as_links(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len());
    let mut rest = clean;
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            // Not ammonia's output after all: keep nothing of the broken tag.
            rest = "";
            break;
        };
        let tag = &rest[start..start + len + 1];
        let src = attribute(tag, "src");
        let alt = attribute(tag, "alt").filter(|a| !a.trim().is_empty());
        let label = alt.or_else(|| src.map(file_name)).unwrap_or("");
        match src {
            Some(src) => {
                out.push_str("<a href=\"");
                out.push_str(src);
                out.push_str("\" rel=\"nofollow noopener noreferrer\">\u{1F5BC} ");
                out.push_str(label);
                out.push_str("</a>");
            }
            None => out.push_str(label),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The escaped value of attribute `name` in a serialised tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

/// The last part of a URL's path, as a label for an image without a description.
fn file_name(src: &str) -> &str {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    path.rsplit('/').find(|p| !p.is_empty()).unwrap_or(path)
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

/// `value` escaped for a double-quoted HTML attribute.
pub fn attribute_escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
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
    fn images_become_links_and_load_nothing() {
        let out = super::html(concat!(
            r#"<p>zie <img src="http://remote.example/track.png?u=1" alt="het plan"> en "#,
            r#"<img src="https://remote.example/a/b/schema.jpg"> en "#,
            r#"<img src="javascript:alert(1)" alt="x"></p>"#
        ));
        assert!(!out.contains("<img"), "{out}");
        assert!(
            out.contains(r#"<a href="http://remote.example/track.png?u=1" rel="nofollow noopener noreferrer">🖼 het plan</a>"#),
            "{out}"
        );
        assert!(out.contains("🖼 schema.jpg</a>"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.starts_with("<p>zie ") && out.ends_with("</p>"), "{out}");
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
