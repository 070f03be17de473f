//! Command-line interface. `kaigi` alone opens the app; subcommands (import, export, list) will
//! sit beside it.

use std::path::PathBuf;

use clap::Parser;

/// kaigi (会議): take notes at conferences, in the terminal.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// Where schedules and notes live (default: the platform's data directory, e.g.
    /// ~/.local/share/kaigi on Linux).
    #[arg(long, value_name = "DIR", env = "KAIGI_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Pretend the clock started at this instant (RFC 3339, e.g. 2026-12-03T10:50:00+09:00):
    /// for demos and tests of "what is on now".
    #[arg(
        long,
        value_name = "INSTANT",
        env = "KAIGI_NOW",
        global = true,
        hide = true
    )]
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}
