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
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Browsing => "Schedule and Follow-ups",
            Context::Schedule => "Schedule",
            Context::Notes => "Notes editor",
            Context::FollowUps => "Follow-ups",
            Context::Prompt => "Prompts and forms: filter, search, links, export, move to",
            Context::Form => "Session form (n, E) and new conference",
            Context::Picker => "Conference picker",
            Context::Copies => "Copies of notes (R)",
        }
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
        bind(Global, &[(K::Char('q'), CTRL)], A::Quit, "quit (notes are saved)"),
        bind(Global, &[(K::F(1), NONE)], A::ToggleHelp, "show or hide this help"),
        bind(Global, &[(K::Char('f'), CTRL)], A::StartSearch, "search all notes, titles and speakers"),
        bind(Global, &[(K::Char('l'), CTRL)], A::Repaint, "draw the whole screen again"),
        bind(Browsing, &[ch('q')], A::Quit, "quit"),
        bind(Browsing, &[ch('?')], A::ToggleHelp, "show or hide this help"),
        bind(Browsing, &[ch('1')], A::Focus(Pane::Schedule), "focus Schedule"),
        bind(Browsing, &[ch('2')], A::Focus(Pane::Notes), "focus Notes (start typing)"),
        bind(Browsing, &[ch('3')], A::Focus(Pane::FollowUps), "focus Follow-ups"),
        bind(Browsing, &[ch('L')], A::ToggleLog, "messages of this launch (log)"),
        bind(Schedule, &[(K::Down, NONE), ch('j')], A::SelectNext, "next session"),
        bind(Schedule, &[(K::Up, NONE), ch('k')], A::SelectPrev, "previous session"),
        bind(Schedule, &[(K::Right, NONE), ch('l')], A::NextDay, "next day, at the same time of day (grid: room to the right)"),
        bind(Schedule, &[(K::Left, NONE), ch('h')], A::PrevDay, "previous day (grid: room to the left)"),
        bind(Schedule, &[ch(']')], A::DayAfter, "next day (list and grid)"),
        bind(Schedule, &[ch('[')], A::DayBefore, "previous day (list and grid)"),
        bind(Schedule, &[(K::PageDown, NONE)], A::PageDown, "a page down (grid: a screen of time later)"),
        bind(Schedule, &[(K::PageUp, NONE)], A::PageUp, "a page up"),
        bind(Schedule, &[(K::Home, NONE), ch('g')], A::First, "first session of the day"),
        bind(Schedule, &[(K::End, NONE), ch('G')], A::Last, "last session of the day"),
        bind(Schedule, &[ch('v')], A::ToggleGrid, "list ↔ timetable grid (rooms as columns)"),
        bind(Schedule, &[(K::Enter, NONE)], A::OpenNotes, "type notes for the session"),
        bind(Schedule, &[ch('s')], A::ToggleStar, "star / unstar the session"),
        bind(Schedule, &[ch('m')], A::ToggleMySchedule, "My schedule: starred only, clashes flagged"),
        bind(Schedule, &[ch('/')], A::StartFilter, "filter by title, speaker, room, track"),
        bind(Schedule, &[ch('r')], A::CycleRoom, "one room: type part of its name (↑↓ choose), or every room"),
        bind(Schedule, &[ch('i')], A::ToggleDetails, "show / hide abstract and link"),
        bind(Schedule, &[ch('t')], A::JumpToNow, "jump to what is on now"),
        bind(Schedule, &[ch('n')], A::NewSession, "new session: the talk starting, a booth, a chat (form)"),
        bind(Browsing, &[(K::F(5), NONE)], A::RefreshSchedule, "download the schedule again from its URL"),
        bind(Schedule, &[ch('E')], A::EditSession, "edit the session: title, time, room… (form)"),
        bind(Schedule, &[ch('D')], A::DeleteSession, "delete a session made in kaigi (notes kept: R restores)"),
        bind(Schedule, &[ch('M')], A::MoveAllTo, "move all its notes to another session (type to choose)"),
        bind(Schedule, &[ch('c')], A::OpenPicker, "choose another conference"),
        bind(Schedule, &[ch('e')], A::StartExport, "export: the day, every day or the session, for a blog, to a file or the clipboard"),
        bind(Schedule, &[ch('R')], A::OpenCopies, "copies of notes to merge (after a crash, from a sync tool)"),
        bind(Schedule, &[ch('p')], A::ToggleSlidesPending, "mark \"slides not published yet\" (a follow-up)"),
        bind(Schedule, &[ch('u')], A::EditLinks, "edit slides / video links (resolves pending slides)"),
        bind(Notes, &[(K::Esc, NONE)], A::LeaveNotes, "back to Schedule"),
        bind(Notes, &[(K::Enter, NONE)], A::Split, "new bullet / split at the cursor (outdents an empty one)"),
        bind(Notes, &[(K::Tab, NONE), (K::Right, ALT)], A::Indent, "indent bullet with its children"),
        bind(Notes, &[(K::BackTab, SHIFT), (K::BackTab, NONE), (K::Left, ALT)], A::Outdent, "outdent bullet with its children"),
        bind(Notes, &[(K::Up, ALT)], A::MoveUp, "move bullet up (past its parent's start too)"),
        bind(Notes, &[(K::Down, ALT)], A::MoveDown, "move bullet down (past its parent's end too)"),
        bind(Notes, &[(K::Char('d'), CTRL)], A::DeleteBranch, "delete bullet with its children"),
        bind(Notes, &[(K::Char('x'), CTRL)], A::CutBranch, "cut bullet with its children"),
        bind(Notes, &[(K::Char('c'), CTRL)], A::CopyBranch, "copy bullet with its children"),
        bind(Notes, &[(K::Char('v'), CTRL)], A::PasteBranch, "paste them after the bullet (any session)"),
        bind(Notes, &[(K::Char('m'), ALT)], A::MoveBranchTo, "move bullet with its children to another session"),
        bind(Notes, &[(K::Char('M'), ALT)], A::MoveAllTo, "move all notes to another session (Ctrl-Z undoes)"),
        bind(Notes, &[(K::Backspace, NONE)], A::Backspace, "delete back; at the start: unmark follow-up, then join"),
        bind(Notes, &[(K::Delete, NONE)], A::Delete, "delete forward; at the end: join next bullet"),
        bind(Notes, &[(K::Char('h'), CTRL)], A::Backspace, "delete back (as Backspace: many terminals send it)"),
        bind(Notes, &[(K::Char('w'), CTRL), (K::Backspace, CTRL), (K::Backspace, ALT)], A::DeleteWord, "delete previous word (Japanese words too)"),
        bind(Notes, &[(K::Left, NONE)], A::Left, "previous character"),
        bind(Notes, &[(K::Right, NONE)], A::Right, "next character"),
        bind(Notes, &[(K::Left, CTRL)], A::WordLeft, "previous word"),
        bind(Notes, &[(K::Right, CTRL)], A::WordRight, "next word"),
        bind(Notes, &[(K::Up, NONE)], A::Up, "up one screen line"),
        bind(Notes, &[(K::Down, NONE)], A::Down, "down one screen line"),
        bind(Notes, &[(K::Home, NONE), (K::Char('a'), CTRL)], A::Home, "start of bullet"),
        bind(Notes, &[(K::End, NONE), (K::Char('e'), CTRL)], A::End, "end of bullet"),
        bind(Notes, &[(K::PageUp, NONE)], A::PageUp, "up one screen"),
        bind(Notes, &[(K::PageDown, NONE)], A::PageDown, "down one screen"),
        bind(Notes, &[(K::Home, CTRL)], A::First, "first bullet"),
        bind(Notes, &[(K::End, CTRL)], A::Last, "last bullet"),
        bind(Notes, &[(K::Up, CTRL)], A::Collapse, "collapse children"),
        bind(Notes, &[(K::Down, CTRL)], A::Expand, "expand children"),
        bind(Notes, &[(K::Char('t'), CTRL)], A::CycleFollowUp, "bullet → follow-up → done → bullet (or type \"[ ] \")"),
        bind(Notes, &[(K::Char('p'), CTRL)], A::ToggleParagraph, "bullet ↔ paragraph of prose"),
        bind(Notes, &[(K::Char('z'), CTRL)], A::Undo, "undo"),
        bind(Notes, &[(K::Char('y'), CTRL)], A::Redo, "redo"),
        bind(Notes, &[(K::Char('g'), CTRL)], A::ToggleGutter, "show minute into the talk per bullet"),
        bind(Notes, &[(K::Char('p'), ALT)], A::ToggleSlidesPending, "mark \"slides not published yet\""),
        bind(FollowUps, &[(K::Down, NONE), ch('j')], A::SelectNext, "next follow-up"),
        bind(FollowUps, &[(K::Up, NONE), ch('k')], A::SelectPrev, "previous follow-up"),
        bind(FollowUps, &[(K::Enter, NONE)], A::JumpToFollowUp, "open it in its session's notes"),
        bind(FollowUps, &[ch(' '), ch('x')], A::ToggleFollowUp, "mark done / open again"),
        bind(FollowUps, &[ch('f')], A::CycleFollowUpFilter, "show all / open / done"),
        bind(FollowUps, &[ch('a')], A::ToggleAllConferences, "every conference / this one"),
        bind(FollowUps, &[(K::Esc, NONE)], A::Focus(Pane::Schedule), "back to Schedule"),
        bind(Form, &[(K::Tab, NONE)], A::FormNext, "next field"),
        bind(Form, &[(K::BackTab, SHIFT), (K::BackTab, NONE)], A::FormPrev, "previous field"),
        bind(Form, &[(K::Down, NONE)], A::SelectNext, "next field; in Room: next room that matches"),
        bind(Form, &[(K::Up, NONE)], A::SelectPrev, "previous field; in Room: previous room"),
        bind(Form, &[(K::Enter, NONE)], A::PromptSubmit, "save (from any field)"),
        bind(Form, &[(K::Esc, NONE)], A::PromptCancel, "cancel"),
        bind(Prompt, &[(K::Enter, NONE)], A::PromptSubmit, "accept"),
        bind(Prompt, &[(K::Esc, NONE)], A::PromptCancel, "cancel (a filter is cleared)"),
        bind(Prompt, &[(K::Tab, NONE)], A::PromptOption, "export: next choice, or complete the path"),
        bind(Prompt, &[(K::BackTab, SHIFT), (K::BackTab, NONE)], A::PromptOptionBack, "export: previous choice"),
        bind(Prompt, &[(K::Backspace, NONE), (K::Char('h'), CTRL)], A::Backspace, "delete back"),
        bind(Prompt, &[(K::Char('w'), CTRL), (K::Backspace, CTRL), (K::Backspace, ALT)], A::DeleteWord, "delete previous word"),
        bind(Prompt, &[(K::Char('u'), CTRL)], A::DeleteToStart, "delete to the start"),
        bind(Prompt, &[(K::Char('k'), CTRL)], A::DeleteToEnd, "delete to the end"),
        bind(Prompt, &[(K::Down, NONE)], A::SelectNext, "next result / session / export row"),
        bind(Prompt, &[(K::Up, NONE)], A::SelectPrev, "previous result / session / export row"),
        bind(Prompt, &[(K::Left, NONE)], A::Left, "previous character (export: previous choice)"),
        bind(Prompt, &[(K::Right, NONE)], A::Right, "next character (export: next choice)"),
        bind(Prompt, &[(K::Home, NONE), (K::Char('a'), CTRL)], A::Home, "start"),
        bind(Prompt, &[(K::End, NONE), (K::Char('e'), CTRL)], A::End, "end"),
        bind(Picker, &[(K::Down, NONE), ch('j')], A::SelectNext, "next conference"),
        bind(Picker, &[(K::Up, NONE), ch('k')], A::SelectPrev, "previous conference"),
        bind(Picker, &[(K::Enter, NONE)], A::PickConference, "open it (or make a new one)"),
        bind(Picker, &[ch('n')], A::NewSession, "new conference (name, dates, time zone)"),
        bind(Picker, &[(K::Esc, NONE), ch('q')], A::ClosePicker, "close"),
        bind(Copies, &[(K::Down, NONE), ch('j')], A::SelectNext, "next copy"),
        bind(Copies, &[(K::Up, NONE), ch('k')], A::SelectPrev, "previous copy"),
        bind(Copies, &[(K::Enter, NONE)], A::MergeCopy, "merge it into its session (Ctrl-Z undoes)"),
        bind(Copies, &[(K::Esc, NONE), ch('q')], A::CloseCopies, "close"),
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

/// The key table as Markdown, as it stands in README.md.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for b in BINDINGS.iter() {
        let keys = keys_label(b).replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            b.context.title(),
            keys,
            b.help
        ));
    }
    out
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
