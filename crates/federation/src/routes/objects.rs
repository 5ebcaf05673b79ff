//! Dilemmas, notes and threads as ActivityPub documents, for other servers to fetch.
//! Public threads are served to anyone; followers-only ones only to a request signed by an
//! actor of a server where the collective has an approved follower (401 unsigned, 404
//! otherwise); internal ones never leave the instance. Answers written here in a remote
//! collective's public thread are served too, as its context collection lists them.

use crate::{
    FederationError,
    objects::{ApDilemma, ApMeeting, ApNote, ApProgramme, NoteRow},
    protocol::{collection::OrderedCollection, context::meent_context},
};
use activitypub_federation::{
    FEDERATION_CONTENT_TYPE, config::Data, protocol::context::WithContext, traits::Object,
};
use actix_web::{HttpRequest, HttpResponse, web};
use meent_app::AppContext;
use meent_db::queries::{
    confirmations, dilemmas, dilemmas::DilemmaRow, follows, meetings, programmes, replies,
};
use meent_domain::{FollowState, Visibility};
use serde_json::Value;
use url::Url;

/// The local dilemma `id` if the request may see it.
async fn viewable_dilemma(
    request: &HttpRequest,
    data: &Data<AppContext>,
    id: i64,
) -> Result<DilemmaRow, FederationError> {
    let d = {
        let mut conn = data.db.get().await?;
        dilemmas::by_id(&mut conn.conn(), id)
            .await?
            .filter(|d| d.local)
            .ok_or(FederationError::NotFound("dilemma"))?
    };
    may_see(request, data, d).await
}

/// Whether the request may see something written here in the thread of dilemma `id`. For
/// a local dilemma, as for the dilemma itself. For a remote one, only when it is public: the
/// answers of our members are listed in its server's context collection by their ids here,
/// and other servers fetch them from us. Who follows a remote collective is known only to
/// its server, so answers in a followers-only remote thread are not served.
async fn viewable_thread(
    request: &HttpRequest,
    data: &Data<AppContext>,
    id: i64,
) -> Result<(), FederationError> {
    let d = {
        let mut conn = data.db.get().await?;
        dilemmas::by_id(&mut conn.conn(), id)
            .await?
            .ok_or(FederationError::NotFound("dilemma"))?
    };
    if d.local {
        return may_see(request, data, d).await.map(|_| ());
    }
    match d
        .visibility
        .parse::<Visibility>()
        .map_err(meent_app::AppError::from)?
    {
        Visibility::Public => Ok(()),
        _ => Err(FederationError::NotFound("dilemma")),
    }
}

/// `d` (a local dilemma) if the request may see it: see the module's comment.
async fn may_see(
    request: &HttpRequest,
    data: &Data<AppContext>,
    d: DilemmaRow,
) -> Result<DilemmaRow, FederationError> {
    match d
        .visibility
        .parse::<Visibility>()
        .map_err(meent_app::AppError::from)?
    {
        Visibility::Public => Ok(d),
        Visibility::Internal => Err(FederationError::NotFound("dilemma")),
        Visibility::Followers => {
            let signer = super::signed_get::signer(request, data).await?;
            let followers = {
                let mut conn = data.db.get().await?;
                follows::followers_of(
                    &mut conn.conn(),
                    d.collective_id,
                    FollowState::Accepted.as_str(),
                )
                .await?
            };
            let same_server = |ap_id: &str| {
                Url::parse(ap_id).is_ok_and(|u| {
                    u.host_str() == signer.id().host_str() && u.port() == signer.id().port()
                })
            };
            if followers
                .iter()
                .any(|(_, m)| !m.local && same_server(&m.ap_id))
            {
                Ok(d)
            } else {
                Err(FederationError::NotFound("dilemma"))
            }
        }
    }
}

pub(super) async fn dilemma(
    request: HttpRequest,
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = viewable_dilemma(&request, &data, *id).await?;
    ApDilemma::new(row)?
        .http_response(meent_context(), &data)
        .await
}

/// A session of this instance: public, as sessions are (the meeting link is not in it).
/// A cancelled one is answered as gone (a Tombstone, 410), as the library does.
pub(super) async fn meeting(
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = {
        let mut conn = data.db.get().await?;
        meetings::by_id(&mut conn.conn(), *id)
            .await?
            .filter(|m| m.local)
            .ok_or(FederationError::NotFound("session"))?
    };
    ApMeeting::new(row)?
        .http_response(meent_context(), &data)
        .await
}

/// A learning programme of this instance: public. A deleted one is answered as gone.
pub(super) async fn programme(
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = {
        let mut conn = data.db.get().await?;
        programmes::by_id(&mut conn.conn(), *id)
            .await?
            .filter(|p| p.local)
            .ok_or(FederationError::NotFound("programme"))?
    };
    ApProgramme::new(row)?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn reply(
    request: HttpRequest,
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = {
        let mut conn = data.db.get().await?;
        replies::by_id(&mut conn.conn(), *id)
            .await?
            .filter(|r| r.local)
            .ok_or(FederationError::NotFound("note"))?
    };
    viewable_thread(&request, &data, row.dilemma_id).await?;
    ApNote::new(NoteRow::Reply(row))?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn confirmation(
    request: HttpRequest,
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        let row = confirmations::by_id(c, *id)
            .await?
            .filter(|x| x.local)
            .ok_or(FederationError::NotFound("confirmation"))?;
        let solution = replies::by_id(c, row.solution_id)
            .await?
            .ok_or(FederationError::NotFound("solution"))?;
        (row, solution.dilemma_id)
    };
    viewable_thread(&request, &data, row.1).await?;
    ApNote::new(NoteRow::Confirmation(row.0))?
        .http_response(meent_context(), &data)
        .await
}

/// Everything in a dilemma's thread (FEP-7888 `context`): the dilemma, its solutions and
/// comments, and confirmations, oldest first, as ids to fetch.
pub(super) async fn context(
    request: HttpRequest,
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let d = viewable_dilemma(&request, &data, *id).await?;
    let mut items: Vec<Value> = vec![Value::String(d.ap_id.clone())];
    {
        let mut conn = data.db.get().await?;
        let c = &mut conn.conn();
        for r in replies::of_dilemma(c, d.id)
            .await?
            .into_iter()
            .filter(|r| !r.deleted)
        {
            let id = r.id;
            items.push(Value::String(r.ap_id));
            for x in confirmations::of_solution(c, id).await? {
                items.push(Value::String(x.ap_id));
            }
        }
    }
    let collection = OrderedCollection {
        kind: Default::default(),
        id: data.urls().dilemma_context(d.id),
        total_items: items.len() as i64,
        ordered_items: Some(items),
    };
    Ok(HttpResponse::Ok()
        .content_type(FEDERATION_CONTENT_TYPE)
        .json(WithContext::new(collection, meent_context().clone())))
}
