//! Plain text for indexing and snippets, from what is stored: sanitised HTML.

/// The words of a stored HTML fragment as plain text, blocks separated by line breaks and
/// without link footnotes or decoration, so neither tags nor URLs become search words.
pub fn plain(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    // A very wide line keeps paragraphs whole; html2text only fails on I/O, which reading
    // from a byte slice cannot, but fall back to the raw text rather than drop it.
    html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_else(|_| html.to_owned())
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_go_words_stay() {
        let t = super::plain(
            r#"<p>De <strong>sleutels</strong> van</p><p>het <a href="https://x.example/y">buurthuis</a></p>"#,
        );
        assert!(t.contains("sleutels"), "{t}");
        assert!(t.contains("buurthuis"), "{t}");
        assert!(!t.contains("href") && !t.contains("x.example"), "{t}");
        assert!(!t.contains("vanhet"), "{t}");
    }
}
