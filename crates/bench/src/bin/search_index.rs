//! Search over 100,000 dilemmas and 400,000 solutions of generated Dutch text (issue 5):
//! index build time, and p50/p95 of ranked top-20 searches for a common word, a rare word
//! and two words (target p95 ≤ 10 ms on 2 cores) and of similar dilemmas (p95 ≤ 20 ms).
//!
//! The rows are written into a SQLite database in a temporary folder, then the index is
//! built from it exactly as `meent search reindex` does.
//! Run with `cargo run --release -p meent-bench --bin search_index` (add a number to use
//! fewer dilemmas, e.g. `-- 10000`).

use meent_app::{
    AppContext, InstanceSettings,
    collectives::{self, NewCollective},
    members::{self, NewMember},
    urls::Urls,
};
use meent_db::{
    DbPool,
    queries::{
        dilemmas::{self, DilemmaForm},
        replies::{self, ReplyForm},
    },
};
use meent_domain::CollectiveKind;
use meent_search::{Audience, SearchIndex, SearchRequest};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use std::time::{Duration, Instant};

const SOLUTIONS_PER_DILEMMA: usize = 4;
const RUNS: usize = 300;

/// Words of the domain, the common ones first: picked with a Zipf-like skew so that some are
/// in most documents and the last ones in very few, as in real text.
const WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "we",
    "in",
    "is",
    "voor",
    "met",
    "niet",
    "op",
    "bij",
    "ons",
    "buurthuis",
    "gemeente",
    "sleutels",
    "bewoners",
    "vrijwilligers",
    "woningcorporatie",
    "huurders",
    "begroting",
    "subsidie",
    "vergadering",
    "bestuur",
    "afspraken",
    "beheer",
    "ruimte",
    "activiteiten",
    "huur",
    "onderhoud",
    "renovatie",
    "bewonerscommissie",
    "overleg",
    "contract",
    "verzekering",
    "kosten",
    "inkomsten",
    "penningmeester",
    "kascommissie",
    "vereniging",
    "stichting",
    "statuten",
    "notaris",
    "wijkraad",
    "buurtbudget",
    "aanvraag",
    "formulier",
    "jaarverslag",
    "ledenvergadering",
    "nieuwsbrief",
    "communicatie",
    "flyers",
    "huisbezoeken",
    "veiligheid",
    "verlichting",
    "camera",
    "sloten",
    "toegang",
    "pasjes",
    "beheerder",
    "schoonmaak",
    "rooster",
    "koffieochtend",
    "repaircafé",
    "moestuin",
    "speeltuin",
    "jongeren",
    "ouderen",
    "mantelzorg",
    "eenzaamheid",
    "buurtkamer",
    "sleutelkluis",
    "energiearmoede",
    "isolatie",
    "zonnepanelen",
    "warmtepomp",
    "herhuisvesting",
    "sloop",
    "nieuwbouw",
    "participatie",
    "inspraak",
    "ambtenaar",
    "wethouder",
    "raadsvergadering",
    "ondernemingsplan",
    "financiering",
    "lening",
    "crowdfunding",
    "fonds",
    "accountant",
    "btw",
    "kvk",
    "inschrijving",
    "aansprakelijkheid",
    "asbest",
    "brandweer",
    "gebruiksvergunning",
    "horecavergunning",
    "drank",
    "evenement",
    "buurtfeest",
];
const RARE: &str = "legionella";

fn word(rng: &mut StdRng) -> &'static str {
    // Zipf-like: index = floor(n^(u^1.6)) favours the first words strongly.
    let u: f64 = rng.r#gen();
    let i = ((WORDS.len() as f64).powf(u.powf(1.6)) - 1.0) as usize;
    WORDS[i.min(WORDS.len() - 1)]
}

fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| word(rng)).collect();
    if rng.gen_ratio(1, 20_000) {
        s.push(RARE);
    }
    let mut out = s.join(" ");
    out.push('.');
    out
}

fn paragraph(rng: &mut StdRng, sentences: usize) -> String {
    let text: Vec<String> = (0..sentences)
        .map(|_| {
            let n = rng.gen_range(8..18);
            sentence(rng, n)
        })
        .collect();
    format!("<p>{}</p>", text.join(" "))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn measure(name: &str, target_ms: f64, mut run: impl FnMut(usize)) {
    for i in 0..20 {
        run(i); // warm-up
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|i| {
            let t = Instant::now();
            run(i);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("{name}: p50 {:.2} ms", percentile(&times, 0.5));
    meent_bench::report(
        &format!("{name} p95"),
        percentile(&times, 0.95),
        "ms",
        target_ms,
        true,
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dilemmas_n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let db_url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let db = DbPool::connect(&db_url, 4).await?;
    let ctx = AppContext::new(
        db.clone(),
        InstanceSettings {
            domain: "bench.example".into(),
            name: "bench".into(),
            description: String::new(),
            registration: meent_domain::RegistrationMode::default(),
            urls: Urls::new(url::Url::parse("https://bench.example/")?),
            documents_dir: dir.path().join("documents"),
        },
    );
    let collective = collectives::create(
        &ctx,
        NewCollective {
            name: "bench".into(),
            display_name: "Bewonerscommissie Bench".into(),
            summary: String::new(),
            kind: CollectiveKind::TenantsCommittee,
            municipality: Some("Utrecht".into()),
            neighbourhood: None,
            languages: vec!["nl".into()],
            open: true,
        },
    )
    .await?;
    let author = members::create(
        &ctx,
        NewMember {
            name: "auteur".into(),
            display_name: "Auteur".into(),
            is_admin: false,
        },
    )
    .await?;

    let mut rng = StdRng::seed_from_u64(5);
    let themes = [
        "keys_and_access",
        "budgets_and_subsidies",
        "volunteers_and_organisation",
    ];
    let statuses = ["open", "open", "solved", "closed"];
    let started = Instant::now();
    let now = meent_db::now();
    for chunk in 0..dilemmas_n.div_ceil(1000) {
        let mut tx = db.begin().await?;
        let c = &mut tx.conn();
        for i in chunk * 1000..((chunk + 1) * 1000).min(dilemmas_n) {
            let title = {
                let n = rng.gen_range(4..9);
                sentence(&mut rng, n)
            };
            let sentences = rng.gen_range(3..8);
            let d = dilemmas::upsert(
                c,
                &DilemmaForm {
                    ap_id: format!("https://bench.example/d/{i}"),
                    local: true,
                    collective_id: collective.id,
                    author_id: author.id,
                    title: title.trim_end_matches('.').to_owned(),
                    source: String::new(),
                    content: paragraph(&mut rng, sentences),
                    language: "nl".into(),
                    visibility: "public".into(),
                    status: statuses.choose(&mut rng).copied().unwrap_or("open").into(),
                    themes: themes
                        .choose(&mut rng)
                        .copied()
                        .unwrap_or("keys_and_access")
                        .into(),
                    hashtags: String::new(),
                    facets: "{}".into(),
                    published: now - chrono::TimeDelta::minutes(i as i64),
                    updated: None,
                    context_url: None,
                },
                now,
            )
            .await?;
            for s in 0..SOLUTIONS_PER_DILEMMA {
                let sentences = rng.gen_range(2..5);
                replies::upsert(
                    c,
                    &ReplyForm {
                        from_meeting: None,
                        content_warning: String::new(),
                        language: String::new(),
                        ap_id: format!("https://bench.example/r/{i}/{s}"),
                        local: true,
                        kind: replies::SOLUTION.into(),
                        dilemma_id: d.id,
                        parent_id: None,
                        author_id: author.id,
                        speaks_for: None,
                        source: String::new(),
                        content: paragraph(&mut rng, sentences),
                        from_experience: true,
                        published: now,
                        updated: None,
                    },
                    now,
                )
                .await?;
            }
        }
        tx.commit().await?;
    }
    println!(
        "generated {dilemmas_n} dilemmas and {} solutions in {:.1?}",
        dilemmas_n * SOLUTIONS_PER_DILEMMA,
        started.elapsed()
    );

    let (index, _) = SearchIndex::open(&dir.path().join("index"), 200 * 1024 * 1024)?;
    let started = Instant::now();
    let n = meent_search::rebuild(&db, &index, &mut |_, _| {}).await?;
    let build = started.elapsed();
    println!("index build: {n} dilemmas in {:.1} s", build.as_secs_f64());

    let public = Audience::public();
    let search = |q: &str| {
        index
            .search(
                &SearchRequest {
                    q: q.into(),
                    page: 1,
                    per_page: 20,
                    ..Default::default()
                },
                &public,
            )
            .map(|r| r.total)
    };
    println!(
        "matches: common {} / rare {} / two words {}",
        search("buurthuis")?,
        search(RARE)?,
        search("sleutels gemeente")?
    );
    measure("ranked top-20, common word (buurthuis)", 10.0, |_| {
        let _ = search("buurthuis");
    });
    measure(&format!("ranked top-20, rare word ({RARE})"), 10.0, |_| {
        let _ = search(RARE);
    });
    measure("ranked top-20, two words (sleutels gemeente)", 10.0, |_| {
        let _ = search("sleutels gemeente");
    });
    let ids: Vec<i64> = (0..RUNS + 20)
        .map(|_| rng.gen_range(1..=dilemmas_n as i64))
        .collect();
    measure("similar dilemmas (top 5)", 20.0, |i| {
        let _ = index.similar_to(ids[i % ids.len()], &public, 5);
    });
    Ok(())
}
