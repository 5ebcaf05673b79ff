//! Learning programmes, their steps and the progress of following collectives as the API
//! shows and takes them.

use super::dto::Collective;
use chrono::{NaiveDateTime, SecondsFormat};
use meent_app::use_cases::programmes::{ProgrammeInput, ProgrammeView, StepInput, StepView};
use meent_db::queries::programmes::ProgrammeRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn utc(t: NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// One step as the curator writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInputBody {
    /// A sentence or two (at most 500 characters).
    pub text: String,
    /// The URL of a public dilemma, solution, document or session, on any instance.
    pub target: String,
}

/// A programme as its curator writes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeInputBody {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// Theme ids (see `/themes`).
    #[serde(default)]
    pub themes: Vec<String>,
    /// 1 to 30 steps, in order.
    pub steps: Vec<StepInputBody>,
}

impl From<ProgrammeInputBody> for ProgrammeInput {
    fn from(b: ProgrammeInputBody) -> Self {
        ProgrammeInput {
            title: b.title,
            description: b.description,
            themes: b.themes,
            steps: b
                .steps
                .into_iter()
                .map(|s| StepInput {
                    text: s.text,
                    target: s.target,
                })
                .collect(),
        }
    }
}

/// A learning programme.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Programme {
    /// Its number on this instance.
    pub id: i64,
    /// Its ActivityPub id (where its page is on its own instance).
    pub url: String,
    pub local: bool,
    pub title: String,
    /// Sanitised HTML.
    pub description: String,
    pub themes: Vec<String>,
    pub published: String,
    pub updated: Option<String>,
}

impl From<ProgrammeRow> for Programme {
    fn from(p: ProgrammeRow) -> Self {
        Programme {
            id: p.id,
            url: p.ap_id.clone(),
            local: p.local,
            themes: p.theme_list(),
            title: p.title,
            description: p.content,
            published: utc(p.published),
            updated: p.updated.map(utc),
        }
    }
}

/// A step with what it points at, as far as it is known here.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Step {
    /// From 1.
    pub position: i64,
    pub text: String,
    /// The URL it points at.
    pub target: String,
    /// `dilemma`, `solution`, `document` or `session` when it is stored here.
    pub kind: Option<String>,
    /// Its title as stored here.
    pub title: Option<String>,
    /// Where this instance shows it.
    pub path: Option<String>,
}

impl From<StepView> for Step {
    fn from(s: StepView) -> Self {
        Step {
            position: s.row.position,
            text: s.row.text,
            target: s.row.target,
            kind: s.kind.map(|k| k.as_str().to_owned()),
            title: s.title,
            path: s.path,
        }
    }
}

/// A following collective's progress on one step.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StepProgress {
    pub position: i64,
    pub done: bool,
    pub notes: String,
    pub updated: String,
}

/// A collective following the programme, with its progress.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeFollower {
    pub collective: Collective,
    /// The programme's owner has answered the follow (always so on the owner's instance).
    pub accepted: bool,
    pub progress: Vec<StepProgress>,
}

/// A programme with its steps and the progress you may see: every following collective's
/// for its curator, your own collectives' for others.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeDetail {
    pub programme: Programme,
    pub owner: Collective,
    pub steps: Vec<Step>,
    pub followers: Vec<ProgrammeFollower>,
    /// You curate it.
    pub can_manage: bool,
}

impl From<ProgrammeView> for ProgrammeDetail {
    fn from(v: ProgrammeView) -> Self {
        ProgrammeDetail {
            programme: v.programme.into(),
            owner: v.owner.into(),
            steps: v.steps.into_iter().map(Step::from).collect(),
            followers: v
                .followers
                .into_iter()
                .map(|f| ProgrammeFollower {
                    collective: f.collective.into(),
                    accepted: f.accepted,
                    progress: f
                        .progress
                        .into_iter()
                        .map(|p| StepProgress {
                            position: p.position,
                            done: p.done,
                            notes: p.notes,
                            updated: utc(p.updated_at),
                        })
                        .collect(),
                })
                .collect(),
            can_manage: v.can_manage,
        }
    }
}

/// Which of your collectives follows (or stops following) a programme.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFollowInput {
    /// The handle of one of your collectives on this instance.
    pub collective: String,
}

/// How far one of your collectives is with a step.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressInput {
    /// The handle of one of your collectives on this instance (which follows the programme).
    pub collective: String,
    pub done: bool,
    #[serde(default)]
    pub notes: String,
}
