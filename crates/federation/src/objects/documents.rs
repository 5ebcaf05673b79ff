//! Documents on the wire: a dilemma's or solution's documents as `attachment`s, with links
//! to them at the end of `content` and of the Markdown `source` too (Lemmy shows `source`
//! and uses only the first attachment; Mastodon shows only media), and the reverse for what
//! is received.

use crate::{FederationError, protocol::attachment::Attachment};
use meent_app::{AppContext, documents::href, use_cases::remote::RemoteDocument};
use meent_db::{Conn, queries::documents};
use meent_domain::{DocumentKind, Licence};
use url::Url;

/// Marks the paragraph of links Meent adds, so that another Meent can leave it out (it
/// shows the attachments itself).
const LINKS_MARK: &str = "<p class=\"meent-documents\">";
/// The same paragraph in Markdown: always the last one Meent adds before a status line.
const MARKDOWN_LINKS_MARK: &str = "\n\n📎 ";

/// The documents of a dilemma (`reply` none) or of one of its solutions.
pub(crate) async fn attachments(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    dilemma_id: i64,
    reply: Option<i64>,
) -> Result<Vec<Attachment>, FederationError> {
    let rows = documents::of_object(c, dilemma_id, reply).await?;
    Ok(rows
        .iter()
        .filter_map(|d| {
            Some(Attachment {
                kind: "Document".into(),
                url: Url::parse(&href(ctx, d)).ok()?,
                name: Some(d.title.clone()),
                media_type: (!d.media_type.is_empty()).then(|| d.media_type.clone()),
                document_kind: Some(d.kind.clone()),
                licence: (!d.licence.is_empty()).then(|| d.licence.clone()),
            })
        })
        .collect())
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `content` with a paragraph linking each attachment.
pub(crate) fn with_links(content: String, attachments: &[Attachment]) -> String {
    if attachments.is_empty() {
        return content;
    }
    let links: Vec<String> = attachments
        .iter()
        .map(|a| {
            let name = a.name.as_deref().unwrap_or("document");
            format!(
                "<a href=\"{}\">{}</a>",
                escape(a.url.as_str()),
                escape(name)
            )
        })
        .collect();
    format!("{content}{LINKS_MARK}📎 {}</p>", links.join(" · "))
}

/// Markdown `source` with a paragraph linking each attachment (an empty source stays empty:
/// peers then show `content`, which has the links).
pub(crate) fn with_markdown_links(source: String, attachments: &[Attachment]) -> String {
    if attachments.is_empty() || source.is_empty() {
        return source;
    }
    let links: Vec<String> = attachments
        .iter()
        .map(|a| {
            let name = a.name.as_deref().unwrap_or("document");
            // Parentheses would end the link target early; as %28/%29 they mean the same.
            let target = a.url.as_str().replace('(', "%28").replace(')', "%29");
            format!("[{}]({target})", escape_markdown(name))
        })
        .collect();
    format!("{source}{MARKDOWN_LINKS_MARK}{}", links.join(" · "))
}

/// A document's name as Markdown text: its punctuation shown, never read as markup.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    out
}

/// Received Markdown without the paragraph of links another Meent added (its last part once
/// a status line is taken off).
pub(crate) fn without_markdown_links(source: &str) -> String {
    match source.rfind(MARKDOWN_LINKS_MARK) {
        Some(start) if !source[start + MARKDOWN_LINKS_MARK.len()..].contains('\n') => {
            source[..start].to_owned()
        }
        _ => source.to_owned(),
    }
}

/// Received `content` without the paragraph of links another Meent added.
pub(crate) fn without_links(content: &str) -> String {
    match content.find(LINKS_MARK) {
        Some(start) => {
            let rest = &content[start..];
            let end = rest.find("</p>").map_or(rest.len(), |e| e + "</p>".len());
            format!("{}{}", &content[..start], &rest[end..])
        }
        None => content.to_owned(),
    }
}

/// Received attachments as documents to list (only linked, never copied here).
pub(crate) fn received(attachments: &[Attachment]) -> Vec<RemoteDocument> {
    attachments
        .iter()
        .map(|a| RemoteDocument {
            title: a
                .name
                .clone()
                .or_else(|| {
                    a.url
                        .path_segments()
                        .and_then(|mut s| s.next_back().map(str::to_owned))
                        .filter(|s| !s.is_empty())
                })
                .unwrap_or_else(|| a.url.host_str().unwrap_or("document").to_owned()),
            kind: a
                .document_kind
                .as_deref()
                .and_then(|k| k.parse::<DocumentKind>().ok())
                .unwrap_or(DocumentKind::Other)
                .as_str()
                .into(),
            licence: a
                .licence
                .as_deref()
                .and_then(|l| l.parse::<Licence>().ok())
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
            media_type: a.media_type.clone().unwrap_or_default(),
            url: a.url.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(name: &str) -> Attachment {
        Attachment {
            kind: "Document".into(),
            url: Url::parse("https://a.example/documents/1/x.pdf").expect("url"),
            name: Some(name.into()),
            media_type: Some("application/pdf".into()),
            document_kind: Some("budget".into()),
            licence: Some("CC0-1.0".into()),
        }
    }

    #[test]
    fn links_are_added_escaped_and_removed_again() {
        let content = with_links(
            "<p>Zo deden wij het.</p>".into(),
            &[pdf("<b>Begroting</b>")],
        );
        assert!(content.contains("&lt;b&gt;Begroting"), "{content}");
        assert!(content.contains("href=\"https://a.example/documents/1/x.pdf\""));
        assert_eq!(without_links(&content), "<p>Zo deden wij het.</p>");
        assert_eq!(with_links("<p>x</p>".into(), &[]), "<p>x</p>");
    }

    #[test]
    fn markdown_links_are_added_escaped_and_removed_again() {
        let mut odd = pdf("[Begroting]*2027*");
        odd.url = Url::parse("https://a.example/documents/2/plan(1).pdf").expect("url");
        let source = with_markdown_links("Zo deden wij het.".into(), &[pdf("Plan"), odd]);
        assert_eq!(
            source,
            "Zo deden wij het.\n\n📎 [Plan](https://a.example/documents/1/x.pdf) · \
             [\\[Begroting\\]\\*2027\\*](https://a.example/documents/2/plan%281%29.pdf)"
        );
        assert_eq!(without_markdown_links(&source), "Zo deden wij het.");
        // A paragraph a member wrote that happens to start the same way stays.
        let own = "Zie bijlage.\n\n📎 de begroting\nen meer";
        assert_eq!(without_markdown_links(own), own);
        assert_eq!(with_markdown_links(String::new(), &[pdf("Plan")]), "");
        assert_eq!(with_markdown_links("x".into(), &[]), "x");
    }

    #[test]
    fn unknown_kinds_and_licences_are_not_trusted() {
        let mut a = pdf("Plan");
        a.document_kind = Some("invoice".into());
        a.licence = Some("WTFPL".into());
        let got = received(&[a]);
        assert_eq!(got[0].kind, "other");
        assert_eq!(got[0].licence, "");
        assert_eq!(got[0].title, "Plan");
    }
}
