//! The export dialog (issue 18) as it is drawn, at 80x24 and 120x40, and at 10x3 without a
//! panic.

use crate::common::state;
use crate::render::{draw, screen};
use kaigi::action::{Action, System};
use kaigi::export::{Lang, Target};
use kaigi::state::export::Row;
use kaigi::update::update;

fn dialog(w: u16, h: u16) -> kaigi::state::State {
    let mut s = state(w, h);
    s.export.default_lang = Lang::Ja;
    update(&mut s, Action::StartExport);
    s
}

#[test]
fn export_dialog_80x24() {
    let mut s = dialog(80, 24);
    s.export.choices.target = Target::Hatena;
    s.export.row = Row::Target;
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn export_dialog_with_completions_120x40() {
    let mut s = dialog(120, 40);
    update(&mut s, Action::DeleteToStart);
    update(&mut s, Action::Insert("posts/b".into()));
    update(
        &mut s,
        Action::System(System::PathCompleted {
            typed: "posts/b".into(),
            found: vec!["blog-2025/".into(), "blog-2026/".into(), "book.md".into()],
        }),
    );
    insta::assert_snapshot!(screen(&mut draw(&s)));
}

#[test]
fn export_dialog_at_10x3_draws_without_a_panic() {
    let s = dialog(10, 3);
    let text = screen(&mut draw(&s));
    assert_eq!(text.lines().count(), 4, "{text}");
}
