//! Removing what one wrote, in two steps: a page that says what will go (also on the other
//! servers that have it) with one button, then the removal, federated as a `Delete` (for a
//! document: an `Update` of its dilemma or solution without it). For a dilemma (its author
//! or a coordinator), a solution or comment (its author or a coordinator of the dilemma's
//! collective) and a document (who uploaded it, or who manages the dilemma); the use-cases
//! decide who may.

use crate::browser::{CsrfForm, Ui, problem};
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use meent_app::{AppContext, AppError, dilemmas, documents, replies};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "confirm_removal.html")]
struct ConfirmPage<'a> {
    ui: &'a Ui,
    /// The key of the question ("Dit dilemma verwijderen?").
    title_key: &'static str,
    /// What is removed, as its author wrote it (a title, or the beginning of the text).
    what: String,
    action: String,
    back: String,
}

#[derive(Deserialize)]
pub struct Confirmed {}

fn confirm(
    ui: &Ui,
    title_key: &'static str,
    what: String,
    action: String,
    back: String,
) -> HttpResponse {
    problem::render(
        StatusCode::OK,
        &ConfirmPage {
            ui,
            title_key,
            what,
            action,
            back,
        },
    )
}

/// "Remove this dilemma?"
pub(super) async fn dilemma_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match dilemmas::get(&ctx, &ui.reader, *id).await {
        Ok(d) if d.local && ui.reader.may_manage(&d) => confirm(
            &ui,
            "remove-dilemma-title",
            d.title,
            format!("/d/{id}/delete"),
            format!("/d/{id}"),
        ),
        Ok(_) => problem::failure(
            &ui,
            AppError::Forbidden("only the author or a coordinator can delete a dilemma"),
        ),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn dilemma(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Confirmed>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match dilemmas::delete(&ctx, &ui.reader, *id).await {
        Ok(()) => problem::see_other("/?removed=1"),
        Err(e) => problem::failure(&ui, e),
    }
}

/// "Remove this solution (or comment)?"
pub(super) async fn reply_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match replies::get(&ctx, &ui.reader, *id).await {
        Ok(r) => {
            let title_key = if r.kind == "solution" {
                "remove-solution-title"
            } else {
                "remove-comment-title"
            };
            let mut what: String = r.source.chars().take(200).collect();
            if what.len() < r.source.len() {
                what.push('…');
            }
            confirm(
                &ui,
                title_key,
                what,
                format!("/r/{id}/delete"),
                format!("/d/{}#solution-{id}", r.dilemma_id),
            )
        }
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn reply(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Confirmed>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    let result = async {
        let r = replies::get(&ctx, &ui.reader, *id).await?;
        replies::delete(&ctx, &ui.reader, r.id).await?;
        Ok::<_, AppError>(r.dilemma_id)
    }
    .await;
    match result {
        Ok(dilemma_id) => problem::see_other(&format!("/d/{dilemma_id}")),
        Err(e) => problem::failure(&ui, e),
    }
}

/// "Remove this document?"
pub(super) async fn document_form(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match documents::removable(&ctx, &ui.reader, *id).await {
        Ok((row, dilemma)) => confirm(
            &ui,
            "remove-document-title",
            row.title,
            format!("/documents/{id}/delete"),
            format!("/d/{}#documents", dilemma.id),
        ),
        Err(e) => problem::failure(&ui, e),
    }
}

pub(super) async fn document(
    ctx: web::Data<AppContext>,
    ui: Ui,
    id: web::Path<i64>,
    CsrfForm(_): CsrfForm<Confirmed>,
) -> HttpResponse {
    if !ui.signed_in() {
        return problem::login_first(&ui);
    }
    match documents::remove(&ctx, &ui.reader, *id).await {
        Ok(row) => problem::see_other(&format!("/d/{}#documents", row.dilemma_id)),
        Err(e) => problem::failure(&ui, e),
    }
}
