//! Editing one line of text (a prompt, a form's field) by grapheme, as the notes editor does.

use crate::action::Action;
use crate::text;

/// Applies an editing or cursor key to `text` with the cursor at byte `cursor`; whether the
/// action was one (others are the caller's).
pub(super) fn edit(text: &mut String, cursor: &mut usize, action: &Action) -> bool {
    match action {
        Action::Insert(t) | Action::Paste(t) => {
            let t = text::clean(&t.replace(['\n', '\r'], " ")).into_owned();
            text.insert_str(*cursor, &t);
            *cursor += t.len();
        }
        Action::Backspace => {
            let from = text::prev_boundary(text, *cursor);
            text.replace_range(from..*cursor, "");
            *cursor = from;
        }
        Action::DeleteWord => {
            let from = text::prev_word(text, *cursor);
            text.replace_range(from..*cursor, "");
            *cursor = from;
        }
        Action::DeleteToStart => {
            text.replace_range(..*cursor, "");
            *cursor = 0;
        }
        Action::DeleteToEnd => text.truncate(*cursor),
        Action::Left => *cursor = text::prev_boundary(text, *cursor),
        Action::Right => *cursor = text::next_boundary(text, *cursor),
        Action::Home => *cursor = 0,
        Action::End => *cursor = text.len(),
        _ => return false,
    }
    true
}
