use std::io::Write as _;

use clap::{CommandFactory as _, FromArgMatches as _};
use kaigi::cli::{Cli, Command};
use kaigi::i18n::Lang;

fn main() -> std::process::ExitCode {
    one_heap();
    empty_is_unset();
    // The language comes first: `--help` is printed while the command line is parsed. The
    // settings file is read here only for its `language`; the app and the commands read it
    // again once the language is set, so that what is wrong in it is said in that language.
    let (settings, _) = kaigi::settings::load();
    let asked =
        kaigi::cli::localized::asked(std::env::args_os(), std::env::var_os("KAIGI_UI_LANG"));
    let lang = kaigi::i18n::choose(asked, settings.ui_lang);
    kaigi::i18n::set(lang);
    let mut cmd = Cli::command();
    if lang == Lang::Ja {
        cmd = kaigi::cli::localized::localize(cmd, lang);
    }
    let mut matches = cmd.get_matches_mut();
    let cli = Cli::from_arg_matches_mut(&mut matches)
        .map_err(|e| e.format(&mut cmd))
        .unwrap_or_else(|e| e.exit());
    // From here on, the language as clap read the command line (the scan above agrees with it
    // but for odd command lines, such as `--ui-lang` given as another option's value).
    kaigi::i18n::set(kaigi::i18n::choose(
        cli.ui_lang.map(Into::into),
        settings.ui_lang,
    ));
    let result = match cli.command {
        None => kaigi::app::run(cli),
        Some(Command::Import {
            ref file,
            ref name,
            tz,
            force,
        }) => kaigi::cli::importing::import(&cli, file, name.clone(), tz, force),
        Some(Command::New {
            ref name,
            from,
            to,
            tz,
        }) => kaigi::cli::create::new_conference(&cli, name, from, to, tz),
        Some(Command::Refresh { force }) => kaigi::cli::refresh::refresh(&cli, force),
        Some(Command::List) => kaigi::cli::commands::list(&cli),
        Some(Command::Export { .. }) => kaigi::cli::commands::export(&cli),
        Some(Command::Settings { print_default }) => kaigi::cli::extras::settings(print_default),
        Some(Command::Completions { shell }) => kaigi::cli::extras::completions(shell),
        Some(Command::Man { ref dir }) => kaigi::cli::extras::man(dir.as_deref()),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // stderr may be a terminal that went away: that must not turn into a panic.
            // Each cause once: an error that names its cause in its own text is not followed by
            // the cause again.
            let mut text = format!("kaigi: {e}");
            for cause in e.chain().skip(1) {
                let cause = cause.to_string();
                if !text.contains(&cause) {
                    text.push_str(": ");
                    text.push_str(&cause);
                }
            }
            let _ = writeln!(std::io::stderr(), "{}", kaigi::text::printable(&text));
            std::process::ExitCode::FAILURE
        }
    }
}

/// A `KAIGI_…` variable set to nothing counts as not set, as `VAR= kaigi` is how many unset
/// one: clap took it for the option given without a value, and kaigi would not start (from a
/// trial).
fn empty_is_unset() {
    for name in kaigi::cli::ENV_VARS {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: no other thread exists yet to read the environment.
            unsafe { std::env::remove_var(name) };
        }
    }
}

/// All threads allocate from one heap. glibc gives each thread that allocates an arena of its
/// own: the thread that reads the notes after the first frame, and the saver, kept their pages
/// apart from the memory the main thread had just freed. One arena: peak RSS on the large data
/// set 15.0 -> 13.5 MiB, and less CPU at start (docs/benchmarks.md).
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
