//! Sessions as iCalendar (RFC 5545): one `.ics` per session and a feed per collective, for
//! people to put them in their own calendar. Times are written in UTC, which every calendar
//! shows in its own time zone without needing the zone's rules.

use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use meent_db::queries::meetings::MeetingRow;

/// A session as a calendar event; its URL is its page on its own instance, which is also
/// its unique id.
fn event(m: &MeetingRow, page: &str) -> Event {
    let mut e = Event::new();
    e.uid(&m.ap_id)
        .summary(&m.title)
        .starts(m.starts_at.and_utc())
        .ends(m.ends_at.and_utc())
        .timestamp(m.updated.unwrap_or(m.published).and_utc())
        .url(page);
    if !m.source.is_empty() {
        e.description(&m.source);
    }
    if !m.place.is_empty() {
        e.location(&m.place);
    }
    if m.deleted {
        e.status(EventStatus::Cancelled);
    } else {
        e.status(EventStatus::Confirmed);
    }
    e.done()
}

/// A calendar named `name` holding `meetings`, each with the page address `page(m)`.
pub fn calendar(
    name: &str,
    meetings: &[MeetingRow],
    page: impl Fn(&MeetingRow) -> String,
) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    for m in meetings {
        cal.push(event(m, &page(m)));
    }
    cal.done().to_string()
}
