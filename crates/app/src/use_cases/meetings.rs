//! Sessions (bijeenkomsten): a support organisation invites collectives from any instance to
//! discuss one or more dilemmas. The organiser's instance decides who has a place (in the
//! order registrations came, up to the capacity; the rest wait and move up when a place comes
//! free); a registering instance shows what it was told. Each change is one transaction
//! with the outbox rows that tell the other instances.

use crate::{
    AppContext, AppError, Resolved, outbox::enqueue, text, urls::Urls, use_cases::access::Reader,
};
use chrono::NaiveDateTime;
use meent_db::{
    Conn,
    queries::{
        collectives::{self, CollectiveRow},
        dilemmas::{self, DilemmaRow},
        meeting_registrations::{self as registrations, RegistrationForm, RegistrationRow},
        meetings::{self, MeetingForm, MeetingRow},
        members::{self, MemberRow},
    },
};
use meent_domain::{
    CollectiveKind, JoinAnswer, JoinRef, MeetingMode, OutboundActivity, RegistrationState, Verb,
    meeting,
};
use url::Url;

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 20_000;
const MAX_PLACE: usize = 500;
const MAX_DILEMMAS: usize = 10;
const MAX_CAPACITY: i64 = 10_000;

/// A session as its organiser fills it in. Times are wall-clock times in `time_zone`.
#[derive(Debug, Clone)]
pub struct MeetingInput {
    pub title: String,
    /// Markdown.
    pub description: String,
    pub mode: MeetingMode,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    /// An IANA name; empty means Europe/Amsterdam.
    pub time_zone: String,
    pub place: String,
    pub meeting_link: Option<String>,
    /// How many collectives get a place; `None` for no limit.
    pub capacity: Option<i64>,
    /// The dilemmas it is about: their URLs (here or on any instance), at least one.
    pub dilemmas: Vec<String>,
}

/// A session with what a page or the API shows of it.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: MeetingRow,
    pub organiser: CollectiveRow,
    /// Each dilemma's URL, with the dilemma when it is stored here and the reader may see it.
    pub dilemmas: Vec<(String, Option<DilemmaRow>)>,
    /// On the organiser's instance every registration; elsewhere those of local collectives.
    pub registrations: Vec<RegistrationView>,
    /// How many collectives have a place (the organiser's count for a remote session).
    pub participants: i64,
    /// Shown only to the organiser and to collectives with a place.
    pub meeting_link: Option<String>,
    /// The reader coordinates the organising collective (on its own instance).
    pub can_manage: bool,
    /// The reader's local collectives that may register (not registered now).
    pub may_register: Vec<CollectiveRow>,
    /// The collectives that took part, as recorded with the outcome, each with its row
    /// when known here.
    pub took_part: Vec<(String, Option<CollectiveRow>)>,
}

#[derive(Debug, Clone)]
pub struct RegistrationView {
    pub row: RegistrationRow,
    pub state: RegistrationState,
    /// The registered collective, when known here.
    pub collective: Option<CollectiveRow>,
    pub member: Option<MemberRow>,
    /// One of the reader's own collectives: they may cancel it.
    pub mine: bool,
}

fn parse_url(s: &str) -> Result<Url, AppError> {
    Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")))
}

/// A session's input as stored: times in UTC, the zone, the link and the capacity.
struct Checked {
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    zone: String,
    link: Option<String>,
    capacity: Option<i64>,
}

/// Checks the input and turns its times into UTC.
fn checked(input: &MeetingInput) -> Result<Checked, AppError> {
    let title = input.title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(AppError::Invalid(format!(
            "a session needs a title of 1 to {MAX_TITLE} characters"
        )));
    }
    if input.description.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::Invalid(format!(
            "the description has more than {MAX_DESCRIPTION} characters"
        )));
    }
    if input.place.chars().count() > MAX_PLACE {
        return Err(AppError::Invalid(format!(
            "the place has more than {MAX_PLACE} characters"
        )));
    }
    let zone = match input.time_zone.trim() {
        "" => meeting::DEFAULT_TIME_ZONE.to_owned(),
        z => z.to_owned(),
    };
    let invalid = |e: meeting::LocalTimeError| AppError::Invalid(e.to_string());
    let starts = meeting::to_utc(input.starts_at, &zone).map_err(invalid)?;
    let ends = meeting::to_utc(input.ends_at, &zone).map_err(invalid)?;
    if ends <= starts {
        return Err(AppError::Invalid("a session ends after it starts".into()));
    }
    if starts <= meent_db::now() {
        return Err(AppError::Invalid("a session starts in the future".into()));
    }
    let link = match input.meeting_link.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(l) => match Url::parse(l) {
            Ok(u) if matches!(u.scheme(), "https" | "http") => Some(u.to_string()),
            _ => {
                return Err(AppError::Invalid(
                    "the meeting link is a web address (https://…)".into(),
                ));
            }
        },
    };
    if let Some(c) = input.capacity
        && !(1..=MAX_CAPACITY).contains(&c)
    {
        return Err(AppError::Invalid(format!(
            "the number of places is 1 to {MAX_CAPACITY}, or empty for no limit"
        )));
    }
    if input.dilemmas.is_empty() || input.dilemmas.len() > MAX_DILEMMAS {
        return Err(AppError::Invalid(format!(
            "a session is about 1 to {MAX_DILEMMAS} dilemmas"
        )));
    }
    Ok(Checked {
        starts,
        ends,
        zone,
        link,
        capacity: input.capacity,
    })
}

/// A new local session's row from its checked input.
fn local_form(
    input: MeetingInput,
    checked: Checked,
    ap_id: String,
    collective_id: i64,
    now: NaiveDateTime,
) -> MeetingForm {
    MeetingForm {
        ap_id,
        local: true,
        collective_id,
        title: input.title.trim().to_owned(),
        content: text::markdown(&input.description),
        source: input.description,
        mode: input.mode.as_str().to_owned(),
        starts_at: checked.starts,
        ends_at: checked.ends,
        time_zone: checked.zone,
        place: input.place.trim().to_owned(),
        meeting_link: checked.link,
        capacity: checked.capacity,
        participant_count: 0,
        published: now,
        updated: None,
    }
}

/// The dilemmas named by URL, each stored here (fetched when needed) and public: a session
/// is public, and so is what it is about.
async fn public_dilemmas(
    ctx: &AppContext,
    reader: &Reader,
    urls: &[String],
) -> Result<Vec<String>, AppError> {
    let mut out: Vec<String> = Vec::new();
    for url in urls.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
        let found = crate::use_cases::search::resolve(ctx, reader, url).await?;
        let Resolved::Dilemma(d) = found else {
            return Err(AppError::Invalid(format!("{url} is not a dilemma")));
        };
        if d.visibility != meent_domain::Visibility::Public.as_str() {
            return Err(AppError::Invalid(
                "a session can only be about public dilemmas".into(),
            ));
        }
        if !out.contains(&d.ap_id) {
            out.push(d.ap_id);
        }
    }
    if out.is_empty() {
        return Err(AppError::Invalid(
            "a session is about at least one dilemma".into(),
        ));
    }
    Ok(out)
}

/// The local support organisation `collective_name`, which the reader coordinates.
async fn organiser(
    c: &mut Conn<'_>,
    reader: &Reader,
    collective_name: &str,
) -> Result<CollectiveRow, AppError> {
    let collective = collectives::local_by_name(c, collective_name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    may_organise(reader, collective)
}

/// The organising collective of the local session `meeting`, which the reader coordinates.
async fn organiser_of(
    c: &mut Conn<'_>,
    reader: &Reader,
    meeting: &MeetingRow,
) -> Result<CollectiveRow, AppError> {
    let collective = collectives::by_id(c, meeting.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    may_organise(reader, collective)
}

/// `collective` when it is a support organisation the reader coordinates.
fn may_organise(reader: &Reader, collective: CollectiveRow) -> Result<CollectiveRow, AppError> {
    if !reader.coordinates(collective.id) {
        return Err(AppError::Forbidden(
            "only coordinators of the collective organise its sessions",
        ));
    }
    if collective.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "sessions are organised by support organisations",
        ));
    }
    Ok(collective)
}

fn meeting_activity(
    ctx: &AppContext,
    verb: Verb,
    collective: &CollectiveRow,
    meeting: &MeetingRow,
) -> Result<OutboundActivity, AppError> {
    let kind = match verb {
        Verb::Create => "create",
        Verb::Update => "update",
        Verb::Delete => "delete",
    };
    Ok(OutboundActivity::Meeting {
        id: ctx.urls().new_activity(kind),
        verb,
        actor: parse_url(&collective.ap_id)?,
        object: parse_url(&meeting.ap_id)?,
    })
}

/// A coordinator of a local support organisation creates a session.
pub async fn create(
    ctx: &AppContext,
    reader: &Reader,
    collective_name: &str,
    input: MeetingInput,
) -> Result<MeetingRow, AppError> {
    reader.require_member()?;
    let checked = checked(&input)?;
    // Fetched before the transaction: a remote dilemma may take a while.
    let about = public_dilemmas(ctx, reader, &input.dilemmas).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let collective = organiser(c, reader, collective_name).await?;
    let form = local_form(input, checked, Urls::provisional(), collective.id, now);
    let row = meetings::upsert(c, &form, now).await?;
    let row = meetings::set_ap_id(c, row.id, ctx.urls().meeting(row.id).as_str()).await?;
    meetings::set_dilemmas(c, row.id, &about).await?;
    enqueue(c, &meeting_activity(ctx, Verb::Create, &collective, &row)?).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The organiser changes a session. More places let collectives on the waiting list move up.
pub async fn edit(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    input: MeetingInput,
) -> Result<MeetingRow, AppError> {
    reader.require_member()?;
    let checked = checked(&input)?;
    let about = public_dilemmas(ctx, reader, &input.dilemmas).await?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let old = local_meeting(c, id).await?;
    let collective = organiser_of(c, reader, &old).await?;
    let form = MeetingForm {
        participant_count: old.participant_count,
        published: old.published,
        updated: Some(now),
        ..local_form(input, checked, old.ap_id.clone(), collective.id, now)
    };
    let placed_before: Vec<RegistrationRow> = registrations::of_meeting(c, old.id)
        .await?
        .into_iter()
        .filter(|r| r.state == RegistrationState::Accepted.as_str())
        .collect();
    let row = meetings::upsert(c, &form, now).await?;
    meetings::set_dilemmas(c, row.id, &about).await?;
    fill_places(c, ctx, &row).await?;
    let row = local_meeting(c, id).await?;
    // The meeting link travels only in the answer to a registration (the `Event` is
    // public): a changed link is answered again to those with a place.
    if row.meeting_link != old.meeting_link {
        for r in &placed_before {
            answer_remote(c, ctx, &row, r, JoinAnswer::Accept).await?;
        }
    }
    enqueue(c, &meeting_activity(ctx, Verb::Update, &collective, &row)?).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The organiser cancels a session: it is shown as cancelled and other instances are told.
pub async fn cancel(ctx: &AppContext, reader: &Reader, id: i64) -> Result<(), AppError> {
    reader.require_member()?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let row = local_meeting(c, id).await?;
    let collective = organiser_of(c, reader, &row).await?;
    meetings::mark_deleted(c, row.id, now).await?;
    enqueue(c, &meeting_activity(ctx, Verb::Delete, &collective, &row)?).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

async fn local_meeting(c: &mut Conn<'_>, id: i64) -> Result<MeetingRow, AppError> {
    meetings::by_id(c, id)
        .await?
        .filter(|m| m.local && !m.deleted)
        .ok_or(AppError::NotFound("session"))
}

/// What came out of a session, as its organiser writes it.
#[derive(Debug, Clone, Default)]
pub struct OutcomeInput {
    /// Markdown.
    pub conclusions: String,
    /// Solutions proposed at the session (Markdown each): they become solutions to its
    /// first dilemma, marked as coming from the session, which that dilemma's collective
    /// can accept like any other.
    pub candidates: Vec<String>,
}

const MAX_CANDIDATES: usize = 10;

/// The organiser writes the outcome: conclusions, the collectives that took part (those
/// with a place) and candidate solutions. Other instances get the session's `Update` and
/// the solutions in the dilemma's thread.
pub async fn write_outcome(
    ctx: &AppContext,
    reader: &Reader,
    id: i64,
    input: OutcomeInput,
) -> Result<MeetingRow, AppError> {
    let author = reader.require_member()?;
    let candidates: Vec<String> = input
        .candidates
        .into_iter()
        .filter(|c| !c.trim().is_empty())
        .collect();
    if input.conclusions.trim().is_empty() && candidates.is_empty() {
        return Err(AppError::Invalid(
            "write the conclusions or at least one proposed solution".into(),
        ));
    }
    if input.conclusions.chars().count() > MAX_DESCRIPTION || candidates.len() > MAX_CANDIDATES {
        return Err(AppError::Invalid(format!(
            "conclusions of at most {MAX_DESCRIPTION} characters and at most \
             {MAX_CANDIDATES} proposed solutions"
        )));
    }
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let meeting = local_meeting(c, id).await?;
    let collective = organiser_of(c, reader, &meeting).await?;
    let participants: Vec<String> = registrations::of_meeting(c, meeting.id)
        .await?
        .into_iter()
        .filter(|r| r.state == RegistrationState::Accepted.as_str())
        .map(|r| r.collective)
        .collect();
    meetings::set_outcome(
        c,
        meeting.id,
        &text::markdown(&input.conclusions),
        &input.conclusions,
        &participants,
        now,
    )
    .await?;
    if !candidates.is_empty() {
        let first = meetings::dilemmas_of(c, meeting.id).await?;
        let dilemma = match first.first() {
            Some(url) => dilemmas::by_ap_id(c, url).await?,
            None => None,
        }
        .filter(|d| !d.deleted)
        .ok_or(AppError::NotFound("dilemma"))?;
        for body in candidates {
            crate::use_cases::replies::add_from_meeting(
                c,
                ctx,
                &dilemma,
                author,
                &collective.ap_id,
                body,
                &meeting.ap_id,
            )
            .await?;
        }
    }
    let row = local_meeting(c, id).await?;
    enqueue(c, &meeting_activity(ctx, Verb::Update, &collective, &row)?).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The outcome of a remote session as its organiser's instance describes it.
pub async fn store_remote_outcome(
    ctx: &AppContext,
    meeting: &MeetingRow,
    html: &str,
    participants: &[String],
    at: NaiveDateTime,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    meetings::set_outcome(&mut tx.conn(), meeting.id, html, "", participants, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Reminds the members of local collectives with a place at a session that starts within a
/// day of `now` (each registration once). Run by housekeeping; returns how many
/// registrations were reminded.
pub async fn send_reminders(ctx: &AppContext, now: NaiveDateTime) -> Result<usize, AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let due = registrations::due_reminders(c, now, now + chrono::Duration::days(1)).await?;
    for r in &due {
        let Some(meeting) = meetings::by_id(c, r.meeting_id).await? else {
            continue;
        };
        let organiser = collectives::by_id(c, meeting.collective_id)
            .await?
            .map(|o| o.display_name)
            .unwrap_or_default();
        if let Some(collective) = collectives::by_ap_id(c, &r.collective)
            .await?
            .filter(|col| col.local)
        {
            for (member, _) in meent_db::queries::memberships::members_of(c, collective.id).await? {
                crate::notifications::session_reminder(c, member.id, meeting.id, &organiser)
                    .await?;
            }
        }
        registrations::mark_reminded(c, r.id, now).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// A session known here (local or remote), not cancelled.
pub async fn get(ctx: &AppContext, id: i64) -> Result<MeetingRow, AppError> {
    let mut conn = ctx.db.get().await?;
    meetings::by_id(&mut conn.conn(), id)
        .await?
        .filter(|m| !m.deleted)
        .ok_or(AppError::NotFound("session"))
}

/// A session with its dilemmas and registrations as `reader` may see them.
pub async fn view(ctx: &AppContext, reader: &Reader, id: i64) -> Result<MeetingView, AppError> {
    let meeting = get(ctx, id).await?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let organiser = collectives::by_id(c, meeting.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let mut about = Vec::new();
    for url in meetings::dilemmas_of(c, meeting.id).await? {
        let d = dilemmas::by_ap_id(c, &url)
            .await?
            .filter(|d| reader.may_see(d));
        about.push((url, d));
    }
    let own: Vec<CollectiveRow> = {
        let ids: Vec<i64> = reader.memberships.iter().map(|(id, _)| *id).collect();
        collectives::by_ids(c, &ids).await?
    };
    let can_manage = meeting.local && reader.coordinates(meeting.collective_id);
    let mut took_part = Vec::new();
    for url in meeting.participant_list() {
        let row = collectives::by_ap_id(c, &url).await?;
        took_part.push((url, row));
    }
    let mut registrations = Vec::new();
    for row in registrations::of_meeting(c, meeting.id).await? {
        let state: RegistrationState = row.state.parse()?;
        let mine = own.iter().any(|o| o.ap_id == row.collective);
        registrations.push(RegistrationView {
            collective: collectives::by_ap_id(c, &row.collective).await?,
            member: members::by_id(c, row.member_id).await?,
            state,
            mine,
            row,
        });
    }
    let participants = if meeting.local {
        registrations
            .iter()
            .filter(|r| r.state == RegistrationState::Accepted)
            .count() as i64
    } else {
        meeting.participant_count
    };
    let has_place = registrations
        .iter()
        .find(|r| r.mine && r.state == RegistrationState::Accepted);
    let meeting_link = if can_manage {
        meeting.meeting_link.clone()
    } else if let Some(r) = has_place {
        if meeting.local {
            meeting.meeting_link.clone()
        } else {
            r.row.meeting_link.clone()
        }
    } else {
        None
    };
    let may_register = own
        .into_iter()
        .filter(|o| o.id != meeting.collective_id)
        .filter(|o| {
            !registrations
                .iter()
                .any(|r| r.row.collective == o.ap_id && r.state.is_active())
        })
        .collect();
    Ok(MeetingView {
        meeting,
        organiser,
        dilemmas: about,
        registrations,
        participants,
        meeting_link,
        can_manage,
        may_register,
        took_part,
    })
}

/// The sessions a collective organises, soonest first.
pub async fn of_collective(
    ctx: &AppContext,
    collective: &CollectiveRow,
) -> Result<Vec<MeetingRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(meetings::of_collective(&mut conn.conn(), collective.id).await?)
}

/// The sessions about a dilemma, soonest first.
pub async fn about_dilemma(
    ctx: &AppContext,
    dilemma: &DilemmaRow,
) -> Result<Vec<MeetingRow>, AppError> {
    let mut conn = ctx.db.get().await?;
    Ok(meetings::about_dilemma(&mut conn.conn(), &dilemma.ap_id).await?)
}

/// The local collective `collective_name`, to which the reader belongs.
async fn own_collective(
    c: &mut Conn<'_>,
    reader: &Reader,
    collective_name: &str,
) -> Result<CollectiveRow, AppError> {
    let collective = collectives::local_by_name(c, collective_name)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    if !reader.is_member_of(collective.id) {
        return Err(AppError::Forbidden(
            "you can only register your own collective",
        ));
    }
    Ok(collective)
}

/// A member registers their collective for a session. Here, the place is decided at once;
/// for a session elsewhere the registration is sent and waits for the organiser's answer.
pub async fn register(
    ctx: &AppContext,
    reader: &Reader,
    meeting_id: i64,
    collective_name: &str,
) -> Result<RegistrationRow, AppError> {
    let member = reader.require_member()?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let meeting = meetings::by_id(c, meeting_id)
        .await?
        .filter(|m| !m.deleted)
        .ok_or(AppError::NotFound("session"))?;
    let collective = own_collective(c, reader, collective_name).await?;
    if collective.id == meeting.collective_id {
        return Err(AppError::Invalid(
            "the organising collective does not register for its own session".into(),
        ));
    }
    if meeting.starts_at <= now {
        return Err(AppError::Invalid("this session has already started".into()));
    }
    if let Some(existing) = registrations::find(c, meeting.id, &collective.ap_id).await?
        && existing.state.parse::<RegistrationState>()?.is_active()
    {
        return Err(AppError::Conflict(
            "this collective is already registered".into(),
        ));
    }
    let join_id = ctx.urls().new_activity("join");
    let state = if meeting.local {
        RegistrationState::Waiting
    } else {
        RegistrationState::Pending
    };
    let form = RegistrationForm {
        ap_id: join_id.to_string(),
        meeting_id: meeting.id,
        member_id: member.id,
        collective: collective.ap_id.clone(),
        state: state.as_str().into(),
        meeting_link: None,
        registered_at: now,
        updated_at: now,
        reminded_at: None,
    };
    let row = registrations::upsert(c, &form).await?;
    if meeting.local {
        fill_places(c, ctx, &meeting).await?;
    } else {
        let organiser = collectives::ap_id_by_id(c, meeting.collective_id)
            .await?
            .ok_or(AppError::NotFound("collective"))?;
        enqueue(
            c,
            &OutboundActivity::Join {
                join: JoinRef {
                    id: join_id,
                    actor: parse_url(&member.ap_id)?,
                    object: parse_url(&meeting.ap_id)?,
                    speaks_for: parse_url(&collective.ap_id)?,
                },
                organiser: parse_url(&organiser)?,
            },
        )
        .await?;
    }
    let row = registrations::by_ap_id(c, &row.ap_id)
        .await?
        .ok_or(AppError::NotFound("registration"))?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// A member withdraws their collective's registration; its place goes to the first on the
/// waiting list.
pub async fn cancel_registration(
    ctx: &AppContext,
    reader: &Reader,
    meeting_id: i64,
    collective_name: &str,
) -> Result<(), AppError> {
    reader.require_member()?;
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let meeting = meetings::by_id(c, meeting_id)
        .await?
        .ok_or(AppError::NotFound("session"))?;
    let collective = own_collective(c, reader, collective_name).await?;
    let row = registrations::find(c, meeting.id, &collective.ap_id)
        .await?
        .filter(|r| {
            r.state
                .parse::<RegistrationState>()
                .is_ok_and(RegistrationState::is_active)
        })
        .ok_or(AppError::NotFound("registration"))?;
    registrations::set_state(c, row.id, RegistrationState::Cancelled.as_str(), None, now).await?;
    if meeting.local {
        fill_places(c, ctx, &meeting).await?;
    } else {
        let organiser = collectives::ap_id_by_id(c, meeting.collective_id)
            .await?
            .ok_or(AppError::NotFound("collective"))?;
        let member = members::by_id(c, row.member_id)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        enqueue(
            c,
            &OutboundActivity::Leave {
                id: ctx.urls().new_activity("leave"),
                join: JoinRef {
                    id: parse_url(&row.ap_id)?,
                    actor: parse_url(&member.ap_id)?,
                    object: parse_url(&meeting.ap_id)?,
                    speaks_for: parse_url(&collective.ap_id)?,
                },
                organiser: parse_url(&organiser)?,
            },
        )
        .await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// Gives the free places of a local session to the registrations waiting longest, and tells
/// the remote ones; stores the number of collectives with a place.
async fn fill_places(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    meeting: &MeetingRow,
) -> Result<(), AppError> {
    let now = meent_db::now();
    let all = registrations::of_meeting(c, meeting.id).await?;
    let mut accepted = all
        .iter()
        .filter(|r| r.state == RegistrationState::Accepted.as_str())
        .count() as i64;
    for r in all
        .iter()
        .filter(|r| r.state == RegistrationState::Waiting.as_str())
    {
        if meeting.capacity.is_some_and(|cap| accepted >= cap) {
            break;
        }
        registrations::set_state(c, r.id, RegistrationState::Accepted.as_str(), None, now).await?;
        accepted += 1;
        answer_remote(c, ctx, meeting, r, JoinAnswer::Accept).await?;
    }
    meetings::set_participant_count(c, meeting.id, accepted).await?;
    Ok(())
}

/// Tells a registrant on another instance how its registration stands; nothing for a
/// local one, who sees it here.
async fn answer_remote(
    c: &mut Conn<'_>,
    ctx: &AppContext,
    meeting: &MeetingRow,
    registration: &RegistrationRow,
    answer: JoinAnswer,
) -> Result<(), AppError> {
    let Some(member) = members::by_id(c, registration.member_id)
        .await?
        .filter(|m| !m.local)
    else {
        return Ok(());
    };
    let organiser = collectives::ap_id_by_id(c, meeting.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    enqueue(
        c,
        &OutboundActivity::AnswerJoin {
            id: ctx.urls().new_activity(answer.activity_type()),
            actor: parse_url(&organiser)?,
            join: JoinRef {
                id: parse_url(&registration.ap_id)?,
                actor: parse_url(&member.ap_id)?,
                object: parse_url(&meeting.ap_id)?,
                speaks_for: parse_url(&registration.collective)?,
            },
            answer,
            meeting_link: meeting
                .meeting_link
                .clone()
                .filter(|_| answer == JoinAnswer::Accept),
        },
    )
    .await
}

/// A registration from another instance for a local session (`Join`, already checked by
/// the federation policy): a place if one is free, else the waiting list; either way the
/// registrant is told. A registration it repeats is answered again as it stands.
pub async fn receive_join(
    ctx: &AppContext,
    meeting: &MeetingRow,
    member: &MemberRow,
    join_id: &Url,
    speaks_for: &Url,
) -> Result<RegistrationState, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let meeting = local_meeting(c, meeting.id).await?;
    let existing = registrations::find(c, meeting.id, speaks_for.as_str()).await?;
    let row = match existing {
        Some(r) if r.state.parse::<RegistrationState>()?.is_active() => r,
        _ => {
            let form = RegistrationForm {
                ap_id: join_id.to_string(),
                meeting_id: meeting.id,
                member_id: member.id,
                collective: speaks_for.to_string(),
                state: RegistrationState::Waiting.as_str().into(),
                meeting_link: None,
                registered_at: now,
                updated_at: now,
                reminded_at: None,
            };
            let row = registrations::upsert(c, &form).await?;
            let before = row.state.clone();
            fill_places(c, ctx, &meeting).await?;
            let row = registrations::by_ap_id(c, &row.ap_id)
                .await?
                .ok_or(AppError::NotFound("registration"))?;
            if row.state != before {
                // Accepted, and told so by `fill_places`.
                tx.commit().await?;
                ctx.outbox.notify();
                return Ok(RegistrationState::Accepted);
            }
            row
        }
    };
    let state: RegistrationState = row.state.parse()?;
    let answer = match state {
        RegistrationState::Accepted => JoinAnswer::Accept,
        _ => JoinAnswer::TentativeAccept,
    };
    answer_remote(c, ctx, &meeting, &row, answer).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(state)
}

/// A registrant on another instance withdraws (`Leave`): their collectives' active
/// registrations for the session are cancelled and the places given on.
pub async fn receive_leave(
    ctx: &AppContext,
    meeting: &MeetingRow,
    member: &MemberRow,
) -> Result<(), AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let meeting = local_meeting(c, meeting.id).await?;
    for r in registrations::of_meeting(c, meeting.id).await? {
        if r.member_id == member.id && r.state.parse::<RegistrationState>()?.is_active() {
            registrations::set_state(c, r.id, RegistrationState::Cancelled.as_str(), None, now)
                .await?;
        }
    }
    fill_places(c, ctx, &meeting).await?;
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(())
}

/// The organiser's answer to a local collective's registration for a remote session.
pub async fn receive_answer(
    ctx: &AppContext,
    registration: &RegistrationRow,
    answer: JoinAnswer,
    meeting_link: Option<&str>,
) -> Result<(), AppError> {
    let state = match answer {
        JoinAnswer::Accept => RegistrationState::Accepted,
        JoinAnswer::TentativeAccept => RegistrationState::Waiting,
        JoinAnswer::Reject => RegistrationState::Rejected,
    };
    let link = meeting_link
        .filter(|_| state == RegistrationState::Accepted)
        .and_then(|l| Url::parse(l).ok())
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .map(|u| u.to_string());
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let current = registrations::by_ap_id(c, &registration.ap_id)
        .await?
        .ok_or(AppError::NotFound("registration"))?;
    // A late answer to a registration withdrawn since changes nothing.
    if current.state == RegistrationState::Cancelled.as_str() {
        return Ok(());
    }
    registrations::set_state(
        c,
        current.id,
        state.as_str(),
        link.as_deref(),
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A session as another instance describes it, stored or replaced.
pub async fn store_remote(
    ctx: &AppContext,
    form: MeetingForm,
    about: Vec<String>,
) -> Result<MeetingRow, AppError> {
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let row = meetings::upsert(c, &form, now).await?;
    meetings::set_dilemmas(c, row.id, &about).await?;
    tx.commit().await?;
    Ok(row)
}

/// A remote session cancelled by its organiser.
pub async fn cancel_remote(ctx: &AppContext, meeting: &MeetingRow) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    meetings::mark_deleted(&mut tx.conn(), meeting.id, meent_db::now()).await?;
    tx.commit().await?;
    Ok(())
}
