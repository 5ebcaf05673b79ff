//! What a member says they know about, so that support organisations can ask them to answer
//! a dilemma (koppelen): areas from the theme list and a few words of their own. Other
//! instances read it from the member's actor document.

use crate::{AppContext, AppError, text, use_cases::access::Reader};
use meent_db::queries::expertise::{self, ExpertiseRow};
use meent_domain::Theme;

/// The words of one's own, in characters ("jurist, penningmeester").
pub const MAX_DESCRIPTION: usize = 300;

/// The signed-in member's expertise, if they declared any.
pub async fn mine(ctx: &AppContext, reader: &Reader) -> Result<Option<ExpertiseRow>, AppError> {
    let member = reader.require_member()?;
    let mut conn = ctx.db.get().await?;
    Ok(expertise::of(&mut conn.conn(), member.id).await?)
}

/// Sets the signed-in member's expertise; no themes and no words remove it.
pub async fn set_mine(
    ctx: &AppContext,
    reader: &Reader,
    themes: &[String],
    description: &str,
) -> Result<(), AppError> {
    let member = reader.require_member()?;
    if description.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::Invalid(format!(
            "describe your expertise in at most {MAX_DESCRIPTION} characters"
        )));
    }
    let mut ids: Vec<&'static str> = Vec::new();
    for t in themes.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let id = t.parse::<Theme>()?.id();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let description = text::text(description, MAX_DESCRIPTION);
    let mut tx = ctx.db.begin().await?;
    expertise::set(
        &mut tx.conn(),
        member.id,
        &ids.join(","),
        &description,
        meent_db::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
