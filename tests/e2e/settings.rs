//! Issue 21: the settings file, completions and the manual page, through the real binary.

use crate::support;

use std::process::Command;

use support::TIMEOUT;

fn config(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let config = dir.join("config");
    std::fs::create_dir_all(config.join("kaigi")).unwrap();
    std::fs::write(config.join("kaigi/settings.toml"), text).unwrap();
    config
}

#[test]
fn a_rebound_key_works_and_a_key_bound_twice_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(
        dir.path(),
        "remind_minutes = 0\n[keys]\nschedule.toggle_grid = \"F6\"\nschedule.toggle_star = \"e\"\n",
    );
    let mut app = support::launch(&dir.path().join("data"), "2026-12-03T10:50:00+09:00")
        .env(&[("XDG_CONFIG_HOME", config.to_str().unwrap())])
        .start();
    // `e` stays export's: the star binding is refused, and the notice names the line.
    app.wait_for(
        "settings.toml line 4: e is bound to schedule.start_export",
        TIMEOUT,
    )
    .unwrap();
    support::to_schedule(&mut app);
    // F6 now switches to the grid; `v` does nothing.
    app.send(b"v");
    app.wait_idle(std::time::Duration::from_millis(300), TIMEOUT);
    assert!(!app.screen().contains("09:30 1h"), "{}", app.screen());
    app.send(b"\x1b[17~");
    app.wait_for("09:30 1h", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

#[test]
fn a_broken_settings_file_starts_with_the_defaults_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(
        dir.path(),
        "remind_minutes = 5\n[export\ntarget = \"zenn\"\n",
    );
    let mut app = support::launch(&dir.path().join("data"), "2026-12-03T10:50:00+09:00")
        .env(&[("XDG_CONFIG_HOME", config.to_str().unwrap())])
        .start();
    app.wait_for("settings.toml line 2", TIMEOUT).unwrap();
    support::to_schedule(&mut app);
    app.send(b"v");
    app.wait_for("09:30 1h", TIMEOUT).unwrap();
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
    // `kaigi settings` says the same and fails.
    let out = Command::new(support::bin())
        .arg("settings")
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    // A key clash is reported by `kaigi settings` too.
    let other = tempfile::tempdir().unwrap();
    let clash = self::config(other.path(), "[keys]\nschedule.toggle_star = \"t\"\n");
    let out = Command::new(support::bin())
        .arg("settings")
        .env("XDG_CONFIG_HOME", &clash)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("line 2: t is bound to schedule.jump_to_now"),
        "{said}"
    );
}

#[test]
fn completions_for_each_shell_and_the_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Command::new(support::bin())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("kaigi") && text.contains("export"),
            "{shell}: {text}"
        );
    }
    let bash = Command::new(support::bin())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&bash.stdout).contains("gfm hatena zenn qiita commonmark"));
    let pages = tempfile::tempdir().unwrap();
    let written = Command::new(support::bin())
        .args(["man", "--dir"])
        .arg(pages.path())
        .output()
        .unwrap();
    assert!(written.status.success());
    let export = std::fs::read_to_string(pages.path().join("kaigi-export.1")).unwrap();
    assert!(
        export.contains(".TH kaigi-export 1") && export.contains("hatena"),
        "{export}"
    );
    let man = Command::new(support::bin()).arg("man").output().unwrap();
    assert!(man.status.success());
    let roff = String::from_utf8_lossy(&man.stdout);
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH kaigi"),
        "{roff}"
    );
    let defaults = Command::new(support::bin())
        .args(["settings", "--print-default"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&defaults.stdout);
    assert!(text.contains("schedule.start_export = \"e\""), "{text}");
}

/// A Japanese locale gives the Japanese interface; `--ui-lang en` and the settings file's
/// `language` choose another, and typing Japanese notes works the same in it.
#[test]
fn a_japanese_locale_speaks_japanese_and_the_choice_can_be_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let now = "2026-12-03T10:50:00+09:00";
    let japanese = [("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")];
    let mut app = support::launch(&data, now)
        .env(&japanese)
        .ready_at("スケジュール")
        .start();
    app.wait_for("12/3(木)", TIMEOUT).unwrap();
    app.wait_for("これはサンプルです", TIMEOUT).unwrap();
    app.type_text("シャード数");
    app.wait_for("• シャード数", TIMEOUT).unwrap();
    app.wait_for("Esc 戻る · F1 ヘルプ", TIMEOUT).unwrap();
    app.send_esc();
    app.send(b"?");
    app.wait_for("終了（ノートは保存されます）", TIMEOUT)
        .unwrap();
    app.send(b"x");
    app.send(b"q");
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let mut app = support::launch(&data, now)
        .env(&japanese)
        .args(&["--ui-lang", "en"])
        .ready_at("1 Schedule")
        .start();
    app.wait_for("Thu 12/03", TIMEOUT).unwrap();
    app.send(support::keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));

    let config = config(dir.path(), "language = \"ja\"\n");
    let mut app = support::launch(&data, now)
        .env(&[("XDG_CONFIG_HOME", config.to_str().unwrap())])
        .ready_at("スケジュール")
        .start();
    app.send(support::keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

/// The command line speaks the interface's language too: with a Japanese locale, `kaigi import`
/// of a file that is no schedule fails in Japanese and `kaigi list` answers in Japanese;
/// `--ui-lang en` gives the English, word for word.
#[test]
fn the_command_line_speaks_the_locales_language_and_ui_lang_chooses_another() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><html><body>Programme</body></html>\n",
    )
    .unwrap();
    let kaigi = |args: &[&str], lang: Option<&str>| {
        let mut cmd = Command::new(support::bin());
        cmd.arg("--data-dir").arg(&data);
        if let Some(lang) = lang {
            cmd.args(["--ui-lang", lang]);
        }
        cmd.args(args)
            .env("LC_ALL", "")
            .env("LANG", "ja_JP.UTF-8")
            .env_remove("LC_MESSAGES")
            .env_remove("KAIGI_UI_LANG")
            // No settings file of the machine's own chooses the language.
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap()
    };
    let page = page.to_str().unwrap();

    let out = kaigi(&["import", page], None);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("kaigi: ")
            && said.contains(
                "kaigi が読めるスケジュールではありません：ウェブページ（HTML）のようです"
            ),
        "{said}"
    );
    let out = kaigi(&["import", "no-such-schedule.ics"], None);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no-such-schedule.ics: そのようなファイルやディレクトリはありません"),
        "{said}"
    );
    let out = kaigi(&["list"], None);
    assert!(out.status.success());
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("にはまだカンファレンスがありません"),
        "{listed}"
    );

    let out = kaigi(&["import", page], Some("en"));
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "page.html: not a schedule kaigi can read: it looks like a web page (HTML) (kaigi \
             reads iCalendar .ics"
        ),
        "{said}"
    );
    assert!(!said.chars().any(|c| c > '\u{2fff}'), "{said}");
    let out = kaigi(&["import", "no-such-schedule.ics"], Some("en"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no-such-schedule.ics: No such file or directory (os error 2)"),
        "{said}"
    );
    let out = kaigi(&["list"], Some("en"));
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "No conferences yet in {}\nRun `kaigi` to start on the sample conference, `kaigi new \
             \"Name\" --from DATE` to make your own, or `kaigi import FILE`.\n",
            data.display()
        )
    );
}

/// `kaigi --help` and each command's help say what kaigi and its options do in the interface's
/// language (clap's own words stay English); without a Japanese locale they are the English they
/// always were, word for word. Completions and the manual page stay English.
#[test]
fn help_speaks_the_interfaces_language() {
    let dir = tempfile::tempdir().unwrap();
    let kaigi = |args: &[&str], lang: &str| {
        let out = Command::new(support::bin())
            .args(args)
            .env("LC_ALL", "")
            .env("LANG", lang)
            .env_remove("LC_MESSAGES")
            .env_remove("KAIGI_UI_LANG")
            // Help shows these variables' values.
            .env_remove("KAIGI_DATA_DIR")
            .env_remove("KAIGI_NOW")
            .env_remove("KAIGI_REMIND")
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?} {lang}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let data_dir_ja = "      --data-dir <DIR>    予定とノートを置くディレクトリ（既定: プラットフォームのデータディレクトリ。Linux では ~/.local/share/kaigi など） [env: KAIGI_DATA_DIR=]\n";
    let day_ja = "      --day <YYYY-MM-DD>      書き出す開催日（既定: 開催中なら今日、開催前なら初日、終了後なら最終日）\n";
    for help in ["--help", "-h"] {
        let top = kaigi(&[help], "ja_JP.UTF-8");
        assert!(
            top.starts_with("kaigi (会議): カンファレンスのノートをターミナルで取る\n")
                && top.contains(data_dir_ja)
                && top.contains("\n  export       1 日分（またはすべて）のノートを Markdown")
                && top.contains("\nOptions:\n"),
            "{top}"
        );
        let export = kaigi(&["export", help], "ja_JP.UTF-8");
        assert!(
            export.contains(day_ja)
                && export.contains("      --for <TARGET>          記事の公開先: gfm（GitHub）")
                && !export.contains("Export every day"),
            "{export}"
        );
    }
    // `--ui-lang=ja` and the settings file's `language` ask for it too.
    let list = kaigi(&["list", "--ui-lang=ja", "--help"], "C.UTF-8");
    assert!(
        list.starts_with("データディレクトリのカンファレンスを日程・ノートとともに一覧表示\n"),
        "{list}"
    );
    let other = tempfile::tempdir().unwrap();
    let config = config(other.path(), "language = \"ja\"\n");
    let out = Command::new(support::bin())
        .args(["import", "-h"])
        .env("LC_ALL", "C.UTF-8")
        .env_remove("KAIGI_UI_LANG")
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    let import = String::from_utf8_lossy(&out.stdout);
    assert!(
        import.contains("  <FILE|URL>  予定のファイル、または公開先の URL（http か https）\n"),
        "{import}"
    );

    // English: as it always was, byte for byte.
    let top_en = [
        "kaigi (会議): take notes at conferences, in the terminal\n\nUsage: kaigi [OPTIONS] [COMMAND]\n\nCommands:\n",
        "\n  export       Write a day's notes (or all of them) as a blog post in Markdown, to standard output or a file\n  help         Print this message or the help of the given subcommand(s)\n\nOptions:\n",
        "\n      --data-dir <DIR>    Where schedules and notes live (default: the platform's data directory, e.g. ~/.local/share/kaigi on Linux) [env: KAIGI_DATA_DIR=]\n",
        "\n      --ui-lang <LANG>    The interface's language: en or ja. Default: the settings file's `language`, else Japanese with a Japanese locale (LC_ALL, LC_MESSAGES, LANG), else English [env: KAIGI_UI_LANG=] [possible values: en, ja]\n  -h, --help              Print help\n  -V, --version           Print version\n",
    ];
    let day_en = "\n      --day <YYYY-MM-DD>      The conference day to export (default: today if the conference is on, else its first day, or its last day once it is over)\n      --all                   Export every day\n";
    let english = kaigi(&["--help"], "C.UTF-8");
    assert!(english.ends_with(top_en[3]), "{english}");
    for (args, lang) in [
        (&["--help"][..], "C.UTF-8"),
        (&["--ui-lang", "en", "--help"], "ja_JP.UTF-8"),
    ] {
        let top = kaigi(args, lang);
        assert_eq!(top, english, "{args:?} {lang}");
        assert!(top_en.iter().all(|line| top.contains(line)), "{top}");
    }
    let export = kaigi(&["export", "--ui-lang", "en", "--help"], "ja_JP.UTF-8");
    assert!(
        export.starts_with("Write a day's notes (or all of them) as a blog post in Markdown, to standard output or a file\n\nUsage: kaigi export [OPTIONS]\n")
            && export.contains(day_en),
        "{export}"
    );
    assert_eq!(export, kaigi(&["export", "--help"], "C.UTF-8"));

    // Completions and the manual page: English in any language.
    let roff = kaigi(&["man"], "ja_JP.UTF-8");
    assert!(roff.contains("Where schedules and notes live") && !roff.contains("予定とノート"));
    assert_eq!(roff, kaigi(&["man"], "C.UTF-8"));
    let zsh = kaigi(&["completions", "zsh"], "ja_JP.UTF-8");
    assert!(
        zsh.contains("Export every day") && !zsh.contains("全日程"),
        "{zsh}"
    );
    assert_eq!(zsh, kaigi(&["completions", "zsh"], "C.UTF-8"));
}

/// From a trial: what is wrong in the settings file is said in the language the file itself
/// asks for (the file is read again once the language is set).
#[test]
fn a_wrong_line_is_named_in_the_settings_files_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path(), "language = \"ja\"\nremind_minutes = \"x\"\n");
    let mut app = support::launch(&dir.path().join("data"), "2026-12-03T10:50:00+09:00")
        .env(&[("XDG_CONFIG_HOME", config.to_str().unwrap())])
        .ready_at("スケジュール")
        .start();
    app.wait_for("settings.toml 2 行目", TIMEOUT).unwrap();
    assert!(!app.screen().contains("line 2"), "{}", app.dump());
    app.send(support::keys::CTRL_Q);
    assert!(app.wait_exit(TIMEOUT).is_some_and(|s| s.success()));
}

/// From a trial: a `KAIGI_…` variable set to nothing counts as not set; kaigi starts.
#[test]
fn an_empty_kaigi_variable_counts_as_not_set() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "KAIGI_UI_LANG",
        "KAIGI_REMIND",
        "KAIGI_NOW",
        "KAIGI_DATA_DIR",
    ] {
        let out = Command::new(support::bin())
            .args(["--data-dir", dir.path().to_str().unwrap(), "list"])
            .env("LC_ALL", "C.UTF-8")
            .env(name, "")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {err}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("No conferences yet"),
            "{name}"
        );
    }
}
