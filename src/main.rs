use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = kaigi::cli::Cli::parse();
    match kaigi::app::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kaigi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
