//! Notes survive whatever ends the app: kill -9 at random moments, SIGTERM/SIGHUP/SIGQUIT, a
//! terminal that vanishes without a signal, a panic, and a second kaigi on the same data
//! directory. The real binary runs in a pseudo-terminal; the files are checked on disk.
//!
//! Timing assertions are generous bounds only ("exits within 5 s"); the one that is about time
//! on purpose (kill -9: every char sent more than 1 s before the kill is on disk) follows from
//! the app's promise to save at least every 600 ms while typing goes on.

use crate::support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{Pty, TIMEOUT, keys};

/// 10:50 in Tokyo on the first day of the sample conference: `d1-1045-a` is selected.
const NOW: &str = "2026-12-03T10:50:00+09:00";
const SESSION: &str = "d1-1045-a";
const TITLE: &str = "Kinesis と Lambda";
const COLS: u16 = 100;
const ROWS: u16 = 30;
/// How long an ending (signal, quit, vanished terminal) may take, generously.
const EXIT_WITHIN: Duration = Duration::from_secs(5);
const F12: &[u8] = b"\x1b[24~";
const READ_ONLY_BANNER: &str = "READ-ONLY (another kaigi is open)";
const READ_ONLY_REFUSED: &str = "Read-only: nothing can be changed";

/// A temp dir holding the data dir and a HOME for the app.
struct Sandbox {
    dir: tempfile::TempDir,
    data: PathBuf,
    home: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        Sandbox { dir, data, home }
    }

    fn notes(&self) -> PathBuf {
        self.data
            .join("conferences/kumo-summit-2026/notes")
            .join(format!("{SESSION}.json"))
    }

    /// The recovery files beside the session's notes, oldest first (one per crash).
    fn recoveries(&self) -> Vec<PathBuf> {
        let dir = self.data.join("conferences/kumo-summit-2026/notes");
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        found.retain(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{SESSION}.recovery-")))
        });
        found.sort();
        found
    }

    fn launch(&self) -> support::Launch {
        support::launch(&self.data, NOW)
            .env(&[("HOME", self.home.to_str().unwrap())])
            .size(COLS, ROWS)
    }

    fn args(&self) -> Vec<String> {
        self.launch().arg_list()
    }

    /// kaigi in a pty, after its first frame.
    fn kaigi(&self, env: &[(&str, &str)]) -> Pty {
        self.launch().env(env).start()
    }
}

/// Opens the selected session's notes (the cursor is then in its first bullet).
fn open_notes(app: &mut Pty) {
    app.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(app);
}

/// `bullets[0].text` of a notes file; `Ok(None)` if there is no file.
fn first_bullet(path: &Path) -> Result<Option<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not JSON ({e}):\n{text}", path.display()))?;
    json["bullets"][0]["text"]
        .as_str()
        .map(|s| Some(s.to_string()))
        .ok_or_else(|| format!("{} has no bullets[0].text:\n{text}", path.display()))
}

/// Waits up to `timeout` for the notes file's first bullet to be `want`.
fn wait_saved(path: &Path, want: &str, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        let got = first_bullet(path);
        if got.as_ref().is_ok_and(|t| t.as_deref() == Some(want)) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "{} did not come to hold {want:?} within {timeout:?}; it holds {got:?}",
                path.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every `*.json` file under `dir` parses as JSON. Returns how many there are.
fn check_json_files(dir: &Path) -> Result<usize, String> {
    let mut count = 0;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    return Err(format!(
                        "{} ({} bytes) is not JSON: {e}\n{}",
                        path.display(),
                        bytes.len(),
                        String::from_utf8_lossy(&bytes)
                    ));
                }
                count += 1;
            }
        }
    }
    Ok(count)
}

/// Files (not directories) under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Failed checks, collected so that one run reports every problem, not just the first.
#[derive(Default)]
struct Checks(Vec<String>);

impl Checks {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    /// A wait that failed is noted and the test goes on.
    fn wait(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            self.0.push(e);
        }
    }

    fn finish(self) {
        assert!(
            self.0.is_empty(),
            "{} check(s) failed:\n\n{}",
            self.0.len(),
            self.0.join("\n\n")
        );
    }
}

// ----- 1. kill -9 at random moments -------------------------------------------------------

/// SplitMix64: a small seeded PRNG, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// What the kill -9 test types, over and over.
const CYCLE: &str = "会議メモkaigi";
/// The pause after each char: continuous typing (far below the 300 ms idle save).
const PACE: Duration = Duration::from_millis(12);
/// Iterations per worker; workers run side by side, each in its own data dirs.
const KILL_WORKERS: u64 = 2;
const KILLS_PER_WORKER: u64 = 25;
/// A worker starts a fresh data dir this often and otherwise reuses it, so a kill must
/// also leave every earlier save intact and loadable.
const FRESH_DIR_EVERY: u64 = 5;

struct KillRound {
    typed_for: Duration,
    chars_sent: usize,
    chars_on_disk: usize,
}

/// One round: start kaigi on `sandbox` (whatever notes it already holds), type at the end of
/// the first bullet for `typing_for`, kill -9, check the files.
fn kill_round(sandbox: &Sandbox, typing_for: Duration) -> Result<KillRound, String> {
    let path = sandbox.notes();
    // What is on disk now was saved by an earlier round: a kill must never lose it.
    let base = first_bullet(&path)?.unwrap_or_default();
    let mut app = sandbox.kaigi(&[]);
    open_notes(&mut app);
    app.send(keys::END);

    let cycle: Vec<char> = CYCLE.chars().collect();
    let offset = base.chars().count();
    let mut sent: Vec<(Instant, char)> = Vec::new();
    let mut buf = [0u8; 4];
    let start = Instant::now();
    while start.elapsed() < typing_for {
        let ch = cycle[(offset + sent.len()) % cycle.len()];
        app.send(ch.encode_utf8(&mut buf).as_bytes());
        sent.push((Instant::now(), ch));
        std::thread::sleep(PACE);
    }
    let killed_at = Instant::now();
    app.signal("KILL");
    let status = app.wait_exit(EXIT_WITHIN);
    if status.as_ref().is_none_or(|s| s.success()) {
        return Err(format!(
            "kill -9 after {typing_for:?} of typing: exit status {status:?}\n{}",
            app.dump()
        ));
    }

    check_json_files(&sandbox.data)?;
    let on_disk = first_bullet(&path)?.unwrap_or_default();
    let typed: String = base.chars().chain(sent.iter().map(|&(_, c)| c)).collect();
    let old_enough = sent
        .iter()
        .filter(|&&(t, _)| killed_at.duration_since(t) > Duration::from_secs(1))
        .count();
    let must_have = offset + old_enough;
    let have = on_disk.chars().count();
    if !typed.starts_with(&on_disk) || have < must_have {
        return Err(format!(
            "kill -9 after {typing_for:?} of typing ({} chars sent, {old_enough} of them more \
             than 1 s before the kill; {offset} chars were on disk before):\n  on disk: \
             {on_disk:?} ({have} chars)\n  typed:   {typed:?}\n  expected a prefix of what \
             was typed with at least {must_have} chars",
            sent.len()
        ));
    }
    Ok(KillRound {
        typed_for: typing_for,
        chars_sent: sent.len(),
        chars_on_disk: have - offset,
    })
}

/// One worker's rounds, a fresh data dir every `FRESH_DIR_EVERY`.
fn kill_worker(seed: u64, rounds: u64) -> Result<Vec<KillRound>, String> {
    let mut rng = Rng(seed);
    let mut done = Vec::new();
    let mut sandbox = Sandbox::new();
    for i in 0..rounds {
        if i > 0 && i % FRESH_DIR_EVERY == 0 {
            sandbox = Sandbox::new();
        }
        let typing_for = Duration::from_millis(rng.range(200, 1000));
        let round = kill_round(&sandbox, typing_for)
            .map_err(|e| format!("worker seed {seed:#x}, round {i}: {e}"))?;
        done.push(round);
    }
    Ok(done)
}

#[test]
fn kill_9_at_random_moments_keeps_every_saved_note() {
    let seed = std::env::var("KAIGI_SAFETY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6b61_6967_6921_u64);
    println!("kill -9 test: seed {seed} (set KAIGI_SAFETY_SEED to repeat another run)");
    let start = Instant::now();
    let workers: Vec<_> = (0..KILL_WORKERS)
        .map(|w| {
            let seed = seed.wrapping_add(w.wrapping_mul(0x1_0000_0001));
            std::thread::spawn(move || kill_worker(seed, KILLS_PER_WORKER))
        })
        .collect();
    let mut rounds = Vec::new();
    let mut errors = Vec::new();
    for w in workers {
        match w.join() {
            Ok(Ok(r)) => rounds.extend(r),
            Ok(Err(e)) => errors.push(e),
            Err(_) => errors.push("a worker panicked (see above)".into()),
        }
    }
    let elapsed = start.elapsed();
    let sent: usize = rounds.iter().map(|r| r.chars_sent).sum();
    let kept: usize = rounds.iter().map(|r| r.chars_on_disk).sum();
    let typed: Duration = rounds.iter().map(|r| r.typed_for).sum();
    println!(
        "kill -9 test: {} kills in {elapsed:.1?} ({KILL_WORKERS} workers side by side); typed \
         {typed:.1?} in all, {sent} chars sent, {kept} of them on disk at the kills",
        rounds.len()
    );
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    assert_eq!(rounds.len() as u64, KILL_WORKERS * KILLS_PER_WORKER);

    // Rounds of at most 1 s cannot show the "saved at least every 600 ms" promise on their
    // own: one longer round, where everything sent more than 1 s before the kill must be on
    // disk although typing never paused.
    let sandbox = Sandbox::new();
    let long = kill_round(&sandbox, Duration::from_millis(2200)).unwrap();
    println!(
        "kill -9 after {:?} of typing: {} chars sent, {} on disk",
        long.typed_for, long.chars_sent, long.chars_on_disk
    );
}

// ----- 2. SIGTERM, SIGHUP, SIGQUIT --------------------------------------------------------

fn signal_saves_and_restores(sig: &str) {
    let sandbox = Sandbox::new();
    let mut app = sandbox.kaigi(&[]);
    open_notes(&mut app);
    let text = format!("{sig} の前に書いたメモ");
    app.type_text(&text);
    // Right away: the 300 ms idle save has not happened yet.
    let before = first_bullet(&sandbox.notes()).unwrap();
    app.signal(sig);
    let sent = Instant::now();
    let status = app.wait_exit(EXIT_WITHIN);
    let took = sent.elapsed();
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "SIG{sig}: exit status {status:?} (None: still running after {EXIT_WITHIN:?})\n{}",
        app.dump()
    );
    println!("SIG{sig}: exited in {took:.2?}; before the signal the file held {before:?}");
    assert_eq!(
        first_bullet(&sandbox.notes()).unwrap().as_deref(),
        Some(text.as_str()),
        "SIG{sig}: the notes on disk"
    );
    assert!(
        !app.alternate_screen(),
        "SIG{sig}: still on the alternate screen after exit\n{}",
        app.dump()
    );
    check_json_files(&sandbox.data).unwrap();
}

#[test]
fn sigterm_saves_and_restores_the_terminal() {
    signal_saves_and_restores("TERM");
}

#[test]
fn sighup_saves_and_restores_the_terminal() {
    signal_saves_and_restores("HUP");
}

#[test]
fn sigquit_saves_and_restores_the_terminal() {
    signal_saves_and_restores("QUIT");
}

// ----- 3. the terminal vanishes without a signal ------------------------------------------

#[test]
fn vanished_terminal_saves_and_exits_without_busy_looping() {
    let sandbox = Sandbox::new();
    let status_file = sandbox.dir.path().join("kaigi-exit-status");
    // sh is the session leader and ignores the hangup's SIGHUP; kaigi, its child, gets no
    // signal and must notice the dead terminal by itself. sh records kaigi's exit status.
    let script = r#"trap "" HUP; "$@"; echo "$?" >"$KAIGI_EXIT_FILE"; true"#;
    let bin = support::bin();
    let mut args = vec!["-c", script, "sh", bin.to_str().unwrap()];
    let kaigi_args = sandbox.args();
    args.extend(kaigi_args.iter().map(String::as_str));
    let mut app = Pty::spawn(
        "sh",
        &args,
        &[
            ("HOME", sandbox.home.to_str().unwrap()),
            ("KAIGI_EXIT_FILE", status_file.to_str().unwrap()),
        ],
        COLS,
        ROWS,
    );
    app.wait_for("1 Schedule", TIMEOUT).unwrap();
    let sh = app.pid().expect("sh's pid");
    let kaigi = support::wait_for_child(sh, "kaigi", TIMEOUT).expect("kaigi runs under sh");
    open_notes(&mut app);
    let text = "端末が消えても kaigi は保存する";
    app.type_text(text);
    // What the person saw on screen before the window closed (under load, the last key can
    // still be in the kernel's buffer when the master goes, and is discarded with it).
    app.wait_for(text, TIMEOUT).unwrap();

    let ticks_before = support::proc_stat(kaigi)
        .expect("kaigi's /proc stat")
        .cpu_ticks;
    let closed = Instant::now();
    app.close_master();
    let closing_took = closed.elapsed();
    let mut ticks_last = ticks_before;
    let exited = loop {
        match support::proc_stat(kaigi) {
            Some(s) => ticks_last = s.cpu_ticks,
            None => break true,
        }
        if !support::process_alive(kaigi) {
            break true;
        }
        if closed.elapsed() > EXIT_WITHIN {
            break false;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = closed.elapsed();
    let cpu = ticks_last - ticks_before;
    if !exited {
        let state = support::proc_stat(kaigi).map(|s| s.state);
        support::signal_pid(kaigi, "KILL");
        panic!(
            "kaigi (pid {kaigi}, state {state:?}) still ran {EXIT_WITHIN:?} after its terminal \
             vanished (killed now); it used {cpu} clock ticks of CPU meanwhile; the notes file \
             holds {:?} (typed: {text:?})\nlast screen:\n{}",
            first_bullet(&sandbox.notes()),
            app.dump()
        );
    }
    let sh_status = app.wait_exit(EXIT_WITHIN);
    let kaigi_status = std::fs::read_to_string(&status_file).unwrap_or_default();
    println!(
        "vanished terminal: close_master took {closing_took:.2?}; kaigi exited {took:.2?} after \
         the close, with status {:?}, using {cpu} clock ticks of CPU; sh: {sh_status:?}",
        kaigi_status.trim()
    );
    let mut checks = Checks::default();
    let on_disk = first_bullet(&sandbox.notes());
    checks.check(
        on_disk.as_ref().is_ok_and(|t| t.as_deref() == Some(text)),
        || format!("the notes on disk after the terminal vanished: {on_disk:?}, typed {text:?}"),
    );
    checks.check(cpu < 20, || {
        format!(
            "kaigi used {cpu} clock ticks of CPU in the {took:?} between the terminal vanishing \
             and its exit: a busy loop?"
        )
    });
    // A vanished terminal is an ordinary ending: 0, like a quit or SIGHUP. (101 is the exit
    // status of a Rust panic, e.g. from eprintln! to the dead terminal.)
    checks.check(kaigi_status.trim() == "0", || {
        format!(
            "kaigi's exit status after the terminal vanished: {:?}, expected \"0\"",
            kaigi_status.trim()
        )
    });
    checks.wait(check_json_files(&sandbox.data).map(|_| ()));
    checks.finish();
}

/// The harness itself: after `close_master` the slave side is hung up (a reader gets EOF), so
/// the test above is about kaigi, not about a master fd left open somewhere.
#[test]
fn close_master_hangs_up_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("cat-done");
    let script = r#"trap "" HUP; echo ready; cat >/dev/null; echo "$?" >"$DONE_FILE"; sleep 30"#;
    let mut pty = Pty::spawn(
        "sh",
        &["-c", script],
        &[("DONE_FILE", done.to_str().unwrap())],
        COLS,
        ROWS,
    );
    pty.wait_for("ready", TIMEOUT).unwrap();
    let sh = pty.pid().unwrap();
    let cat = support::wait_for_child(sh, "cat", TIMEOUT).expect("cat runs under sh");
    let closing = Instant::now();
    pty.close_master();
    assert!(
        closing.elapsed() < Duration::from_secs(1),
        "close_master took {:?}",
        closing.elapsed()
    );
    assert!(pty.master_closed());
    let deadline = Instant::now() + EXIT_WITHIN;
    while !done.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        done.exists(),
        "cat (pid {cat}) did not see EOF within {EXIT_WITHIN:?} of close_master; alive: {}",
        support::process_alive(cat)
    );
    // sh ignores the hangup's SIGHUP and sleeps on: the child is not killed by close_master.
    assert!(support::process_alive(sh), "close_master killed the child");
    pty.signal("KILL");
    assert!(pty.wait_exit(EXIT_WITHIN).is_some());
}

// ----- 4. a panic ---------------------------------------------------------------------------

#[test]
fn panic_keeps_unsaved_notes_for_the_next_start() {
    let sandbox = Sandbox::new();
    let mut app = sandbox.kaigi(&[("KAIGI_DEBUG_PANIC", "1")]);
    open_notes(&mut app);
    let saved = "保存済み saved";
    app.type_text(saved);
    wait_saved(&sandbox.notes(), saved, EXIT_WITHIN).unwrap();
    let unsaved = " + 未保存 unsaved";
    let full = format!("{saved}{unsaved}");
    app.type_text(unsaved);
    app.wait_for(&full, TIMEOUT).unwrap();
    app.send(F12);
    let status = app.wait_exit(EXIT_WITHIN);
    assert!(
        status.as_ref().is_some_and(|s| !s.success()),
        "after the panic: exit status {status:?} (None: still running after {EXIT_WITHIN:?})\n{}",
        app.dump()
    );
    assert!(
        !app.alternate_screen(),
        "the panic left the alternate screen on\n{}",
        app.dump()
    );
    app.wait_for("kaigi: kaigi crashed; report: ", TIMEOUT)
        .unwrap();

    // The unsaved notes are beside the real file, which still holds what was saved.
    let recoveries = sandbox.recoveries();
    assert_eq!(recoveries.len(), 1, "{recoveries:?}");
    assert_eq!(
        first_bullet(&recoveries[0]).unwrap().as_deref(),
        Some(full.as_str()),
        "the recovery file"
    );
    assert_eq!(
        first_bullet(&sandbox.notes()).unwrap().as_deref(),
        Some(saved),
        "the real notes file must not be written after a panic"
    );
    let crash_dir = sandbox.data.join("crash");
    let reports: Vec<PathBuf> = std::fs::read_dir(&crash_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", crash_dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("kaigi-") && n.ends_with(".txt"))
        })
        .collect();
    assert_eq!(reports.len(), 1, "one crash report: {reports:?}");
    let report = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(report.contains("debug panic requested"), "{report}");
    assert!(report.contains("backtrace"), "{report}");
    check_json_files(&sandbox.data).unwrap();
    drop(app);

    // The next start offers the notes back; R (in the Schedule pane) restores them.
    // Soft checks from here on, so that one run shows every problem of the restore.
    let mut checks = Checks::default();
    let mut app = sandbox.kaigi(&[]);
    checks.wait(app.wait_for(
        "R restores notes kept after a crash",
        Duration::from_secs(3),
    ));
    support::to_schedule(&mut app);
    app.send(b"R");
    app.wait_for("kept after a crash", TIMEOUT).unwrap();
    app.send(keys::ENTER);
    app.wait_for("Restored notes kept after a crash", TIMEOUT)
        .unwrap();
    // Quit at once: the restored notes must still be saved and the recovery file deleted.
    app.send(keys::CTRL_Q);
    let status = app.wait_exit(EXIT_WITHIN);
    checks.check(status.as_ref().is_some_and(|s| s.success()), || {
        format!(
            "quit after restoring: exit status {status:?}\n{}",
            app.dump()
        )
    });
    let on_disk = first_bullet(&sandbox.notes());
    checks.check(
        on_disk
            .as_ref()
            .is_ok_and(|t| t.as_deref() == Some(full.as_str())),
        || format!("the restored notes, saved: expected {full:?}, the file holds {on_disk:?}"),
    );
    checks.check(sandbox.recoveries().is_empty(), || {
        format!(
            "the recovery file is still there after the restored notes were saved and kaigi \
             quit; files: {:?}",
            files_under(&sandbox.data)
        )
    });
    checks.check(reports[0].exists(), || {
        format!("the crash report is gone: {}", reports[0].display())
    });
    checks.finish();
}

// ----- 5. a second kaigi on the same data directory ----------------------------------------

#[test]
fn a_second_instance_is_read_only_and_a_killed_one_leaves_no_lock() {
    let sandbox = Sandbox::new();
    let mut a = sandbox.kaigi(&[]);
    open_notes(&mut a);
    a.type_text("first");
    wait_saved(&sandbox.notes(), "first", EXIT_WITHIN).unwrap();
    assert!(
        !a.screen().contains(READ_ONLY_BANNER),
        "the first kaigi is read-only\n{}",
        a.dump()
    );
    let notes_before = std::fs::read(sandbox.notes()).unwrap();
    let files_before = files_under(&sandbox.data.join("conferences"));

    // B: read-only, refuses edits, writes nothing (not while typing, not when quitting).
    // Soft checks, so that one run shows every problem.
    let mut checks = Checks::default();
    let mut b = sandbox.kaigi(&[]);
    b.wait_for(READ_ONLY_BANNER, TIMEOUT).unwrap();
    b.wait_for(TITLE, TIMEOUT).unwrap();
    support::open_notes(&mut b);
    b.send(keys::END);
    b.type_text("second");
    checks.wait(b.wait_for(READ_ONLY_REFUSED, Duration::from_secs(3)));
    checks.check(!b.screen().contains("firstsecond"), || {
        format!("the read-only kaigi shows the refused edit\n{}", b.dump())
    });
    // Longer than the idle (300 ms) and continuous-typing (600 ms) saves.
    std::thread::sleep(Duration::from_millis(1000));
    checks.check(
        std::fs::read(sandbox.notes()).unwrap() == notes_before,
        || "the read-only kaigi changed the notes file while typing".into(),
    );
    b.send(keys::CTRL_Q);
    let status = b.wait_exit(EXIT_WITHIN);
    checks.check(status.as_ref().is_some_and(|s| s.success()), || {
        format!("B's quit: exit status {status:?}\n{}", b.dump())
    });
    checks.check(
        std::fs::read(sandbox.notes()).unwrap() == notes_before,
        || "the read-only kaigi wrote the notes file when quitting".into(),
    );
    let files_after = files_under(&sandbox.data.join("conferences"));
    checks.check(files_after == files_before, || {
        format!("the read-only kaigi wrote files: before {files_before:?}, after {files_after:?}")
    });

    a.send(keys::CTRL_Q);
    let status = a.wait_exit(EXIT_WITHIN);
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "A's quit: exit status {status:?}\n{}",
        a.dump()
    );
    assert_eq!(
        first_bullet(&sandbox.notes()).unwrap().as_deref(),
        Some("first")
    );

    // A killed with kill -9: the kernel releases its lock, so C may write.
    let mut a = sandbox.kaigi(&[]);
    a.wait_for(TITLE, TIMEOUT).unwrap();
    assert!(
        !a.screen().contains(READ_ONLY_BANNER),
        "A (again) is read-only\n{}",
        a.dump()
    );
    a.signal("KILL");
    let status = a.wait_exit(EXIT_WITHIN);
    assert!(
        status.as_ref().is_some_and(|s| !s.success()),
        "kill -9: exit status {status:?}"
    );
    let mut c = sandbox.kaigi(&[]);
    c.wait_for(TITLE, TIMEOUT).unwrap();
    c.wait_idle(Duration::from_millis(200), TIMEOUT);
    assert!(
        !c.screen().contains(READ_ONLY_BANNER),
        "C is read-only although the kaigi holding the lock was killed\n{}",
        c.dump()
    );
    open_notes(&mut c);
    c.send(keys::END);
    c.type_text(" again");
    c.wait_for("first again", TIMEOUT).unwrap();
    assert!(
        !c.screen().contains(READ_ONLY_REFUSED),
        "C refused the edit\n{}",
        c.dump()
    );
    c.send(keys::CTRL_Q);
    let status = c.wait_exit(EXIT_WITHIN);
    assert!(
        status.as_ref().is_some_and(|s| s.success()),
        "C's quit: exit status {status:?}\n{}",
        c.dump()
    );
    assert_eq!(
        first_bullet(&sandbox.notes()).unwrap().as_deref(),
        Some("first again")
    );
    checks.finish();
}
