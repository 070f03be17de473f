//! The export dialog (`e`): ↑↓ go through its rows (what, for, language, to, file), ←→ or Tab
//! change a choice, typing edits the file's path and Tab completes it, Enter exports. `e` then
//! Enter exports again as last time.

use super::Effects;
use crate::action::Action;
use crate::export::{Lang, Target};
use crate::state::export::{Destination, Row, Scope};
use crate::state::{Prompt, PromptKind, State};

/// What the app is asked to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJob {
    /// As typed: `~` is the home folder, a relative path is from where kaigi was started.
    pub path: String,
    pub options: crate::export::Options,
    pub to: Destination,
    /// The file exists and the user said to replace it (the old one is kept as `.bak`).
    pub replace: bool,
}

/// Opens the dialog, offering the path used last for this export, else one in the folder
/// used last (or `exports/`), named for what is exported.
pub(super) fn start(state: &mut State) {
    let Some(&day) = state.conference.days().get(state.schedule.day) else {
        state.say(rust_i18n::t!("msg.export_no_days"));
        return;
    };
    let name = file_name(state);
    let c = state.export.choices;
    let text = match &state.export.last {
        Some((d, scope, target, path)) if (*d, *scope, *target) == (day, c.scope, c.target) => {
            path.clone()
        }
        Some((.., path)) => match path.rsplit_once('/') {
            Some((folder, _)) => format!("{folder}/{name}"),
            None => name,
        },
        None => match &state.export.folder {
            Some(folder) => format!("{folder}/{name}"),
            None => state.export.dir.join(name).to_string_lossy().into_owned(),
        },
    };
    state.export.choices_at_open = c;
    state.export.row = Row::File;
    state.export.completions.clear();
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Export,
        cursor: text.len(),
        text,
    });
}

/// The file name an export is offered under: `<conference>-<day>.md`, `<conference>.md` for
/// every day, `<conference>-<session>.md` for one session, with the platform before `.md`
/// unless it is GitHub's (a post for Zenn and one for Hatena are different files).
pub fn file_name(state: &State) -> String {
    let stem = crate::storage::file_stem(&state.conference.id);
    let day = state.conference.days().get(state.schedule.day);
    let base = match (state.export.choices.scope, state.selected_session(), day) {
        (Scope::All, ..) => stem,
        (Scope::Session, Some(s), _) => format!("{stem}-{}", crate::storage::file_stem(&s.id)),
        (_, _, Some(day)) => format!("{stem}-{day}"),
        _ => stem,
    };
    match state.export.choices.target {
        Target::Gfm => format!("{base}.md"),
        t => format!("{base}-{}.md", t.name()),
    }
}

/// A key while the dialog is open, unless it is the path's own (typing, moving in it).
pub(super) fn key(state: &mut State, action: &Action) -> Option<Effects> {
    let row = state.export.row;
    let on_file = row == Row::File;
    match action {
        Action::SelectNext | Action::SelectPrev => {
            let rows = Row::ALL;
            let at = rows
                .iter()
                .position(|r| *r == row)
                .unwrap_or(rows.len() - 1);
            let next = if *action == Action::SelectNext {
                (at + 1).min(rows.len() - 1)
            } else {
                at.saturating_sub(1)
            };
            state.export.row = rows[next];
            Some(Effects::default())
        }
        Action::Left | Action::Right | Action::PromptOption | Action::PromptOptionBack
            if !on_file =>
        {
            let back = matches!(action, Action::Left | Action::PromptOptionBack);
            let before = file_name(state);
            change(state, row, back);
            rename_offered(state, &before);
            Some(Effects::default())
        }
        Action::PromptOption => {
            let typed = state.overlays.prompt.as_ref()?.text.clone();
            Some(Effects {
                complete_path: Some(typed),
                ..Effects::default()
            })
        }
        Action::Insert(_) | Action::Paste(_)
            if state.export.choices.to == Destination::Clipboard =>
        {
            state.say(rust_i18n::t!("msg.export_to_clipboard"));
            Some(Effects::default())
        }
        Action::PromptCancel => {
            state.export.choices = state.export.choices_at_open;
            None
        }
        Action::Insert(_) | Action::Paste(_) if !on_file => {
            // Typing goes to the path, wherever the dialog was.
            state.export.row = Row::File;
            None
        }
        _ => None,
    }
}

fn change(state: &mut State, row: Row, back: bool) {
    let c = &mut state.export.choices;
    match row {
        Row::What => c.scope = cycle(&[Scope::Day, Scope::All, Scope::Session], c.scope, back),
        Row::Target => c.target = cycle(&Target::ALL, c.target, back),
        Row::Lang => {
            let lang = cycle(&[Lang::En, Lang::Ja], state.export.lang(), back);
            state.export.choices.lang = Some(lang);
        }
        Row::To => c.to = cycle(&[Destination::File, Destination::Clipboard], c.to, back),
        Row::File => {}
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], now: T, back: bool) -> T {
    let at = all.iter().position(|x| *x == now).unwrap_or(0);
    let n = all.len();
    all[if back { (at + n - 1) % n } else { (at + 1) % n }]
}

/// The offered file name follows what is exported, unless the user typed another.
fn rename_offered(state: &mut State, before: &str) {
    let after = file_name(state);
    if let Some(p) = state.overlays.prompt.as_mut()
        && let Some(folder) = p.text.strip_suffix(before)
    {
        p.text = format!("{folder}{after}");
        p.cursor = p.text.len();
    }
}

/// Tab found these names for the path typed: one is taken, several are completed as far as
/// they agree and listed.
pub(super) fn completed(state: &mut State, typed: &str, found: Vec<String>) {
    let Some(p) = state.overlays.prompt.as_mut().filter(|p| p.text == typed) else {
        return;
    };
    let folder_end = typed.rfind('/').map_or(0, |i| i + 1);
    let common = found
        .iter()
        .skip(1)
        .fold(found.first().cloned(), |acc, name| {
            let acc = acc?;
            let n = acc
                .char_indices()
                .zip(name.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8());
            Some(acc[..n].to_string())
        });
    if let Some(common) = common.filter(|c| c.len() >= typed.len() - folder_end) {
        p.text = format!("{}{common}", &typed[..folder_end]);
        p.cursor = p.text.len();
    }
    state.export.completions = if found.len() > 1 { found } else { Vec::new() };
    if state.export.completions.is_empty() && p.text == typed {
        state.say(rust_i18n::t!("msg.no_completion"));
    }
}

/// Enter: the export job, with the choices remembered.
pub(super) fn submit(state: &mut State, text: &str) -> Effects {
    let to = state.export.choices.to;
    let path = match to {
        Destination::File => text.trim().to_string(),
        // Only used when the post is too large for a terminal: the exports folder then.
        Destination::Clipboard => String::new(),
    };
    let replace = state.export.confirm.take().is_some_and(|c| c == path);
    if path.is_empty() && to == Destination::File {
        // The dialog stays open.
        state.overlays.prompt = Some(Prompt {
            kind: PromptKind::Export,
            text: String::new(),
            cursor: 0,
        });
        state.say(rust_i18n::t!("msg.export_type_path"));
        return Effects::default();
    }
    let Some(&day) = state.conference.days().get(state.schedule.day) else {
        return Effects::default();
    };
    let session = state.selected_session().map(|s| s.id.clone());
    let days = match state.export.choices.scope {
        Scope::All => crate::export::Days::All,
        Scope::Session => match session
            .as_deref()
            .and_then(|id| state.conference.session(id))
        {
            Some(s) => crate::export::Days::One(state.conference.local(&s.start).date_naive()),
            None => crate::export::Days::One(day),
        },
        Scope::Day => crate::export::Days::One(day),
    };
    if to == Destination::File {
        let c = state.export.choices;
        state.export.last = Some((day, c.scope, c.target, path.clone()));
    }
    let options = crate::export::Options {
        days,
        session: session.filter(|_| state.export.choices.scope == Scope::Session),
        lang: state.export.lang(),
        target: state.export.choices.target,
        ..crate::export::Options::default()
    };
    Effects {
        export: Some(ExportJob {
            path,
            options,
            to,
            replace,
        }),
        flush: true,
        ..Effects::default()
    }
}

/// The export's file exists: the dialog opens again on it, and Enter now replaces it.
pub(super) fn ask_to_replace(state: &mut State, path: String) {
    state.export.row = Row::File;
    state.overlays.prompt = Some(Prompt {
        kind: PromptKind::Export,
        cursor: path.len(),
        text: path.clone(),
    });
    state.export.confirm = Some(path);
}
