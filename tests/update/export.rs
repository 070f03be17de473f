//! The export dialog's state: rows, choices, the offered name following what is exported, Tab's
//! completions, and the job Enter hands to the app.

use crate::common;
use kaigi::action::{Action, System};
use kaigi::export::{Days, Lang, Target};
use kaigi::state::State;
use kaigi::state::export::{Destination, Row, Scope};
use kaigi::update::update;

fn open() -> State {
    let mut s = common::state(120, 40);
    s.export.default_lang = Lang::Ja;
    update(&mut s, Action::StartExport);
    s
}

fn path(s: &State) -> String {
    s.overlays.prompt.as_ref().unwrap().text.clone()
}

#[test]
fn rows_go_up_and_down_and_stop_at_the_ends() {
    let mut s = open();
    assert_eq!(s.export.row, Row::File);
    update(&mut s, Action::SelectNext);
    assert_eq!(s.export.row, Row::File);
    for want in [Row::To, Row::Lang, Row::Target, Row::What, Row::What] {
        update(&mut s, Action::SelectPrev);
        assert_eq!(s.export.row, want);
    }
}

#[test]
fn left_and_right_change_a_choice_and_the_offered_name_follows_what_is_exported() {
    let mut s = open();
    assert!(
        path(&s).ends_with("exports/kumo-summit-2026-2026-12-03.md"),
        "{}",
        path(&s)
    );
    s.export.row = Row::What;
    update(&mut s, Action::Right);
    assert_eq!(s.export.choices.scope, Scope::All);
    assert!(
        path(&s).ends_with("exports/kumo-summit-2026.md"),
        "{}",
        path(&s)
    );
    update(&mut s, Action::Left);
    update(&mut s, Action::Left);
    assert_eq!(s.export.choices.scope, Scope::Session);
    s.export.row = Row::Target;
    update(&mut s, Action::PromptOption);
    assert_eq!(s.export.choices.target, Target::Hatena);
    update(&mut s, Action::Left);
    update(&mut s, Action::Left);
    assert_eq!(s.export.choices.target, Target::CommonMark);
    s.export.row = Row::Lang;
    assert_eq!(s.export.lang(), Lang::Ja);
    update(&mut s, Action::Right);
    assert_eq!(s.export.lang(), Lang::En);
}

#[test]
fn a_name_typed_by_hand_is_kept_when_the_choice_changes() {
    let mut s = open();
    update(&mut s, Action::DeleteToStart);
    for c in "~/blog/day1.md".chars() {
        update(&mut s, Action::Insert(c.to_string()));
    }
    s.export.row = Row::What;
    update(&mut s, Action::Right);
    assert_eq!(path(&s), "~/blog/day1.md");
    // Typing on a choice row goes to the path.
    update(&mut s, Action::Insert("x".into()));
    assert_eq!(s.export.row, Row::File);
    assert_eq!(path(&s), "~/blog/day1.mdx");
}

#[test]
fn tab_on_the_path_asks_for_completions_and_takes_what_they_share() {
    let mut s = open();
    update(&mut s, Action::DeleteToStart);
    for c in "posts/bl".chars() {
        update(&mut s, Action::Insert(c.to_string()));
    }
    let fx = update(&mut s, Action::PromptOption);
    assert_eq!(fx.complete_path.as_deref(), Some("posts/bl"));
    let found = vec!["blog-2025/".to_string(), "blog-2026/".to_string()];
    update(
        &mut s,
        Action::System(System::PathCompleted {
            typed: "posts/bl".into(),
            found,
        }),
    );
    assert_eq!(path(&s), "posts/blog-202");
    assert_eq!(s.export.completions.len(), 2);
    let one = vec!["blog-2026/".to_string()];
    update(
        &mut s,
        Action::System(System::PathCompleted {
            typed: "posts/blog-202".into(),
            found: one,
        }),
    );
    assert_eq!(path(&s), "posts/blog-2026/");
    assert!(s.export.completions.is_empty());
}

#[test]
fn enter_hands_the_app_the_choices() {
    let mut s = open();
    s.export.choices.target = Target::Zenn;
    s.export.choices.to = Destination::Clipboard;
    let fx = update(&mut s, Action::PromptSubmit);
    let job = fx.export.expect("an export job");
    assert_eq!(job.to, Destination::Clipboard);
    assert_eq!(job.options.target, Target::Zenn);
    assert_eq!(job.options.lang, Lang::Ja);
    assert_eq!(job.options.days, Days::One("2026-12-03".parse().unwrap()));
    assert!(s.overlays.prompt.is_none());
}

#[test]
fn this_session_exports_the_selected_session_on_its_own_day() {
    let mut s = open();
    s.export.choices.scope = Scope::Session;
    let selected = s.selected_session().unwrap().id.clone();
    let fx = update(&mut s, Action::PromptSubmit);
    let job = fx.export.unwrap();
    assert_eq!(job.options.session.as_deref(), Some(selected.as_str()));
}

#[test]
fn each_platform_is_offered_its_own_file_and_esc_puts_the_choices_back() {
    let mut s = open();
    s.export.row = Row::Target;
    update(&mut s, Action::Right);
    assert!(
        path(&s).ends_with("kumo-summit-2026-2026-12-03-hatena.md"),
        "{}",
        path(&s)
    );
    update(&mut s, Action::PromptOptionBack);
    assert_eq!(s.export.choices.target, Target::Gfm);
    update(&mut s, Action::Right);
    update(&mut s, Action::PromptCancel);
    assert_eq!(s.export.choices.target, Target::Gfm);
    assert!(s.overlays.prompt.is_none());
}

#[test]
fn an_empty_path_keeps_the_dialog_open_and_says_what_to_do() {
    let mut s = open();
    update(&mut s, Action::DeleteToStart);
    let fx = update(&mut s, Action::PromptSubmit);
    assert!(fx.export.is_none());
    assert!(s.overlays.prompt.is_some());
    assert!(s.message_text().unwrap().contains("Type the file's path"));
}
