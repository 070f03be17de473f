//! Any bytes pasted into notes: the first byte picks where the cursor is, the rest is the pasted
//! text. The outline must stay well formed with no control character in it, and one undo must
//! give back exactly what was there.

#![no_main]

use chrono::DateTime;
use kaigi::model::outline::Outline;
use kaigi::model::outline::editor::Editor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&at, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let now = DateTime::parse_from_rfc3339("2026-12-03T10:45:00+09:00").unwrap();
    let mut e = Editor::new(Outline::new(now));
    // Some notes to paste into: nesting, wide characters, a follow-up.
    e.paste(
        "Kinesis はストリーミング\n  シャード\n    [ ] 上限を調べる\nまとめ",
        now,
    );
    match at % 4 {
        0 => e.first(),
        1 => e.last(),
        2 => {
            e.first();
            for _ in 0..at / 4 % 8 {
                e.right();
            }
        }
        _ => {
            e.last();
            e.home();
        }
    }
    let (before, revision) = (e.outline.clone(), e.revision);
    e.paste(&text, now);
    assert!(e.outline.is_well_formed(), "{}", e.outline.sketch(None));
    for b in e.outline.bullets() {
        assert!(!b.text.chars().any(char::is_control), "{:?}", b.text);
    }
    // A paste of nothing pastable changes nothing, and leaves nothing to undo.
    if e.revision != revision {
        assert!(e.undo());
    }
    assert_eq!(
        e.outline.bullets(),
        before.bullets(),
        "undo gives back what was there"
    );
});
