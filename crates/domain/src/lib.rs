//! Meent's domain vocabulary and rules. Nothing here does I/O.

pub mod account;
pub mod collective_kind;
pub mod dilemma_status;
pub mod document;
pub mod facets;
pub mod follow_state;
pub mod handle;
pub mod mail;
pub mod meeting;
pub mod mention;
pub mod outbound;
pub mod role;
pub mod theme;
pub mod visibility;

pub use account::{Language, RegistrationMode};
pub use collective_kind::CollectiveKind;
pub use dilemma_status::DilemmaStatus;
pub use document::{DocumentKind, Licence};
pub use facets::ContextFacets;
pub use follow_state::FollowState;
pub use handle::{ActorRef, Handle, HandleError, handle_of};
pub use mail::MailCadence;
pub use meeting::{MeetingMode, RegistrationState};
pub use outbound::{FollowRef, JoinAnswer, JoinRef, OutboundActivity, ProgrammeFollowRef, Verb};
pub use role::Role;
pub use theme::Theme;
pub use visibility::Visibility;

/// Raised when a stored or received word is not one of a closed list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {value:?}")]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
}
