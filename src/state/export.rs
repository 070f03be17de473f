//! The export dialog (`e`): what to export, for which platform, in which language, and where
//! to (a file or the clipboard). The choices are remembered between exports and runs.

use crate::export::{Lang, Target};

/// What the app exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The day the schedule shows.
    #[default]
    Day,
    /// Every day of the conference.
    All,
    /// The selected session.
    Session,
}

/// Where the export goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Destination {
    #[default]
    File,
    /// The system clipboard, through the terminal (OSC 52).
    Clipboard,
}

/// A row of the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Row {
    What,
    Target,
    Lang,
    To,
    /// The file's path (the prompt's text).
    #[default]
    File,
}

impl Row {
    pub const ALL: [Row; 5] = [Row::What, Row::Target, Row::Lang, Row::To, Row::File];
}

/// The choices remembered between exports (and runs: they are kept in `kaigi.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Choices {
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub target: Target,
    /// `None`: the conference's language (or the locale's).
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub to: Destination,
}

/// Where the app's exports go, and how.
#[derive(Debug, Clone)]
pub struct ExportSettings {
    /// Where exports go unless another path is typed (the data directory's `exports/`).
    pub dir: std::path::PathBuf,
    pub choices: Choices,
    /// The language when none was chosen: the conference's, or the locale's.
    pub default_lang: Lang,
    /// The dialog's row with the keyboard, while it is open.
    pub row: Row,
    /// An export to this path was asked for and the file exists: Enter again replaces it.
    pub confirm: Option<String>,
    /// The day shown, what was exported, for which platform, and the path of the last export
    /// to a file, to offer that path again for the same export, or its folder for another.
    pub last: Option<(chrono::NaiveDate, Scope, Target, String)>,
    /// The folder of the last export to a file, from an earlier run (`kaigi.json`).
    pub folder: Option<String>,
    /// The choices as the dialog opened with them: Esc puts them back.
    pub choices_at_open: Choices,
    /// The file names Tab found for the path typed, when more than one.
    pub completions: Vec<String>,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            dir: std::path::PathBuf::from("exports"),
            choices: Choices::default(),
            default_lang: Lang::En,
            row: Row::File,
            confirm: None,
            last: None,
            folder: None,
            choices_at_open: Choices::default(),
            completions: Vec::new(),
        }
    }
}

impl ExportSettings {
    pub fn lang(&self) -> Lang {
        self.choices.lang.unwrap_or(self.default_lang)
    }
}
