//! Invitations to answer a dilemma (koppelen): a coordinator of the dilemma's collective, or
//! of a support organisation, asks a person or collective on any instance to answer. The
//! invited are told; the dilemma shows who was invited and whether they answered.

use crate::{
    AppContext, AppError, Resolved,
    outbox::enqueue,
    use_cases::access::{Reader, visible},
};
use meent_db::{
    Conn,
    queries::{
        collectives::{self, CollectiveRow},
        dilemmas::{self, DilemmaRow},
        invitations::{self, InvitationForm, InvitationRow},
        members::{self, MemberRow},
        memberships, notifications, replies,
    },
};
use meent_domain::{CollectiveKind, OutboundActivity, Role};
use url::Url;

pub const INVITATION: &str = "invitation";

/// An invitation as shown with its dilemma.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub row: InvitationRow,
    /// The invited person or collective: its name, when known here.
    pub name: Option<String>,
    /// Someone answered as or for the invited one.
    pub answered: bool,
}

fn parse_url(s: &str) -> Result<Url, AppError> {
    Url::parse(s).map_err(|e| AppError::Internal(format!("stored URL {s:?}: {e}")))
}

/// Whether `reader` may invite others to answer `dilemma`: a coordinator of its collective,
/// or of a support organisation here.
pub(crate) async fn may_invite(
    c: &mut Conn<'_>,
    reader: &Reader,
    dilemma: &DilemmaRow,
) -> Result<bool, AppError> {
    if reader.coordinates(dilemma.collective_id) && !reader.is_admin() {
        return Ok(true);
    }
    let coordinated: Vec<i64> = reader
        .memberships
        .iter()
        .filter(|(_, role)| *role == Role::Coordinator)
        .map(|(id, _)| *id)
        .collect();
    Ok(collectives::by_ids(c, &coordinated)
        .await?
        .iter()
        .any(|col| col.kind == CollectiveKind::SupportOrganisation.as_str())
        || reader.is_admin())
}

/// Invites the person or collective `target` (`@name@host` or a URL) to answer the public
/// dilemma `dilemma_id`.
pub async fn invite(
    ctx: &AppContext,
    reader: &Reader,
    dilemma_id: i64,
    target: &str,
) -> Result<InvitationRow, AppError> {
    let inviter = reader.require_member()?;
    let invited = crate::use_cases::search::resolve(ctx, reader, target).await?;
    let (invited_url, local_recipients) = {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        match &invited {
            Resolved::Member(m) => (
                m.ap_id.clone(),
                if m.local { vec![m.id] } else { Vec::new() },
            ),
            Resolved::Collective(col) => (col.ap_id.clone(), coordinators(c, col).await?),
            _ => {
                return Err(AppError::Invalid(
                    "invite a person or a collective (@name@host)".into(),
                ));
            }
        }
    };
    let now = meent_db::now();
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let d = visible(reader, dilemmas::by_id(c, dilemma_id).await?)?;
    if d.visibility != meent_domain::Visibility::Public.as_str() {
        return Err(AppError::Invalid(
            "only public dilemmas can be shown to people elsewhere".into(),
        ));
    }
    if !may_invite(c, reader, &d).await? {
        return Err(AppError::Forbidden(
            "coordinators of the dilemma's collective or of a support organisation invite",
        ));
    }
    let note = ctx.urls().new_activity("invitation");
    let row = invitations::insert(
        c,
        &InvitationForm {
            ap_id: note.to_string(),
            dilemma_id: d.id,
            invited: invited_url.clone(),
            inviter_id: inviter.id,
            created_at: now,
        },
    )
    .await?
    .ok_or_else(|| AppError::Conflict("already invited to this dilemma".into()))?;
    for member in local_recipients {
        tell(c, member, &d, inviter).await?;
    }
    let audience = collectives::ap_id_by_id(c, d.collective_id)
        .await?
        .ok_or(AppError::NotFound("collective"))?;
    let invited_url = parse_url(&invited_url)?;
    if !ctx.urls().is_local(&invited_url) || !ctx.urls().is_local(&parse_url(&audience)?) {
        enqueue(
            c,
            &OutboundActivity::Invite {
                id: ctx.urls().new_activity("create"),
                note,
                actor: parse_url(&inviter.ap_id)?,
                invited: invited_url,
                dilemma: parse_url(&d.ap_id)?,
                audience: parse_url(&audience)?,
            },
        )
        .await?;
    }
    tx.commit().await?;
    ctx.outbox.notify();
    Ok(row)
}

/// The coordinators of a local collective (nobody for a remote one).
async fn coordinators(c: &mut Conn<'_>, col: &CollectiveRow) -> Result<Vec<i64>, AppError> {
    if !col.local {
        return Ok(Vec::new());
    }
    Ok(memberships::members_of(c, col.id)
        .await?
        .into_iter()
        .filter(|(_, role)| role == Role::Coordinator.as_str())
        .map(|(m, _)| m.id)
        .collect())
}

async fn tell(
    c: &mut Conn<'_>,
    recipient: i64,
    dilemma: &DilemmaRow,
    inviter: &MemberRow,
) -> Result<(), AppError> {
    notifications::insert_if_wanted(
        c,
        &notifications::NewNotification {
            member_id: recipient,
            kind: INVITATION.into(),
            dilemma_id: Some(dilemma.id),
            reply_id: None,
            collective_id: None,
            actor_name: inviter.display_name.clone(),
            created_at: meent_db::now(),
            meeting_id: None,
        },
        notifications::Wish::Mentions,
    )
    .await?;
    Ok(())
}

/// An invitation from another instance (already checked by the federation side): stored
/// when it concerns someone here or a dilemma of ours; the invited here are told.
pub async fn receive(
    ctx: &AppContext,
    ap_id: &str,
    dilemma: &DilemmaRow,
    invited: &str,
    inviter: &MemberRow,
) -> Result<(), AppError> {
    let mut tx = ctx.db.begin().await?;
    let c = &mut tx.conn();
    let recipients = match members::by_ap_id(c, invited).await?.filter(|m| m.local) {
        Some(m) => vec![m.id],
        None => match collectives::by_ap_id(c, invited).await? {
            Some(col) => coordinators(c, &col).await?,
            None => Vec::new(),
        },
    };
    let ours = collectives::by_id(c, dilemma.collective_id)
        .await?
        .is_some_and(|col| col.local);
    if recipients.is_empty() && !ours {
        return Ok(());
    }
    let stored = invitations::insert(
        c,
        &InvitationForm {
            ap_id: ap_id.to_owned(),
            dilemma_id: dilemma.id,
            invited: invited.to_owned(),
            inviter_id: inviter.id,
            created_at: meent_db::now(),
        },
    )
    .await?;
    if stored.is_some() {
        for member in recipients {
            tell(c, member, dilemma, inviter).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A dilemma's invitations, each with whether it was answered: by the invited person, or by
/// someone speaking for the invited collective.
pub async fn of_dilemma(
    ctx: &AppContext,
    reader: &Reader,
    dilemma_id: i64,
) -> Result<Vec<InvitationView>, AppError> {
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let d = visible(reader, dilemmas::by_id(c, dilemma_id).await?)?;
    let answers = replies::of_dilemma(c, d.id).await?;
    let mut authors = Vec::new();
    for r in answers.iter().filter(|r| !r.deleted) {
        if let Some(m) = members::by_id(c, r.author_id).await? {
            authors.push(m.ap_id);
        }
        if let Some(s) = &r.speaks_for {
            authors.push(s.clone());
        }
    }
    let mut out = Vec::new();
    for row in invitations::of_dilemma(c, d.id).await? {
        let name = match members::by_ap_id(c, &row.invited).await? {
            Some(m) => Some(m.display_name),
            None => collectives::by_ap_id(c, &row.invited)
                .await?
                .map(|col| col.display_name),
        };
        let answered = authors.contains(&row.invited);
        out.push(InvitationView {
            row,
            name,
            answered,
        });
    }
    Ok(out)
}
