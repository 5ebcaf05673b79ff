//! What the buttons and forms on a dilemma page do. Each answers with a redirect back to the
//! page (to the solution it concerns) or with a page saying why not.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, web};
use meent_app::{
    AppContext, AppError,
    confirmations::{self, ConfirmationInput},
    dilemmas, likes,
    likes::Likeable,
    replies::{self, SolutionInput},
    thread,
};
use meent_domain::ContextFacets;
use serde::Deserialize;

fn back(dilemma_id: i64, anchor: Option<String>) -> HttpResponse {
    match anchor {
        Some(a) => problem::see_other(&format!("/d/{dilemma_id}#{a}")),
        None => problem::see_other(&format!("/d/{dilemma_id}")),
    }
}

/// The outcome of an action: back to the page, or a page telling what went wrong.
fn done(ui: &Ui, result: Result<(i64, Option<String>), AppError>) -> HttpResponse {
    match result {
        Ok((id, anchor)) => back(id, anchor),
        Err(e) => problem::failure(ui, e),
    }
}

#[derive(Deserialize)]
pub struct SolutionForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    from_experience: bool,
    #[serde(default)]
    speaks_for: String,
}

pub(super) async fn add_solution(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<SolutionForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let input = SolutionInput {
        body: form.body,
        from_experience: form.from_experience,
        speaks_for: Some(form.speaks_for).filter(|s| !s.is_empty()),
    };
    let result = replies::add_solution(&ctx, &ui.reader, *id, input)
        .await
        .map(|r| (r.dilemma_id, Some(format!("solution-{}", r.id))));
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
}

pub(super) async fn add_comment(
    ctx: web::Data<AppContext>,
    ui: Ui,
    parent: web::Path<i64>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = replies::add_comment(&ctx, &ui.reader, *parent, form.body)
        .await
        .map(|r| (r.dilemma_id, Some(format!("comment-{}", r.id))));
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct LikeForm {
    #[serde(default)]
    like: bool,
}

pub(super) async fn like_dilemma(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<LikeForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *id;
    let result = likes::set_like(&ctx, &ui.reader, Likeable::Dilemma(id), form.like)
        .await
        .map(|_| (id, None));
    done(&ui, result)
}

pub(super) async fn like_reply(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<LikeForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *id;
    let result = async {
        likes::set_like(&ctx, &ui.reader, Likeable::Reply(id), form.like).await?;
        let r = replies::get(&ctx, &ui.reader, id).await?;
        Ok((r.dilemma_id, Some(format!("solution-{id}"))))
    }
    .await;
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct AcceptForm {
    solution: i64,
    #[serde(default)]
    accepted: bool,
}

/// Accepts or un-accepts one solution, keeping the others as they are.
pub(super) async fn accept(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<AcceptForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *id;
    let result = async {
        let t = thread::thread(&ctx, &ui.reader, id).await?;
        let mut ids: Vec<i64> = t
            .solutions
            .iter()
            .filter(|s| s.reply.accepted && s.reply.id != form.solution)
            .map(|s| s.reply.id)
            .collect();
        if form.accepted {
            ids.push(form.solution);
        }
        dilemmas::accept(&ctx, &ui.reader, id, &ids).await?;
        Ok((id, Some(format!("solution-{}", form.solution))))
    }
    .await;
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    closed: bool,
}

pub(super) async fn set_status(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = dilemmas::set_closed(&ctx, &ui.reader, *id, form.closed)
        .await
        .map(|d| (d.id, None));
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    collective: String,
    #[serde(default)]
    account: String,
}

/// "This worked for us too", with the confirming collective's own municipality as context.
pub(super) async fn confirm(
    ctx: web::Data<AppContext>,
    ui: Ui,
    solution: web::Path<i64>,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *solution;
    let result = async {
        let collective = meent_app::collectives::local_by_name(&ctx, &form.collective).await?;
        let input = ConfirmationInput {
            collective: form.collective,
            account: form.account,
            facets: ContextFacets {
                municipality: collective.municipality,
                ..Default::default()
            },
        };
        confirmations::confirm(&ctx, &ui.reader, id, input).await?;
        let r = replies::get(&ctx, &ui.reader, id).await?;
        Ok((r.dilemma_id, Some(format!("solution-{id}"))))
    }
    .await;
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    collective: String,
}

/// Withdraws the reader's collective's confirmation of a solution.
pub(super) async fn withdraw_confirmation(
    ctx: web::Data<AppContext>,
    ui: Ui,
    solution: web::Path<i64>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let id = *solution;
    let result = async {
        confirmations::withdraw(&ctx, &ui.reader, id, &form.collective).await?;
        let r = replies::get(&ctx, &ui.reader, id).await?;
        Ok((r.dilemma_id, Some(format!("solution-{id}"))))
    }
    .await;
    done(&ui, result)
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    target: String,
}

/// Invites a person or collective (`@name@host`) to answer the dilemma.
pub(super) async fn invite(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = meent_app::use_cases::invitations::invite(&ctx, &ui.reader, *id, &form.target)
        .await
        .map(|_| (*id, Some("invitations".to_owned())));
    done(&ui, result)
}
