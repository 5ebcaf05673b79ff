//! Plain text for indexing and snippets, from what is stored: sanitised HTML.

use html2text::render::TrivialDecorator;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The words of a stored HTML fragment as plain text, blocks separated by line breaks and
/// without link footnotes or decoration, so neither tags nor URLs become search words.
///
/// Markdown written inside the HTML's text goes too: peers that send their Markdown source
/// as the content (or HTML with Markdown in it) would otherwise show `**vet**`, `# kop` or
/// `[tekst](url)` in a result's snippet.
pub fn plain(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    // The trivial decorator writes no marks of its own: the plain one (of
    // `plain_no_decorate`) still writes "# " before a heading, "* " before a list item and
    // "[…]" around a link. A very wide line keeps paragraphs whole; html2text only fails on
    // I/O, which reading from a byte slice cannot, but fall back to the raw text rather than
    // drop it.
    let text = html2text::config::with_decorator(TrivialDecorator::new())
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_else(|_| html.to_owned());
    without_markdown(&text).trim().to_owned()
}

/// `text` read as Markdown, keeping only what a reader would see: the words, not the marks.
fn without_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Per open list, the next item's number (`None` for a bulleted list): a number is kept,
    // as it may be a year ("1998. Toen …" reads as a list item).
    let mut numbers: Vec<Option<u64>> = Vec::new();
    let new_line = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(Tag::List(first)) => numbers.push(first),
            Event::End(TagEnd::List(_)) => {
                numbers.pop();
            }
            Event::Start(Tag::Item) => {
                new_line(&mut out);
                if let Some(Some(n)) = numbers.last_mut() {
                    out.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Item,
            ) => new_line(&mut out),
            _ => {}
        }
    }
    out
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

    /// Markdown marks, whether rendered to HTML or sent as text inside it, never reach the
    /// plain text that snippets are made from; their words and the numbers of a numbered
    /// list do.
    #[test]
    fn markdown_marks_go_words_stay() {
        for html in [
            concat!(
                "<p>**Vet** en _schuin_ en [de tekst](https://x.example/y) en `code`</p>",
                "<p># Een kop</p><p>- een lijst<br>- nog een</p><p>1998. Toen</p>",
                "<p>&gt; geciteerd</p>",
            ),
            concat!(
                "<p><strong>Vet</strong> en <em>schuin</em> en ",
                r#"<a href="https://x.example/y">de tekst</a> en <code>code</code></p>"#,
                "<h1>Een kop</h1><ul><li>een lijst</li><li>nog een</li></ul>",
                "<ol><li>Toen</li></ol><blockquote>geciteerd</blockquote>",
            ),
        ] {
            let t = super::plain(html);
            for mark in [
                "*",
                "_",
                "#",
                "[",
                "](",
                "`",
                "x.example",
                "- ",
                "&gt;",
                "> ",
            ] {
                assert!(!t.contains(mark), "{mark:?} left in {t:?}");
            }
            for word in [
                "Vet",
                "schuin",
                "de tekst",
                "code",
                "Een kop",
                "een lijst",
                "nog een",
                "Toen",
                "geciteerd",
            ] {
                assert!(t.contains(word), "{word:?} lost from {t:?}");
            }
        }
        let t = super::plain("<p>1998. Toen</p>");
        assert!(t.contains("1998"), "{t}");
        // Text that only looks a little like Markdown keeps its characters.
        let t = super::plain("<p>5 * 3 = 15, #buurthuis en a_b_c</p>");
        assert_eq!(t, "5 * 3 = 15, #buurthuis en a_b_c");
    }
}
