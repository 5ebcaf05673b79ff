use serde::Deserialize;
use url::Url;

/// An activity of a kind Meent does not act on (yet). It is signature-checked like any
/// other, then acknowledged so the sender does not retry it.
#[derive(Debug, Deserialize)]
pub struct UnknownActivity {
    pub id: Url,
    pub actor: Url,
    #[serde(rename = "type")]
    pub kind: serde_json::Value,
}

pub(super) fn receive(activity: &UnknownActivity) {
    tracing::info!(id = %activity.id, kind = %activity.kind, "activity of an unhandled kind ignored");
}
