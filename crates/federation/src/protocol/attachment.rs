//! Documents in `attachment`: sent as `Document`s with Meent's kind and licence; received
//! from any software in the shapes it uses (Mastodon's `Document` with `url`, Lemmy's `Link`
//! with `href`, `url` as a string, a `Link` or a list).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use url::Url;

/// One attached document.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: Url,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// `key_agreement`, `budget`, … (`meent:documentKind`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_kind: Option<String>,
    /// An SPDX identifier or `all-rights-reserved` (`meent:licence`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
}

/// The first http(s) URL in a `url` or `href` value of any of its shapes.
fn first_url(v: &Value) -> Option<Url> {
    match v {
        Value::String(s) => Url::parse(s)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https")),
        Value::Object(o) => o.get("href").and_then(first_url),
        Value::Array(items) => items.iter().find_map(first_url),
        _ => None,
    }
}

fn text(o: &serde_json::Map<String, Value>, key: &str, max: usize) -> Option<String> {
    o.get(key)
        .and_then(Value::as_str)
        .map(|s| s.chars().take(max).collect::<String>())
        .filter(|s| !s.trim().is_empty())
}

fn one(v: &Value) -> Option<Attachment> {
    let o = v.as_object()?;
    let kind = o.get("type").and_then(Value::as_str)?;
    if !matches!(kind, "Document" | "Link" | "Image" | "Audio" | "Video") {
        return None;
    }
    let url = o
        .get("url")
        .and_then(first_url)
        .or_else(|| o.get("href").and_then(first_url))?;
    Some(Attachment {
        kind: kind.to_owned(),
        url,
        name: text(o, "name", 200),
        media_type: text(o, "mediaType", 100),
        document_kind: text(o, "documentKind", 40),
        licence: text(o, "licence", 40),
    })
}

/// Keeps the attachments that name an http(s) URL, from a list or a single object; anything
/// else in the list is ignored rather than refusing the object.
pub fn deserialize_attachments<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Attachment>, D::Error> {
    let raw = Value::deserialize(d)?;
    Ok(match &raw {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "deserialize_attachments")]
        attachment: Vec<Attachment>,
    }

    fn parse(v: Value) -> Vec<Attachment> {
        serde_json::from_value::<Holder>(v)
            .expect("attachments never refuse the object")
            .attachment
    }

    #[test]
    fn reads_the_shapes_other_software_sends() {
        let got = parse(json!({ "attachment": [
            { "type": "Document", "mediaType": "application/pdf",
              "url": "https://a.example/documents/1/x.pdf", "name": "Sleutelafspraken",
              "documentKind": "key_agreement", "licence": "CC-BY-4.0" },
            { "type": "Link", "href": "https://lemmy.example/pictrs/image/y.png" },
            { "type": "Image", "url": { "type": "Link", "href": "https://m.example/z.jpg" } },
            { "type": "Document", "url": "javascript:alert(1)" },
            { "type": "Mention", "href": "https://m.example/u/x" },
            "not an object"
        ]}));
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].document_kind.as_deref(), Some("key_agreement"));
        assert_eq!(
            got[1].url.as_str(),
            "https://lemmy.example/pictrs/image/y.png"
        );
        assert_eq!(got[2].url.as_str(), "https://m.example/z.jpg");
        assert!(parse(json!({})).is_empty());
        assert_eq!(
            parse(json!({ "attachment": { "type": "Link", "href": "https://x.example/a" } })).len(),
            1
        );
    }
}
