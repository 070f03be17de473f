//! A form in front of the panes: a session's fields (`n` makes one, `E` edits one) or a new
//! conference's (from the picker). The text of each field as typed; `update` reads them when
//! the form is saved.

/// What the form makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new session (`None`) or the session with this id.
    Session(Option<String>),
    /// A new conference.
    Conference,
}

/// The fields of a session form, in order.
pub const SESSION_FIELDS: [&str; 8] = [
    "Title",
    "Day",
    "Start",
    "End or length",
    "Room",
    "Speakers",
    "Track",
    "URL",
];

/// The fields of a new conference's form, in order.
pub const CONFERENCE_FIELDS: [&str; 5] = ["Name", "First day", "Last day", "Time zone", "Id"];

/// Field numbers of the session form.
pub mod field {
    pub const TITLE: usize = 0;
    pub const DAY: usize = 1;
    pub const START: usize = 2;
    pub const END: usize = 3;
    pub const ROOM: usize = 4;
    pub const SPEAKERS: usize = 5;
    pub const TRACK: usize = 6;
    pub const URL: usize = 7;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    /// Each field's text, as typed.
    pub fields: Vec<String>,
    /// The field being typed in.
    pub focus: usize,
    /// Byte offset of the cursor in the focused field, on a grapheme boundary.
    pub cursor: usize,
    /// What is wrong, and in which field, after a save was refused.
    pub error: Option<(usize, String)>,
    /// The room text as typed, while Up/Down go through the rooms that match it.
    pub room_typed: Option<String>,
    /// The focused field's text is selected, as on arriving in it with Tab: typing replaces
    /// it, Backspace clears it, a cursor key keeps it.
    pub selected: bool,
    /// Each field as the form opened with it.
    pub initial: Vec<String>,
}

impl Form {
    pub fn new(kind: FormKind, fields: Vec<String>) -> Self {
        Form {
            kind,
            cursor: fields.first().map_or(0, String::len),
            initial: fields.clone(),
            fields,
            focus: 0,
            error: None,
            room_typed: None,
            selected: false,
        }
    }

    pub fn labels(&self) -> &'static [&'static str] {
        match self.kind {
            FormKind::Session(_) => &SESSION_FIELDS,
            FormKind::Conference => &CONFERENCE_FIELDS,
        }
    }

    /// Whether Up/Down go through rooms here rather than move between fields.
    pub fn in_room_field(&self) -> bool {
        matches!(self.kind, FormKind::Session(_)) && self.focus == field::ROOM
    }

    /// Moves to field `to` with the cursor at its end.
    pub fn go_to(&mut self, to: usize) {
        self.focus = to.min(self.fields.len().saturating_sub(1));
        self.cursor = self.fields[self.focus].len();
        self.room_typed = None;
        self.selected = !self.fields[self.focus].is_empty();
    }
}

impl super::State {
    /// The conference's rooms that match what was typed in the room field (all of them for an
    /// empty field), for Up/Down to go through.
    pub fn room_matches(&self) -> Vec<String> {
        let Some(f) = &self.overlays.form else {
            return Vec::new();
        };
        if !f.in_room_field() {
            return Vec::new();
        }
        let typed = f.room_typed.as_deref().unwrap_or(&f.fields[field::ROOM]);
        let want = crate::text::fold(typed.trim());
        self.conference
            .rooms
            .iter()
            .filter(|r| !r.is_empty() && crate::text::fold(r).contains(&want))
            .cloned()
            .collect()
    }
}
