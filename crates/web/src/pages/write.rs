//! Writing and editing a dilemma: themes, hashtags, context facets, visibility, and a
//! preview of the text as it will be shown, before publishing.

use super::similar::{self, SimilarItem};
use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{
    AppContext, AppError, collectives,
    dilemmas::{self, DilemmaInput},
    search::Draft,
    text,
};
use meent_db::queries::{collectives::CollectiveRow, dilemmas::DilemmaRow};
use meent_domain::{
    ContextFacets, Theme, Visibility,
    facets::{BudgetRange, BuildingOwner, CollectiveSize, LegalForm},
};
use serde::Deserialize;

const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 50_000;

/// The form as sent, and as shown again after a preview or a refusal.
#[derive(Deserialize, Default, Clone)]
pub struct DilemmaFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    theme: Vec<String>,
    #[serde(default)]
    hashtags: String,
    #[serde(default)]
    municipality: String,
    #[serde(default)]
    building_owner: String,
    #[serde(default)]
    legal_form: String,
    #[serde(default)]
    collective_size: String,
    #[serde(default)]
    budget_range: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    collective: String,
    /// `preview` or `publish`: which button was pressed.
    #[serde(default)]
    action: String,
}

impl DilemmaFields {
    fn from_row(d: &DilemmaRow) -> Self {
        let facets: ContextFacets = serde_json::from_str(&d.facets).unwrap_or_default();
        DilemmaFields {
            title: d.title.clone(),
            body: d.source.clone(),
            theme: d
                .themes
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            hashtags: d
                .hashtags
                .split(',')
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            municipality: facets.municipality.clone().unwrap_or_default(),
            building_owner: facets
                .building_owner
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            legal_form: facets
                .legal_form
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            collective_size: facets
                .collective_size
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            budget_range: facets
                .budget_range
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            language: d.language.clone(),
            visibility: d.visibility.clone(),
            collective: String::new(),
            action: String::new(),
        }
    }

    pub fn has_theme(&self, id: &&str) -> bool {
        self.theme.iter().any(|t| t == id)
    }

    /// Checks what a person can fix, with a message key; the use-case checks again.
    fn check(&self) -> Result<DilemmaInput, &'static str> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err("error-title-empty");
        }
        if title.chars().count() > MAX_TITLE {
            return Err("error-title-long");
        }
        if self.body.trim().is_empty() {
            return Err("error-body-empty");
        }
        if self.body.chars().count() > MAX_BODY {
            return Err("error-body-long");
        }
        if self.theme.is_empty() || self.theme.iter().any(|t| t.parse::<Theme>().is_err()) {
            return Err("error-theme");
        }
        let hashtags: Vec<String> = self
            .hashtags
            .split([' ', ','])
            .map(|h| h.trim().trim_start_matches('#'))
            .filter(|h| !h.is_empty())
            .map(str::to_owned)
            .collect();
        if hashtags.len() > 10
            || hashtags.iter().any(|h| {
                h.chars().count() > 50 || !h.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        {
            return Err("error-hashtags");
        }
        let visibility = self
            .visibility
            .parse::<Visibility>()
            .map_err(|_| "error-visibility")?;
        fn pick<T: std::str::FromStr>(s: &str) -> Result<Option<T>, &'static str> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(|_| "error-facet")
            }
        }
        let municipality = self.municipality.trim();
        if municipality.chars().count() > 100 {
            return Err("error-facet");
        }
        Ok(DilemmaInput {
            title: title.to_owned(),
            body: self.body.clone(),
            themes: self.theme.clone(),
            hashtags,
            facets: ContextFacets {
                municipality: (!municipality.is_empty()).then(|| municipality.to_owned()),
                building_owner: pick::<BuildingOwner>(&self.building_owner)?,
                legal_form: pick::<LegalForm>(&self.legal_form)?,
                collective_size: pick::<CollectiveSize>(&self.collective_size)?,
                budget_range: pick::<BudgetRange>(&self.budget_range)?,
            },
            language: if self.language == "en" { "en" } else { "nl" }.to_owned(),
            visibility: Some(visibility),
        })
    }
}

#[derive(Template)]
#[template(path = "write.html")]
struct WritePage<'a> {
    ui: &'a Ui,
    /// `None` for a new dilemma.
    editing: Option<i64>,
    form: DilemmaFields,
    collectives: Vec<CollectiveRow>,
    preview: Option<String>,
    similar: Vec<SimilarItem>,
    error: Option<String>,
    welcome: bool,
    themes: Vec<&'static str>,
    building_owners: Vec<&'static str>,
    legal_forms: Vec<&'static str>,
    collective_sizes: Vec<&'static str>,
    budget_ranges: Vec<&'static str>,
}

/// What the page shows besides the fixed lists.
struct View {
    editing: Option<i64>,
    form: DilemmaFields,
    collectives: Vec<CollectiveRow>,
    preview: Option<String>,
    similar: Vec<SimilarItem>,
    error: Option<String>,
    welcome: bool,
}

impl View {
    fn new(editing: Option<i64>, form: DilemmaFields, collectives: Vec<CollectiveRow>) -> Self {
        View {
            editing,
            form,
            collectives,
            preview: None,
            similar: Vec::new(),
            error: None,
            welcome: false,
        }
    }
}

fn page(ui: &Ui, status: StatusCode, v: View) -> HttpResponse {
    problem::render(
        status,
        &WritePage {
            ui,
            editing: v.editing,
            form: v.form,
            collectives: v.collectives,
            preview: v.preview,
            similar: v.similar,
            error: v.error,
            welcome: v.welcome,
            themes: Theme::ALL.iter().map(|t| t.id()).collect(),
            building_owners: BuildingOwner::ALL.iter().map(|v| v.as_str()).collect(),
            legal_forms: LegalForm::ALL.iter().map(|v| v.as_str()).collect(),
            collective_sizes: CollectiveSize::ALL.iter().map(|v| v.as_str()).collect(),
            budget_ranges: BudgetRange::ALL.iter().map(|v| v.as_str()).collect(),
        },
    )
}

/// The form shown again with a message, as refused.
fn refused(
    ui: &Ui,
    editing: Option<i64>,
    form: DilemmaFields,
    own: Vec<CollectiveRow>,
    key: &str,
) -> HttpResponse {
    let mut v = View::new(editing, form, own);
    v.error = Some(ui.t(key));
    page(ui, StatusCode::UNPROCESSABLE_ENTITY, v)
}

/// The form shown again with the text as it will look.
fn previewed(
    ctx: &AppContext,
    ui: &Ui,
    editing: Option<i64>,
    form: DilemmaFields,
    own: Vec<CollectiveRow>,
) -> HttpResponse {
    let mut v = View::new(editing, form, own);
    v.preview = Some(text::markdown(&v.form.body));
    let draft = Draft {
        title: v.form.title.clone(),
        body: v.form.body.clone(),
        language: draft_language(&v.form.language),
    };
    // While editing, the dilemma itself is not a suggestion.
    v.similar = similar::to_draft(ctx, &ui.reader, &draft)
        .into_iter()
        .filter(|s| Some(s.id) != editing)
        .collect();
    page(ui, StatusCode::OK, v)
}

/// The local collectives the member may write for.
async fn own_collectives(ctx: &AppContext, ui: &Ui) -> Result<Vec<CollectiveRow>, AppError> {
    let ids: Vec<i64> = ui.reader.memberships.iter().map(|(id, _)| *id).collect();
    let mut own: Vec<CollectiveRow> = collectives::by_ids(ctx, &ids)
        .await?
        .into_values()
        .collect();
    own.sort_by(|a, b| a.display_name.cmp(&b.display_name));
    Ok(own)
}

#[derive(Deserialize)]
pub struct WriteQuery {
    #[serde(default)]
    welcome: String,
}

pub(super) async fn new_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    q: web::Query<WriteQuery>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match own_collectives(&ctx, &ui).await {
        Ok(own) => {
            let form = DilemmaFields {
                language: ui.lang_code().to_owned(),
                visibility: "public".into(),
                municipality: own
                    .first()
                    .and_then(|c| c.municipality.clone())
                    .unwrap_or_default(),
                ..Default::default()
            };
            let mut v = View::new(None, form, own);
            v.welcome = !q.welcome.is_empty();
            page(&ui, StatusCode::OK, v)
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn create(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<DilemmaFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let own = match own_collectives(&ctx, &ui).await {
        Ok(own) => own,
        Err(e) => return problem::failure(&ui, e),
    };
    let input = match form.check() {
        Ok(input) => input,
        Err(key) => return refused(&ui, None, form, own, key),
    };
    if form.action == "preview" {
        return previewed(&ctx, &ui, None, form, own);
    }
    let collective = match own
        .iter()
        .find(|c| c.name == form.collective)
        .or(own.first())
    {
        Some(c) => c.name.clone(),
        None => return refused(&ui, None, form, own, "error-no-own-collective"),
    };
    match dilemmas::create(&ctx, &ui.reader, &collective, input).await {
        Ok(d) => problem::see_other(&format!("/d/{}", d.id)),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn edit_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match dilemmas::get(&ctx, &ui.reader, *id).await {
        Ok(d) if d.local && ui.reader.may_manage(&d) => page(
            &ui,
            StatusCode::OK,
            View::new(Some(d.id), DilemmaFields::from_row(&d), vec![]),
        ),
        Ok(_) => problem::failure(
            &ui,
            AppError::Forbidden("only the author or a coordinator edits"),
        ),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn edit(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<DilemmaFields>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *id;
    // Checked before the form is looked at: someone else's dilemma gets no preview either.
    match dilemmas::get(&ctx, &ui.reader, id).await {
        Ok(d) if d.local && ui.reader.may_manage(&d) => {}
        Ok(_) => {
            return problem::failure(
                &ui,
                AppError::Forbidden("only the author or a coordinator edits"),
            );
        }
        Err(e) => return problem::failure(&ui, e),
    }
    let input = match form.check() {
        Ok(input) => input,
        Err(key) => return refused(&ui, Some(id), form, vec![], key),
    };
    if form.action == "preview" {
        return previewed(&ctx, &ui, Some(id), form, vec![]);
    }
    match dilemmas::edit(&ctx, &ui.reader, id, input).await {
        Ok(d) => problem::see_other(&format!("/d/{}", d.id)),
        Err(e) => problem::failure(&ui, e),
    }
}

#[derive(Template)]
#[template(path = "similar_fragment.html")]
struct SimilarFragment<'a> {
    ui: &'a Ui,
    similar: Vec<SimilarItem>,
}

/// The similar dilemmas for the form as typed so far, as an HTML fragment: the write page's
/// script posts the whole form here while title and text are typed.
pub(super) async fn similar_fragment(
    ctx: web::Data<AppContext>,
    ui: Ui,
    CsrfForm(form): CsrfForm<DilemmaFields>,
) -> HttpResponse {
    // A hint only: overlong input is cut, not refused.
    let draft = Draft {
        title: form.title.chars().take(200).collect(),
        body: form.body.chars().take(10_000).collect(),
        language: draft_language(&form.language),
    };
    let similar = if draft.title.trim().is_empty() && draft.body.trim().is_empty() {
        Vec::new()
    } else {
        similar::to_draft(&ctx, &ui.reader, &draft)
    };
    problem::render(StatusCode::OK, &SimilarFragment { ui: &ui, similar })
}

/// The language a draft is analysed in: as chosen, else Dutch, the instance's default.
fn draft_language(chosen: &str) -> String {
    if chosen.is_empty() {
        "nl".to_owned()
    } else {
        chosen.to_owned()
    }
}
