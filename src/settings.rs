//! `settings.toml` in the platform's config directory (`$XDG_CONFIG_HOME/kaigi/` on Linux):
//! the reminder's lead time, the default export target and language, and key bindings. A file
//! that cannot be read never stops kaigi: it starts with the defaults and says which line is
//! wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::app::rebind::Override;
use crate::export::{Lang, Target};

/// What the settings file sets (anything left out is the default).
#[derive(Debug, Default)]
pub struct Settings {
    pub remind_minutes: Option<i64>,
    /// The interface's language (`None`: the locale's).
    pub ui_lang: Option<Lang>,
    pub export_target: Option<Target>,
    pub export_lang: Option<Lang>,
    pub keys: Vec<Override>,
    pub palette: crate::ui::theme::Palette,
}

impl std::fmt::Debug for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {:?} (line {})", self.name, self.keys, self.line)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileToml {
    #[serde(default)]
    remind_minutes: Option<Spanned<i64>>,
    #[serde(default)]
    language: Option<Spanned<String>>,
    #[serde(default)]
    export: Option<ExportToml>,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<String, Spanned<KeyValue>>>,
    #[serde(default)]
    colors: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ExportToml {
    target: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeyValue {
    One(String),
    Many(Vec<String>),
}

/// Where the settings file is: `settings.toml` in the platform's config directory.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kaigi").map(|d| d.config_dir().join("settings.toml"))
}

/// The settings file read, and what was wrong in it (each naming its line).
pub fn load() -> (Settings, Vec<String>) {
    let Some(path) = path() else {
        return (Settings::default(), Vec::new());
    };
    match std::fs::read_to_string(&path) {
        // Named by its file name: the notices are one line, and `kaigi settings` prints where.
        Ok(text) => parse(&text, "settings.toml"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), Vec::new()),
        Err(e) => (
            Settings::default(),
            vec![
                rust_i18n::t!("err.settings_unreadable", path = path.display(), why = e)
                    .into_owned(),
            ],
        ),
    }
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// `text` read as a settings file named `file` in messages.
pub fn parse(text: &str, file: &str) -> (Settings, Vec<String>) {
    // A line that cannot be read is left out, and the rest read again: one typo costs that
    // line's setting, not the file's.
    let mut problems = Vec::new();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let parsed: FileToml = loop {
        let current = lines.join("\n");
        match toml::from_str(&current) {
            Ok(p) => break p,
            Err(e) => {
                let why = e.message().trim().to_string();
                let line = e.span().map(|s| line_of(&current, s.start));
                match line.filter(|l| !lines[l - 1].trim().is_empty() && problems.len() < 50) {
                    Some(line) => {
                        problems.push(
                            rust_i18n::t!(
                                "err.settings_line_left_out",
                                file = file,
                                line = line,
                                why = why
                            )
                            .into_owned(),
                        );
                        lines[line - 1].clear();
                    }
                    None => {
                        problems.push(
                            rust_i18n::t!(
                                "err.settings_line_defaults",
                                file = file,
                                line = line.unwrap_or(1),
                                why = why
                            )
                            .into_owned(),
                        );
                        return (Settings::default(), problems);
                    }
                }
            }
        }
    };
    let joined = lines.join("\n");
    let text = joined.as_str();
    let mut settings = Settings::default();
    if let Some(m) = parsed.remind_minutes {
        if *m.get_ref() < 0 {
            let line = line_of(text, m.span().start);
            problems
                .push(rust_i18n::t!("err.settings_remind", file = file, line = line).into_owned());
        } else {
            settings.remind_minutes = Some(*m.get_ref());
        }
    }
    let mut lang = |l: Spanned<String>| match l.get_ref().as_str() {
        "en" => Some(Lang::En),
        "ja" => Some(Lang::Ja),
        "auto" => None,
        other => {
            let line = line_of(text, l.span().start);
            let other = format!("{other:?}");
            problems.push(
                rust_i18n::t!("err.settings_lang", file = file, line = line, value = other)
                    .into_owned(),
            );
            None
        }
    };
    settings.ui_lang = parsed.language.and_then(&mut lang);
    let export_lang = parsed
        .export
        .as_ref()
        .and_then(|e| e.lang.clone())
        .and_then(&mut lang);
    settings.export_lang = export_lang;
    if let Some(t) = parsed.export.and_then(|e| e.target) {
        match t.get_ref().parse::<Target>() {
            Ok(target) => settings.export_target = Some(target),
            Err(why) => problems.push(
                rust_i18n::t!(
                    "err.settings_at",
                    file = file,
                    line = line_of(text, t.span().start),
                    why = why
                )
                .into_owned(),
            ),
        }
    }
    for (name, value) in parsed.colors {
        if let Err(why) = settings.palette.set(&name, value.get_ref()) {
            let line = line_of(text, value.span().start);
            problems.push(
                rust_i18n::t!("err.settings_at", file = file, line = line, why = why).into_owned(),
            );
        }
    }
    for (context, actions) in parsed.keys {
        for (action, value) in actions {
            let line = line_of(text, value.span().start);
            let keys = match value.into_inner() {
                KeyValue::One(k) => vec![k],
                KeyValue::Many(ks) => ks,
            };
            settings.keys.push(Override {
                name: format!("{context}.{action}"),
                keys,
                line,
            });
        }
    }
    (settings, problems)
}

/// The settings file with every setting at its default, each explained.
pub fn default_text() -> String {
    format!(
        "# kaigi settings: {}\n\
         # A wrong line never stops kaigi: it is left out, the rest kept, and its line named.\n\
         \n\
         # Minutes before a starred session when kaigi announces it (0: never).\n\
         remind_minutes = {}\n\
         \n\
         # The interface's language: auto (Japanese with a Japanese locale, else English), en or ja.\n\
         # --ui-lang and KAIGI_UI_LANG come first.\n\
         language = \"auto\"\n\
         \n\
         [export]\n\
         # What `kaigi export` and the export dialog write for: gfm, hatena, zenn, qiita, commonmark.\n\
         target = \"gfm\"\n\
         # Their language: auto (the conference's or the locale's), en or ja.\n\
         lang = \"auto\"\n\
         \n\
         [colors]\n\
         # The screen's colours: names (red, lightblue, darkgray…), #rrggbb or 0-255. NO_COLOR in\n\
         # the environment still turns every colour off.\n\
         {}\n\
         [keys]\n\
         # Every key binding, as <where>.<action> = \"key\" or [\"key\", \"key\"]. Keys are written as\n\
         # the help writes them: e, Ctrl-E, Alt-m, F5, PageDown, Shift-Tab, Space. A key that would\n\
         # do two things in one place is refused, with its line.\n\
         {}",
        path().map_or_else(|| "settings.toml".to_string(), |p| p.display().to_string()),
        crate::model::reminder::DEFAULT_LEAD,
        crate::ui::theme::Palette::default()
            .names()
            .iter()
            .map(|(n, c)| format!("{n} = \"{}\"", color_name(*c)))
            .collect::<Vec<_>>()
            .join("\n"),
        crate::app::rebind::default_table()
    )
}

/// A colour as the settings file writes it (`lightblue`, `#ff8800`, `208`).
fn color_name(c: ratatui::style::Color) -> String {
    let debug = format!("{c:?}");
    match c {
        ratatui::style::Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        ratatui::style::Color::Indexed(i) => i.to_string(),
        _ => debug.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let (s, problems) = parse(&default_text(), "settings.toml");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.remind_minutes, Some(5));
        assert_eq!(s.export_target, Some(Target::Gfm));
        let (bindings, key_problems) = crate::app::rebind::apply(&s.keys, "settings.toml");
        assert!(key_problems.is_empty(), "{key_problems:?}");
        // Every default key is still bound, Shift-Tab in both of its spellings.
        for b in crate::app::keymap::BINDINGS.iter() {
            for k in &b.keys {
                assert!(
                    bindings.iter().any(|e| e.keys.contains(k)),
                    "{k:?} of {:?} lost",
                    b.action
                );
            }
        }
    }

    #[test]
    fn colours_are_read_by_name_and_a_wrong_one_names_its_line() {
        let (s, problems) = parse(
            "[colors]\ntime = \"lightgreen\"\nnow = \"#ff8800\"\nroom = \"mauve\"\n",
            "s.toml",
        );
        assert_eq!(s.palette.time, ratatui::style::Color::LightGreen);
        assert_eq!(s.palette.now, ratatui::style::Color::Rgb(0xff, 0x88, 0));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("s.toml line 4: \"mauve\" is not a colour"));
    }

    #[test]
    fn a_broken_line_is_named_and_left_out_and_the_rest_kept() {
        let (s, problems) = parse("remind_minutes = 10\n[export]\ntarget = \n", "s.toml");
        // The broken line goes; the rest is kept.
        assert_eq!(s.remind_minutes, Some(10));
        assert!(problems[0].starts_with("s.toml line 3:"), "{problems:?}");
        let (s, problems) = parse(
            "remind_minutes = 7\nthis is = = broken \"line\n[keys]\nschedule.toggle_grid = \"F6\"\n",
            "s.toml",
        );
        assert_eq!(s.remind_minutes, Some(7));
        assert_eq!(s.keys.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("s.toml line 2:"), "{problems:?}");
        let (_, problems) = parse("[export]\ntarget = \"medium\"\n", "s.toml");
        assert!(
            problems[0].starts_with("s.toml line 2: \"medium\" is not one of"),
            "{problems:?}"
        );
        let (_, problems) = parse("colour = \"red\"\n", "s.toml");
        assert!(problems[0].starts_with("s.toml line 1:"), "{problems:?}");
    }
}
