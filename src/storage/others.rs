//! The other conferences of the data directory, read for the follow-up list's every-conference
//! view.

use super::Store;

/// The follow-ups of every conference in the data directory but `current`, for the list's
/// every-conference view: open ones first within each conference.
pub fn foreign_followups(
    store: &Store,
    current: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<crate::model::followups::ForeignFollowUp> {
    let mut out = Vec::new();
    for folder in store.conference_folders() {
        let Ok(conference) = store.load_conference(&folder) else {
            continue;
        };
        if conference.id == current {
            continue;
        }
        let local = now.with_timezone(&conference.tz).fixed_offset();
        let loaded = store.load_notes(&conference.id, local);
        let mut by_session = std::collections::HashMap::new();
        for s in conference.sessions() {
            let items = crate::model::followups::of_session(
                &s.id,
                loaded.outlines.get(&s.id),
                loaded.meta.get(&s.id),
            );
            if !items.is_empty() {
                by_session.insert(s.id.clone(), items);
            }
        }
        for item in crate::model::followups::merge(&conference, &by_session) {
            let Some(s) = conference.session(&item.session) else {
                continue;
            };
            out.push(crate::model::followups::ForeignFollowUp {
                folder: folder.clone(),
                conference: conference.name.clone(),
                session: s.id.clone(),
                session_title: s.title.clone(),
                when: conference.local(&s.start).format("%m/%d %H:%M").to_string(),
                item,
            });
        }
    }
    out
}
