//! "No panics on any input" for the notes file someone else may have written (a sync tool, a
//! hand edit, a newer kaigi): read both straight and through `NotesFile::from_value` as `storage`
//! does, it must give a well-formed outline, free of control characters, that can still be
//! edited and saved.

use std::sync::LazyLock;

use kaigi::model::outline::editor::Editor;
use kaigi::model::outline::file::NotesFile;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

use crate::common::damage::{any_text, mutate, mutations, no_controls};
use crate::common::local_now as now;

// ---------------------------------------------------------------------------------------------
// Notes files.

const TIME: &str = "2026-12-03T10:45:00+09:00";

fn node(id: Value, text: &str, extra: Value) -> Value {
    let mut n = json!({ "id": id, "text": text, "created": TIME });
    if let (Value::Object(n), Value::Object(extra)) = (&mut n, extra) {
        n.extend(extra);
    }
    n
}

/// A notes file with everything the format allows: nesting, follow-ups, paragraphs, collapsed
/// subtrees, links, ids at the ends of u64 and repeated, and nesting deeper than the editor makes.
fn notes_seed() -> String {
    let mut deep = node(json!(7), "deepest", json!({}));
    for d in (0..40).rev() {
        deep = node(
            json!(1000 + d),
            &format!("level {d}"),
            json!({ "children": [deep] }),
        );
    }
    let file = json!({
        "version": 1,
        "conference": "kumo-summit-2026",
        "session": "d1-keynote",
        "saved_at": TIME,
        "slides_pending": true,
        "links": ["https://example.com/slides", "x\u{1b}[2Jy"],
        "bullets": [
            node(json!(1), "Kinesis はストリーミング", json!({ "children": [
                node(json!(2), "シャード", json!({ "follow_up": "open", "children": [
                    node(json!(3), "上限 1MB/秒", json!({ "follow_up": "done" })),
                ]})),
                node(json!(4), "感想", json!({ "kind": "paragraph", "collapsed": true, "children": [
                    node(json!(5), "hidden", json!({})),
                ]})),
            ]})),
            node(json!(u64::MAX), "max id", json!({})),
            node(json!(u64::MAX - 1), "max id - 1", json!({})),
            node(json!(0), "zero", json!({})),
            node(json!(2), "duplicate of 2", json!({ "children": [
                node(json!(2), "and again", json!({})),
            ]})),
            deep,
        ],
    });
    serde_json::to_string_pretty(&file).unwrap()
}

static NOTES_SEED: LazyLock<String> = LazyLock::new(notes_seed);

/// Read a notes file both ways, straight into a `NotesFile` and the way `storage` does (a JSON
/// value, migrated from older versions), then check the outline each gives.
fn check_notes(text: &str) -> Result<(), TestCaseError> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        match NotesFile::from_value(value) {
            Ok(file) => check_notes_file(file)?,
            // Not checked for control characters (unlike import errors): serde quotes an unknown
            // `kind` or `follow_up` value raw ("unknown variant `…`"), and escaping it is the
            // business of whoever prints the message.
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    match serde_json::from_str::<NotesFile>(text) {
        Ok(file) => check_notes_file(file),
        Err(e) => {
            let _ = e.to_string();
            Ok(())
        }
    }
}

fn check_notes_file(file: NotesFile) -> Result<(), TestCaseError> {
    for l in file.meta().links {
        no_controls("link", &l)?;
    }
    let outline = file.outline(now());
    prop_assert!(outline.is_well_formed(), "{}", outline.sketch(None));
    for b in outline.bullets() {
        no_controls("bullet", &b.text)?;
    }
    // What was loaded must stay editable: new bullets need fresh ids.
    let mut e = Editor::new(outline);
    e.last();
    e.paste("one\ntwo\n  three", now());
    prop_assert!(e.outline.is_well_formed(), "{}", e.outline.sketch(None));
    // And what is saved must read back.
    let meta = file.meta();
    let saved = NotesFile::new(&file.conference, &file.session, &e.outline, &meta, now());
    let json = serde_json::to_string(&saved).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: Result<NotesFile, _> = serde_json::from_str(&json);
    prop_assert!(
        back.is_ok(),
        "saved notes do not read back: {:?}",
        back.err()
    );
    Ok(())
}

/// An id a hand-edited or hostile file might hold.
fn any_id() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (0..8u64).prop_map(Value::from),
        2 => prop::sample::select(vec![u64::MAX, u64::MAX - 1, u64::MAX / 2, 1 << 53])
            .prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
    ]
}

/// A random tree of notes nodes, with every optional field present or not.
fn any_nodes() -> impl Strategy<Value = Vec<Value>> {
    let leaf = (
        any_id(),
        any_text(),
        prop::option::of(prop::sample::select(vec!["open", "done"])),
        prop::option::of(prop::sample::select(vec!["bullet", "paragraph"])),
        any::<bool>(),
    )
        .prop_map(|(id, text, follow_up, kind, collapsed)| {
            let mut extra = serde_json::Map::new();
            if let Some(f) = follow_up {
                extra.insert("follow_up".into(), f.into());
            }
            if let Some(k) = kind {
                extra.insert("kind".into(), k.into());
            }
            if collapsed {
                extra.insert("collapsed".into(), true.into());
            }
            node(id, &text, Value::Object(extra))
        });
    let tree = leaf.prop_recursive(32, 96, 4, |inner| {
        (inner.clone(), prop::collection::vec(inner, 0..4)).prop_map(|(mut parent, children)| {
            parent["children"] = Value::Array(children);
            parent
        })
    });
    prop::collection::vec(tree, 0..6)
}

fn notes_json(version: u64, bullets: Vec<Value>, links: Vec<String>) -> String {
    json!({
        "version": version,
        "conference": "c",
        "session": "s",
        "saved_at": TIME,
        "links": links,
        "bullets": bullets,
    })
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn notes_file_survives_damage(ms in mutations()) {
        check_notes(&mutate(&NOTES_SEED, &ms))?;
    }

    #[test]
    fn notes_file_survives_any_tree(
        version in prop::sample::select(vec![0, 1, 1, 2, 2, 3, u64::MAX]),
        bullets in any_nodes(),
        links in prop::collection::vec(any_text(), 0..3),
    ) {
        check_notes(&notes_json(version, bullets, links))?;
    }

    #[test]
    fn notes_file_survives_arbitrary_text(text in any::<String>()) {
        check_notes(&text)?;
    }
}

// Regressions: inputs these properties found.

/// A bullet id of u64::MAX left no room for the next id: loading a file that also repeated an id,
/// or typing a new bullet under it, overflowed (a panic in debug builds, a repeated id in
/// release ones).
#[test]
fn ids_at_the_top_of_u64_leave_room_for_new_bullets() {
    let max = node(json!(u64::MAX), "max", json!({}));
    for bullets in [
        vec![max.clone()],
        vec![max.clone(), max.clone()],
        vec![max.clone(), node(json!(u64::MAX - 1), "max - 1", json!({}))],
    ] {
        let text = notes_json(1, bullets, Vec::new());
        let file: NotesFile = serde_json::from_str(&text).unwrap();
        let mut e = Editor::new(file.outline(now()));
        assert!(e.outline.is_well_formed(), "{text}");
        e.last();
        e.paste("a\nb\nc", now());
        assert!(e.outline.is_well_formed(), "{text}");
        assert_eq!(e.outline.len(), file.bullets.len() + 2, "{text}");
    }
}

/// The seed the damage starts from loads whole and passes every check.
#[test]
fn the_notes_seed_loads_whole() {
    let file: NotesFile = serde_json::from_str(&NOTES_SEED).unwrap();
    assert!(file.outline(now()).len() > 40);
    check_notes(&NOTES_SEED).unwrap();
}
