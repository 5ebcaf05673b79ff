//! Learning programmes in the browser: a programme's page with its steps, following it
//! and recording progress (for a collective's members), the progress of every following
//! collective (for its curator), and the curator's form.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError, collectives,
    use_cases::{
        programme_follows,
        programmes::{self, ProgrammeInput, ProgrammeView, StepInput},
    },
};
use meent_db::queries::collectives::CollectiveRow;
use meent_domain::{CollectiveKind, Theme};
use serde::Deserialize;

/// Step rows the form offers; more can be added by changing the programme afterwards.
const FORM_STEPS: usize = 6;

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage<'a> {
    ui: &'a Ui,
    v: ProgrammeView,
}

impl ProgrammePage<'_> {
    /// Whether the following collective `collective_id` marked step `position` done.
    fn done(&self, collective_id: &i64, position: &i64) -> bool {
        self.notes_of(collective_id, position)
            .is_some_and(|(d, _)| d)
    }

    /// The notes of the following collective `collective_id` on step `position`.
    fn notes(&self, collective_id: &i64, position: &i64) -> String {
        self.notes_of(collective_id, position)
            .map(|(_, n)| n)
            .unwrap_or_default()
    }

    fn notes_of(&self, collective_id: &i64, position: &i64) -> Option<(bool, String)> {
        self.v
            .followers
            .iter()
            .find(|f| f.collective.id == *collective_id)?
            .progress
            .iter()
            .find(|p| p.position == *position)
            .map(|p| (p.done, p.notes.clone()))
    }

    /// How many steps the following collective `collective_id` has done.
    fn done_count(&self, collective_id: &i64) -> usize {
        self.v
            .followers
            .iter()
            .find(|f| f.collective.id == *collective_id)
            .map_or(0, |f| f.progress.iter().filter(|p| p.done).count())
    }
}

/// A programme's page, for one known here (curated here or elsewhere).
pub(super) async fn show(ctx: web::Data<AppContext>, ui: Ui, id: web::Path<i64>) -> HttpResponse {
    match programmes::view(&ctx, &ui.reader, *id).await {
        Ok(v) => problem::render(StatusCode::OK, &ProgrammePage { ui: &ui, v }),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct FollowFields {
    collective: String,
    /// `follow` or `unfollow`.
    action: String,
}

/// A member has their collective follow the programme, or stop following it.
pub(super) async fn follow(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<FollowFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = if form.action == "unfollow" {
        programme_follows::unfollow(&ctx, &ui.reader, *id, &form.collective).await
    } else {
        programme_follows::follow(&ctx, &ui.reader, *id, &form.collective).await
    };
    match result {
        Ok(()) => problem::see_other(&format!("/p/{id}")),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct ProgressFields {
    collective: String,
    position: i64,
    #[serde(default)]
    done: bool,
    #[serde(default)]
    notes: String,
}

/// A member records how far their collective is with a step.
pub(super) async fn progress(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<ProgressFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = programme_follows::record_progress(
        &ctx,
        &ui.reader,
        *id,
        &form.collective,
        form.position,
        form.done,
        &form.notes,
    )
    .await;
    match result {
        Ok(()) => problem::see_other(&format!("/p/{id}#step-{}", form.position)),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Deserialize)]
pub struct Confirm {}

/// The curator deletes the programme.
pub(super) async fn delete(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Confirm>,
) -> HttpResponse {
    let result = async {
        let p = programmes::get(&ctx, *id).await?;
        programmes::delete(&ctx, &ui.reader, *id).await?;
        let mut conn = ctx.db.get().await?;
        let owner = meent_db::queries::collectives::by_id(&mut conn.conn(), p.collective_id)
            .await?
            .ok_or(AppError::NotFound("collective"))?;
        Ok::<_, AppError>(owner)
    }
    .await;
    match result {
        Ok(owner) => problem::see_other(&format!("/c/{}", owner.name)),
        Err(e) => problem::failure(&ui, e),
    }
}

/// The curator's form as typed: the steps as repeated fields, in order.
#[derive(Debug, Default, Deserialize)]
pub struct ProgrammeFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    theme: Vec<String>,
    #[serde(default)]
    step_text: Vec<String>,
    #[serde(default)]
    step_target: Vec<String>,
}

impl ProgrammeFields {
    pub fn has_theme(&self, id: &&str) -> bool {
        self.theme.iter().any(|t| t == id)
    }

    /// The step rows to show: those typed, then empty ones up to the form's number.
    fn rows(&self) -> Vec<(String, String)> {
        let n = self
            .step_text
            .len()
            .max(self.step_target.len())
            .max(FORM_STEPS);
        (0..n)
            .map(|i| {
                (
                    self.step_text.get(i).cloned().unwrap_or_default(),
                    self.step_target.get(i).cloned().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The input, or the key of the message that says what to correct.
    fn check(&self) -> Result<ProgrammeInput, &'static str> {
        if self.title.trim().is_empty() {
            return Err("error-programme-title");
        }
        let steps: Vec<StepInput> = self
            .rows()
            .into_iter()
            .filter(|(t, u)| !t.trim().is_empty() || !u.trim().is_empty())
            .map(|(text, target)| StepInput { text, target })
            .collect();
        if steps.is_empty() {
            return Err("error-programme-steps");
        }
        if steps
            .iter()
            .any(|s| s.text.trim().is_empty() || s.target.trim().is_empty())
        {
            return Err("error-programme-step-incomplete");
        }
        Ok(ProgrammeInput {
            title: self.title.clone(),
            description: self.description.clone(),
            themes: self.theme.clone(),
            steps,
        })
    }
}

#[derive(Template)]
#[template(path = "programme_form.html")]
struct FormPage<'a> {
    ui: &'a Ui,
    collective: CollectiveRow,
    themes: Vec<&'static str>,
    rows: Vec<(String, String)>,
    form: ProgrammeFields,
    error: Option<String>,
}

/// The local support organisation `name`, which the visitor coordinates.
async fn curator(ctx: &AppContext, ui: &Ui, name: &str) -> Result<CollectiveRow, AppError> {
    let c = collectives::local_by_name(ctx, name).await?;
    if !ui.reader.coordinates(c.id) || c.kind != CollectiveKind::SupportOrganisation.as_str() {
        return Err(AppError::Forbidden(
            "only coordinators of a support organisation curate programmes",
        ));
    }
    Ok(c)
}

fn form_page(
    ui: &Ui,
    status: StatusCode,
    collective: CollectiveRow,
    form: ProgrammeFields,
    error: Option<String>,
) -> HttpResponse {
    problem::render(
        status,
        &FormPage {
            ui,
            collective,
            themes: Theme::ALL.iter().map(|t| t.id()).collect(),
            rows: form.rows(),
            form,
            error,
        },
    )
}

/// The form for a new programme.
pub(super) async fn new_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match curator(&ctx, &ui, &name).await {
        Ok(c) => form_page(&ui, StatusCode::OK, c, ProgrammeFields::default(), None),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn create(
    ctx: web::Data<AppContext>,
    ui: Ui,
    name: web::Path<String>,
    CsrfForm(form): CsrfForm<ProgrammeFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let c = match curator(&ctx, &ui, &name).await {
        Ok(c) => c,
        Err(e) => return problem::failure(&ui, e),
    };
    let input = match form.check() {
        Ok(input) => input,
        Err(key) => {
            let error = Some(ui.t(key));
            return form_page(&ui, StatusCode::BAD_REQUEST, c, form, error);
        }
    };
    match programmes::create(&ctx, &ui.reader, &name, input).await {
        Ok(p) => problem::see_other(&format!("/p/{}", p.id)),
        Err(AppError::Invalid(why)) => {
            tracing::info!(%why, "programme refused");
            let error = Some(ui.t("error-programme-invalid"));
            form_page(&ui, StatusCode::BAD_REQUEST, c, form, error)
        }
        Err(e) => problem::failure(&ui, e),
    }
}
