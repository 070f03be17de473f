//! `kaigi --help` in the interface's language: kaigi's own words in it (what the program and each
//! command do, what each argument is for) come from the catalogues' `[cli_help]`; clap's own
//! ("Usage:", "Options:", "Print help"…) stay as clap writes them.
//!
//! The language has to be known before the command line is parsed, since parsing is what prints
//! the help: [`asked`] reads `--ui-lang` and `KAIGI_UI_LANG` without clap. Shell completions and
//! the manual page are made from `Cli::command()` as it is (`extras`), so they stay English.

use std::ffi::OsString;

use clap::{Arg, Command};
use rust_i18n::t;

use crate::i18n::Lang;

/// The language asked for before clap reads the command line: the last `--ui-lang LANG` or
/// `--ui-lang=LANG` among `args` (none after `--`), else `env` (`KAIGI_UI_LANG`'s value). A value
/// that is not `en` or `ja` asks for nothing here; clap refuses it when it parses.
pub fn asked(args: impl IntoIterator<Item = OsString>, env: Option<OsString>) -> Option<Lang> {
    fn lang(value: &std::ffi::OsStr) -> Option<Lang> {
        match value.to_str()? {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            _ => None,
        }
    }
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--ui-lang" {
            if let Some(value) = args.next() {
                found = lang(&value).or(found);
            }
        } else if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--ui-lang=")) {
            found = lang(value.as_ref()).or(found);
        }
    }
    found.or_else(|| lang(env?.as_os_str()))
}

/// `cmd` (kaigi's, from `Cli::command()`) with the description of the program and of each
/// command, and each argument's help, in `lang`: only the catalogue's one-line texts, so `-h`
/// and `--help` say the same.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let locale = lang.code();
    let name = cmd.get_name().to_string();
    let cmd = match text(&name, None, locale) {
        Some(about) => cmd.about(about).long_about(None),
        None => cmd,
    };
    let cmd = cmd.mut_args(|arg| localize_arg(arg, &name, locale));
    cmd.mut_subcommands(|sub| localize(sub, lang))
}

fn localize_arg(arg: Arg, command: &str, locale: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    match text(command, Some(&id), locale) {
        Some(help) => arg.help(help).long_help(None),
        None => arg,
    }
}

/// The catalogue's text in `locale` for the command named `command` (`arg` None) or for its
/// argument with the id `arg` (the options of `kaigi` itself are every command's: `global`).
fn text(command: &str, arg: Option<&str>, locale: &str) -> Option<String> {
    let text = match (command, arg) {
        ("kaigi", None) => t!("cli_help.about", locale = locale),
        ("kaigi", Some("data_dir")) => t!("cli_help.global.data_dir", locale = locale),
        ("kaigi", Some("conference")) => t!("cli_help.global.conference", locale = locale),
        ("kaigi", Some("now")) => t!("cli_help.global.now", locale = locale),
        ("kaigi", Some("remind")) => t!("cli_help.global.remind", locale = locale),
        ("kaigi", Some("ui_lang")) => t!("cli_help.global.ui_lang", locale = locale),

        ("import", None) => t!("cli_help.import.about", locale = locale),
        ("import", Some("file")) => t!("cli_help.import.file", locale = locale),
        ("import", Some("name")) => t!("cli_help.import.name", locale = locale),
        ("import", Some("tz")) => t!("cli_help.import.tz", locale = locale),
        ("import", Some("force")) => t!("cli_help.import.force", locale = locale),

        ("new", None) => t!("cli_help.new.about", locale = locale),
        ("new", Some("name")) => t!("cli_help.new.name", locale = locale),
        ("new", Some("from")) => t!("cli_help.new.from", locale = locale),
        ("new", Some("to")) => t!("cli_help.new.to", locale = locale),
        ("new", Some("tz")) => t!("cli_help.new.tz", locale = locale),

        ("refresh", None) => t!("cli_help.refresh.about", locale = locale),
        ("refresh", Some("force")) => t!("cli_help.refresh.force", locale = locale),

        ("list", None) => t!("cli_help.list.about", locale = locale),

        ("settings", None) => t!("cli_help.settings.about", locale = locale),
        ("settings", Some("print_default")) => {
            t!("cli_help.settings.print_default", locale = locale)
        }

        ("completions", None) => t!("cli_help.completions.about", locale = locale),

        ("man", None) => t!("cli_help.man.about", locale = locale),
        ("man", Some("dir")) => t!("cli_help.man.dir", locale = locale),

        ("export", None) => t!("cli_help.export.about", locale = locale),
        ("export", Some("day")) => t!("cli_help.export.day", locale = locale),
        ("export", Some("all")) => t!("cli_help.export.all", locale = locale),
        ("export", Some("session")) => t!("cli_help.export.session", locale = locale),
        ("export", Some("output")) => t!("cli_help.export.output", locale = locale),
        ("export", Some("no_followups_section")) => {
            t!("cli_help.export.no_followups_section", locale = locale)
        }
        ("export", Some("timestamps")) => t!("cli_help.export.timestamps", locale = locale),
        ("export", Some("lang")) => t!("cli_help.export.lang", locale = locale),
        // `--for`, `--tag`: named in the catalogue as they are typed.
        ("export", Some("target")) => t!("cli_help.export.for", locale = locale),
        ("export", Some("literal")) => t!("cli_help.export.literal", locale = locale),
        ("export", Some("title")) => t!("cli_help.export.title", locale = locale),
        ("export", Some("tags")) => t!("cli_help.export.tag", locale = locale),
        ("export", Some("toc")) => t!("cli_help.export.toc", locale = locale),
        ("export", Some("html")) => t!("cli_help.export.html", locale = locale),
        ("export", Some("ics")) => t!("cli_help.export.ics", locale = locale),
        ("export", Some("alarm")) => t!("cli_help.export.alarm", locale = locale),
        _ => return None,
    };
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    /// Every command of kaigi's and each of its arguments, with its command's name.
    fn texts(cmd: &Command) -> Vec<(String, Option<String>, Option<String>)> {
        let name = cmd.get_name().to_string();
        let mut out = vec![(name.clone(), None, cmd.get_about().map(|a| a.to_string()))];
        assert!(cmd.get_long_about().is_none(), "{name}: a long about");
        for arg in cmd.get_arguments() {
            assert!(arg.get_long_help().is_none(), "{name} {}", arg.get_id());
            let help = arg.get_help().map(|h| h.to_string());
            out.push((name.clone(), Some(arg.get_id().to_string()), help));
        }
        for sub in cmd.get_subcommands() {
            out.extend(texts(sub));
        }
        out
    }

    /// The English catalogue says what the doc comments say, word for word, and has a text for
    /// every command and argument that has one.
    #[test]
    fn the_english_catalogue_holds_the_doc_comments_help() {
        let derived = texts(&crate::cli::Cli::command());
        assert!(derived.len() > 30, "{derived:?}");
        for (command, arg, help) in derived {
            assert_eq!(
                text(&command, arg.as_deref(), "en"),
                help,
                "{command} {arg:?}"
            );
        }
        let english = texts(&localize(crate::cli::Cli::command(), Lang::En));
        assert_eq!(english, texts(&crate::cli::Cli::command()));
    }

    /// In Japanese every description and help is Japanese, and clap still takes the command.
    #[test]
    fn japanese_help_is_japanese_everywhere() {
        let cmd = localize(crate::cli::Cli::command(), Lang::Ja);
        let japanese = texts(&cmd);
        let english = texts(&crate::cli::Cli::command());
        assert_eq!(japanese.len(), english.len());
        for ((command, arg, help), (_, _, en)) in japanese.into_iter().zip(english) {
            if command == "completions" && arg.as_deref() == Some("shell") {
                assert_eq!(help, None);
                continue;
            }
            let help = help.unwrap_or_else(|| panic!("{command} {arg:?}: no help"));
            assert!(
                Some(&help) != en.as_ref()
                    && help.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)
                        || ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{command} {arg:?}: {help}"
            );
        }
        cmd.debug_assert();
    }

    #[test]
    fn the_language_is_read_from_the_command_line_before_the_environment() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        let ja = Some(OsString::from("ja"));
        assert_eq!(asked(args(&["kaigi", "--help"]), None), None);
        assert_eq!(
            asked(args(&["kaigi", "--help"]), ja.clone()),
            Some(Lang::Ja)
        );
        assert_eq!(
            asked(args(&["kaigi", "--ui-lang", "en", "--help"]), ja.clone()),
            Some(Lang::En)
        );
        assert_eq!(
            asked(args(&["kaigi", "export", "--help", "--ui-lang=ja"]), None),
            Some(Lang::Ja)
        );
        assert_eq!(asked(args(&["kaigi", "--ui-lang", "fr"]), None), None);
        assert_eq!(
            asked(args(&["kaigi", "--ui-lang"]), ja.clone()),
            Some(Lang::Ja)
        );
        assert_eq!(asked(args(&["kaigi", "--", "--ui-lang", "ja"]), None), None);
        assert_eq!(asked(args(&["kaigi"]), Some("JA".into())), None);
    }
}
