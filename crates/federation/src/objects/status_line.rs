//! A solved dilemma says so in its own text, for peers that show only the text: Lemmy (which
//! shows `source` when there is one, else `content`) and Mastodon-like servers (`content`)
//! know nothing of `meent:status`. The line is added to both when the Page is rendered and
//! taken off again by a Meent that receives it, which shows the status itself; what the
//! member wrote is never changed.

use super::documents::escape;
use url::Url;

const HTML_MARK: &str = "<p class=\"meent-status\">";
const MARKDOWN_MARK: &str = "\n\n---\n✔ ";

fn words(language: &str) -> (&'static str, &'static str) {
    match language {
        "nl" => ("Opgelost", "geaccepteerde oplossing"),
        _ => ("Solved", "accepted solution"),
    }
}

/// `content` (HTML) and `source` (Markdown) with the status line of a solved dilemma
/// whose first accepted solution is `accepted`.
pub(crate) fn with_status(
    content: String,
    source: String,
    accepted: Option<&Url>,
    language: &str,
) -> (String, String) {
    let Some(accepted) = accepted else {
        return (content, source);
    };
    let (solved, solution) = words(language);
    let html = format!(
        "{content}{HTML_MARK}✔ <strong>{solved}</strong> — <a href=\"{}\">{solution}</a></p>",
        escape(accepted.as_str())
    );
    let markdown = if source.is_empty() {
        source
    } else {
        format!("{source}{MARKDOWN_MARK}**{solved}** — [{solution}]({accepted})")
    };
    (html, markdown)
}

/// Received HTML without the status line another Meent added.
pub(crate) fn without_status_html(content: &str) -> String {
    match content.find(HTML_MARK) {
        Some(start) => {
            let rest = &content[start..];
            let end = rest.find("</p>").map_or(rest.len(), |e| e + "</p>".len());
            format!("{}{}", &content[..start], &rest[end..])
        }
        None => content.to_owned(),
    }
}

/// Received Markdown without the status line another Meent added (always its last part).
pub(crate) fn without_status_markdown(source: &str) -> String {
    match source.rfind(MARKDOWN_MARK) {
        Some(start) if !source[start + MARKDOWN_MARK.len()..].contains('\n') => {
            source[..start].to_owned()
        }
        _ => source.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_comes_off_as_it_went_on() {
        let url = Url::parse("https://m.example/r/7").expect("url");
        let (html, md) = with_status(
            "<p>Wie heeft de sleutel?</p>".into(),
            "Wie heeft de sleutel?".into(),
            Some(&url),
            "nl",
        );
        assert!(html.contains("Opgelost") && html.contains("https://m.example/r/7"));
        assert!(md.ends_with("**Opgelost** — [geaccepteerde oplossing](https://m.example/r/7)"));
        assert_eq!(without_status_html(&html), "<p>Wie heeft de sleutel?</p>");
        assert_eq!(without_status_markdown(&md), "Wie heeft de sleutel?");
    }

    #[test]
    fn what_a_member_wrote_is_kept() {
        let text = "Eerst dit\n\n---\n✔ en dan\nnog meer";
        assert_eq!(without_status_markdown(text), text);
        let (html, md) = with_status("<p>x</p>".into(), "x".into(), None, "nl");
        assert_eq!((html.as_str(), md.as_str()), ("<p>x</p>", "x"));
    }
}
