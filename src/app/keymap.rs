//! The one table from keys to actions. The `?` overlay and the README key table are generated from
//! it, so a key that works is a key that is documented.

use std::collections::HashMap;
use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, Pane};
use crate::state::{Keyboard, State};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, even while typing.
    Global,
    /// Wherever keys are not typed into notes (Schedule and Follow-ups).
    Browsing,
    Schedule,
    Notes,
    FollowUps,
    /// A one-line prompt (filter, new session title) is open.
    Prompt,
    /// A session's or a new conference's form is open (with the prompt's editing keys).
    Form,
    /// The conference picker is open.
    Picker,
    /// The list of copies of notes is open.
    Copies,
}

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pane(Pane),
    Prompt,
    Form,
    Picker,
    Copies,
}

impl Context {
    /// The message id of the help's heading for the context (`assets/locales/help.<lang>.toml`).
    pub fn title_id(self) -> &'static str {
        match self {
            Context::Global => "help.context_global",
            Context::Browsing => "help.context_browsing",
            Context::Schedule => "help.context_schedule",
            Context::Notes => "help.context_notes",
            Context::FollowUps => "help.context_follow_ups",
            Context::Prompt => "help.context_prompt",
            Context::Form => "help.context_form",
            Context::Picker => "help.context_picker",
            Context::Copies => "help.context_copies",
        }
    }

    /// The help's heading for the context in the interface's language.
    pub fn title(self) -> std::borrow::Cow<'static, str> {
        rust_i18n::t!(self.title_id())
    }
}

impl Context {
    /// Whether a key bound in both contexts could be read in one place (one of them is
    /// everywhere, or the Schedule and Follow-ups panes browse): there it must do one thing.
    pub fn overlaps(self, other: Context) -> bool {
        let browses = |c: Context| {
            matches!(
                c,
                Context::Schedule | Context::FollowUps | Context::Browsing
            )
        };
        self == other
            || self == Context::Global
            || other == Context::Global
            || (self == Context::Browsing && browses(other))
            || (other == Context::Browsing && browses(self))
    }
}

/// Keys that do one thing in one context.
pub struct Binding {
    pub context: Context,
    pub keys: Vec<(KeyCode, KeyModifiers)>,
    pub action: Action,
    /// The message id of what the keys do (`help.<id>` in `assets/locales/help.<lang>.toml`):
    /// `rust_i18n::t!(b.help)` in the interface's language.
    pub help: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn ch(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), NONE)
}

fn bind(
    context: Context,
    keys: &[(KeyCode, KeyModifiers)],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        help,
    }
}

/// The bindings of each key, in `BINDINGS` order (the first that applies wins): a typed letter
/// is looked up instead of compared with every binding's keys.
static BY_KEY: LazyLock<HashMap<(KeyCode, KeyModifiers), Vec<usize>>> = LazyLock::new(|| {
    let mut by_key: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, b) in bindings().iter().enumerate() {
        for &key in &b.keys {
            by_key.entry(key).or_default().push(i);
        }
    }
    by_key
});

/// The bindings in force: the defaults with the settings file's keys (see `rebind.rs`), once
/// they are installed at start; the defaults until then.
pub fn bindings() -> &'static [Binding] {
    EFFECTIVE.get().unwrap_or(&BINDINGS)
}

/// The bindings in force, set once at start (`rebind::install`), before the first key.
static EFFECTIVE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();

/// Puts `bindings` in force; a second call changes nothing (the keys of a run stay its keys).
pub fn set_bindings(bindings: Vec<Binding>) {
    let _ = EFFECTIVE.set(bindings);
}

/// Every binding, in the order the help shows them.
#[rustfmt::skip]
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    use Action as A;
    use Context::*;
    use KeyCode as K;
    vec![
        bind(Global, &[(K::Char('q'), CTRL)], A::Quit, "help.global_quit"),
        bind(Global, &[(K::F(1), NONE)], A::ToggleHelp, "help.global_toggle_help"),
        bind(Global, &[(K::Char('f'), CTRL)], A::StartSearch, "help.global_start_search"),
        bind(Global, &[(K::Char('l'), CTRL)], A::Repaint, "help.global_repaint"),
        bind(Browsing, &[ch('q')], A::Quit, "help.browsing_quit"),
        bind(Browsing, &[ch('?')], A::ToggleHelp, "help.browsing_toggle_help"),
        bind(Browsing, &[ch('1')], A::Focus(Pane::Schedule), "help.browsing_focus_schedule"),
        bind(Browsing, &[ch('2')], A::Focus(Pane::Notes), "help.browsing_focus_notes"),
        bind(Browsing, &[ch('3')], A::Focus(Pane::FollowUps), "help.browsing_focus_follow_ups"),
        bind(Browsing, &[ch('L')], A::ToggleLog, "help.browsing_toggle_log"),
        bind(Schedule, &[(K::Down, NONE), ch('j')], A::SelectNext, "help.schedule_select_next"),
        bind(Schedule, &[(K::Up, NONE), ch('k')], A::SelectPrev, "help.schedule_select_prev"),
        bind(Schedule, &[(K::Right, NONE), ch('l')], A::NextDay, "help.schedule_next_day"),
        bind(Schedule, &[(K::Left, NONE), ch('h')], A::PrevDay, "help.schedule_prev_day"),
        bind(Schedule, &[ch(']')], A::DayAfter, "help.schedule_day_after"),
        bind(Schedule, &[ch('[')], A::DayBefore, "help.schedule_day_before"),
        bind(Schedule, &[(K::PageDown, NONE)], A::PageDown, "help.schedule_page_down"),
        bind(Schedule, &[(K::PageUp, NONE)], A::PageUp, "help.schedule_page_up"),
        bind(Schedule, &[(K::Home, NONE), ch('g')], A::First, "help.schedule_first"),
        bind(Schedule, &[(K::End, NONE), ch('G')], A::Last, "help.schedule_last"),
        bind(Schedule, &[ch('v')], A::ToggleGrid, "help.schedule_toggle_grid"),
        bind(Schedule, &[(K::Enter, NONE)], A::OpenNotes, "help.schedule_open_notes"),
        bind(Schedule, &[ch('s')], A::ToggleStar, "help.schedule_toggle_star"),
        bind(Schedule, &[ch('m')], A::ToggleMySchedule, "help.schedule_toggle_my_schedule"),
        bind(Schedule, &[ch('/')], A::StartFilter, "help.schedule_start_filter"),
        bind(Schedule, &[ch('r')], A::CycleRoom, "help.schedule_cycle_room"),
        bind(Schedule, &[ch('i')], A::ToggleDetails, "help.schedule_toggle_details"),
        bind(Schedule, &[ch('t')], A::JumpToNow, "help.schedule_jump_to_now"),
        bind(Schedule, &[ch('n')], A::NewSession, "help.schedule_new_session"),
        bind(Browsing, &[(K::F(5), NONE)], A::RefreshSchedule, "help.browsing_refresh_schedule"),
        bind(Schedule, &[ch('E')], A::EditSession, "help.schedule_edit_session"),
        bind(Schedule, &[ch('D')], A::DeleteSession, "help.schedule_delete_session"),
        bind(Schedule, &[ch('M')], A::MoveAllTo, "help.schedule_move_all_to"),
        bind(Schedule, &[ch('c')], A::OpenPicker, "help.schedule_open_picker"),
        bind(Schedule, &[ch('e')], A::StartExport, "help.schedule_start_export"),
        bind(Schedule, &[ch('R')], A::OpenCopies, "help.schedule_open_copies"),
        bind(Schedule, &[ch('p')], A::ToggleSlidesPending, "help.schedule_toggle_slides_pending"),
        bind(Schedule, &[ch('u')], A::EditLinks, "help.schedule_edit_links"),
        bind(Notes, &[(K::Esc, NONE)], A::LeaveNotes, "help.notes_back"),
        bind(Notes, &[(K::Enter, NONE)], A::Split, "help.notes_split"),
        bind(Notes, &[(K::Tab, NONE), (K::Right, ALT)], A::Indent, "help.notes_indent"),
        bind(Notes, &[(K::BackTab, SHIFT), (K::BackTab, NONE), (K::Left, ALT)], A::Outdent, "help.notes_outdent"),
        bind(Notes, &[(K::Up, ALT)], A::MoveUp, "help.notes_move_up"),
        bind(Notes, &[(K::Down, ALT)], A::MoveDown, "help.notes_move_down"),
        bind(Notes, &[(K::Char('d'), CTRL)], A::DeleteBranch, "help.notes_delete_branch"),
        bind(Notes, &[(K::Char('x'), CTRL)], A::CutBranch, "help.notes_cut_branch"),
        bind(Notes, &[(K::Char('c'), CTRL)], A::CopyBranch, "help.notes_copy_branch"),
        bind(Notes, &[(K::Char('v'), CTRL)], A::PasteBranch, "help.notes_paste_branch"),
        bind(Notes, &[(K::Char('m'), ALT)], A::MoveBranchTo, "help.notes_move_branch_to"),
        bind(Notes, &[(K::Char('M'), ALT)], A::MoveAllTo, "help.notes_move_all_to"),
        bind(Notes, &[(K::Backspace, NONE)], A::Backspace, "help.notes_backspace"),
        bind(Notes, &[(K::Delete, NONE)], A::Delete, "help.notes_delete"),
        bind(Notes, &[(K::Char('h'), CTRL)], A::Backspace, "help.notes_ctrl_h"),
        bind(Notes, &[(K::Char('w'), CTRL), (K::Backspace, CTRL), (K::Backspace, ALT)], A::DeleteWord, "help.notes_delete_word"),
        bind(Notes, &[(K::Left, NONE)], A::Left, "help.notes_left"),
        bind(Notes, &[(K::Right, NONE)], A::Right, "help.notes_right"),
        bind(Notes, &[(K::Left, CTRL)], A::WordLeft, "help.notes_word_left"),
        bind(Notes, &[(K::Right, CTRL)], A::WordRight, "help.notes_word_right"),
        bind(Notes, &[(K::Up, NONE)], A::Up, "help.notes_up"),
        bind(Notes, &[(K::Down, NONE)], A::Down, "help.notes_down"),
        bind(Notes, &[(K::Home, NONE), (K::Char('a'), CTRL)], A::Home, "help.notes_home"),
        bind(Notes, &[(K::End, NONE), (K::Char('e'), CTRL)], A::End, "help.notes_end"),
        bind(Notes, &[(K::PageUp, NONE)], A::PageUp, "help.notes_page_up"),
        bind(Notes, &[(K::PageDown, NONE)], A::PageDown, "help.notes_page_down"),
        bind(Notes, &[(K::Home, CTRL)], A::First, "help.notes_first"),
        bind(Notes, &[(K::End, CTRL)], A::Last, "help.notes_last"),
        bind(Notes, &[(K::Up, CTRL)], A::Collapse, "help.notes_collapse"),
        bind(Notes, &[(K::Down, CTRL)], A::Expand, "help.notes_expand"),
        bind(Notes, &[(K::Char('t'), CTRL)], A::CycleFollowUp, "help.notes_cycle_follow_up"),
        bind(Notes, &[(K::Char('p'), CTRL)], A::ToggleParagraph, "help.notes_toggle_paragraph"),
        bind(Notes, &[(K::Char('z'), CTRL)], A::Undo, "help.notes_undo"),
        bind(Notes, &[(K::Char('y'), CTRL)], A::Redo, "help.notes_redo"),
        bind(Notes, &[(K::Char('g'), CTRL)], A::ToggleGutter, "help.notes_toggle_gutter"),
        bind(Notes, &[(K::Char('p'), ALT)], A::ToggleSlidesPending, "help.notes_toggle_slides_pending"),
        bind(FollowUps, &[(K::Down, NONE), ch('j')], A::SelectNext, "help.follow_ups_select_next"),
        bind(FollowUps, &[(K::Up, NONE), ch('k')], A::SelectPrev, "help.follow_ups_select_prev"),
        bind(FollowUps, &[(K::Enter, NONE)], A::JumpToFollowUp, "help.follow_ups_open"),
        bind(FollowUps, &[ch(' '), ch('x')], A::ToggleFollowUp, "help.follow_ups_toggle_done"),
        bind(FollowUps, &[ch('f')], A::CycleFollowUpFilter, "help.follow_ups_cycle_filter"),
        bind(FollowUps, &[ch('a')], A::ToggleAllConferences, "help.follow_ups_toggle_all_conferences"),
        bind(FollowUps, &[(K::Esc, NONE)], A::Focus(Pane::Schedule), "help.follow_ups_back"),
        bind(Form, &[(K::Tab, NONE)], A::FormNext, "help.form_next_field"),
        bind(Form, &[(K::BackTab, SHIFT), (K::BackTab, NONE)], A::FormPrev, "help.form_prev_field"),
        bind(Form, &[(K::Down, NONE)], A::SelectNext, "help.form_down"),
        bind(Form, &[(K::Up, NONE)], A::SelectPrev, "help.form_up"),
        bind(Form, &[(K::Enter, NONE)], A::PromptSubmit, "help.form_save"),
        bind(Form, &[(K::Esc, NONE)], A::PromptCancel, "help.form_cancel"),
        bind(Prompt, &[(K::Enter, NONE)], A::PromptSubmit, "help.prompt_accept"),
        bind(Prompt, &[(K::Esc, NONE)], A::PromptCancel, "help.prompt_cancel"),
        bind(Prompt, &[(K::Tab, NONE)], A::PromptOption, "help.prompt_next_option"),
        bind(Prompt, &[(K::BackTab, SHIFT), (K::BackTab, NONE)], A::PromptOptionBack, "help.prompt_prev_option"),
        bind(Prompt, &[(K::Backspace, NONE), (K::Char('h'), CTRL)], A::Backspace, "help.prompt_backspace"),
        bind(Prompt, &[(K::Char('w'), CTRL), (K::Backspace, CTRL), (K::Backspace, ALT)], A::DeleteWord, "help.prompt_delete_word"),
        bind(Prompt, &[(K::Char('u'), CTRL)], A::DeleteToStart, "help.prompt_delete_to_start"),
        bind(Prompt, &[(K::Char('k'), CTRL)], A::DeleteToEnd, "help.prompt_delete_to_end"),
        bind(Prompt, &[(K::Down, NONE)], A::SelectNext, "help.prompt_select_next"),
        bind(Prompt, &[(K::Up, NONE)], A::SelectPrev, "help.prompt_select_prev"),
        bind(Prompt, &[(K::Left, NONE)], A::Left, "help.prompt_left"),
        bind(Prompt, &[(K::Right, NONE)], A::Right, "help.prompt_right"),
        bind(Prompt, &[(K::Home, NONE), (K::Char('a'), CTRL)], A::Home, "help.prompt_home"),
        bind(Prompt, &[(K::End, NONE), (K::Char('e'), CTRL)], A::End, "help.prompt_end"),
        bind(Picker, &[(K::Down, NONE), ch('j')], A::SelectNext, "help.picker_select_next"),
        bind(Picker, &[(K::Up, NONE), ch('k')], A::SelectPrev, "help.picker_select_prev"),
        bind(Picker, &[(K::Enter, NONE)], A::PickConference, "help.picker_open"),
        bind(Picker, &[ch('n')], A::NewSession, "help.picker_new_conference"),
        bind(Picker, &[(K::Esc, NONE), ch('q')], A::ClosePicker, "help.picker_close"),
        bind(Copies, &[(K::Down, NONE), ch('j')], A::SelectNext, "help.copies_select_next"),
        bind(Copies, &[(K::Up, NONE), ch('k')], A::SelectPrev, "help.copies_select_prev"),
        bind(Copies, &[(K::Enter, NONE)], A::MergeCopy, "help.copies_merge"),
        bind(Copies, &[(K::Esc, NONE), ch('q')], A::CloseCopies, "help.copies_close"),
    ]
});

/// The action for a key pressed in `state`: whoever has the keyboard (see `State::keyboard`)
/// reads it. Any key closes the help or the log, even one bound to nothing; `q` there closes
/// rather than quits, as in a pager.
pub fn action_for_key(state: &State, k: KeyEvent) -> Option<Action> {
    let keyboard = state.keyboard();
    let mode = match keyboard {
        Keyboard::Copies => Mode::Copies,
        Keyboard::Prompt => Mode::Prompt,
        Keyboard::Form => Mode::Form,
        Keyboard::Picker => Mode::Picker,
        // The help and the log read the pane's keys: its arrows scroll them.
        Keyboard::Help | Keyboard::Log | Keyboard::Pane(_) => Mode::Pane(state.focus),
    };
    let action = action_for(mode, k);
    if !matches!(keyboard, Keyboard::Help | Keyboard::Log) {
        return action;
    }
    let plain_q = k.code == KeyCode::Char('q') && !k.modifiers.contains(CTRL);
    if plain_q {
        return Some(Action::ToggleHelp);
    }
    action.or(Some(Action::ToggleHelp))
}

/// The action for `key` in `mode`. Printable keys insert text while typing notes or a prompt.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    let mut mods = key.modifiers;
    if matches!(key.code, KeyCode::Char(_)) {
        mods.remove(SHIFT);
    }
    let (context, typing) = match mode {
        Mode::Pane(Pane::Schedule) => (Context::Schedule, false),
        Mode::Pane(Pane::Notes) => (Context::Notes, true),
        Mode::Pane(Pane::FollowUps) => (Context::FollowUps, false),
        Mode::Prompt => (Context::Prompt, true),
        Mode::Form => (Context::Form, true),
        Mode::Picker => (Context::Picker, false),
        Mode::Copies => (Context::Copies, false),
    };
    let browsing = matches!(context, Context::Schedule | Context::FollowUps);
    // A form edits its fields with the prompt's keys.
    let form = context == Context::Form;
    let applies = |c: Context| {
        c == Context::Global
            || c == context
            || (c == Context::Browsing && browsing)
            || (c == Context::Prompt && form)
    };
    let found = BY_KEY
        .get(&(key.code, mods))
        .into_iter()
        .flatten()
        .map(|&i| &bindings()[i])
        .find(|b| applies(b.context));
    if let Some(b) = found {
        return Some(b.action.clone());
    }
    match key.code {
        KeyCode::Char(c) if typing && !mods.intersects(CTRL | ALT) => {
            Some(Action::Insert(c.to_string()))
        }
        _ => None,
    }
}

/// How a key is written in the help and the README.
pub fn key_name((code, mods): (KeyCode, KeyModifiers)) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if mods.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::PageUp => "PageUp".to_string(),
        KeyCode::PageDown => "PageDown".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut prefix = String::new();
    if mods.contains(CTRL) {
        prefix.push_str("Ctrl-");
    }
    if mods.contains(ALT) {
        prefix.push_str("Alt-");
    }
    format!("{prefix}{base}")
}

/// The keys of a binding as one label, e.g. `Down / j`. Shift-Tab appears once however many
/// spellings terminals use for it.
pub fn keys_label(b: &Binding) -> String {
    let mut names: Vec<String> = Vec::new();
    for &k in &b.keys {
        let n = key_name(k);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names.join(" / ")
}

/// The key table as Markdown, as it stands in README.md: in English whatever the interface's
/// language.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for b in BINDINGS.iter() {
        let keys = keys_label(b).replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            rust_i18n::t!(b.context.title_id(), locale = "en"),
            keys,
            rust_i18n::t!(b.help, locale = "en")
        ));
    }
    out
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
