//! The JSON-LD `@context` of every document Meent serves and sends.

use serde_json::{Value, json};
use std::sync::OnceLock;

/// The namespace of Meent's own terms (SPEC §3).
pub const MEENT_NS: &str = "https://w3id.org/meent/ns#";

/// ActivityStreams, the security vocabulary (for `publicKey`), and Meent's terms, with the
/// Lemmy and Mastodon extension terms Meent uses defined so that each document is valid
/// JSON-LD on its own.
pub fn meent_context() -> &'static Value {
    static CONTEXT: OnceLock<Value> = OnceLock::new();
    CONTEXT.get_or_init(|| {
        json!([
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/v1",
            {
                "meent": MEENT_NS,
                "lemmy": "https://join-lemmy.org/ns#",
                "toot": "http://joinmastodon.org/ns#",
                "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
                "postingRestrictedToMods": "lemmy:postingRestrictedToMods",
                "discoverable": "toot:discoverable",
                "sensitive": "as:sensitive",
                "Hashtag": "as:Hashtag",
                "collectiveKind": "meent:collectiveKind",
                "municipality": "meent:municipality",
                "neighbourhood": "meent:neighbourhood",
                "status": "meent:status",
                "acceptedSolutions": { "@id": "meent:acceptedSolutions", "@type": "@id" },
                "themes": "meent:themes",
                "facets": { "@id": "meent:facets", "@type": "@json" },
                "experience": "meent:experience",
                "speaksFor": { "@id": "meent:speaksFor", "@type": "@id" },
                "confirms": { "@id": "meent:confirms", "@type": "@id" },
                "documentKind": "meent:documentKind",
                "licence": "meent:licence",
                "dilemmas": { "@id": "meent:dilemmas", "@type": "@id" },
                "meetingMode": "meent:meetingMode",
                "meetingLink": "meent:meetingLink",
                "outcome": "meent:outcome",
                "participants": { "@id": "meent:participants", "@type": "@id" },
                "fromSession": { "@id": "meent:fromSession", "@type": "@id" },
                "invitesTo": { "@id": "meent:invitesTo", "@type": "@id" },
                "description": "meent:description",
                "expertise": "meent:expertise",
                "steps": { "@id": "meent:steps", "@container": "@list" },
                "StepProgress": "meent:StepProgress",
                "step": "meent:step",
                "done": "meent:done",
                "sc": "http://schema.org#",
                "mz": "https://joinmobilizon.org/ns#",
                "timezone": { "@id": "mz:timezone", "@type": "sc:Text" },
                "isOnline": { "@id": "mz:isOnline", "@type": "sc:Boolean" },
                "joinMode": { "@id": "mz:joinMode", "@type": "mz:joinModeType" },
                "participantCount": { "@id": "mz:participantCount", "@type": "sc:Integer" },
                "maximumAttendeeCapacity": "sc:maximumAttendeeCapacity",
                "remainingAttendeeCapacity": "sc:remainingAttendeeCapacity",
                "address": { "@id": "sc:address", "@type": "sc:PostalAddress" }
            }
        ])
    })
}
