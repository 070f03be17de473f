//! The keymap's tests: keys to actions, no key bound twice, the README's key table current.
use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn q_quits_only_when_not_typing() {
    let q = key(KeyCode::Char('q'), NONE);
    assert_eq!(
        action_for(Mode::Pane(Pane::Schedule), q),
        Some(Action::Quit)
    );
    assert_eq!(
        action_for(Mode::Pane(Pane::Notes), q),
        Some(Action::Insert("q".into()))
    );
    let ctrl_q = key(KeyCode::Char('q'), CTRL);
    assert_eq!(
        action_for(Mode::Pane(Pane::Notes), ctrl_q),
        Some(Action::Quit)
    );
}

#[test]
fn shifted_letters_type_capitals_and_digits_type_in_notes() {
    let cap = key(KeyCode::Char('K'), SHIFT);
    assert_eq!(
        action_for(Mode::Pane(Pane::Notes), cap),
        Some(Action::Insert("K".into()))
    );
    let one = key(KeyCode::Char('1'), NONE);
    assert_eq!(
        action_for(Mode::Pane(Pane::Notes), one),
        Some(Action::Insert("1".into()))
    );
    assert_eq!(
        action_for(Mode::Pane(Pane::Schedule), one),
        Some(Action::Focus(Pane::Schedule))
    );
}

#[test]
fn unbound_control_keys_do_nothing_in_notes() {
    assert_eq!(
        action_for(Mode::Pane(Pane::Notes), key(KeyCode::Char('b'), CTRL)),
        None
    );
}

#[test]
fn no_key_is_bound_twice_in_a_context_that_overlaps() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.context.overlaps(b.context) {
                for k in &a.keys {
                    assert!(
                        !b.keys.contains(k),
                        "{k:?} is bound to both {:?} and {:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&markdown_table()),
        "README.md's key table is out of date; replace it with:\n{}",
        markdown_table()
    );
}
