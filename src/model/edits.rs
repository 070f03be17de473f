//! An attendee's own changes to a session: which fields may change, and for an imported
//! session the published value of each field changed, so that a re-import keeps the
//! attendee's value and can say when the organisers changed it too.

use super::schedule::Session;

/// The fields of a session an attendee can change, by their names in the schedule file.
pub const EDITABLE: &[&str] = &[
    "title", "start", "end", "room", "speakers", "track", "url", "day",
];

impl Session {
    /// Session `self` changed by the attendee into `edited`: for an imported session, the
    /// published value of each field changed is kept (the first time it changes) in
    /// `published`, so a re-import can keep the attendee's value.
    pub fn edited_into(&self, mut edited: Session) -> Session {
        edited.published = self.published.clone();
        if self.adhoc {
            return edited;
        }
        let (Ok(before), Ok(after)) = (serde_json::to_value(self), serde_json::to_value(&edited))
        else {
            return edited;
        };
        for &field in EDITABLE {
            let (b, a) = (before.get(field), after.get(field));
            if b != a {
                let published = b.cloned().unwrap_or(serde_json::Value::Null);
                edited
                    .published
                    .entry(field.to_string())
                    .or_insert(published);
            }
        }
        // A field changed back to what the organisers published is theirs again.
        edited.published.retain(|field, published| {
            after.get(field).unwrap_or(&serde_json::Value::Null) != published
        });
        edited
    }
}
