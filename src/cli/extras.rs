//! `kaigi settings`, `kaigi completions` and `kaigi man`: what a well-kept command line ships.

use std::io::Write as _;

use anyhow::Context as _;
use clap::CommandFactory as _;
use rust_i18n::t;

use super::Cli;
use super::commands::stdout_error;

pub fn settings(print_default: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if print_default {
        write!(out, "{}", crate::settings::default_text()).map_err(stdout_error)?;
        return Ok(());
    }
    let path = crate::settings::path().with_context(|| t!("cli.no_config_dir").into_owned())?;
    if path.exists() {
        writeln!(out, "{}", path.display())
    } else {
        writeln!(out, "{}", t!("cli.settings_missing", path = path.display()))
    }
    .map_err(stdout_error)?;
    let (settings, mut problems) = crate::settings::load();
    problems.extend(crate::app::rebind::apply(&settings.keys, "settings.toml").1);
    for p in &problems {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::printable(p));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(t!("cli.settings_problems", n = problems.len()).into_owned())
    }
}

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "kaigi", &mut std::io::stdout().lock());
    Ok(())
}

pub fn man(dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let Some(dir) = dir else {
        return clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout().lock())
            .map_err(stdout_error);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        let reason = crate::storage::io_reason(&e);
        anyhow::anyhow!("{}: {reason}", dir.display())
    })?;
    // kaigi.1 names kaigi-export(1) and the others: each gets its page.
    let cmd = Cli::command();
    let mut pages = vec![("kaigi".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        pages.push((format!("kaigi-{}", sub.get_name()), sub.clone()));
    }
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut out = Vec::new();
        clap_mangen::Man::new(page)
            .title(name.clone())
            .render(&mut out)?;
        crate::storage::write_atomic(&path, &out)?;
        let _ = writeln!(std::io::stderr(), "{}", path.display());
    }
    Ok(())
}
