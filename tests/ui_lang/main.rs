//! Every pane in both interface languages (issue 21), rendered to ratatui's TestBackend at 80x24
//! and 120x40 and kept as insta snapshots, plus 10x3. The language is global to the process:
//! each scene is built and drawn under one lock, in its language.

#[path = "../common/mod.rs"]
mod common;
#[path = "../ui/talk.rs"]
mod talk;

use std::sync::Mutex;

use kaigi::action::{Action, Pane};
use kaigi::i18n::Lang;
use kaigi::state::State;
use kaigi::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use talk::{act, take_notes};

static LANGUAGE: Mutex<()> = Mutex::new(());

#[derive(Clone, Copy, Debug)]
enum Scene {
    Schedule,
    Notes,
    FollowUps,
    Help,
    Export,
    Form,
    Log,
}

fn build(scene: Scene, w: u16, h: u16) -> State {
    let mut s = common::state(w, h);
    match scene {
        Scene::Schedule => {}
        Scene::Notes => take_notes(&mut s),
        Scene::FollowUps => {
            take_notes(&mut s);
            act(&mut s, [Action::Focus(Pane::FollowUps)]);
        }
        Scene::Help => act(&mut s, [Action::ToggleHelp]),
        Scene::Export => act(&mut s, [Action::StartExport]),
        Scene::Form => act(&mut s, [Action::NewSession]),
        Scene::Log => {
            take_notes(&mut s);
            act(&mut s, [Action::LeaveNotes, Action::ToggleLog]);
        }
    }
    s
}

/// The screen of `scene` at `w`x`h` in `lang`, as rows of text and the cursor.
fn screen(scene: Scene, lang: Lang, w: u16, h: u16) -> String {
    let _only = LANGUAGE.lock().unwrap_or_else(|e| e.into_inner());
    kaigi::i18n::set(lang);
    let s = build(scene, w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::render(&s, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out: Vec<String> = (0..h).map(|y| common::row_text(&buf, y)).collect();
    let cursor = t.get_cursor_position().unwrap();
    out.push(format!("cursor: {}, {}", cursor.x, cursor.y));
    kaigi::i18n::set(Lang::En);
    out.join("\n")
}

fn both(scene: Scene, japanese: &[&str]) {
    for (w, h) in [(80, 24), (120, 40)] {
        let en = screen(scene, Lang::En, w, h);
        let ja = screen(scene, Lang::Ja, w, h);
        for word in japanese {
            assert!(ja.contains(word), "{scene:?} {w}x{h} lacks {word}:\n{ja}");
        }
        let name = format!("{scene:?}").to_lowercase();
        insta::assert_snapshot!(format!("{name}_en_{w}x{h}"), en);
        insta::assert_snapshot!(format!("{name}_ja_{w}x{h}"), ja);
    }
}

#[test]
fn schedule() {
    both(Scene::Schedule, &["スケジュール", "12/3(木)", "ノート"]);
}

#[test]
fn notes() {
    both(Scene::Notes, &["ノート", "〜", "フォローアップ"]);
}

#[test]
fn follow_ups() {
    both(Scene::FollowUps, &["フォローアップ（未完了"]);
}

#[test]
fn help() {
    both(Scene::Help, &["終了"]);
}

#[test]
fn export_dialog() {
    both(Scene::Export, &["書き出し", "範囲"]);
}

#[test]
fn session_form() {
    both(Scene::Form, &["新しいセッション", "タイトル"]);
}

#[test]
fn message_log() {
    both(Scene::Log, &["メッセージ"]);
}

/// A 10x3 terminal in Japanese draws without a panic, every row within its width.
#[test]
fn tiny_terminal_in_both_languages() {
    for scene in [
        Scene::Schedule,
        Scene::Notes,
        Scene::Help,
        Scene::Export,
        Scene::Form,
    ] {
        for lang in [Lang::En, Lang::Ja] {
            let shown = screen(scene, lang, 10, 3);
            assert!(
                shown.lines().take(3).all(|l| kaigi::text::width(l) <= 10),
                "{shown}"
            );
        }
    }
}

/// From the trial: the session's own slides mark is named in the interface's language in the
/// Follow-ups list (it showed "Slides not published yet" in Japanese).
#[test]
fn the_slides_mark_speaks_the_interfaces_language() {
    for (lang, mark) in [
        (Lang::En, "☐ Slides not published yet"),
        (Lang::Ja, "☐ 資料公開待ち"),
    ] {
        let _only = LANGUAGE.lock().unwrap_or_else(|e| e.into_inner());
        kaigi::i18n::set(lang);
        let mut s = common::state(120, 40);
        act(
            &mut s,
            [Action::ToggleSlidesPending, Action::Focus(Pane::FollowUps)],
        );
        let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
        t.draw(|f| ui::render(&s, f)).unwrap();
        let buf = t.backend().buffer().clone();
        let shown: Vec<String> = (0..40).map(|y| common::row_text(&buf, y)).collect();
        kaigi::i18n::set(Lang::En);
        assert!(
            shown.iter().any(|r| r.contains(mark)),
            "{}",
            shown.join("\n")
        );
    }
}
