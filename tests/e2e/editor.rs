//! The outliner as a person uses it mid-talk: keys only, Japanese and English, structure keys,
//! undo and redo, a pasted indented block, then the screen and the JSON on disk.

use crate::support;

use std::path::Path;

use support::{Pty, TIMEOUT, keys};

const NOW: &str = "2026-12-03T09:40:00+09:00";

fn kaigi(data: &Path) -> Pty {
    support::kaigi(data, NOW)
}

#[test]
fn three_levels_undo_redo_paste_and_a_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path());
    support::open_notes(&mut app);

    app.type_text("Kinesis 概要");
    app.send(keys::ENTER);
    app.send(keys::TAB);
    app.type_text("シャード");
    app.send(keys::ENTER);
    app.send(keys::TAB);
    app.type_text("1MB/s per shard");
    app.send(keys::ENTER);
    app.send(keys::BACKTAB);
    app.send(keys::BACKTAB);
    app.type_text("Firehose");
    app.wait_for("Firehose", TIMEOUT).unwrap();

    app.send(keys::CTRL_Z);
    app.wait_gone("Firehose", TIMEOUT).unwrap();
    app.send(keys::CTRL_Y);
    app.wait_for("Firehose", TIMEOUT).unwrap();

    app.send(keys::ENTER);
    app.paste("- 料金\n  - オンデマンド\n  - プロビジョンド\n- まとめ");
    app.wait_for("プロビジョンド", TIMEOUT).unwrap();
    app.send(keys::CTRL_T);
    app.wait_for("☐ まとめ", TIMEOUT).unwrap();

    // Text starts at column 43 (pane at 40, border, "• "); each level indents two columns.
    let col = |text: &str| app.find(text).map(|(_, c)| c);
    assert_eq!(col("Kinesis 概要"), Some(43), "{}", app.dump());
    assert_eq!(col("シャード"), Some(45));
    assert_eq!(col("1MB/s per shard"), Some(47));
    assert_eq!(col("Firehose"), Some(43));
    assert_eq!(col("料金"), Some(43));
    assert_eq!(col("オンデマンド"), Some(45));
    assert_eq!(col("まとめ"), Some(43));
    // The frame may still be arriving: read the screen once output has settled.
    app.wait_idle(std::time::Duration::from_millis(100), TIMEOUT);
    let (row, _) = app.find("まとめ").unwrap();
    assert_eq!(app.cursor(), (row, 43 + 6), "cursor after the pasted text");

    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let path = dir
        .path()
        .join("conferences/kumo-summit-2026/notes/d1-keynote.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let b = &json["bullets"];
    assert_eq!(b[0]["text"], "Kinesis 概要");
    assert_eq!(b[0]["children"][0]["text"], "シャード");
    assert_eq!(
        b[0]["children"][0]["children"][0]["text"],
        "1MB/s per shard"
    );
    assert_eq!(b[1]["text"], "Firehose");
    assert_eq!(b[2]["text"], "料金");
    assert_eq!(b[2]["children"][0]["text"], "オンデマンド");
    assert_eq!(b[2]["children"][1]["text"], "プロビジョンド");
    assert_eq!(b[3]["text"], "まとめ");
    assert_eq!(b[3]["follow_up"], "open");
    assert_eq!(b.as_array().unwrap().len(), 4);
}

#[test]
fn a_large_paste_lands_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path());
    support::open_notes(&mut app);
    let lines: Vec<String> = (0..20_000).map(|i| format!("  行 {i} line {i}")).collect();
    app.paste(&lines.join("\n"));
    app.wait_for("行 19999 line 19999", TIMEOUT).unwrap();
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let path = dir
        .path()
        .join("conferences/kumo-summit-2026/notes/d1-keynote.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let b = json["bullets"].as_array().unwrap();
    assert_eq!(b.len(), 20_000);
    assert_eq!(b[12_345]["text"], "行 12345 line 12345");
}

/// A terminal without bracketed paste (or keys typed while kaigi was busy) can deliver more than
/// one read buffer at once. crossterm 0.29 stranded what followed the first 1,024 bytes until the
/// next key, while kaigi's wait for input spun a core (vendor/crossterm/KAIGI-PATCH.md).
#[test]
fn more_than_a_read_buffer_of_keys_in_one_write_all_arrive() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = kaigi(dir.path());
    support::open_notes(&mut app);
    let typed = "x".repeat(1030);
    app.send(typed.as_bytes());
    let path = dir
        .path()
        .join("conferences/kumo-summit-2026/notes/d1-keynote.json");
    let text_on_disk = || -> Option<String> {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
        Some(json["bullets"][0]["text"].as_str()?.to_string())
    };
    let deadline = std::time::Instant::now() + TIMEOUT;
    while text_on_disk().is_none_or(|t| t.len() < typed.len())
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(text_on_disk().map(|t| t.len()), Some(typed.len()));
    let pid = app.pid().unwrap();
    let before = support::proc_stat(pid).unwrap().cpu_ticks;
    std::thread::sleep(std::time::Duration::from_secs(1));
    let used = support::proc_stat(pid).unwrap().cpu_ticks - before;
    assert!(
        used <= 10,
        "idle after the keys, yet {used} ticks of CPU in 1 s"
    );
    app.send(keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}
