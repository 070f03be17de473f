//! Issue 19.4: the nudge before a starred talk, with `--now` set before it.

use crate::support;

use support::{TIMEOUT, keys};

/// Starred sessions written where kaigi keeps them, as `s` would.
fn star(data: &std::path::Path, ids: &[&str]) {
    let conf = data.join("conferences/kumo-summit-2026");
    std::fs::create_dir_all(&conf).unwrap();
    let file = serde_json::json!({ "version": 1, "starred": ids });
    std::fs::write(conf.join("stars.json"), file.to_string()).unwrap();
}

#[test]
fn five_minutes_before_a_starred_talk_the_bar_names_it_and_the_terminal_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // The sample is made at the first start.
    let mut first = support::kaigi(&data, "2026-12-03T11:20:00+09:00");
    support::to_schedule(&mut first);
    first.send(b"q");
    assert!(first.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    star(&data, &["d1-1135-a"]);

    // 11:20: fifteen minutes before, the bar names it; nothing rings yet.
    let mut early = support::kaigi(&data, "2026-12-03T11:20:00+09:00");
    early
        .wait_for("次 11:35 あと15分 · Hall A", TIMEOUT)
        .unwrap();

    assert!(!early.raw_output().windows(4).any(|w| w == b"\x1b]9;"));
    support::to_schedule(&mut early);
    early.send(b"q");
    assert!(early.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    // 11:30: five minutes before, a notice, the bell and the desktop notifications, while the
    // keys go on into the notes.
    let mut app = support::kaigi(&data, "2026-12-03T11:30:00+09:00");
    support::open_notes(&mut app);
    app.type_text("メモの途中");
    app.wait_for("あと5分", TIMEOUT).unwrap();
    app.type_text("も続く");
    app.wait_for("メモの途中も続く", TIMEOUT).unwrap();
    let raw = app.raw_output();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"\x07\x1b]9;kaigi: "), "no bell and OSC 9");
    assert!(has(b"\x1b]777;notify;kaigi;"), "no OSC 777");
    let count = raw.windows(4).filter(|w| *w == b"\x1b]9;").count();
    assert_eq!(count, 1, "told once");
    app.send_esc();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    // --remind 0: no notification.
    let mut quiet = support::launch(&data, "2026-12-03T11:30:00+09:00")
        .args(&["--remind", "0"])
        .start();
    support::to_schedule(&mut quiet);
    quiet.send(&keys::ctrl('l'));
    quiet.wait_idle(std::time::Duration::from_millis(300), TIMEOUT);
    assert!(!quiet.raw_output().windows(4).any(|w| w == b"\x1b]9;"));
    quiet.send(b"q");
    assert!(quiet.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}
