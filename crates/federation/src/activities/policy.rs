//! Who may do what through an inbox: the one place where incoming activities are
//! authorised. Every handler in `activities/` (and every path that stores a remote object)
//! asks here before it changes anything.
//!
//! Decisions rest on what is stored here and on who signed the request, never on what a
//! message claims about itself: its `attributedTo`, its `audience`, or the actor of an
//! activity wrapped in someone else's `Announce`. `docs/security.md` is this module in
//! prose; keep the two together.

use crate::FederationError;
use meent_app::AppContext;
use meent_db::queries::{collectives, confirmations, dilemmas, follows, members, replies};
use std::future::Future;
use url::Url;

/// How the activity being handled reached us.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Via {
    /// Sent by its own actor, whose HTTP signature was verified.
    Direct,
    /// Passed on in an `Announce` by this collective, whose signature was verified; the
    /// wrapped activity's own actor signed nothing.
    Announced(Url),
}

/// Whether two URLs are on the same server: scheme, host and port. (Ports matter: in
/// debug mode several instances share `localhost`, and a host is not an actor.)
pub(crate) fn same_server(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// What is stored here about an object an incoming activity refers to.
#[derive(Debug, Clone)]
pub(crate) struct StoredObject {
    /// Written on this instance.
    pub local: bool,
    /// Its author's actor id, as stored.
    pub author: Url,
    /// The collective whose thread it is in, as stored.
    pub collective: Url,
}

pub(crate) fn parse_url(s: &str) -> Result<Url, FederationError> {
    Url::parse(s).map_err(|e| FederationError::Invalid(format!("stored URL {s}: {e}")))
}

/// The stored facts about the dilemma, solution, comment or confirmation `id`, if it is
/// known here.
pub(crate) async fn stored_object(
    data: &AppContext,
    id: &Url,
) -> Result<Option<StoredObject>, FederationError> {
    let mut conn = data.db.get().await?;
    let c = &mut conn.conn();
    let (local, author_id, dilemma) = if let Some(d) = dilemmas::by_ap_id(c, id.as_str()).await? {
        (d.local, d.author_id, d)
    } else if let Some(r) = replies::by_ap_id(c, id.as_str()).await? {
        let Some(d) = dilemmas::by_id(c, r.dilemma_id).await? else {
            return Ok(None);
        };
        (r.local, r.author_id, d)
    } else if let Some(x) = confirmations::by_ap_id(c, id.as_str()).await? {
        let Some(solution) = replies::by_id(c, x.solution_id).await? else {
            return Ok(None);
        };
        let Some(d) = dilemmas::by_id(c, solution.dilemma_id).await? else {
            return Ok(None);
        };
        (x.local, x.author_id, d)
    } else {
        return Ok(None);
    };
    let author = members::by_id(c, author_id)
        .await?
        .ok_or(FederationError::NotFound("author"))?;
    let collective = collectives::ap_id_by_id(c, dilemma.collective_id)
        .await?
        .ok_or(FederationError::NotFound("collective"))?;
    Ok(Some(StoredObject {
        local,
        author: parse_url(&author.ap_id)?,
        collective: parse_url(&collective)?,
    }))
}

/// The actor id of the collective whose thread the stored dilemma `dilemma_collective_id`
/// belongs to.
pub(crate) async fn collective_of_thread(
    data: &AppContext,
    dilemma_collective_id: i64,
) -> Result<Url, FederationError> {
    let mut conn = data.db.get().await?;
    let ap_id = collectives::ap_id_by_id(&mut conn.conn(), dilemma_collective_id)
        .await?
        .ok_or(FederationError::NotFound("collective"))?;
    parse_url(&ap_id)
}

/// An activity of one of this instance's members is written here, never received. One
/// wrapped in a remote Announce is our own coming back (`Ok(false)`: nothing to do) when
/// its id is ours too, and a forgery otherwise.
pub(crate) fn is_foreign(
    data: &AppContext,
    activity_id: &Url,
    actor: &Url,
) -> Result<bool, FederationError> {
    let urls = data.urls();
    match (urls.is_local(actor), urls.is_local(activity_id)) {
        (false, _) => Ok(true),
        (true, true) => Ok(false),
        (true, false) => Err(FederationError::Refused(
            "an activity of this instance's member cannot come from another server",
        )),
    }
}

/// A `Create` (or an `Update` of something not stored yet) is sent by the object's author.
pub(crate) fn sent_by_author(actor: &Url, attributed_to: &Url) -> Result<(), FederationError> {
    if actor != attributed_to {
        return Err(FederationError::Refused(
            "an object can only be created by its author",
        ));
    }
    Ok(())
}

/// An object's id is on the server of the actor that sends it.
pub(crate) fn from_own_server(object: &Url, actor: &Url) -> Result<(), FederationError> {
    if !same_server(object, actor) {
        return Err(FederationError::Refused(
            "an object can only be sent from its own server",
        ));
    }
    Ok(())
}

/// An actor's profile is changed only by that actor (its signature is the proof).
pub(crate) fn updates_itself(actor: &Url, object: &Url) -> Result<(), FederationError> {
    if actor != object {
        return Err(FederationError::Refused(
            "an actor changes only its own profile",
        ));
    }
    Ok(())
}

/// `Update` or `Delete` of a stored object: only by its author or by the collective whose
/// thread it is in (moderation), as stored. An activity that collective passes on from its
/// own server counts as the collective's. What was written here is changed only here.
pub(crate) fn may_change(
    stored: &StoredObject,
    actor: &Url,
    via: &Via,
) -> Result<(), FederationError> {
    if stored.local {
        return Err(FederationError::Refused(
            "what was written on this instance is changed and deleted only here",
        ));
    }
    if actor == &stored.author || actor == &stored.collective {
        return Ok(());
    }
    if let Via::Announced(announcer) = via
        && announcer == &stored.collective
        && same_server(actor, announcer)
    {
        return Ok(());
    }
    Err(FederationError::Refused(
        "only its author or the collective of its thread may change or delete it",
    ))
}

/// An activity passed on by a collective belongs to a thread of that collective.
pub(crate) fn in_announcers_thread(
    announcer: &Url,
    thread_collective: &Url,
) -> Result<(), FederationError> {
    if announcer != thread_collective {
        return Err(FederationError::Refused(
            "a collective can only pass on activities in its own threads",
        ));
    }
    Ok(())
}

/// What an object says about its thread agrees with what is stored: a note's `audience`
/// names the collective of the dilemma it replies to.
pub(crate) fn claim_matches_thread(
    claimed: Option<&Url>,
    thread_collective: &Url,
) -> Result<(), FederationError> {
    match claimed {
        Some(c) if c != thread_collective => Err(FederationError::Invalid(
            "the object names another collective than its thread's".into(),
        )),
        _ => Ok(()),
    }
}

/// Whether an announced activity must be confirmed by its origin: its actor is on another
/// server than the collective passing it on, which cannot vouch for it (FEP-1b12).
pub(crate) fn needs_origin(announcer: &Url, inner_actor: &Url) -> bool {
    !same_server(announcer, inner_actor)
}

/// Activities a collective passes on are taken only when a member here follows it (or
/// asked to): otherwise nobody here asked for them.
pub(crate) async fn followed_here(
    data: &AppContext,
    collective_id: i64,
) -> Result<(), FederationError> {
    let mut conn = data.db.get().await?;
    if !follows::has_local_follower(&mut conn.conn(), collective_id).await? {
        return Err(FederationError::Refused(
            "nobody on this instance follows the collective",
        ));
    }
    Ok(())
}

/// A new remote dilemma opens a thread in a collective on its own server, or in one on
/// another server that passed it on itself (a Lemmy community announcing a post by someone
/// elsewhere). A person cannot place a dilemma in another server's collective by naming it.
pub(crate) fn may_open_thread(dilemma: &Url, collective: &Url) -> Result<(), FederationError> {
    if same_server(dilemma, collective) || vouching_collective().as_ref() == Some(collective) {
        return Ok(());
    }
    Err(FederationError::Refused(
        "a dilemma in a collective on another server arrives only through that collective",
    ))
}

/// An Accept or Reject of a follow: only by the followed collective, and only of a follow
/// one of our members sent (as stored).
pub(crate) fn may_answer_follow(
    actor: &Url,
    followed: &Url,
    follower_is_local: bool,
) -> Result<(), FederationError> {
    if actor != followed || !follower_is_local {
        return Err(FederationError::Refused(
            "only the followed collective can answer a follow",
        ));
    }
    Ok(())
}

/// An Undo: only by the actor of the activity it undoes.
pub(crate) fn may_undo(actor: &Url, original_actor: &Url) -> Result<(), FederationError> {
    if actor != original_actor {
        return Err(FederationError::Refused(
            "only the actor of an activity can undo it",
        ));
    }
    Ok(())
}

/// A session is created, changed and cancelled only by its organising collective, as
/// stored (for a new one: as its `attributedTo` names it, on its own server).
pub(crate) fn may_change_meeting(actor: &Url, organiser: &Url) -> Result<(), FederationError> {
    if actor != organiser {
        return Err(FederationError::Refused(
            "only the organising collective can change a session",
        ));
    }
    Ok(())
}

/// A registration (`Join`) is taken for a session of this instance, for the registering
/// person's own collective: one on the person's own server (a registration cannot take, or
/// cancel, another server's collective's place). Without a collective, a person registers
/// for themselves.
pub(crate) fn may_register(
    meeting_is_local: bool,
    actor: &Url,
    speaks_for: &Url,
) -> Result<(), FederationError> {
    if !meeting_is_local {
        return Err(FederationError::Refused(
            "registrations go to the session's own server",
        ));
    }
    if !same_server(actor, speaks_for) {
        return Err(FederationError::Refused(
            "a registration is for a collective on the registering person's server",
        ));
    }
    Ok(())
}

/// An answer to a registration: only by the organising collective of the session, as
/// stored, and only to a registration one of our members sent.
pub(crate) fn may_answer_registration(
    actor: &Url,
    organiser: &Url,
    registrant_is_local: bool,
) -> Result<(), FederationError> {
    if actor != organiser || !registrant_is_local {
        return Err(FederationError::Refused(
            "only the organising collective can answer a registration",
        ));
    }
    Ok(())
}

/// A learning programme is created, changed and deleted only by its owning collective, as
/// stored (for a new one: as its `attributedTo` names it, on its own server).
pub(crate) fn may_change_programme(actor: &Url, owner: &Url) -> Result<(), FederationError> {
    if actor != owner {
        return Err(FederationError::Refused(
            "only the owning collective can change a programme",
        ));
    }
    Ok(())
}

/// A collective follows a programme of this instance, stops following it and records its
/// progress only for itself: the actor is the collective (a `Group` on its own server), and
/// only a programme stored here as local is followed here.
pub(crate) fn may_follow_programme(
    programme_is_local: bool,
    actor_is_collective: bool,
) -> Result<(), FederationError> {
    if !programme_is_local {
        return Err(FederationError::Refused(
            "a programme is followed at its own server",
        ));
    }
    if !actor_is_collective {
        return Err(FederationError::Refused(
            "programmes are followed by collectives",
        ));
    }
    Ok(())
}

/// A programme's owner answers a follow one of our collectives sent: only that owner, as
/// stored.
pub(crate) fn may_accept_programme_follow(actor: &Url, owner: &Url) -> Result<(), FederationError> {
    if actor != owner {
        return Err(FederationError::Refused(
            "only the programme's owner answers a follow of it",
        ));
    }
    Ok(())
}

tokio::task_local! {
    static VOUCHING: Url;
}

/// Runs `work` with `collective` vouching for the dilemmas stored meanwhile: it passed them
/// on itself (its Announce, its outbox), so they may be in its thread although written on
/// another server (see [`may_open_thread`]).
pub(crate) async fn vouched_by<F: Future>(collective: Url, work: F) -> F::Output {
    VOUCHING.scope(collective, work).await
}

fn vouching_collective() -> Option<Url> {
    VOUCHING.try_with(Url::clone).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    fn remote_object() -> StoredObject {
        StoredObject {
            local: false,
            author: url("https://v.example/u/p"),
            collective: url("https://v.example/c/buurt"),
        }
    }

    #[test]
    fn only_author_or_thread_collective_may_change() {
        let stored = remote_object();
        let direct = Via::Direct;
        assert!(may_change(&stored, &url("https://v.example/u/p"), &direct).is_ok());
        assert!(may_change(&stored, &url("https://v.example/c/buurt"), &direct).is_ok());
        // Another person on the same server.
        assert!(may_change(&stored, &url("https://v.example/u/m"), &direct).is_err());
        // Passed on by the thread's collective from its own server (a moderator there).
        let by_collective = Via::Announced(url("https://v.example/c/buurt"));
        assert!(may_change(&stored, &url("https://v.example/u/m"), &by_collective).is_ok());
        // Passed on by another collective, or naming someone on another server.
        let by_other = Via::Announced(url("https://e.example/c/e"));
        assert!(may_change(&stored, &url("https://v.example/u/p"), &by_other).is_ok());
        assert!(may_change(&stored, &url("https://e.example/u/x"), &by_other).is_err());
        assert!(may_change(&stored, &url("https://e.example/u/x"), &by_collective).is_err());
        // Nothing written here is changed from elsewhere, not even "by its author".
        let local = StoredObject {
            local: true,
            ..remote_object()
        };
        assert!(may_change(&local, &url("https://v.example/u/p"), &direct).is_err());
    }

    #[test]
    fn sessions_are_changed_and_answered_by_their_organiser_only() {
        let organiser = url("https://s.example/c/lsa");
        assert!(may_change_meeting(&organiser, &organiser).is_ok());
        assert!(may_change_meeting(&url("https://s.example/u/coordinator"), &organiser).is_err());
        assert!(may_answer_registration(&organiser, &organiser, true).is_ok());
        assert!(
            may_answer_registration(&url("https://x.example/c/lsa"), &organiser, true).is_err()
        );
        assert!(may_answer_registration(&organiser, &organiser, false).is_err());
        let person = url("https://a.example/u/an");
        assert!(may_register(true, &person, &url("https://a.example/c/huis")).is_ok());
        assert!(may_register(true, &person, &url("https://b.example/c/buren")).is_err());
        assert!(may_register(false, &person, &url("https://a.example/c/huis")).is_err());
    }

    #[test]
    fn servers_differ_by_port() {
        assert!(same_server(
            &url("http://localhost:1/a"),
            &url("http://localhost:1/b")
        ));
        assert!(!same_server(
            &url("http://localhost:1/a"),
            &url("http://localhost:2/a")
        ));
        assert!(!same_server(
            &url("https://v.example/a"),
            &url("http://v.example/a")
        ));
    }

    #[tokio::test]
    async fn a_dilemma_elsewhere_needs_its_collective_to_vouch() {
        let dilemma = url("https://v.example/d/1");
        let there = url("https://e.example/c/e");
        assert!(may_open_thread(&dilemma, &url("https://v.example/c/v")).is_ok());
        assert!(may_open_thread(&dilemma, &there).is_err());
        let vouched = vouched_by(there.clone(), async { may_open_thread(&dilemma, &there) });
        assert!(vouched.await.is_ok());
        let other = vouched_by(url("https://x.example/c/x"), async {
            may_open_thread(&dilemma, &there)
        });
        assert!(other.await.is_err());
    }
}
