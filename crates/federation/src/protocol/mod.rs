//! Wire structs: ActivityPub documents exactly as Meent sends and accepts them.
//! Nothing here touches the database; `objects` and `activities` convert.

pub mod activities;
pub mod actors;
pub mod article;
pub mod attachment;
pub mod collection;
pub mod context;
pub mod event;
pub mod invitation;
pub mod nodeinfo;
pub mod objects;
pub mod time;
