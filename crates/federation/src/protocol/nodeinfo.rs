//! NodeInfo 2.1 (<https://nodeinfo.diaspora.software/protocol>).

use serde::Serialize;
use url::Url;

pub const NODEINFO_21_SCHEMA: &str = "http://nodeinfo.diaspora.software/ns/schema/2.1";

#[derive(Debug, Serialize)]
pub struct NodeInfoLinks {
    pub links: Vec<NodeInfoLink>,
}

#[derive(Debug, Serialize)]
pub struct NodeInfoLink {
    pub rel: String,
    pub href: Url,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeInfo {
    pub version: &'static str,
    pub software: Software,
    pub protocols: Vec<&'static str>,
    pub services: Services,
    pub open_registrations: bool,
    pub usage: Usage,
    pub metadata: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct Software {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Services {
    pub inbound: Vec<String>,
    pub outbound: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub users: Users,
    pub local_posts: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Users {
    pub total: i64,
    pub active_month: i64,
    pub active_halfyear: i64,
}
