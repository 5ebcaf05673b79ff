//! Learning programmes as ActivityPub `Article`s: rendered for other servers, and checked
//! and stored when another Meent sends or serves one.

use super::{ApCollective, parse_url, verify_remote_id};
use crate::{
    FederationError,
    protocol::{
        article::{Article, Step},
        objects::PUBLIC,
    },
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use async_trait::async_trait;
use meent_app::{
    AppContext, text,
    use_cases::programmes::{self as use_case, MAX_STEP_TEXT, MAX_STEPS},
};
use meent_db::queries::{
    collectives,
    programmes::{self as rows, ProgrammeForm, ProgrammeRow},
};
use meent_domain::Theme;
use url::Url;

/// Longest description kept from another server, in characters.
const MAX_CONTENT: usize = 50_000;

#[derive(Debug, Clone)]
pub struct ApProgramme {
    pub row: ProgrammeRow,
    ap_id: Url,
}

impl ApProgramme {
    pub fn new(row: ProgrammeRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(&row.ap_id)?;
        Ok(ApProgramme { row, ap_id })
    }
}

/// The description and the steps as one HTML document: an ordered list, each step its text
/// and a link to what it points at (named by its title when it is known here).
pub fn content_with_steps(description: &str, steps: &[(Step, Option<String>)]) -> String {
    let mut html = String::from(description);
    html.push_str("<ol>");
    for (step, title) in steps {
        let href = text::attribute_escape(step.href.as_str());
        let label = text::attribute_escape(title.as_deref().unwrap_or(step.href.as_str()));
        html.push_str(&format!(
            "<li><p>{}</p><p><a href=\"{href}\">{label}</a></p></li>",
            text::attribute_escape(&step.name)
        ));
    }
    html.push_str("</ol>");
    html
}

/// Fetches what the steps of a received programme point at and this instance does not know
/// yet (a dilemma, a session, or a solution with its thread), so that its page can name
/// them; one at a time, each bounded by the HTTP client's timeouts. A step that cannot be
/// fetched stays a link.
async fn learn_targets(
    data: &Data<AppContext>,
    programme: &ProgrammeRow,
) -> Result<(), FederationError> {
    let steps = {
        let mut conn = data.db.get().await?;
        rows::steps_of(&mut conn.conn(), programme.id).await?
    };
    for step in steps {
        let known = {
            let mut conn = data.db.get().await?;
            use_case::stored_target(data, &mut conn.conn(), &step.target).await?
        };
        let Ok(url) = Url::parse(&step.target) else {
            continue;
        };
        if known.is_some() || data.urls().is_local(&url) {
            continue;
        }
        let found = ObjectId::<super::ApDilemma>::from(url.clone())
            .dereference(data)
            .await
            .is_ok()
            || ObjectId::<super::ApMeeting>::from(url.clone())
                .dereference(data)
                .await
                .is_ok()
            || ObjectId::<super::ApNote>::from(url.clone())
                .dereference(data)
                .await
                .is_ok();
        if !found {
            tracing::info!(target = %url, "a programme step's target could not be fetched");
        }
    }
    Ok(())
}

#[async_trait]
impl Object for ApProgramme {
    type DataType = AppContext;
    type Kind = Article;
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
        rows::by_ap_id(&mut conn.conn(), object_id.as_str())
            .await?
            .map(ApProgramme::new)
            .transpose()
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Article, FederationError> {
        let p = self.row;
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let collective = collectives::by_id(c, p.collective_id)
            .await?
            .ok_or(FederationError::NotFound("collective"))?;
        let mut steps = Vec::new();
        for s in rows::steps_of(c, p.id).await? {
            let title = use_case::stored_target(data, c, &s.target)
                .await?
                .map(|(_, title, _)| title);
            let step = Step {
                kind: "Link".into(),
                name: s.text,
                href: parse_url(&s.target)?,
            };
            steps.push((step, title));
        }
        Ok(Article {
            kind: Default::default(),
            id: self.ap_id.clone(),
            attributed_to: parse_url(&collective.ap_id)?,
            to: vec![parse_url(PUBLIC)?],
            cc: super::stored_url(collective.followers_url.as_deref())
                .into_iter()
                .collect(),
            name: p.title.clone(),
            content: Some(content_with_steps(&p.content, &steps)),
            media_type: Some("text/html".into()),
            description: Some(p.content.clone()),
            themes: p.theme_list(),
            steps: steps.into_iter().map(|(s, _)| s).collect(),
            url: Some(self.ap_id.clone()),
            published: Some(p.published.and_utc()),
            updated: p.updated.map(|u| u.and_utc()),
        })
    }

    async fn verify(
        json: &Article,
        expected_domain: &Url,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify_remote_id(&json.id, expected_domain, data)?;
        if !crate::activities::policy::same_server(&json.attributed_to, &json.id) {
            return Err(FederationError::Refused(
                "a programme's owner is on another server than the programme",
            ));
        }
        let too_long = |s: &Option<String>| s.as_ref().is_some_and(|c| c.len() > 4 * MAX_CONTENT);
        if too_long(&json.content)
            || too_long(&json.description)
            || json.name.len() > 10_000
            || json.steps.len() > MAX_STEPS
        {
            return Err(FederationError::Invalid(
                "the programme is too large".into(),
            ));
        }
        Ok(())
    }

    async fn from_json(json: Article, data: &Data<AppContext>) -> Result<Self, FederationError> {
        let collective = ObjectId::<ApCollective>::from(json.attributed_to.clone())
            .dereference(data)
            .await?;
        if collective.row.local {
            return Err(FederationError::Refused(
                "programmes of this instance's collectives are written here",
            ));
        }
        let steps: Vec<(String, String)> = json
            .steps
            .iter()
            .filter(|s| matches!(s.href.scheme(), "https" | "http"))
            .map(|s| (text::text(&s.name, MAX_STEP_TEXT), s.href.to_string()))
            .collect();
        let description = json.description.or(json.content).unwrap_or_default();
        let themes: Vec<&str> = json
            .themes
            .iter()
            .filter_map(|t| t.parse::<Theme>().ok())
            .map(Theme::id)
            .collect();
        let now = meent_db::now();
        let form = ProgrammeForm {
            ap_id: json.id.to_string(),
            local: false,
            collective_id: collective.row.id,
            title: text::text(&json.name, 200),
            source: String::new(),
            content: text::html(
                &description
                    .chars()
                    .take(4 * MAX_CONTENT)
                    .collect::<String>(),
            ),
            themes: themes.join(","),
            published: super::not_after_now(json.published).unwrap_or(now),
            updated: super::not_after_now(json.updated),
        };
        let row = use_case::store_remote(data, form, steps).await?;
        // What the steps point at is fetched in the background, so the programme's page can
        // name them: the programme is stored whether or not those servers answer.
        let (task_data, stored) = (data.reset_request_count(), row.clone());
        tokio::spawn(async move {
            if let Err(e) = learn_targets(&task_data, &stored).await {
                tracing::info!(programme = %stored.ap_id, error = %e, "a programme's steps were not looked up");
            }
        });
        ApProgramme::new(row)
    }
}
