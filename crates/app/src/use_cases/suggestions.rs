//! Who could answer a dilemma (koppelen): collectives that solved similar dilemmas and people
//! who declared matching expertise, ranked, for the coordinators who may invite them. Similar
//! dilemmas come from the search index; only those with an accepted or confirmed solution
//! count, and the collective that solved one (its own dilemma) or wrote the accepted answer
//! for it is suggested. Nothing here is sent anywhere: inviting is `invitations::invite`.

use crate::{
    AppContext, AppError,
    use_cases::{
        access::{Reader, visible},
        invitations::may_invite,
        search::similar_to_loaded,
    },
};
use meent_db::queries::{
    collectives::{self, CollectiveRow},
    dilemmas::{self, DilemmaRow},
    expertise, invitations,
    members::{self, MemberRow},
    replies,
};
use std::collections::HashMap;

/// Similar dilemmas looked at.
const SIMILAR: usize = 20;
/// Suggestions of each kind shown.
const SHOWN: usize = 8;
/// Examples given per suggested collective.
const EXAMPLES: usize = 3;
/// Declarations of expertise matched against (the most recent).
const EXPERTS_SCANNED: i64 = 2_000;

/// A similar dilemma that was solved: why someone is suggested.
#[derive(Debug, Clone)]
pub struct SolvedExample {
    pub title: String,
    /// Its number here.
    pub dilemma_id: i64,
    /// How many others said its accepted solution worked for them too.
    pub confirmations: i64,
}

#[derive(Debug, Clone)]
pub struct CollectiveSuggestion {
    pub collective: CollectiveRow,
    pub score: f32,
    pub solved: Vec<SolvedExample>,
    /// Already invited to this dilemma.
    pub invited: bool,
}

#[derive(Debug, Clone)]
pub struct PersonSuggestion {
    pub member: MemberRow,
    pub score: f32,
    /// The dilemma's themes they named.
    pub themes: Vec<String>,
    /// Their own words.
    pub description: String,
    /// Solved dilemmas they wrote the accepted answer to (not for a collective).
    pub solved: Vec<SolvedExample>,
    pub invited: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Suggestions {
    pub collectives: Vec<CollectiveSuggestion>,
    pub people: Vec<PersonSuggestion>,
}

/// Scores per actor (by ActivityPub id) with the examples that earned them.
#[derive(Default)]
struct Tally {
    scores: HashMap<String, (f32, Vec<SolvedExample>)>,
}

impl Tally {
    fn add(&mut self, actor: &str, weight: f32, example: &SolvedExample) {
        let entry = self.scores.entry(actor.to_owned()).or_default();
        entry.0 += weight;
        if entry.1.len() < EXAMPLES && !entry.1.iter().any(|e| e.dilemma_id == example.dilemma_id) {
            entry.1.push(example.clone());
        }
    }

    fn ranked(self) -> Vec<(String, f32, Vec<SolvedExample>)> {
        let mut out: Vec<_> = self
            .scores
            .into_iter()
            .map(|(actor, (score, examples))| (actor, score, examples))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The words of a declaration worth looking for in a dilemma: four letters or more.
fn words(description: &str) -> Vec<String> {
    description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect()
}

/// A collective on another instance that solved a similar dilemma, as that instance
/// answered a network search (not stored here: inviting it looks it up).
#[derive(Debug, Clone)]
pub struct RemoteSuggestion {
    pub collective_url: String,
    pub display_name: String,
    /// The host that answered.
    pub origin: String,
    pub score: f32,
    /// (title, URL) of the similar dilemmas it solved.
    pub solved: Vec<(String, String)>,
    pub invited: bool,
}

/// Collectives elsewhere that solved dilemmas like `dilemma_id`, from the instances this
/// one knows (a network search with the dilemma's title); those already known here are in
/// [`for_dilemma`]. Each answer is another server's word: it only suggests, and inviting
/// looks the collective up at its own server.
pub async fn network(
    ctx: &AppContext,
    reader: &Reader,
    dilemma_id: i64,
) -> Result<Vec<RemoteSuggestion>, AppError> {
    reader.require_member()?;
    let (d, own, invited) = {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        let d = visible(reader, dilemmas::by_id(c, dilemma_id).await?)?;
        if !may_invite(c, reader, &d).await? {
            return Err(AppError::Forbidden(
                "coordinators of the dilemma's collective or of a support organisation see suggestions",
            ));
        }
        let own = collectives::ap_id_by_id(c, d.collective_id)
            .await?
            .unwrap_or_default();
        let invited: Vec<String> = invitations::of_dilemma(c, d.id)
            .await?
            .into_iter()
            .map(|i| i.invited)
            .collect();
        (d, own, invited)
    };
    // The title's longer words, any of them: a search asks for all words by default, and
    // another collective puts the same question in other words.
    let mut telling: Vec<String> = words(&d.title)
        .into_iter()
        .filter(|w| w.chars().count() >= 5)
        .collect();
    telling.dedup();
    telling.truncate(6);
    if telling.is_empty() {
        return Ok(Vec::new());
    }
    let query = crate::use_cases::search::SearchQuery {
        q: telling.join(" OR "),
        page: 1,
        per_page: SIMILAR,
        scope: crate::use_cases::search::Scope::Network,
        ..Default::default()
    };
    let outcome = crate::use_cases::search::search(ctx, reader, query).await?;
    let themes: Vec<&str> = d.themes.split(',').filter(|t| !t.is_empty()).collect();
    let mut by_collective: Vec<RemoteSuggestion> = Vec::new();
    for n in outcome.network {
        let s = &n.hit.dilemma;
        let solved = s.accepted > 0 || s.confirmations > 0;
        let shares_theme = s.themes.iter().any(|t| themes.contains(&t.as_str()));
        if !solved || !shares_theme || s.collective_ap_id == own || s.ap_id == d.ap_id {
            continue;
        }
        let weight = n.hit.score * (1.0 + 0.25 * s.confirmations as f32);
        match by_collective
            .iter_mut()
            .find(|r| r.collective_url == s.collective_ap_id)
        {
            Some(r) => {
                r.score += weight;
                if r.solved.len() < EXAMPLES {
                    r.solved.push((s.title.clone(), s.ap_id.clone()));
                }
            }
            None => by_collective.push(RemoteSuggestion {
                collective_url: s.collective_ap_id.clone(),
                display_name: s.collective_display_name.clone(),
                origin: n.origin.clone(),
                score: weight,
                solved: vec![(s.title.clone(), s.ap_id.clone())],
                invited: invited.contains(&s.collective_ap_id),
            }),
        }
    }
    by_collective.sort_by(|a, b| b.score.total_cmp(&a.score));
    by_collective.truncate(SHOWN);
    Ok(by_collective)
}

/// Ranked suggestions for `dilemma_id`, for a coordinator who may invite others to answer.
pub async fn for_dilemma(
    ctx: &AppContext,
    reader: &Reader,
    dilemma_id: i64,
) -> Result<Suggestions, AppError> {
    reader.require_member()?;
    let d = {
        let mut conn = ctx.db.get().await?;
        let c = &mut conn.conn();
        let d = visible(reader, dilemmas::by_id(c, dilemma_id).await?)?;
        if !may_invite(c, reader, &d).await? {
            return Err(AppError::Forbidden(
                "coordinators of the dilemma's collective or of a support organisation see suggestions",
            ));
        }
        d
    };
    let similar = similar_to_loaded(ctx, reader, &d, SIMILAR)?;
    let mut conn = ctx.db.get().await?;
    let c = &mut conn.conn();
    let own = collectives::ap_id_by_id(c, d.collective_id)
        .await?
        .unwrap_or_default();
    let author = members::by_id(c, d.author_id).await?.map(|m| m.ap_id);
    let mut collectives_tally = Tally::default();
    let mut people_tally = Tally::default();
    // A few shared everyday words make any two dilemmas a little alike: a solved one counts
    // when it shares a theme, or is nearly as alike as the most alike one.
    let best = similar.first().map_or(0.0, |h| h.score);
    let themes: Vec<&str> = d.themes.split(',').filter(|t| !t.is_empty()).collect();
    for hit in similar {
        let s = &hit.dilemma;
        if s.accepted == 0 && s.confirmations == 0 {
            continue;
        }
        let shares_theme = s.themes.iter().any(|t| themes.contains(&t.as_str()));
        if !shares_theme && hit.score < 0.5 * best {
            continue;
        }
        let example = SolvedExample {
            title: s.title.clone(),
            dilemma_id: s.id,
            confirmations: s.confirmations,
        };
        // Confirmed solutions count more: they worked for more than one collective.
        let weight = hit.score * (1.0 + 0.25 * s.confirmations as f32);
        collectives_tally.add(&s.collective_ap_id, weight, &example);
        for r in replies::of_dilemma(c, s.id).await? {
            if !r.accepted || r.deleted {
                continue;
            }
            match &r.speaks_for {
                Some(collective) => collectives_tally.add(collective, weight, &example),
                None => {
                    if let Some(m) = members::by_id(c, r.author_id).await? {
                        people_tally.add(&m.ap_id, weight, &example);
                    }
                }
            }
        }
    }
    let invited: Vec<String> = invitations::of_dilemma(c, d.id)
        .await?
        .into_iter()
        .map(|i| i.invited)
        .collect();
    let mut out = Suggestions::default();
    for (actor, score, solved) in collectives_tally.ranked() {
        if actor == own || out.collectives.len() >= SHOWN {
            continue;
        }
        if let Some(collective) = collectives::by_ap_id(c, &actor).await? {
            out.collectives.push(CollectiveSuggestion {
                invited: invited.contains(&actor),
                collective,
                score,
                solved,
            });
        }
    }
    out.people = people(c, &d, author.as_deref(), people_tally, &invited).await?;
    Ok(out)
}

/// People who wrote accepted answers to similar dilemmas, and people whose declared
/// expertise names the dilemma's themes or words it uses ("jurist"), ranked together.
async fn people(
    c: &mut meent_db::Conn<'_>,
    d: &DilemmaRow,
    author: Option<&str>,
    mut tally: Tally,
    invited: &[String],
) -> Result<Vec<PersonSuggestion>, AppError> {
    let themes: Vec<String> = d
        .themes
        .split(',')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    let text = format!("{} {}", d.title, d.source).to_lowercase();
    let mut declared: HashMap<String, (Vec<String>, String)> = HashMap::new();
    for e in expertise::recent(c, EXPERTS_SCANNED).await? {
        let matching: Vec<String> = e
            .theme_list()
            .into_iter()
            .filter(|t| themes.contains(t))
            .collect();
        let word_match = words(&e.description).iter().any(|w| text.contains(w));
        if matching.is_empty() && !word_match {
            continue;
        }
        let Some(m) = members::by_id(c, e.member_id).await? else {
            continue;
        };
        let score = matching.len() as f32 + if word_match { 2.0 } else { 0.0 };
        let entry = tally.scores.entry(m.ap_id.clone()).or_default();
        entry.0 += score;
        declared.insert(m.ap_id, (matching, e.description));
    }
    let mut out = Vec::new();
    for (actor, score, solved) in tally.ranked() {
        if Some(actor.as_str()) == author || out.len() >= SHOWN {
            continue;
        }
        let Some(member) = members::by_ap_id(c, &actor).await? else {
            continue;
        };
        let (themes, description) = declared.remove(&actor).unwrap_or_default();
        out.push(PersonSuggestion {
            invited: invited.contains(&actor),
            member,
            score,
            themes,
            description,
            solved,
        });
    }
    Ok(out)
}
