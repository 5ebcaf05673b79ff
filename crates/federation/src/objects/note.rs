use super::{
    ApDilemma, ApMember,
    dilemma::{MAX_CONTENT, addressing},
    parse_url, verify_remote_id,
};
use crate::{
    FederationError,
    activities::policy,
    protocol::{
        actors::Source,
        objects::{Mention, Note},
    },
};
use activitypub_federation::{config::Data, fetch::object_id::ObjectId, traits::Object};
use async_trait::async_trait;
use meent_app::{
    AppContext, text,
    use_cases::remote::{self, Forward},
};
use meent_db::queries::{
    collectives,
    confirmations::{self, ConfirmationForm, ConfirmationRow},
    dilemmas::{self, DilemmaRow},
    members,
    replies::{self, COMMENT, ReplyForm, ReplyRow, SOLUTION},
};
use meent_domain::Visibility;
use url::Url;

/// What a `Note` in a dilemma's thread is stored as.
#[derive(Debug, Clone)]
pub enum NoteRow {
    /// A solution or a comment.
    Reply(ReplyRow),
    Confirmation(ConfirmationRow),
}

/// A solution, comment or confirmation as an ActivityPub `Note`.
#[derive(Debug, Clone)]
pub struct ApNote {
    pub row: NoteRow,
    ap_id: Url,
}

impl ApNote {
    pub fn new(row: NoteRow) -> Result<Self, FederationError> {
        let ap_id = parse_url(match &row {
            NoteRow::Reply(r) => &r.ap_id,
            NoteRow::Confirmation(c) => &c.ap_id,
        })?;
        Ok(ApNote { row, ap_id })
    }
}

/// What a Note replies to.
enum Parent {
    Dilemma(DilemmaRow),
    Reply(ReplyRow),
}

/// Finds what `in_reply_to` names, fetching it (and so its thread) when not known yet.
async fn parent_of(in_reply_to: &Url, data: &Data<AppContext>) -> Result<Parent, FederationError> {
    {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        if let Some(d) = dilemmas::by_ap_id(c, in_reply_to.as_str()).await? {
            return Ok(Parent::Dilemma(d));
        }
        if let Some(r) = replies::by_ap_id(c, in_reply_to.as_str()).await? {
            return Ok(Parent::Reply(r));
        }
    }
    if let Ok(d) = ObjectId::<ApDilemma>::from(in_reply_to.clone())
        .dereference(data)
        .await
    {
        return Ok(Parent::Dilemma(d.row));
    }
    match ObjectId::<ApNote>::from(in_reply_to.clone())
        .dereference(data)
        .await?
        .row
    {
        NoteRow::Reply(r) => Ok(Parent::Reply(r)),
        NoteRow::Confirmation(_) => {
            Err(FederationError::Invalid("a reply to a confirmation".into()))
        }
    }
}

/// The collective of the thread a note is stored in must be the one the note names (if it
/// names one) and, when a collective passed the note on, that collective.
async fn check_thread(
    claimed: Option<&Url>,
    announcer: Option<&Url>,
    dilemma_collective_id: i64,
    data: &Data<AppContext>,
) -> Result<(), FederationError> {
    if claimed.is_none() && announcer.is_none() {
        return Ok(());
    }
    let thread = policy::collective_of_thread(data, dilemma_collective_id).await?;
    policy::claim_matches_thread(claimed, &thread)?;
    if let Some(by) = announcer {
        policy::in_announcers_thread(by, &thread)?;
    }
    Ok(())
}

/// The collective (row id) of the thread `parent` is in.
async fn thread_collective_id(
    parent: &Parent,
    data: &Data<AppContext>,
) -> Result<i64, FederationError> {
    match parent {
        Parent::Dilemma(d) => Ok(d.collective_id),
        Parent::Reply(r) => {
            let mut conn = data.db.get().await?;
            Ok(dilemmas::by_id(&mut conn.conn(), r.dilemma_id)
                .await?
                .ok_or(FederationError::NotFound("dilemma"))?
                .collective_id)
        }
    }
}

/// Stores a received Note as a solution, comment or confirmation; `forward` passes the
/// activity it came in on to the followers when the thread is one of ours. `direct` when the
/// Note is the object of the activity being handled at the inbox, whose id is then recorded
/// as received together with an answer. `announcer`: the collective that passed it on, whose
/// thread it must be in.
pub(crate) async fn store(
    json: Note,
    data: &Data<AppContext>,
    forward: Option<Forward>,
    direct: bool,
    announcer: Option<&Url>,
) -> Result<ApNote, FederationError> {
    let author = ObjectId::<ApMember>::from(json.attributed_to.clone())
        .dereference(data)
        .await?;
    let now = meent_db::now();
    let content = text::html(&super::documents::without_links(&json.content));
    let published = super::not_after_now(json.published).unwrap_or(now);
    if let Some(solution_url) = &json.confirms {
        let parent = parent_of(solution_url, data).await?;
        check_thread(
            json.audience.as_ref(),
            announcer,
            thread_collective_id(&parent, data).await?,
            data,
        )
        .await?;
        let Parent::Reply(solution) = parent else {
            return Err(FederationError::Invalid(
                "a confirmation must confirm a solution".into(),
            ));
        };
        if solution.kind != SOLUTION {
            return Err(FederationError::Invalid(
                "a confirmation must confirm a solution".into(),
            ));
        }
        let collective = json.speaks_for.ok_or_else(|| {
            FederationError::Invalid("a confirmation names its collective in speaksFor".into())
        })?;
        // A member confirms for a collective of their own server; a confirmation cannot
        // speak for (and so replace the confirmation of) a collective elsewhere.
        if collective.host_str() != author.id().host_str()
            || collective.port() != author.id().port()
        {
            return Err(FederationError::Refused(
                "a confirmation speaks for a collective on another server than its author",
            ));
        }
        look_up_collective(&collective, data).await;
        let form = ConfirmationForm {
            ap_id: json.id.to_string(),
            local: false,
            solution_id: solution.id,
            author_id: author.row.id,
            collective: collective.to_string(),
            account: content,
            facets: json
                .facets
                .and_then(|f| serde_json::to_string(&f).ok())
                .unwrap_or_else(|| "{}".into()),
            published,
        };
        let row = remote::store_confirmation(data, form, forward).await?;
        return ApNote::new(NoteRow::Confirmation(row));
    }
    let parent = parent_of(&json.in_reply_to, data).await?;
    check_thread(
        json.audience.as_ref(),
        announcer,
        thread_collective_id(&parent, data).await?,
        data,
    )
    .await?;
    let (dilemma_id, parent_id, kind) = match parent {
        Parent::Dilemma(d) => (d.id, None, SOLUTION),
        Parent::Reply(r) => (r.dilemma_id, Some(r.id), COMMENT),
    };
    // "Uit bijeenkomst" only when the session is known here and organised by the
    // collective the solution speaks for, on its author's server: a label no one else can
    // put on an answer.
    let from_meeting = match (&json.from_session, &json.speaks_for) {
        (Some(session), Some(speaks_for))
            if kind == SOLUTION
                && crate::activities::policy::same_server(author.id(), speaks_for) =>
        {
            crate::activities::session_organised_by(data, session, speaks_for).await?
        }
        _ => None,
    };
    if let Some(c) = json
        .speaks_for
        .as_ref()
        .filter(|c| crate::activities::policy::same_server(author.id(), c))
    {
        look_up_collective(c, data).await;
    }
    let form = ReplyForm {
        content_warning: content_warning(json.summary.as_deref(), json.sensitive),
        language: language_of(json.language.as_ref(), json.content_map.as_ref()),
        from_meeting,
        ap_id: json.id.to_string(),
        local: false,
        kind: kind.into(),
        dilemma_id,
        parent_id,
        author_id: author.row.id,
        // A member answers for a collective of their own server only: one elsewhere (this
        // instance's, say) would be shown as "namens" a collective that never said it.
        speaks_for: json
            .speaks_for
            .filter(|c| crate::activities::policy::same_server(author.id(), c))
            .map(|u| u.to_string()),
        source: json
            .source
            .filter(|s| s.media_type == "text/markdown")
            .map(|s| super::documents::without_markdown_links(&s.content))
            .map(|s| s.chars().take(MAX_CONTENT).collect())
            .unwrap_or_default(),
        content,
        from_experience: json.experience.unwrap_or(false),
        published,
        updated: super::not_after_now(json.updated),
    };
    let docs = super::documents::received(&json.attachment);
    let record = if direct {
        crate::activities::received::id_to_record()
    } else {
        None
    };
    let recording = record.is_some();
    // Members of this instance it mentions are told (if it is new).
    let mut mentioned = Vec::new();
    for m in &json.tag {
        if data.urls().is_local(&m.href) {
            let mut conn = data.db.get().await?;
            if let Some(member) = members::by_ap_id(&mut conn.conn(), m.href.as_str()).await? {
                mentioned.push(member.id);
            }
        }
    }
    let row =
        remote::store_reply(data, form, &author.row, &docs, forward, record, mentioned).await?;
    if recording {
        crate::activities::received::recorded();
    }
    ApNote::new(NoteRow::Reply(row))
}

#[async_trait]
impl Object for ApNote {
    type DataType = AppContext;
    type Kind = Note;
    type Error = FederationError;

    fn id(&self) -> &Url {
        &self.ap_id
    }

    fn is_deleted(&self) -> bool {
        matches!(&self.row, NoteRow::Reply(r) if r.deleted)
    }

    async fn read_from_id(
        object_id: Url,
        data: &Data<AppContext>,
    ) -> Result<Option<Self>, FederationError> {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        if let Some(r) = replies::by_ap_id(c, object_id.as_str()).await? {
            return Ok(Some(ApNote::new(NoteRow::Reply(r))?));
        }
        confirmations::by_ap_id(c, object_id.as_str())
            .await?
            .map(|x| ApNote::new(NoteRow::Confirmation(x)))
            .transpose()
    }

    async fn into_json(self, data: &Data<AppContext>) -> Result<Note, FederationError> {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let (dilemma_id, author_id) = match &self.row {
            NoteRow::Reply(r) => (r.dilemma_id, r.author_id),
            NoteRow::Confirmation(x) => {
                let solution = replies::by_id(c, x.solution_id)
                    .await?
                    .ok_or(FederationError::NotFound("solution"))?;
                (solution.dilemma_id, x.author_id)
            }
        };
        let dilemma = dilemmas::by_id(c, dilemma_id)
            .await?
            .ok_or(FederationError::NotFound("dilemma"))?;
        let collective = collectives::by_id(c, dilemma.collective_id)
            .await?
            .ok_or(FederationError::NotFound("collective"))?;
        let author = members::by_id(c, author_id)
            .await?
            .ok_or(FederationError::NotFound("author"))?;
        let collective_id = parse_url(&collective.ap_id)?;
        let visibility: Visibility = dilemma
            .visibility
            .parse()
            .map_err(meent_app::AppError::from)?;
        // A remote dilemma's thread is the collection its own server names.
        let context = if dilemma.local {
            Some(data.urls().dilemma_context(dilemma.id))
        } else {
            super::stored_url(dilemma.context_url.as_deref())
        };
        let base = |content: String, in_reply_to: Url, published: chrono::NaiveDateTime| Note {
            kind: Default::default(),
            id: self.ap_id.clone(),
            attributed_to: Url::parse(&author.ap_id).unwrap_or_else(|_| self.ap_id.clone()),
            to: addressing(
                &collective_id,
                collective.followers_url.as_deref(),
                visibility,
            ),
            cc: vec![],
            audience: Some(collective_id.clone()),
            content,
            media_type: Some("text/html".into()),
            source: None,
            summary: None,
            sensitive: None,
            language: None,
            content_map: None,
            in_reply_to,
            attachment: Vec::new(),
            context: context.clone(),
            published: Some(published.and_utc()),
            updated: None,
            experience: None,
            speaks_for: None,
            confirms: None,
            from_session: None,
            tag: Vec::new(),
            facets: None,
        };
        Ok(match self.row {
            NoteRow::Reply(r) => {
                let in_reply_to = match r.parent_id {
                    Some(p) => parse_url(
                        &replies::by_id(c, p)
                            .await?
                            .ok_or(FederationError::NotFound("parent"))?
                            .ap_id,
                    )?,
                    None => parse_url(&dilemma.ap_id)?,
                };
                let attachment =
                    super::documents::attachments(c, data, r.dilemma_id, Some(r.id)).await?;
                let content = super::documents::with_links(r.content, &attachment);
                let mut note = base(content, in_reply_to, r.published);
                note.attachment = attachment;
                let mentioned = meent_app::use_cases::mentions::known_in(c, &r.source).await?;
                let source = super::documents::with_markdown_links(r.source, &note.attachment);
                note.source = (!source.is_empty()).then(|| Source {
                    content: source,
                    media_type: "text/markdown".into(),
                });
                note.updated = r.updated.map(|u| u.and_utc());
                if r.kind == SOLUTION {
                    note.experience = Some(r.from_experience);
                }
                note.speaks_for = r.speaks_for.as_deref().and_then(|s| Url::parse(s).ok());
                note.from_session = r.from_meeting.as_deref().and_then(|s| Url::parse(s).ok());
                // The people the text mentions, known here: tagged, and addressed in `cc`
                // (Mastodon-like servers show a mention only then).
                for m in mentioned {
                    if let Ok(href) = Url::parse(&m.member.ap_id) {
                        note.cc.push(href.clone());
                        note.tag.push(Mention {
                            kind: "Mention".into(),
                            href,
                            name: Some(format!("@{}", m.handle)),
                        });
                    }
                }
                note
            }
            NoteRow::Confirmation(x) => {
                let solution = replies::by_id(c, x.solution_id)
                    .await?
                    .ok_or(FederationError::NotFound("solution"))?;
                let solution_url = parse_url(&solution.ap_id)?;
                let mut note = base(x.account, solution_url.clone(), x.published);
                note.confirms = Some(solution_url);
                note.speaks_for = Url::parse(&x.collective).ok();
                note.facets = serde_json::from_str(&x.facets).ok();
                note
            }
        })
    }

    async fn verify(
        json: &Note,
        expected_domain: &Url,
        data: &Data<AppContext>,
    ) -> Result<(), FederationError> {
        verify_remote_id(&json.id, expected_domain, data)?;
        if json.attributed_to.host_str() != json.id.host_str() {
            return Err(FederationError::Refused(
                "a note's author is on another host than the note",
            ));
        }
        if json.content.len() > MAX_CONTENT {
            return Err(FederationError::Invalid("the note is too large".into()));
        }
        Ok(())
    }

    async fn from_json(json: Note, data: &Data<AppContext>) -> Result<Self, FederationError> {
        store(json, data, None, false, None).await
    }
}

/// Fetches the collective an answer or confirmation speaks for, unless it is known, so that
/// every instance shows its name ("namens Huurders West") rather than its address. It only
/// names: when the fetch fails, the address is shown and the answer is kept.
async fn look_up_collective(url: &Url, data: &Data<AppContext>) {
    if let Err(e) = ObjectId::<super::ApCollective>::from(url.clone())
        .dereference(data)
        .await
    {
        tracing::debug!(%url, error = %e, "the collective an answer speaks for was not found");
    }
}

/// Longest content warning kept.
const MAX_WARNING: usize = 300;

/// The language a received answer says it is in: Lemmy's `language` (`{identifier}`),
/// else the one language of Mastodon's `contentMap`; a primary subtag of two or three
/// letters (`nl-BE` is `nl`), never "und". Empty when it says none, or several.
fn language_of(
    language: Option<&serde_json::Value>,
    content_map: Option<&serde_json::Value>,
) -> String {
    let code = |tag: &str| {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Some(primary).filter(|p| {
            (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()) && p != "und"
        })
    };
    let declared = language
        .and_then(|l| l.get("identifier").and_then(|i| i.as_str()))
        .and_then(code);
    let mapped = || {
        let keys: Vec<String> = content_map?
            .as_object()?
            .keys()
            .filter_map(|k| code(k))
            .collect();
        match keys.as_slice() {
            [first, rest @ ..] if rest.iter().all(|k| k == first) => Some(first.clone()),
            _ => None,
        }
    };
    declared.or_else(mapped).unwrap_or_default()
}

/// The content warning of a received answer: Mastodon puts it in `summary` and sets
/// `sensitive`; `sensitive` alone is a warning without words. It is kept as text (shown
/// escaped, on one line), cut to [`MAX_WARNING`] characters; empty: none.
fn content_warning(summary: Option<&str>, sensitive: Option<bool>) -> String {
    let words: Vec<&str> = summary.unwrap_or_default().split_whitespace().collect();
    let text = text::text(&words.join(" "), MAX_WARNING);
    match (text.is_empty(), sensitive.unwrap_or(false)) {
        (false, _) => text,
        // A warning with no words of its own: the page says "sensitive".
        (true, true) => "⚠".to_owned(),
        (true, false) => String::new(),
    }
}

#[cfg(test)]
mod warning_tests {
    use super::{content_warning, language_of};
    use serde_json::json;

    #[test]
    fn an_answers_language_is_read_from_lemmy_or_mastodon() {
        // Lemmy: `language` as `{identifier, name}`; "und" says nothing.
        let lemmy = json!({"identifier": "nl", "name": "Nederlands"});
        assert_eq!(language_of(Some(&lemmy), None), "nl");
        assert_eq!(language_of(Some(&json!({"identifier": "und"})), None), "");
        // Mastodon: `contentMap` with one language.
        assert_eq!(
            language_of(None, Some(&json!({"nl-BE": "<p>Hoi</p>"}))),
            "nl"
        );
        assert_eq!(language_of(None, Some(&json!({"en": "a", "nl": "b"}))), "");
        // Nonsense is ignored, never passed into an attribute.
        assert_eq!(
            language_of(Some(&json!({"identifier": "\"><script>"})), None),
            ""
        );
        assert_eq!(language_of(Some(&json!("nl")), Some(&json!([1, 2]))), "");
        assert_eq!(language_of(None, None), "");
    }

    #[test]
    fn a_content_warning_is_plain_text_or_nothing() {
        assert_eq!(
            content_warning(Some("Over een ruzie"), Some(true)),
            "Over een ruzie"
        );
        assert_eq!(content_warning(Some("Let\n\n op\u{0}"), None), "Let op");
        assert_eq!(content_warning(None, Some(true)), "⚠");
        assert_eq!(content_warning(Some("   "), Some(false)), "");
        assert_eq!(content_warning(None, None), "");
        assert_eq!(
            content_warning(Some(&"a".repeat(1000)), None)
                .chars()
                .count(),
            300
        );
    }
}
