//! Any bytes as a session's notes file: a `NotesFile` serde_json accepts must give a well-formed
//! outline with no control character in it, which stays well formed when new bullets are added.

#![no_main]

use chrono::DateTime;
use kaigi::model::outline::editor::Editor;
use kaigi::model::outline::file::NotesFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice::<NotesFile>(data) else {
        return;
    };
    let now = DateTime::parse_from_rfc3339("2026-12-03T10:45:00+09:00").unwrap();
    assert!(
        file.meta()
            .links
            .iter()
            .all(|l| !l.chars().any(char::is_control))
    );
    let outline = file.outline(now);
    assert!(outline.is_well_formed(), "{}", outline.sketch(None));
    for b in outline.bullets() {
        assert!(!b.text.chars().any(char::is_control), "{:?}", b.text);
    }
    // New bullets need fresh ids, whatever ids the file held.
    let mut e = Editor::new(outline);
    e.last();
    e.paste("one\n  two\nthree", now);
    assert!(e.outline.is_well_formed(), "{}", e.outline.sketch(None));
});
