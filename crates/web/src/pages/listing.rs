//! Dilemmas as lists show them: title, collective, status, themes and date.

use meent_app::{AppContext, AppError, collectives};
use meent_db::queries::dilemmas::DilemmaRow;

pub struct DilemmaItem {
    pub id: i64,
    pub title: String,
    pub status: String,
    pub collective: String,
    pub themes: Vec<String>,
    pub published: chrono::NaiveDateTime,
}

pub async fn items(ctx: &AppContext, rows: Vec<DilemmaRow>) -> Result<Vec<DilemmaItem>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|d| d.collective_id).collect();
    let by_id = collectives::by_ids(ctx, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|d| DilemmaItem {
            id: d.id,
            collective: by_id
                .get(&d.collective_id)
                .map(|c| c.display_name.clone())
                .unwrap_or_default(),
            themes: d
                .themes
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            title: d.title,
            status: d.status,
            published: d.published,
        })
        .collect())
}
