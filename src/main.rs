use std::io::Write as _;

use clap::Parser;
use kaigi::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let (settings, _) = kaigi::settings::load();
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
