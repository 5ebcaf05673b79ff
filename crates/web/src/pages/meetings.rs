//! Sessions (bijeenkomsten) in the browser: a session's page with registration, the
//! organiser's form (new and changing one), and the `.ics` downloads.

use crate::{
    api::parse_local_time,
    browser::{CsrfForm, Ui, problem},
};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError, collectives,
    use_cases::meetings::{self, MeetingInput, MeetingView},
};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::{CollectiveKind, MeetingMode, meeting};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage<'a> {
    ui: &'a Ui,
    v: MeetingView,
    starts: String,
    ends: String,
    mode_key: String,
}

/// A session's page, for one known here (organised here or elsewhere).
pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui, id: web::Path<i64>) -> HttpResponse {
    match meetings::view(&ctx, &ui.reader, *id).await {
        Ok(v) => {
            let zone = v.meeting.time_zone.clone();
            let starts = ui.date(&meeting::to_local(v.meeting.starts_at, &zone));
            let ends = ui.date(&meeting::to_local(v.meeting.ends_at, &zone));
            let mode_key = format!("session-mode-{}", v.meeting.mode);
            problem::render(
                StatusCode::OK,
                &MeetingPage {
                    ui: &ui,
                    mode_key,
                    v,
                    starts,
                    ends,
                },
            )
        }
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct RegisterForm {
    collective: String,
    /// `register` or `cancel`.
    action: String,
}

/// Registers a collective for the session, or withdraws its registration.
pub(super) async fn register(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = if form.action == "cancel" {
        meetings::cancel_registration(&ctx, &ui.reader, *id, &form.collective).await
    } else {
        meetings::register(&ctx, &ui.reader, *id, &form.collective)
            .await
            .map(|_| ())
    };
    match result {
        Ok(()) => problem::see_other(&format!("/m/{id}")),
        Err(e) => problem::failure(&ui, e),
    }
}

/// The organiser cancels the session.
pub(super) async fn cancel(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Confirm>,
) -> HttpResponse {
    match meetings::cancel(&ctx, &ui.reader, *id).await {
        Ok(()) => problem::see_other(&format!("/m/{id}")),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct Confirm {}

#[derive(Deserialize)]
pub struct OutcomeFields {
    #[serde(default)]
    conclusions: String,
    /// One proposed solution (the form offers one at a time).
    #[serde(default)]
    candidate: String,
}

/// The organiser writes the outcome; a proposed solution goes to the dilemma's thread.
pub(super) async fn outcome(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<OutcomeFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let input = meetings::OutcomeInput {
        conclusions: form.conclusions,
        candidates: vec![form.candidate],
    };
    match meetings::write_outcome(&ctx, &ui.reader, *id, input).await {
        Ok(_) => problem::see_other(&format!("/m/{id}")),
        Err(e) => problem::failure(&ui, e),
    }
}

/// The fields of the organiser's form, as typed.
#[derive(Debug, Default, Deserialize)]
pub struct MeetingFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    meeting_link: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    dilemma: String,
    /// Further dilemmas the session is about (set through the API), kept when the form is
    /// saved.
    #[serde(default)]
    also_about: Vec<String>,
}

impl MeetingFields {
    /// The form filled in with a stored session, times in its own zone.
    fn of(v: &MeetingView) -> MeetingFields {
        let m = &v.meeting;
        let local = |at| {
            meeting::to_local(at, &m.time_zone)
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        };
        let mut about = v.dilemmas.iter().map(|(url, _)| url.clone());
        MeetingFields {
            title: m.title.clone(),
            description: m.source.clone(),
            mode: m.mode.clone(),
            starts_at: local(m.starts_at),
            ends_at: local(m.ends_at),
            place: m.place.clone(),
            meeting_link: v.meeting_link.clone().unwrap_or_default(),
            capacity: m.capacity.map(|c| c.to_string()).unwrap_or_default(),
            dilemma: about.next().unwrap_or_default(),
            also_about: about.collect(),
        }
    }

    /// The input, or the key of the message that says what to correct.
    fn check(&self) -> Result<MeetingInput, &'static str> {
        if self.title.trim().is_empty() {
            return Err("error-session-title");
        }
        let mode = self
            .mode
            .parse::<MeetingMode>()
            .map_err(|_| "error-session-mode")?;
        let starts = parse_local_time(&self.starts_at).map_err(|_| "error-session-time")?;
        let ends = parse_local_time(&self.ends_at).map_err(|_| "error-session-time")?;
        if ends <= starts {
            return Err("error-session-end");
        }
        if meeting::to_utc(starts, meeting::DEFAULT_TIME_ZONE)
            .map_or(true, |s| s <= meent_db::now())
        {
            return Err("error-session-past");
        }
        let capacity = match self.capacity.trim() {
            "" => None,
            c => Some(
                c.parse::<i64>()
                    .ok()
                    .filter(|c| *c >= 1)
                    .ok_or("error-session-capacity")?,
            ),
        };
        if self.dilemma.trim().is_empty() {
            return Err("error-session-dilemma");
        }
        Ok(MeetingInput {
            title: self.title.clone(),
            description: self.description.clone(),
            mode,
            starts_at: starts,
            ends_at: ends,
            time_zone: String::new(),
            place: self.place.clone(),
            meeting_link: Some(self.meeting_link.clone()).filter(|l| !l.trim().is_empty()),
            capacity,
            dilemmas: std::iter::once(&self.dilemma)
                .chain(&self.also_about)
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .collect(),
        })
    }
}

#[derive(Template)]
#[template(path = "meeting_form.html")]
struct FormPage<'a> {
    ui: &'a Ui,
    collective: CollectiveRow,
    form: MeetingFields,
    modes: [MeetingMode; 3],
    error: Option<String>,
    /// The session being changed; `None` for a new one.
    editing: Option<i64>,
}

#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    dilemma: String,
}

/// The local support organisation `name`, which the visitor coordinates.
async fn organiser(ctx: &AppContext, ui: &Ui, name: &str) -> Result<CollectiveRow, AppError> {
    let c = collectives::local_by_name(ctx, name).await?;
    if !ui.reader.coordinates(c.id) || c.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "only coordinators of a support organisation organise sessions",
        ));
    }
    Ok(c)
}

fn form_page(
    ui: &Ui,
    status: StatusCode,
    (collective, editing): (CollectiveRow, Option<i64>),
    form: MeetingFields,
    error: Option<&str>,
) -> HttpResponse {
    problem::render(
        status,
        &FormPage {
            ui,
            collective,
            form,
            modes: MeetingMode::ALL,
            error: error.map(|key| ui.t(key)),
            editing,
        },
    )
}

/// A session of this instance that the visitor may change (a coordinator of its
/// organiser), as its page shows it.
async fn managed(ctx: &AppContext, ui: &Ui, id: i64) -> Result<MeetingView, AppError> {
    let v = meetings::view(ctx, &ui.reader, id).await?;
    if !v.can_manage {
        return Err(AppError::Forbidden(
            "only coordinators of the organising collective change a session",
        ));
    }
    Ok(v)
}

/// The organiser's form, filled in with the session as it is.
pub(super) async fn edit_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match managed(&ctx, &ui, *id).await {
        Ok(v) => {
            let form = MeetingFields::of(&v);
            form_page(&ui, StatusCode::OK, (v.organiser, Some(*id)), form, None)
        }
        Err(e) => problem::failure(&ui, e),
    }
}

/// Saves the organiser's changes; other instances get an `Update` of the `Event`.
pub(super) async fn edit(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<MeetingFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let v = match managed(&ctx, &ui, *id).await {
        Ok(v) => v,
        Err(e) => return problem::failure(&ui, e),
    };
    let target = (v.organiser, Some(*id));
    let input = match form.check() {
        Ok(input) => input,
        Err(key) => return form_page(&ui, StatusCode::BAD_REQUEST, target, form, Some(key)),
    };
    match meetings::edit(&ctx, &ui.reader, *id, input).await {
        Ok(m) => problem::see_other(&format!("/m/{}", m.id)),
        Err(AppError::Invalid(why)) => {
            tracing::info!(%why, "session change refused");
            let key = Some("error-session-invalid");
            form_page(&ui, StatusCode::BAD_REQUEST, target, form, key)
        }
        Err(e) => problem::failure(&ui, e),
    }
}

/// The form for a new session, perhaps about the dilemma named in the query.
pub(super) async fn new_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    q: web::Query<NewQuery>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match organiser(&ctx, &ui, &name).await {
        Ok(c) => {
            let form = MeetingFields {
                mode: MeetingMode::Physical.as_str().into(),
                dilemma: q.dilemma.clone(),
                ..Default::default()
            };
            form_page(&ui, StatusCode::OK, (c, None), form, None)
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn create(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    CsrfForm(form): CsrfForm<MeetingFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let c = match organiser(&ctx, &ui, &name).await {
        Ok(c) => c,
        Err(e) => return problem::failure(&ui, e),
    };
    let input = match form.check() {
        Ok(input) => input,
        Err(key) => return form_page(&ui, StatusCode::BAD_REQUEST, (c, None), form, Some(key)),
    };
    match meetings::create(&ctx, &ui.reader, &name, input).await {
        Ok(m) => problem::see_other(&format!("/m/{}", m.id)),
        Err(AppError::Invalid(why)) => {
            tracing::info!(%why, "session refused");
            form_page(
                &ui,
                StatusCode::BAD_REQUEST,
                (c, None),
                form,
                Some("error-session-invalid"),
            )
        }
        Err(e) => problem::failure(&ui, e),
    }
}

fn ics(body: String, file: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{file}\""),
        ))
        .body(body)
}

/// One session as an `.ics` file.
pub(super) async fn session_ics(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    match meetings::get(&ctx, *id).await {
        Ok(m) => {
            let body = crate::calendar::calendar(&m.title, std::slice::from_ref(&m), |m| {
                ctx.urls().meeting(m.id).to_string()
            });
            ics(body, &format!("bijeenkomst-{}.ics", m.id))
        }
        Err(e) => problem::failure(&ui, e),
    }
}

/// The sessions a local collective organises, as a calendar to subscribe to.
pub(super) async fn collective_ics(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    let load = async {
        let c = collectives::local_by_name(&ctx, &name).await?;
        let rows = meetings::of_collective(&ctx, &c).await?;
        Ok::<_, AppError>((c, rows))
    };
    match load.await {
        Ok((c, rows)) => {
            let body = crate::calendar::calendar(&c.display_name, &rows, |m| {
                ctx.urls().meeting(m.id).to_string()
            });
            ics(body, &format!("{}.ics", c.name))
        }
        Err(e) => problem::failure(&ui, e),
    }
}
