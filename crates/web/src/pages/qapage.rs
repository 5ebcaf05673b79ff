//! schema.org `QAPage` structured data for a dilemma page, so that search engines show it as
//! a question with answers; accepted solutions are its `acceptedAnswer`s.

use meent_app::{
    AppContext,
    thread::{ReplyView, Thread},
};
use serde_json::{Value, json};

fn person(name: &str) -> Value {
    json!({ "@type": "Person", "name": name })
}

fn answer(ctx: &AppContext, t: &Thread, s: &ReplyView) -> Value {
    json!({
        "@type": "Answer",
        "text": s.reply.source,
        "dateCreated": s.reply.published.and_utc().to_rfc3339(),
        "upvoteCount": s.likes + s.confirmations,
        "url": format!("{}d/{}#solution-{}", ctx.urls().base(), t.dilemma.id, s.reply.id),
        "author": person(&s.author.display_name),
    })
}

/// The JSON-LD, safe to put inside a `<script>` element.
pub fn json_ld(ctx: &AppContext, t: &Thread) -> String {
    let accepted: Vec<Value> = t
        .solutions
        .iter()
        .filter(|s| s.reply.accepted)
        .map(|s| answer(ctx, t, s))
        .collect();
    let suggested: Vec<Value> = t
        .solutions
        .iter()
        .filter(|s| !s.reply.accepted)
        .map(|s| answer(ctx, t, s))
        .collect();
    let mut question = json!({
        "@type": "Question",
        "name": t.dilemma.title,
        "text": t.dilemma.source,
        "answerCount": t.solutions.len(),
        "dateCreated": t.dilemma.published.and_utc().to_rfc3339(),
        "author": person(&t.author.display_name),
        "inLanguage": t.dilemma.language,
    });
    if !accepted.is_empty() {
        question["acceptedAnswer"] = Value::Array(accepted);
    }
    if !suggested.is_empty() {
        question["suggestedAnswer"] = Value::Array(suggested);
    }
    let doc = json!({
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": question,
    });
    // "</script>" (or any "</") inside the text would end the element early.
    doc.to_string().replace("</", "<\\/")
}
