//! Sessions (bijeenkomsten) and registrations over the API.

use super::{dto::Collective, meeting_dto::*};
use crate::{
    ApiError,
    auth::{ReaderOf, SignedIn},
    error::ErrorBody,
};
use actix_web::{HttpResponse, delete, get, post, put, web};
use meent_app::{AppContext, collectives, use_cases::meetings};

/// Organise a session (a coordinator of a support organisation).
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(("name" = String, Path, description = "the organising collective's handle")),
    request_body = MeetingInputBody,
    responses(
        (status = 201, body = Meeting),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/collectives/{name}/sessions")]
pub async fn create_session(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    name: web::Path<String>,
    body: web::Json<MeetingInputBody>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner().into_input()?;
    let row = meetings::create(&ctx, &reader, &name, input).await?;
    Ok(HttpResponse::Created().json(Meeting::from(row)))
}

/// The sessions a collective of this instance organises, soonest first.
#[utoipa::path(
    tag = "sessions",
    params(("name" = String, Path, description = "the collective's handle")),
    responses((status = 200, body = Vec<Meeting>), (status = 404, body = ErrorBody))
)]
#[get("/collectives/{name}/sessions")]
pub async fn collective_sessions(
    ctx: web::Data<AppContext>,
    name: web::Path<String>,
) -> Result<web::Json<Vec<Meeting>>, ApiError> {
    let collective = collectives::local_by_name(&ctx, &name).await?;
    let rows = meetings::of_collective(&ctx, &collective).await?;
    Ok(web::Json(rows.into_iter().map(Meeting::from).collect()))
}

/// A session known here (organised here or elsewhere), with its registrations.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "the session's number here")),
    responses((status = 200, body = MeetingDetail), (status = 404, body = ErrorBody))
)]
#[get("/sessions/{id}")]
pub async fn get_session(
    ctx: web::Data<AppContext>,
    ReaderOf(reader): ReaderOf,
    id: web::Path<i64>,
) -> Result<web::Json<MeetingDetail>, ApiError> {
    Ok(web::Json(meetings::view(&ctx, &reader, *id).await?.into()))
}

/// Change a session (a coordinator of its organising collective). More places move
/// collectives up from the waiting list.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the session's number")),
    request_body = MeetingInputBody,
    responses(
        (status = 200, body = Meeting),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[put("/sessions/{id}")]
pub async fn edit_session(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<MeetingInputBody>,
) -> Result<web::Json<Meeting>, ApiError> {
    let input = body.into_inner().into_input()?;
    Ok(web::Json(
        meetings::edit(&ctx, &reader, *id, input).await?.into(),
    ))
}

/// Cancel a session (a coordinator of its organising collective).
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the session's number")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/sessions/{id}")]
pub async fn cancel_session(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    meetings::cancel(&ctx, &reader, *id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Register one of your collectives for a session, here or on another instance. The
/// answer is `accepted` or `waiting` at once for a session here, `pending` until the
/// organiser's instance answers for one elsewhere.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the session's number here")),
    request_body = RegistrationInput,
    responses(
        (status = 201, body = Registration),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)
    )
)]
#[post("/sessions/{id}/registrations")]
pub async fn register_for_session(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<RegistrationInput>,
) -> Result<HttpResponse, ApiError> {
    let row = meetings::register(&ctx, &reader, *id, &body.collective).await?;
    let collective = collectives::local_by_name(&ctx, &body.collective).await?;
    Ok(HttpResponse::Created().json(Registration {
        collective_url: row.collective,
        collective: Some(Collective::from(collective)),
        state: row.state,
        registered_at: row
            .registered_at
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        mine: true,
    }))
}

/// Withdraw your collective's registration; its place goes to the first on the waiting list.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "the session's number here"),
        ("collective" = String, Path, description = "your collective's handle")
    ),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody))
)]
#[delete("/sessions/{id}/registrations/{collective}")]
pub async fn cancel_registration(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, collective) = path.into_inner();
    meetings::cancel_registration(&ctx, &reader, id, &collective).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Write what came out of a session (a coordinator of its organising collective):
/// conclusions, and proposed solutions that become solutions to its first dilemma. The
/// collectives with a place are recorded as having taken part.
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "the session's number")),
    request_body = OutcomeBody,
    responses(
        (status = 200, body = MeetingDetail),
        (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
#[post("/sessions/{id}/outcome")]
pub async fn write_outcome(
    ctx: web::Data<AppContext>,
    SignedIn(reader): SignedIn,
    id: web::Path<i64>,
    body: web::Json<OutcomeBody>,
) -> Result<web::Json<MeetingDetail>, ApiError> {
    let body = body.into_inner();
    meetings::write_outcome(
        &ctx,
        &reader,
        *id,
        meetings::OutcomeInput {
            conclusions: body.conclusions,
            candidates: body.candidate_solutions,
        },
    )
    .await?;
    Ok(web::Json(meetings::view(&ctx, &reader, *id).await?.into()))
}
