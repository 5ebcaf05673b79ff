//! Koppelen over the API: who could answer a dilemma, and one's own declared expertise.

use super::dto::{Collective, Member};
use crate::{ApiError, auth::SignedIn, error::ErrorBody};
use actix_web::{HttpResponse, get, put, web};
use meent_app::{
    AppContext,
    use_cases::{
        expertise,
        search::Scope,
        suggestions::{self, SolvedExample},
    },
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A similar dilemma that was solved: why someone is suggested.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SolvedDilemma {
    /// Its number here.
    pub dilemma_id: i64,
    pub title: String,
    pub confirmations: i64,
}

impl From<SolvedExample> for SolvedDilemma {
    fn from(e: SolvedExample) -> Self {
        SolvedDilemma {
            dilemma_id: e.dilemma_id,
            title: e.title,
            confirmations: e.confirmations,
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SuggestedCollective {
    pub collective: Collective,
    /// Higher is a better match; only the order means something.
    pub score: f32,
    /// Similar dilemmas it solved (its own) or wrote the accepted answer to.
    pub solved: Vec<SolvedDilemma>,
    pub invited: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SuggestedPerson {
    pub member: Member,
    pub score: f32,
    /// The dilemma's themes they declared expertise in.
    pub themes: Vec<String>,
    /// Their own words ("jurist").
    pub expertise: String,
    /// Similar dilemmas they wrote the accepted answer to.
    pub solved: Vec<SolvedDilemma>,
    pub invited: bool,
}

/// A collective on another instance that solved a similar dilemma, as that instance
/// answered a network search.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NetworkSuggestion {
    /// Its URL: invite it with this.
    pub collective_url: String,
    pub display_name: String,
    /// The instance that answered.
    pub origin: String,
    pub score: f32,
    /// The similar dilemmas it solved, by URL.
    pub solved: Vec<NetworkSolved>,
    pub invited: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NetworkSolved {
    pub title: String,
    pub url: String,
}

/// Who could answer a dilemma, best first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Suggestions {
    pub collectives: Vec<SuggestedCollective>,
    pub people: Vec<SuggestedPerson>,
    /// With `scope=network`: collectives elsewhere, from the instances this one knows.
    pub network: Vec<NetworkSuggestion>,
}

#[derive(Debug, Deserialize)]
pub struct SuggestionParams {
    #[serde(default)]
    pub scope: Option<String>,
}

/// Collectives that solved similar dilemmas and people with matching expertise, for a
/// coordinator of the dilemma's collective or of a support organisation. Invite one with
/// `POST /dilemmas/{id}/invitations`.
#[utoipa::path(
    tag = "invitations",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the dilemma's number here"),
        ("scope" = Option<String>, Query, description = "local (default) or network: also ask the instances this one knows")
    ),
    responses(
        (status = 200, body = Suggestions),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[get("/dilemmas/{id}/suggestions")]
pub async fn dilemma_suggestions(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    params: web::Query<SuggestionParams>,
) -> Result<web::Json<Suggestions>, ApiError> {
    let scope: Scope = match params.scope.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => s.parse()?,
        None => Scope::Local,
    };
    let network = match scope {
        Scope::Local => Vec::new(),
        Scope::Network => suggestions::network(&ctx, &reader, *id).await?,
    };
    let s = suggestions::for_dilemma(&ctx, &reader, *id).await?;
    Ok(web::Json(Suggestions {
        collectives: s
            .collectives
            .into_iter()
            .map(|c| SuggestedCollective {
                collective: c.collective.into(),
                score: c.score,
                solved: c.solved.into_iter().map(Into::into).collect(),
                invited: c.invited,
            })
            .collect(),
        people: s
            .people
            .into_iter()
            .map(|p| SuggestedPerson {
                member: p.member.into(),
                score: p.score,
                themes: p.themes,
                expertise: p.description,
                solved: p.solved.into_iter().map(Into::into).collect(),
                invited: p.invited,
            })
            .collect(),
        network: network
            .into_iter()
            .map(|n| NetworkSuggestion {
                collective_url: n.collective_url,
                display_name: n.display_name,
                origin: n.origin,
                score: n.score,
                solved: n
                    .solved
                    .into_iter()
                    .map(|(title, url)| NetworkSolved { title, url })
                    .collect(),
                invited: n.invited,
            })
            .collect(),
    }))
}

/// What a member says they know about.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpertiseBody {
    /// Theme ids (see `/themes`).
    #[serde(default)]
    pub themes: Vec<String>,
    /// A few words of your own, at most 300 characters ("jurist, penningmeester").
    #[serde(default)]
    pub description: String,
}

/// Your declared expertise (empty when none).
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    responses((status = 200, body = ExpertiseBody), (status = 401, body = ErrorBody))
)]
#[get("/me/expertise")]
pub async fn my_expertise(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
) -> Result<web::Json<ExpertiseBody>, ApiError> {
    let row = expertise::mine(&ctx, &reader).await?;
    Ok(web::Json(ExpertiseBody {
        themes: row.as_ref().map(|r| r.theme_list()).unwrap_or_default(),
        description: row.map(|r| r.description).unwrap_or_default(),
    }))
}

/// Declare what you know about, so coordinators can ask you to answer dilemmas; other
/// instances see it on your profile. No themes and no words remove it.
#[utoipa::path(
    tag = "members",
    security(("bearer" = [])),
    request_body = ExpertiseBody,
    responses(
        (status = 204),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody)
    )
)]
#[put("/me/expertise")]
pub async fn set_my_expertise(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    body: web::Json<ExpertiseBody>,
) -> Result<HttpResponse, ApiError> {
    expertise::set_mine(&ctx, &reader, &body.themes, &body.description).await?;
    Ok(HttpResponse::NoContent().finish())
}
