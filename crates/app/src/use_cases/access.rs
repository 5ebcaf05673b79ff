//! Who is reading, and what they may see and do. Every dilemma use-case asks here.

use crate::{AppContext, AppError};
use meent_db::queries::{
    collectives::CollectiveRow, dilemmas::DilemmaRow, follows, members::MemberRow, memberships,
};
use meent_domain::{FollowState, Role, Visibility};

/// The person behind a request: a signed-in local member, or nobody.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    pub member: Option<MemberRow>,
    /// Local collectives the member belongs to, with their role.
    pub memberships: Vec<(i64, Role)>,
    /// Collectives the member follows with an approved follow.
    pub following: Vec<i64>,
}

impl Reader {
    pub fn anonymous() -> Self {
        Reader::default()
    }

    pub async fn of(ctx: &AppContext, member: MemberRow) -> Result<Self, AppError> {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        let memberships = memberships::collectives_of(c, member.id)
            .await?
            .into_iter()
            .map(|(col, role)| Ok((col.id, role.parse::<Role>()?)))
            .collect::<Result<Vec<_>, AppError>>()?;
        let following = follows::follows_of(c, member.id)
            .await?
            .into_iter()
            .filter(|(f, _)| f.state == FollowState::Accepted.as_str())
            .map(|(_, col)| col.id)
            .collect();
        Ok(Reader {
            member: Some(member),
            memberships,
            following,
        })
    }

    pub fn is_admin(&self) -> bool {
        self.member.as_ref().is_some_and(|m| m.is_admin)
    }

    pub fn is_member_of(&self, collective_id: i64) -> bool {
        self.memberships.iter().any(|(id, _)| *id == collective_id)
    }

    pub fn coordinates(&self, collective_id: i64) -> bool {
        self.is_admin()
            || self
                .memberships
                .iter()
                .any(|(id, role)| *id == collective_id && *role == Role::Coordinator)
    }

    /// The visibilities of `collective_id`'s dilemmas this reader may see.
    pub fn visibilities(&self, collective_id: i64) -> &'static [&'static str] {
        if self.is_admin() || self.is_member_of(collective_id) {
            &["public", "followers", "internal"]
        } else if self.following.contains(&collective_id) {
            &["public", "followers"]
        } else {
            &["public"]
        }
    }

    pub fn may_see(&self, dilemma: &DilemmaRow) -> bool {
        !dilemma.deleted
            && self
                .visibilities(dilemma.collective_id)
                .contains(&dilemma.visibility.as_str())
    }

    /// Author of the dilemma, or coordinator of its collective.
    pub fn may_manage(&self, dilemma: &DilemmaRow) -> bool {
        let author = self
            .member
            .as_ref()
            .is_some_and(|m| m.id == dilemma.author_id);
        author || self.coordinates(dilemma.collective_id)
    }

    pub fn require_member(&self) -> Result<&MemberRow, AppError> {
        self.member.as_ref().ok_or(AppError::Unauthenticated)
    }
}

/// A dilemma the reader may see, or "not found" (never "forbidden", which would reveal it).
pub fn visible(reader: &Reader, dilemma: Option<DilemmaRow>) -> Result<DilemmaRow, AppError> {
    dilemma
        .filter(|d| reader.may_see(d))
        .ok_or(AppError::NotFound("dilemma"))
}

/// Parses a stored visibility; stored values are always valid, but the database is input.
pub fn visibility_of(dilemma: &DilemmaRow) -> Result<Visibility, AppError> {
    Ok(dilemma.visibility.parse()?)
}

/// Whether `collective` is local and `reader` belongs to it.
pub fn require_membership(reader: &Reader, collective: &CollectiveRow) -> Result<(), AppError> {
    if collective.local && (reader.is_member_of(collective.id) || reader.is_admin()) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only members of the collective can do this",
        ))
    }
}
