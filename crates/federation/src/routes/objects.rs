//! Dilemmas, notes and threads as ActivityPub documents, for other servers to fetch.
//! Only public threads are served; followers-only ones need a signed fetch by a follower
//! (not yet), internal ones never leave the instance.

use crate::{
    FederationError,
    objects::{ApDilemma, ApNote, NoteRow},
    protocol::{collection::OrderedCollection, context::meent_context},
};
use activitypub_federation::{
    FEDERATION_CONTENT_TYPE, config::Data, protocol::context::WithContext, traits::Object,
};
use actix_web::{HttpResponse, web};
use meent_app::AppContext;
use meent_db::queries::{confirmations, dilemmas, dilemmas::DilemmaRow, replies};
use serde_json::Value;

async fn public_dilemma(data: &AppContext, id: i64) -> Result<DilemmaRow, FederationError> {
    let mut conn = data.db.get().await?;
    dilemmas::by_id(&mut conn.conn(), id)
        .await?
        .filter(|d| d.local && d.visibility == "public")
        .ok_or(FederationError::NotFound("dilemma"))
}

pub(super) async fn dilemma(
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let row = public_dilemma(&data, *id).await?;
    ApDilemma::new(row)?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn reply(
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
    public_dilemma(&data, row.dilemma_id).await?;
    ApNote::new(NoteRow::Reply(row))?
        .http_response(meent_context(), &data)
        .await
}

pub(super) async fn confirmation(
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
    public_dilemma(&data, row.1).await?;
    ApNote::new(NoteRow::Confirmation(row.0))?
        .http_response(meent_context(), &data)
        .await
}

/// Everything in a dilemma's thread (FEP-7888 `context`): the dilemma, its solutions and
/// comments, and confirmations, oldest first, as ids to fetch.
pub(super) async fn context(
    id: web::Path<i64>,
    data: Data<AppContext>,
) -> Result<HttpResponse, FederationError> {
    let d = public_dilemma(&data, *id).await?;
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
