use crate::AppError;
use async_trait::async_trait;
use meent_db::queries::{
    collectives::CollectiveRow, dilemmas::DilemmaRow, meetings::MeetingRow, members::MemberRow,
    programmes::ProgrammeRow, replies::ReplyRow,
};
use meent_domain::ActorRef;
use url::Url;

/// What a pasted URL or handle turned out to name, as stored here.
#[derive(Debug, Clone)]
pub enum Resolved {
    Collective(CollectiveRow),
    Member(MemberRow),
    Dilemma(DilemmaRow),
    Meeting(MeetingRow),
    /// A solution or comment.
    Reply(ReplyRow),
    Programme(ProgrammeRow),
}

/// Finds an actor on another instance (WebFinger, then a signed fetch) and stores it.
/// Implemented by the federation side and installed into the context at start.
#[async_trait]
pub trait RemoteResolver: Send + Sync {
    async fn resolve_collective(&self, reference: &ActorRef) -> Result<CollectiveRow, AppError>;

    /// Fetches and stores whatever `reference` names: a collective, a person, a dilemma, a
    /// session, a solution or comment, or a learning programme.
    async fn resolve_any(&self, reference: &ActorRef) -> Result<Resolved, AppError>;

    /// GETs a JSON document from another instance over the outgoing HTTP client (which
    /// refuses private addresses outside debug mode); returns the body. For network search.
    async fn get_json(&self, url: &Url) -> Result<String, AppError>;

    /// GETs an ActivityPub document from its own server, signed by this instance's actor,
    /// and returns the status with the (size-limited) body whatever the status: for asking
    /// a server whether it still has an object, or what an activity of its own said.
    async fn fetch_signed(&self, url: &Url) -> Result<Fetched, AppError>;
}

/// A document as another server answered for it.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub status: u16,
    pub body: String,
}
