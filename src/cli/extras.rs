//! `kaigi settings`, `kaigi completions` and `kaigi man`: what a well-kept command line ships.

use std::io::Write as _;

use anyhow::Context as _;
use clap::CommandFactory as _;

use super::Cli;

pub fn settings(print_default: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if print_default {
        write!(out, "{}", crate::settings::default_text()).context("standard output")?;
        return Ok(());
    }
    let path =
        crate::settings::path().context("no config directory could be found for this user")?;
    let state = if path.exists() {
        ""
    } else {
        " (not there yet: kaigi settings --print-default > it)"
    };
    writeln!(out, "{}{state}", path.display()).context("standard output")?;
    let (_, problems) = crate::settings::load();
    for p in &problems {
        eprintln!("{}", crate::text::printable(p));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("the settings file has {} problem(s)", problems.len())
    }
}

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "kaigi", &mut std::io::stdout().lock());
    Ok(())
}

pub fn man() -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command())
        .render(&mut std::io::stdout().lock())
        .context("standard output")
}
