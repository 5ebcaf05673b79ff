use super::{ApCollective, ApMember, parse_url, verify_remote_id};
use crate::{
    FederationError,
    activities::policy,
    protocol::{
        actors::Source,
        objects::{LanguageTag, PUBLIC, Page, Tag, is_public},
    },
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use async_trait::async_trait;
use meent_app::{AppContext, text, use_cases::remote};
use meent_db::queries::{
    collectives,
    dilemmas::{self, DilemmaForm, DilemmaRow},
    members, replies,
};
use meent_domain::{DilemmaStatus, Theme, Visibility};
use url::Url;

/// Longest text kept from another server, in characters; longer documents are refused.
pub(crate) const MAX_CONTENT: usize = 200_000;

/// A dilemma as an ActivityPub `Page`.
#[derive(Debug, Clone)]
pub struct ApDilemma {
    pub row: DilemmaRow,
    ap_id: Url,
}

impl ApDilemma {
    pub fn new(row: DilemmaRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApDilemma { row, ap_id })
    }
}

/// `to` of an object in `collective`'s thread: the collective and, for public ones, the
/// public collection; followers-only ones go to the followers collection instead.
pub(crate) fn addressing(
    collective: &Url,
    followers: Option<&str>,
    visibility: Visibility,
) -> Vec<Url> {
    let mut to = vec![collective.clone()];
    match visibility {
        Visibility::Public => to.extend(Url::parse(PUBLIC).ok()),
        _ => to.extend(followers.and_then(|f| Url::parse(f).ok())),
    }
    to
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').filter(|t| !t.is_empty())
}

#[async_trait]
impl Object for ApDilemma {
    type DataType = AppContext;
    type Kind = Page;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn is_deleted(&self) -> bool {
        self.row.deleted
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<AppContext>,
    ) -> Result<Option<Self>, FederationError> {
        let mut conn = data.db.get().await?;
        dilemmas::by_ap_id(&mut conn.conn(), object_id.as_str())
            .await?
            .map(ApDilemma::new)
            .transpose()
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Page, FederationError> {
        let d = self.row;
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let collective = collectives::by_id(c, d.collective_id)
            .await?
            .ok_or(FederationError::NotFound("collective"))?;
        let author = members::by_id(c, d.author_id)
            .await?
            .ok_or(FederationError::NotFound("author"))?;
        let accepted = replies::of_dilemma(c, d.id)
            .await?
            .into_iter()
            .filter(|r| r.accepted && !r.deleted)
            .map(|r| parse_url(&r.ap_id))
            .collect::<Result<Vec<_>, _>>()?;
        let visibility: Visibility = d.visibility.parse().map_err(meent_app::AppError::from)?;
        let collective_id = parse_url(&collective.ap_id)?;
        let mut tag: Vec<Tag> = list(&d.themes)
            .chain(list(&d.hashtags))
            .map(|t| Tag {
                kind: "Hashtag".into(),
                name: format!("#{t}"),
                href: None,
            })
            .collect();
        tag.dedup();
        // The people a dilemma written here mentions, known here: tagged and addressed in
        // `cc`, as Mastodon does, so that their servers tell them (Lemmy ignores both).
        let mut cc = Vec::new();
        if d.local {
            for m in meent_app::use_cases::mentions::known_in(c, &d.source).await? {
                if let Ok(href) = Url::parse(&m.member.ap_id) {
                    cc.push(href.clone());
                    tag.push(Tag {
                        kind: "Mention".into(),
                        name: format!("@{}", m.handle),
                        href: Some(href),
                    });
                }
            }
        }
        let context = if d.local {
            Some(data.urls().dilemma_context(d.id))
        } else {
            super::stored_url(d.context_url.as_deref())
        };
        let attachment = super::documents::attachments(c, data, d.id, None).await?;
        // Solved: the text says so too, for Lemmy and Mastodon-like servers.
        let solved = d.status == DilemmaStatus::Solved.as_str();
        let (content, source) = super::status_line::with_status(
            super::documents::with_links(d.content, &attachment),
            super::documents::with_markdown_links(d.source, &attachment),
            accepted.first().filter(|_| solved),
            &d.language,
        );
        Ok(Page {
            kind: Default::default(),
            id: self.ap_id.clone(),
            attributed_to: parse_url(&author.ap_id)?,
            to: addressing(
                &collective_id,
                collective.followers_url.as_deref(),
                visibility,
            ),
            cc,
            audience: Some(collective_id),
            name: d.title,
            content: Some(content),
            media_type: Some("text/html".into()),
            source: (!source.is_empty()).then(|| Source {
                content: source,
                media_type: "text/markdown".into(),
            }),
            tag,
            attachment,
            context,
            url: Some(self.ap_id.clone()),
            published: Some(d.published.and_utc()),
            updated: d.updated.map(|u| u.and_utc()),
            // Lemmy requires the name beside the code (`conformance::lemmy`).
            language: Some(LanguageTag {
                name: Some(crate::conformance::language_name(&d.language)),
                identifier: d.language,
            }),
            status: Some(d.status),
            accepted_solutions: accepted,
            themes: list(&d.themes).map(str::to_owned).collect(),
            facets: serde_json::from_str(&d.facets).ok(),
        })
    }

    async fn verify(
        json: &Page,
        expected_domain: &Url,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify_remote_id(&json.id, expected_domain, data)?;
        if json.attributed_to.host_str() != json.id.host_str() {
            return Err(FederationError::Refused(
                "a dilemma's author is on another host than the dilemma",
            ));
        }
        if json.content.as_ref().is_some_and(|c| c.len() > MAX_CONTENT) || json.name.len() > 10_000
        {
            return Err(FederationError::Invalid("the dilemma is too large".into()));
        }
        Ok(())
    }

    async fn from_json(json: Page, data: &Data<AppContext>) -> Result<Self, FederationError> {
        let collective = audience_of(json.audience.as_ref(), &json.to, &json.cc, data).await?;
        if collective.row.local {
            return Err(FederationError::Refused(
                "dilemmas of this instance's collectives are written here",
            ));
        }
        let known = {
            let mut conn = data.db.get().await?;
            dilemmas::by_ap_id(&mut conn.conn(), json.id.as_str())
                .await?
                .is_some()
        };
        if !known {
            policy::may_open_thread(&json.id, collective.id())?;
        }
        let author = ObjectId::<ApMember>::from(json.attributed_to.clone())
            .dereference(data)
            .await?;
        let visibility = if is_public(&json.to, &json.cc) {
            Visibility::Public
        } else {
            Visibility::Followers
        };
        let mut themes: Vec<&'static str> = Vec::new();
        let mut hashtags: Vec<String> = Vec::new();
        let named = json
            .tag
            .iter()
            .filter(|t| t.is_hashtag())
            .map(|h| h.name.trim_start_matches('#').to_lowercase());
        // Members of this instance it mentions are told (when it is new here).
        let mut mentioned = Vec::new();
        for href in json.tag.iter().filter_map(Tag::mentioned) {
            if data.urls().is_local(href) {
                let mut conn = data.db.get().await?;
                if let Some(member) = members::by_ap_id(&mut conn.conn(), href.as_str()).await? {
                    mentioned.push(member.id);
                }
            }
        }
        for t in json.themes.iter().cloned().chain(named) {
            match t.parse::<Theme>() {
                Ok(theme) if !themes.contains(&theme.id()) => themes.push(theme.id()),
                Ok(_) => {}
                Err(_) => {
                    let clean: String = t
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == '_')
                        .take(50)
                        .collect();
                    if !clean.is_empty() && !hashtags.contains(&clean) && hashtags.len() < 10 {
                        hashtags.push(clean);
                    }
                }
            }
        }
        // Lemmy sends "und" for a post whose author chose no language; a community that
        // declares exactly one language then says what it is.
        let language = json
            .language
            .map(|l| l.identifier.to_ascii_lowercase())
            .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()))
            .filter(|l| l != "und")
            .or_else(|| {
                Some(collective.row.languages.as_str())
                    .filter(|l| !l.is_empty() && !l.contains(','))
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "und".into());
        let status = json
            .status
            .as_deref()
            .and_then(|s| s.parse::<DilemmaStatus>().ok())
            .unwrap_or(DilemmaStatus::Open);
        let now = meent_db::now();
        let form = DilemmaForm {
            ap_id: json.id.to_string(),
            local: false,
            collective_id: collective.row.id,
            author_id: author.row.id,
            title: text::text(&json.name, 500),
            source: json
                .source
                .filter(|s| s.media_type == "text/markdown")
                .map(|s| {
                    super::documents::without_markdown_links(
                        &super::status_line::without_status_markdown(&s.content),
                    )
                })
                .map(|s| s.chars().take(MAX_CONTENT).collect())
                .unwrap_or_default(),
            content: text::html(&super::status_line::without_status_html(
                &super::documents::without_links(json.content.as_deref().unwrap_or_default()),
            )),
            language,
            visibility: visibility.as_str().into(),
            status: status.as_str().into(),
            themes: themes.join(","),
            hashtags: hashtags.join(","),
            facets: json
                .facets
                .and_then(|f| serde_json::to_string(&f).ok())
                .unwrap_or_else(|| "{}".into()),
            published: super::not_after_now(json.published).unwrap_or(now),
            updated: super::not_after_now(json.updated),
            // Kept only on the dilemma's own host: only its server says what is in its
            // thread, and our answers to it name it as their `context` too.
            context_url: json
                .context
                .as_ref()
                .filter(|c| super::context_backfill::same_host(c, &json.id))
                .map(Url::to_string),
        };
        let accepted: Vec<String> = json.accepted_solutions.iter().map(Url::to_string).collect();
        let docs = super::documents::received(&json.attachment);
        let stored = remote::store_dilemma(data, form, &accepted, &docs, &mentioned).await?;
        // New here: the rest of its thread is fetched in the background. Not on later
        // Updates, which would otherwise fetch the whole thread again each time.
        if stored.first_seen
            && let Some(context) = super::stored_url(stored.row.context_url.as_deref())
        {
            super::context_backfill::spawn(json.id.clone(), context, data);
        }
        ApDilemma::new(stored.row)
    }
}

/// The collective whose thread an object belongs to: its `audience`, or else the first
/// addressee that is a collective.
pub(crate) async fn audience_of(
    audience: Option<&Url>,
    to: &[Url],
    cc: &[Url],
    data: &Data<AppContext>,
) -> Result<ApCollective, FederationError> {
    let candidates = audience
        .into_iter()
        .chain(to.iter())
        .chain(cc.iter())
        .filter(|u| u.as_str() != PUBLIC && !u.path().ends_with("/followers"));
    for candidate in candidates {
        if let Ok(c) = ObjectId::<ApCollective>::from(candidate.clone())
            .dereference(data)
            .await
        {
            return Ok(c);
        }
    }
    Err(FederationError::Invalid(
        "the object is not addressed to a collective".into(),
    ))
}
