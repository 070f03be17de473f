use clap::Parser;
use kaigi::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => kaigi::app::run(cli),
        Some(Command::Import {
            ref file,
            ref name,
            tz,
        }) => kaigi::commands::import(&cli, file, name.clone(), tz),
        Some(Command::List) => kaigi::commands::list(&cli),
        Some(Command::Export { .. }) => kaigi::commands::export(&cli),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kaigi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
