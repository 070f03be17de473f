//! Keys from the settings file: `[keys]` names a binding as `<where>.<action>` (as
//! `kaigi settings --print-default` lists them) and gives it other keys. A key written wrong, a
//! name that is no binding, or a key that would do two things in one place is reported with its
//! line, and the default kept.

use crossterm::event::{KeyCode, KeyModifiers};

use super::keymap::{BINDINGS, Binding, Context};

/// A binding's name in the settings file: `schedule.start_export`.
pub fn name(b: &Binding) -> String {
    let context = match b.context {
        Context::Global => "global",
        Context::Browsing => "browsing",
        Context::Schedule => "schedule",
        Context::Notes => "notes",
        Context::FollowUps => "follow_ups",
        Context::Prompt => "prompt",
        Context::Form => "form",
        Context::Picker => "picker",
        Context::Copies => "copies",
    };
    format!("{context}.{}", snake(&format!("{:?}", b.action)))
}

/// `Focus(Schedule)` as `focus_schedule`.
fn snake(debug: &str) -> String {
    let mut out = String::new();
    for c in debug.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// A key as the help writes it (`Ctrl-E`, `Alt-m`, `F5`, `PageDown`, `Shift-Tab`, `Space`, `e`).
pub fn parse_key(text: &str) -> Option<(KeyCode, KeyModifiers)> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        if lower.starts_with("ctrl-") && rest.len() > 5 {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[5..];
        } else if lower.starts_with("alt-") && rest.len() > 4 {
            mods |= KeyModifiers::ALT;
            rest = &rest[4..];
        } else {
            break;
        }
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" => return Some((KeyCode::BackTab, mods | KeyModifiers::SHIFT)),
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        f if f.len() > 1
            && f.starts_with('f')
            && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
        {
            KeyCode::F(f[1..].parse().ok()?)
        }
        _ => {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            // Ctrl-E and Ctrl-e are one key.
            KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            })
        }
    };
    Some((code, mods))
}

/// A binding given other keys, from the settings file's line `line`.
pub struct Override {
    pub name: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// Installs the defaults with `overrides` applied (once, at start); what could not be applied,
/// each naming its line.
pub fn install(overrides: &[Override], file: &str) -> Vec<String> {
    let (bindings, problems) = apply(overrides, file);
    super::keymap::set_bindings(bindings);
    problems
}

/// The defaults with `overrides` applied where they are valid and clash with nothing.
pub fn apply(overrides: &[Override], file: &str) -> (Vec<Binding>, Vec<String>) {
    let mut out: Vec<Binding> = BINDINGS
        .iter()
        .map(|b| Binding {
            context: b.context,
            keys: b.keys.clone(),
            action: b.action.clone(),
            help: b.help,
        })
        .collect();
    let mut problems = Vec::new();
    for o in overrides {
        let at = rust_i18n::t!("err.settings_line", file = file, line = o.line);
        let targets: Vec<usize> = (0..out.len())
            .filter(|&i| name(&out[i]) == o.name)
            .collect();
        if targets.is_empty() {
            problems
                .push(rust_i18n::t!("err.keys_no_binding", at = at, name = o.name).into_owned());
            continue;
        }
        // Shift-Tab comes as BackTab with or without Shift, as terminals differ.
        let keys: Option<Vec<_>> = o
            .keys
            .iter()
            .map(|k| parse_key(k))
            .collect::<Option<Vec<_>>>()
            .map(|keys| {
                keys.into_iter()
                    .flat_map(|k| match k {
                        (KeyCode::BackTab, m) => vec![
                            (KeyCode::BackTab, m),
                            (KeyCode::BackTab, m - KeyModifiers::SHIFT),
                        ],
                        k => vec![k],
                    })
                    .collect()
            });
        let Some(keys) = keys.filter(|k| !k.is_empty()) else {
            let keys = format!("{:?}", o.keys.join(", "));
            problems.push(rust_i18n::t!("err.keys_not_a_key", at = at, keys = keys).into_owned());
            continue;
        };
        let before: Vec<Vec<_>> = targets.iter().map(|&i| out[i].keys.clone()).collect();
        // One name, one set of keys: the first binding of the name takes them (Backspace and
        // Ctrl-H are two bindings of `notes.backspace`).
        for (k, &i) in targets.iter().enumerate() {
            out[i].keys = if k == 0 { keys.clone() } else { Vec::new() };
        }
        if let Some(clash) = clash(&out, &targets) {
            problems.push(
                rust_i18n::t!("err.keys_clash", at = at, clash = clash, name = o.name).into_owned(),
            );
            for (&i, keys) in targets.iter().zip(before) {
                out[i].keys = keys;
            }
        }
    }
    (out, problems)
}

/// A key of the bindings at `changed` that another binding in an overlapping place has too.
fn clash(bindings: &[Binding], changed: &[usize]) -> Option<String> {
    for &i in changed {
        let a = &bindings[i];
        for (j, b) in bindings.iter().enumerate() {
            if j == i || changed.contains(&j) || !a.context.overlaps(b.context) {
                continue;
            }
            if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                return Some(
                    rust_i18n::t!(
                        "err.keys_bound",
                        key = super::keymap::key_name(*k),
                        name = name(b)
                    )
                    .into_owned(),
                );
            }
        }
    }
    None
}

/// The `[keys]` table with every binding and its default keys, for the default settings file.
pub fn default_table() -> String {
    let mut out = String::new();
    let mut done: Vec<String> = Vec::new();
    for b in BINDINGS.iter() {
        let n = name(b);
        if done.contains(&n) {
            continue;
        }
        let mut keys: Vec<String> = Vec::new();
        for other in BINDINGS.iter().filter(|o| name(o) == n) {
            for k in &other.keys {
                let k = format!("{:?}", super::keymap::key_name(*k));
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        done.push(n);
        let keys = if keys.len() == 1 {
            keys[0].clone()
        } else {
            format!("[{}]", keys.join(", "))
        };
        out.push_str(&format!(
            "# {}\n{} = {keys}\n",
            rust_i18n::t!(b.help, locale = "en"),
            done[done.len() - 1]
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_as_the_help_writes_them() {
        assert_eq!(
            parse_key("e"),
            Some((KeyCode::Char('e'), KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("Ctrl-E"),
            Some((KeyCode::Char('e'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse_key("alt-m"),
            Some((KeyCode::Char('m'), KeyModifiers::ALT))
        );
        assert_eq!(parse_key("F5"), Some((KeyCode::F(5), KeyModifiers::NONE)));
        assert_eq!(
            parse_key("PageDown"),
            Some((KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert_eq!(parse_key("Ctrl-"), None);
        assert_eq!(parse_key("ee"), None);
    }

    #[test]
    fn every_default_key_reads_back_and_every_name_is_unique_per_binding() {
        for b in BINDINGS.iter() {
            for k in &b.keys {
                let name = super::super::keymap::key_name(*k);
                let back = parse_key(&name).unwrap_or_else(|| panic!("{name}"));
                assert_eq!(super::super::keymap::key_name(back), name);
            }
        }
        let names: Vec<String> = BINDINGS.iter().map(name).collect();
        assert!(
            names.contains(&"schedule.start_export".to_string()),
            "{names:?}"
        );
    }

    #[test]
    fn a_key_bound_twice_is_reported_with_its_line_and_the_default_kept() {
        let o = |name: &str, key: &str, line| Override {
            name: name.into(),
            keys: vec![key.into()],
            line,
        };
        let (b, problems) = apply(
            &[
                o("schedule.start_export", "x", 3),
                o("schedule.toggle_star", "e", 4),
                o("schedule.nothing_like_this", "y", 5),
                o("schedule.toggle_grid", "Ctrl-", 6),
            ],
            "settings.toml",
        );
        let export = b
            .iter()
            .find(|b| name(b) == "schedule.start_export")
            .unwrap();
        assert_eq!(export.keys, vec![(KeyCode::Char('x'), KeyModifiers::NONE)]);
        // `e` is free now that export moved to `x`: star takes it.
        assert!(
            problems.iter().all(|p| !p.contains("line 4")),
            "{problems:?}"
        );
        let (_, problems) = apply(&[o("schedule.toggle_star", "v", 7)], "settings.toml");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("settings.toml line 7: v is bound to schedule.toggle_grid")
        );
        let (_, problems) = apply(
            &[
                o("schedule.nothing_like_this", "y", 5),
                o("schedule.toggle_grid", "Ctrl-", 6),
            ],
            "settings.toml",
        );
        assert!(
            problems[0].contains("line 5") && problems[1].contains("line 6"),
            "{problems:?}"
        );
    }
}
