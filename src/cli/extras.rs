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
    let (settings, mut problems) = crate::settings::load();
    problems.extend(crate::app::rebind::apply(&settings.keys, "settings.toml").1);
    for p in &problems {
        let _ = writeln!(std::io::stderr(), "{}", crate::text::printable(p));
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

pub fn man(dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let Some(dir) = dir else {
        return clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout().lock())
            .context("standard output");
    };
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
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
