//! Where a browser may be sent after logging in or changing the language: only a path on
//! this site ("open redirect" otherwise). The target is parsed against the site's own URL,
//! not pattern-matched: browsers drop tabs and newlines from URLs and read `\` as `/`, so
//! `/\t/evil.example` or `/\evil.example` would leave the site although they start with `/`.

use url::Url;

/// Why a target was refused outright (rather than replaced by the home page).
#[derive(Debug, PartialEq, Eq)]
pub struct BadTarget;

/// The path (with query and fragment) to send the browser to: `next` when it stays on
/// `base`'s site, `/` when it is empty or leads elsewhere. Control characters (CR/LF could
/// split the response header) are refused.
pub fn local_target(base: &Url, next: &str) -> Result<String, BadTarget> {
    if next.chars().any(char::is_control) {
        return Err(BadTarget);
    }
    if !next.starts_with('/') || next.contains('\\') || next.chars().any(char::is_whitespace) {
        return Ok("/".into());
    }
    let Ok(joined) = base.join(next) else {
        return Ok("/".into());
    };
    if joined.origin() != base.origin() {
        return Ok("/".into());
    }
    let mut target = joined.path().to_owned();
    if let Some(q) = joined.query() {
        target.push('?');
        target.push_str(q);
    }
    if let Some(f) = joined.fragment() {
        target.push('#');
        target.push_str(f);
    }
    // A path that the URL parser turned into one starting with `//` would be read by the
    // browser as another host.
    if target.starts_with("//") {
        return Ok("/".into());
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://meent.example/").expect("a URL")
    }

    #[test]
    fn paths_on_this_site_are_kept() {
        for next in ["/", "/d/12", "/search?q=sleutel&page=2", "/d/3#oplossingen"] {
            assert_eq!(local_target(&base(), next), Ok(next.to_owned()), "{next}");
        }
    }

    #[test]
    fn anything_leading_elsewhere_becomes_the_home_page() {
        for next in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "\\\\evil.example",
            "/ /evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/%2F%2Fevil.example",
            "/..//evil.example",
        ] {
            let target = local_target(&base(), next).expect("not refused");
            let on_site = base().join(&target).expect("joins");
            assert_eq!(on_site.origin(), base().origin(), "{next} → {target}");
            assert!(!target.starts_with("//"), "{next} → {target}");
        }
    }

    #[test]
    fn control_characters_are_refused() {
        for next in ["/\t/127.0.0.1:8799/pwned", "/d/1\r\nSet-Cookie: x=1", "/\n"] {
            assert_eq!(local_target(&base(), next), Err(BadTarget), "{next:?}");
        }
    }
}
