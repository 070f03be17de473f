//! From typing to a blog post: notes typed in the app, then `kaigi export` on the command line,
//! and the app's own export key.

use crate::support;

use std::path::Path;
use std::process::Command;

use support::{TIMEOUT, kaigi, keys};

const NOW: &str = "2026-12-03T10:50:00+09:00";

fn export(data: &Path, args: &[&str]) -> String {
    let out = Command::new(support::bin())
        .arg("--data-dir")
        .arg(data)
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn typed_notes_export_as_markdown_from_the_cli_and_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut app = kaigi(data, NOW);
    support::open_notes(&mut app);
    app.type_text("Kinesis はストリーミング");
    app.send(keys::ENTER);
    app.send(keys::TAB);
    app.type_text("シャード *上限* は 1MB/s");
    app.send(keys::ENTER);
    app.send(keys::BACKTAB);
    app.type_text("[ ] スライド公開待ち");
    app.send(keys::ENTER);
    app.send(&keys::ctrl('p'));
    app.type_text("感想: とても良かった");
    app.wait_for("感想: とても良かった", TIMEOUT).unwrap();
    app.send_esc();
    app.wait_for("? help", TIMEOUT).unwrap();
    // The app's own export: e, the language changed to English (↑↑ to its row, →), Enter.
    app.send(b"e");
    app.wait_for("Export to: ", TIMEOUT).unwrap();
    app.wait_for("Language ‹ 日本語 ›", TIMEOUT).unwrap();
    app.send(keys::UP);
    app.send(keys::UP);
    app.send(keys::RIGHT);
    app.wait_for("Language ‹ English ›", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("Exported to", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let md = export(data, &["--day", "2026-12-03", "--lang", "en"]);
    let want = "\
# Kumo Summit Tokyo 2026 — Thursday, 3 December 2026

## Kinesis と Lambda で作るリアルタイム分析基盤

10:45–11:25 · Hall A · 佐藤 花子 (株式会社ソラノデータ)

Session page: <https://kumo-summit.example/sessions/d1-1045-a>

- Kinesis はストリーミング
  - シャード *上限* は 1MB/s
- [ ] スライド公開待ち

感想: とても良かった

## Follow-ups

- [ ] スライド公開待ち (Kinesis と Lambda で作るリアルタイム分析基盤)
";
    assert_eq!(md, want);
    let in_app = data.join("exports/kumo-summit-2026-2026-12-03.md");
    assert_eq!(std::fs::read_to_string(in_app).unwrap(), want);

    let ja = export(
        data,
        &[
            "--day",
            "2026-12-03",
            "--lang",
            "ja",
            "--no-followups-section",
        ],
    );
    assert!(
        ja.starts_with("# Kumo Summit Tokyo 2026 — 2026/12/03(木)\n"),
        "{ja}"
    );
    assert!(
        !ja.contains("Follow-ups") && !ja.contains("フォローアップ"),
        "{ja}"
    );
    let out = data.join("day.md");
    export(
        data,
        &["--all", "--lang", "en", "-o", out.to_str().unwrap()],
    );
    let all = std::fs::read_to_string(out).unwrap();
    assert!(
        all.starts_with("# Kumo Summit Tokyo 2026\n\n## Thursday, 3 December 2026\n"),
        "{all}"
    );
}

#[test]
fn a_day_outside_the_conference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(support::bin())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["export", "--day", "2027-01-01"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2027-01-01 is not a day of Kumo Summit Tokyo 2026"),
        "{err}"
    );
}

/// Issue 18.5: the export dialog. For Hatena Blog to a file found with Tab, then the same post
/// to the clipboard through the terminal (the OSC 52 sequence read back from the pty), and the
/// choices remembered at the next start.
#[test]
fn the_dialog_exports_for_hatena_to_a_file_and_the_clipboard_and_remembers_the_choices() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let posts = dir.path().join("posts");
    std::fs::create_dir_all(posts.join("blog")).unwrap();
    let mut app = kaigi(&data, NOW);
    support::open_notes(&mut app);
    app.type_text("Kinesis はストリーミング");
    app.send(keys::ENTER);
    app.type_text("`PutRecords` でまとめて送る");
    app.send(keys::ENTER);
    app.type_text("https://speakerdeck.com/example/kinesis");
    app.wait_for("speakerdeck.com/example/kinesis", TIMEOUT)
        .unwrap();
    support::to_schedule(&mut app);
    app.send(b"e");
    app.wait_for("Export to: ", TIMEOUT).unwrap();
    // ↑↑↑ from the path to "For", → to Hatena Blog.
    for _ in 0..3 {
        app.send(keys::UP);
    }
    app.send(keys::RIGHT);
    app.wait_for("For      ‹ Hatena Blog ›", TIMEOUT).unwrap();
    // Typing goes to the path; Tab completes the folder.
    app.send(keys::CTRL_U);
    app.type_text(&format!("{}/bl", posts.display()));
    app.send(keys::TAB);
    app.wait_for(&format!("{}/blog/", posts.display()), TIMEOUT)
        .unwrap();
    app.type_text("day1.md");
    app.send(keys::ENTER);
    app.wait_for("Exported to", TIMEOUT).unwrap();
    let md = std::fs::read_to_string(posts.join("blog/day1.md")).unwrap();
    assert!(md.starts_with("### 2026/12/03(木)\n\n#### Kinesis"), "{md}");
    assert!(md.contains("\n- `PutRecords` でまとめて送る\n"), "{md}");
    assert!(
        md.contains("\n[https://speakerdeck.com/example/kinesis:embed:cite]\n"),
        "{md}"
    );
    assert!(!md.lines().any(|l| l.starts_with("# ")), "{md}");

    // The same post to the clipboard: ↑ to "To", →, Enter.
    app.send(b"e");
    app.wait_for("Export to: ", TIMEOUT).unwrap();
    app.send(keys::UP);
    app.send(keys::RIGHT);
    app.wait_for("the clipboard, through the terminal", TIMEOUT)
        .unwrap();
    app.send(keys::ENTER);
    app.wait_for("Sent the post", TIMEOUT).unwrap();
    let raw = app.raw_output();
    let start = raw
        .windows(7)
        .position(|w| w == b"\x1b]52;c;")
        .expect("no OSC 52 sequence")
        + 7;
    let end = start + raw[start..].iter().position(|b| *b == 0x07).unwrap();
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&raw[start..end])
        .unwrap();
    assert_eq!(String::from_utf8(copied).unwrap(), md);
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let mut again = kaigi(&data, NOW);
    support::to_schedule(&mut again);
    again.send(b"e");
    again.wait_for("For      ‹ Hatena Blog ›", TIMEOUT).unwrap();
    again.wait_for("To       ‹ the clipboard", TIMEOUT).unwrap();
    again.send_esc();
    again.send(b"q");
    assert!(again.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

/// From a user trial of issue 18: the command line keeps a file it writes over, writes into a
/// folder under the export's own name, refuses a day with no notes, and fits Zenn's topics.
#[test]
fn the_cli_keeps_what_it_writes_over_and_says_what_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut app = kaigi(&data, NOW);
    support::open_notes(&mut app);
    app.type_text("メモ");
    app.send_esc();
    app.wait_for("saved", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    let run = |args: &[&str]| {
        Command::new(support::bin())
            .arg("--data-dir")
            .arg(&data)
            .arg("export")
            .args(args)
            .output()
            .unwrap()
    };
    let hand = dir.path().join("hand.md");
    std::fs::write(&hand, "手書きの前書き\n").unwrap();
    let out = run(&["--day", "2026-12-03", "-o", hand.to_str().unwrap()]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("kept as"), "{said}");
    let bak = std::fs::read_to_string(dir.path().join("hand.md.bak")).unwrap();
    assert_eq!(bak, "手書きの前書き\n");
    // Its own export again: replaced without another .bak.
    let again = run(&["--day", "2026-12-03", "-o", hand.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("kept as"));
    // A folder: the export's own name in it.
    let folder = dir.path().join("posts");
    std::fs::create_dir_all(&folder).unwrap();
    let into = format!("{}/", folder.display());
    assert!(run(&["--day", "2026-12-03", "-o", &into]).status.success());
    assert!(folder.join("kumo-summit-2026-2026-12-03.md").exists());
    // A day with no notes: an error, nothing written.
    let empty = run(&[
        "--day",
        "2026-12-04",
        "-o",
        dir.path().join("d2.md").to_str().unwrap(),
    ]);
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no notes on 2026-12-04"));
    assert!(!dir.path().join("d2.md").exists());
    // Zenn's topics fitted, and said so.
    let zenn = run(&[
        "--day",
        "2026-12-03",
        "--for",
        "zenn",
        "--title",
        "参加記",
        "--tag",
        "C++",
        "--tag",
        "aws",
    ]);
    let md = String::from_utf8_lossy(&zenn.stdout);
    assert!(md.contains("topics: [\"c\", \"aws\"]"), "{md}");
    assert!(String::from_utf8_lossy(&zenn.stderr).contains("letters and digits"));
}
