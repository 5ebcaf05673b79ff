use crate::{FederationError, protocol::nodeinfo::*};
use activitypub_federation::config::Data;
use actix_web::{HttpResponse, web::Json};
use meent_app::{AppContext, use_cases::site};

/// `/.well-known/nodeinfo`: where NodeInfo 2.1 is, and the instance actor (FEP-2677).
pub(super) async fn links(data: Data<AppContext>) -> Json<NodeInfoLinks> {
    let urls = data.urls();
    let mut nodeinfo = urls.base().clone();
    nodeinfo.set_path("/nodeinfo/2.1");
    Json(NodeInfoLinks {
        links: vec![
            NodeInfoLink {
                rel: NODEINFO_21_SCHEMA.to_owned(),
                href: nodeinfo,
            },
            NodeInfoLink {
                rel: "https://www.w3.org/ns/activitystreams#Application".to_owned(),
                href: urls.instance_actor(),
            },
        ],
    })
}

pub(super) async fn nodeinfo(data: Data<AppContext>) -> Result<HttpResponse, FederationError> {
    let usage = site::usage(&data).await?;
    let info = NodeInfo {
        version: "2.1",
        software: Software {
            name: "meent",
            version: env!("CARGO_PKG_VERSION"),
        },
        protocols: vec!["activitypub"],
        services: Services {
            inbound: vec![],
            outbound: vec![],
        },
        // As Mastodon counts it: anyone may sign up, even when someone approves them after;
        // only an invitation-only instance is closed.
        open_registrations: data.instance.registration != meent_domain::RegistrationMode::Invite,
        usage: Usage {
            users: Users {
                total: usage.local_members,
                active_month: usage.local_members,
                active_halfyear: usage.local_members,
            },
            local_posts: usage.local_dilemmas,
        },
        metadata: serde_json::json!({
            "nodeName": data.instance.name,
            "nodeDescription": data.instance.description,
            "collectives": usage.local_collectives,
        }),
    };
    Ok(HttpResponse::Ok()
        .content_type(
            "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
        )
        .json(info))
}
