//! Mentions typed in text: `@name@host` (a person or collective on any instance, `host`
//! with an optional port), as Mastodon and Lemmy write them.

use crate::ActorRef;

/// At most this many mentions of one text are looked up and told.
pub const MAX_MENTIONS: usize = 10;

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'
}

fn is_host_char(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-' || c == ':'
}

/// The distinct `@name@host` mentions in `text`, in order of first appearance, as
/// `(name, host)` with the host in lower case. An `@` inside a word (an e-mail address,
/// `user@host`) starts no mention; a trailing dot or colon ends the host.
pub fn mentions_in(text: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() && found.len() < MAX_MENTIONS {
        let (_, c) = chars[i];
        let starts_word = i == 0 || !is_name_char(chars[i - 1].1) && chars[i - 1].1 != '@';
        if c != '@' || !starts_word {
            i += 1;
            continue;
        }
        let name_end = (i + 1..chars.len())
            .find(|&j| !is_name_char(chars[j].1))
            .unwrap_or(chars.len());
        if name_end == i + 1 || name_end >= chars.len() || chars[name_end].1 != '@' {
            i = name_end.max(i + 1);
            continue;
        }
        let host_end = (name_end + 1..chars.len())
            .find(|&j| !is_host_char(chars[j].1))
            .unwrap_or(chars.len());
        let name: String = chars[i + 1..name_end].iter().map(|(_, c)| c).collect();
        let host: String = chars[name_end + 1..host_end]
            .iter()
            .map(|(_, c)| c)
            .collect();
        let host = host.trim_end_matches(['.', ':', '-']).to_lowercase();
        if let Ok(ActorRef::Acct { name, host }) = ActorRef::parse(&format!("@{name}@{host}"))
            && host.contains(['.', ':'])
            && !found.iter().any(|(n, h)| *n == name && *h == host)
        {
            found.push((name, host));
        }
        i = host_end.max(i + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, host: &str) -> (String, String) {
        (name.into(), host.into())
    }

    #[test]
    fn mentions_are_found_where_people_type_them() {
        assert_eq!(
            mentions_in("Vraag het @jurist@lsa.example, of @Anna@Meent.Example."),
            vec![m("jurist", "lsa.example"), m("Anna", "meent.example")]
        );
        assert_eq!(
            mentions_in("(@mia@localhost:8080) en @mia@localhost:8080 weer"),
            vec![m("mia", "localhost:8080")]
        );
        assert_eq!(mentions_in("mail jan@buurt.example of @jan"), vec![]);
        assert_eq!(mentions_in("@@x@y.z @a@b @ @"), vec![]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text: no panic, at most MAX_MENTIONS, each one that can be followed.
        #[test]
        fn any_text_gives_well_formed_mentions(text in "\\PC{0,300}") {
            let found = mentions_in(&text);
            prop_assert!(found.len() <= MAX_MENTIONS);
            for (name, host) in found {
                let typed = format!("@{name}@{host}");
                prop_assert!(ActorRef::parse(&typed).is_ok(), "{}", typed);
            }
        }

        /// A mention put between any words is found.
        #[test]
        fn a_typed_mention_is_found(before in "[a-z ]{0,20}", name in "[a-z_]{1,12}", host in "[a-z]{1,10}\\.[a-z]{2,5}") {
            let text = format!("{before} @{name}@{host} verder");
            prop_assert!(mentions_in(&text).contains(&(name, host)));
        }
    }
}
