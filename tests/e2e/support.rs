//! Pseudo-terminal harness for end-to-end tests of the TUI binary.
//!
//! A [`Pty`] runs a program in a fresh pseudo-terminal. A reader thread
//! reads everything the program prints the whole time it runs. It feeds the
//! bytes to a `vt100` terminal emulator and keeps a copy of the raw bytes.
//! Tests send keys and inspect the emulated screen.
//!
//! Things a caller must know:
//! * Every wait has a timeout. `wait_for`/`wait_gone` return `Err(screen
//!   dump)` on timeout, so write `pty.wait_for("x", TIMEOUT).unwrap()` (or
//!   `?` in a test that returns `Result<(), String>`) and a failure shows
//!   what was on screen.
//! * Wait for the app's first frame (e.g. `wait_for` some title text) before
//!   sending keys. Until crossterm turns on raw mode, the tty's line
//!   discipline would echo and interpret the keys (Ctrl-Z, Ctrl-Q and so on).
//! * A lone ESC byte directly followed by other bytes is read as Alt+key or
//!   as the start of an escape sequence. Use [`Pty::send_esc`], which pauses
//!   50 ms after the ESC.
//! * The harness answers the terminal queries crossterm makes: cursor
//!   position (`ESC[6n`, answered with the emulated cursor position, 1-based)
//!   and primary device attributes (`ESC[c`, answered with `ESC[?62;c`).
//!   So `crossterm::cursor::position()` and
//!   `supports_keyboard_enhancement()` (which reports `false`) never stall.
//! * The child gets TERM=xterm-256color, LANG=LC_ALL=C.UTF-8 and runs in
//!   the test's current directory (the package root under `cargo test`).
//!   Variables passed in `env` override these. Pass HOME/XDG_* pointing at
//!   a temp dir if the app reads or writes user files.
//! * Dropping a `Pty` kills the child (SIGHUP, then SIGKILL). It never
//!   waits long for the child or for the reader thread.
//! * Process control for crash tests: [`Pty::pid`], [`Pty::signal`] (any
//!   signal, through `kill`), [`Pty::close_master`] (the terminal vanishes:
//!   every master-side fd is closed, the child is not killed) and, for
//!   processes the child spawned, [`children_of`], [`proc_stat`],
//!   [`process_alive`] and [`signal_pid`] (Linux `/proc`).
//!
//! The harness reads and writes the master through its own duplicates of
//! the master fd (`std::fs::File`), set non-blocking so the reader thread
//! can be stopped: it sleeps 2 ms whenever there is nothing to read and
//! checks a stop flag. (portable-pty's own writer would type "\n" and ^D
//! into the app when dropped.)
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize};

pub use portable_pty::ExitStatus;

/// A sensible default timeout for waits in tests.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the waits look at the screen.
const POLL: Duration = Duration::from_millis(10);

/// The master-side writer; `None` once [`Pty::close_master`] closed it.
type SharedWriter = Arc<Mutex<Option<File>>>;
type SharedParser = Arc<Mutex<vt100::Parser<Responder>>>;

/// Locks a mutex and ignores poisoning. A panicking test must not cause
/// a second panic in `Drop` or in the reader thread.
fn lock<T: ?Sized>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// How long the reader thread sleeps when the master has nothing to read.
const READ_IDLE: Duration = Duration::from_millis(2);

/// A new fd for the pty master (`dup`, close-on-exec), as a `File`.
fn dup_master(master: &dyn MasterPty) -> File {
    let fd = master.as_raw_fd().expect("pty master has no fd");
    // SAFETY: `fd` is open: `master` owns it and outlives this borrow.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    File::from(borrowed.try_clone_to_owned().expect("dup of pty master"))
}

/// Sets O_NONBLOCK on `file`'s open file description (shared by every dup
/// of the master) without libc: std's socket `set_nonblocking` is a plain
/// `ioctl(FIONBIO)`/`fcntl`, which works on any fd, a pty included.
fn set_nonblocking(file: File) -> File {
    let sock = std::os::unix::net::UnixStream::from(OwnedFd::from(file));
    sock.set_nonblocking(true)
        .expect("could not make the pty master non-blocking");
    File::from(OwnedFd::from(sock))
}

/// `write_all` on a non-blocking fd: retries while the pty's input queue is
/// full (the app is not reading), for at most 5 s.
fn write_all_patiently(w: &mut File, mut bytes: &[u8]) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !bytes.is_empty() {
        match w.write(bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// vt100 callbacks that collect the answers to terminal queries. The
/// reader thread sends them to the app after each `process` call.
#[derive(Default)]
struct Responder {
    pending: Vec<u8>,
}

impl vt100::Callbacks for Responder {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied();
        match (i1, i2, c, first) {
            // DSR cursor position report: ESC [ row ; col R (1-based). The
            // callback runs at the query's point in the output stream, so
            // the cursor position is exactly what the app expects.
            (None, None, 'n', Some(6)) => {
                let (row, col) = screen.cursor_position();
                self.pending
                    .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
            }
            // DSR status: "terminal OK".
            (None, None, 'n', Some(5)) => self.pending.extend_from_slice(b"\x1b[0n"),
            // Primary device attributes: VT220-ish with no extensions.
            (None, None, 'c', None | Some(0)) => self.pending.extend_from_slice(b"\x1b[?62;c"),
            // Secondary device attributes.
            (Some(b'>'), None, 'c', None | Some(0)) => {
                self.pending.extend_from_slice(b"\x1b[>0;0;0c")
            }
            _ => {}
        }
    }
}

/// A program running in a pseudo-terminal, with an emulated screen.
pub struct Pty {
    /// `None` once [`Pty::close_master`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    child: Mutex<Box<dyn Child + Send + Sync>>,
    exit_status: Mutex<Option<ExitStatus>>,
    writer: SharedWriter,
    parser: SharedParser,
    raw: Arc<Mutex<Vec<u8>>>,
    reader_done: Arc<AtomicBool>,
    /// Tells the reader thread to stop (and close its fd).
    reader_stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Pty {
    /// Spawns `program` with `args` in a new pty of `cols` x `rows`.
    ///
    /// The child inherits the test's environment plus TERM=xterm-256color,
    /// LANG=C.UTF-8 and LC_ALL=C.UTF-8. `env` is applied last, so it can
    /// override them. The working directory is the test's current
    /// directory. Panics if the pty or the process cannot be created.
    pub fn spawn(
        program: impl AsRef<Path>,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let program = program.as_ref();
        let pty_system = portable_pty::native_pty_system();
        let pair = pty_system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty failed");

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        if let Ok(dir) = std::env::current_dir() {
            cmd.cwd(dir);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("LC_ALL", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }

        let child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("failed to spawn {}: {e:#}", program.display()));
        // Close our copy of the slave side. Then the reader gets EOF/EIO once
        // the child (and anything it spawned) has closed the terminal.
        drop(pair.slave);

        let master = pair.master;
        let mut reader = set_nonblocking(dup_master(&*master));
        let writer: SharedWriter = Arc::new(Mutex::new(Some(dup_master(&*master))));

        let parser: SharedParser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            NonZeroU16::new(rows).expect("rows must be > 0"),
            NonZeroU16::new(cols).expect("cols must be > 0"),
            0,
            Responder::default(),
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let reader_done = Arc::new(AtomicBool::new(false));
        let reader_stop = Arc::new(AtomicBool::new(false));

        let thread = {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let writer = Arc::clone(&writer);
            let done = Arc::clone(&reader_done);
            let stop = Arc::clone(&reader_stop);
            std::thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || {
                    let mut buf = [0u8; 8192];
                    while !stop.load(Ordering::SeqCst) {
                        match reader.read(&mut buf) {
                            Ok(0) => break,
                            Ok(n) => {
                                let bytes = &buf[..n];
                                lock(&raw).extend_from_slice(bytes);
                                let reply = {
                                    let mut p = lock(&parser);
                                    p.process(bytes);
                                    std::mem::take(&mut p.callbacks_mut().pending)
                                };
                                // Write with the parser unlocked, so the test
                                // can keep reading the screen meanwhile.
                                if !reply.is_empty()
                                    && let Some(w) = lock(&writer).as_mut()
                                {
                                    let _ = write_all_patiently(w, &reply);
                                }
                            }
                            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                                std::thread::sleep(READ_IDLE);
                            }
                            // EIO: the slave side was closed (the child exited).
                            Err(_) => break,
                        }
                    }
                    // Close the fd before saying so: `close_master` relies on it.
                    drop(reader);
                    done.store(true, Ordering::SeqCst);
                })
                .expect("spawn pty reader thread")
        };

        Pty {
            master: Some(master),
            child: Mutex::new(child),
            exit_status: Mutex::new(None),
            writer,
            parser,
            raw,
            reader_done,
            reader_stop,
            reader: Some(thread),
        }
    }

    // ----- input -------------------------------------------------------

    /// Writes raw bytes (keys) to the terminal and flushes. A write error
    /// (the child is gone) is printed to stderr but does not panic. The
    /// next wait then fails and shows the screen.
    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = lock(&self.writer);
        let result = match w.as_mut() {
            Some(w) => write_all_patiently(w, bytes),
            None => Err(std::io::Error::other("the pty master was closed")),
        };
        if let Err(e) = result {
            eprintln!(
                "pty harness: write of {:?} failed: {e}",
                bytes.escape_ascii().to_string()
            );
        }
    }

    /// Types text as a person would: one char at a time (its UTF-8 bytes),
    /// with a 3 ms pause after each one, so the app sees separate key
    /// events. Characters are sent as they are: use `keys::ENTER` (`\r`) for
    /// Enter, not `\n`.
    pub fn type_text(&mut self, text: &str) {
        let mut buf = [0u8; 4];
        for ch in text.chars() {
            self.send(ch.encode_utf8(&mut buf).as_bytes());
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    /// Sends a whole string in one write. This is what an IME commit looks
    /// like: several chars arrive at once.
    pub fn send_str(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Sends a lone ESC, then sleeps 50 ms. Without the pause, bytes sent
    /// right after it would be read as Alt+key or as an escape sequence.
    pub fn send_esc(&mut self) {
        self.send(keys::ESC);
        std::thread::sleep(Duration::from_millis(50));
    }

    /// Sends `text` as a bracketed paste (ESC[200~ text ESC[201~).
    pub fn paste(&mut self, text: &str) {
        self.send(&keys::bracketed_paste(text));
    }

    // ----- waiting -----------------------------------------------------

    /// Waits until the screen contains `needle`. Looks every 10 ms. On
    /// timeout returns Err with a dump of the current screen.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{needle:?} to appear"), timeout, |s| {
            screen_text(s).contains(needle)
        })
    }

    /// Waits until the screen no longer contains `needle`.
    pub fn wait_gone(&self, needle: &str, timeout: Duration) -> Result<(), String> {
        self.wait_until(&format!("{needle:?} to disappear"), timeout, |s| {
            !screen_text(s).contains(needle)
        })
    }

    /// Waits until `pred(screen)` holds. `what` describes the condition
    /// in the error message. Use it for attributes, cursor position and
    /// similar, e.g. `pty.wait_until("cursor on row 3", TIMEOUT, |s|
    /// s.cursor_position().0 == 3)`.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(lock(&self.parser).screen()) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.dump()
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the app has printed nothing for `quiet` (e.g. 100 ms),
    /// at most `timeout`. Returns false on timeout. Use it to let a redraw
    /// settle before a negative check ("X is not on screen").
    pub fn wait_idle(&self, quiet: Duration, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut len = lock(&self.raw).len();
        let mut since = Instant::now();
        loop {
            std::thread::sleep(POLL);
            let now_len = lock(&self.raw).len();
            if now_len != len {
                len = now_len;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
        }
    }

    // ----- screen inspection --------------------------------------------

    /// The full screen text: every row (trailing blanks trimmed) joined by
    /// '\n'. Line i is row i. Wide characters appear once.
    pub fn screen(&self) -> String {
        screen_text(lock(&self.parser).screen())
    }

    /// One row's text, trailing blanks trimmed; "" for a row off screen.
    pub fn row_text(&self, row: u16) -> String {
        let p = lock(&self.parser);
        let s = p.screen();
        let cols = s.size().1.get();
        s.rows(0, cols).nth(usize::from(row)).unwrap_or_default()
    }

    /// Finds the first occurrence of `needle` (scanning rows top to bottom)
    /// and returns (row, column of its first cell). Columns are terminal
    /// cells: a wide (CJK) character takes 2. An empty cell matches ' '. A
    /// needle never matches across rows.
    pub fn find(&self, needle: &str) -> Option<(u16, u16)> {
        let p = lock(&self.parser);
        let s = p.screen();
        let (rows, cols) = (s.size().0.get(), s.size().1.get());
        for row in 0..rows {
            // The row's text plus, for each cell, (byte offset, column).
            let mut text = String::new();
            let mut starts: Vec<(usize, u16)> = Vec::new();
            for col in 0..cols {
                let Some(cell) = s.cell(row, col) else { break };
                if cell.is_wide_continuation() {
                    continue;
                }
                starts.push((text.len(), col));
                if cell.has_contents() {
                    text.push_str(cell.contents());
                } else {
                    text.push(' ');
                }
            }
            for (idx, _) in text.match_indices(needle) {
                if let Ok(i) = starts.binary_search_by_key(&idx, |&(b, _)| b) {
                    return Some((row, starts[i].1));
                }
            }
        }
        None
    }

    /// Runs `f` on the emulated screen, e.g. for cell colors or attributes:
    /// `pty.with_screen(|s| s.cell(0, 0).unwrap().inverse())`.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        f(lock(&self.parser).screen())
    }

    /// The cursor position (row, col), 0-based, where the app left it.
    pub fn cursor(&self) -> (u16, u16) {
        lock(&self.parser).screen().cursor_position()
    }

    /// Whether the cursor is visible (the app did not hide it with ESC[?25l).
    pub fn cursor_visible(&self) -> bool {
        !lock(&self.parser).screen().hide_cursor()
    }

    /// Whether the app is on the alternate screen (ESC[?1049h).
    pub fn alternate_screen(&self) -> bool {
        lock(&self.parser).screen().alternate_screen()
    }

    /// Everything the program has printed so far, unparsed.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    /// A readable dump: state line, numbered rows and the tail of the raw
    /// output. Failed waits include it.
    pub fn dump(&self) -> String {
        let (text, header) = {
            let p = lock(&self.parser);
            let s = p.screen();
            let (rows, cols) = s.size();
            let (cr, cc) = s.cursor_position();
            let header = format!(
                "--- screen {cols}x{rows}, cursor ({cr},{cc}) {}, alternate screen {} ---",
                if s.hide_cursor() { "hidden" } else { "visible" },
                if s.alternate_screen() { "on" } else { "off" },
            );
            (screen_text(s), header)
        };
        let child = match self.exited() {
            Some(status) => format!("child exited: {status}"),
            None => "child running".to_string(),
        };
        let mut out = format!("{header}\n({child})\n");
        for (i, line) in text.split('\n').enumerate() {
            out.push_str(&format!("{i:3}|{line}\n"));
        }
        let raw = lock(&self.raw);
        let tail = &raw[raw.len().saturating_sub(300)..];
        out.push_str(&format!(
            "--- last {} of {} raw output bytes ---\n{}\n--- end ---",
            tail.len(),
            raw.len(),
            tail.escape_ascii()
        ));
        out
    }

    // ----- process control --------------------------------------------

    /// The exit status if the child has exited, without waiting.
    pub fn exited(&self) -> Option<ExitStatus> {
        let mut status = lock(&self.exit_status);
        if status.is_none()
            && let Ok(Some(s)) = lock(&self.child).try_wait()
        {
            *status = Some(s);
        }
        status.clone()
    }

    /// Waits up to `timeout` for the child to exit and returns its status.
    /// Afterwards it waits a little (at most 1 s) for the reader to parse
    /// the final output, so `screen()` shows what the app printed last.
    /// On timeout it kills the child and returns None.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.exited() {
                let drain = Instant::now() + Duration::from_secs(1);
                while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < drain {
                    std::thread::sleep(POLL);
                }
                return Some(status);
            }
            if Instant::now() >= deadline {
                self.kill();
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    /// Kills the child if it is still running (SIGHUP, then SIGKILL after
    /// about 200 ms) and reaps it, waiting at most about 1 s.
    pub fn kill(&mut self) {
        if self.exited().is_some() {
            return;
        }
        let _ = lock(&self.child).kill();
        let deadline = Instant::now() + Duration::from_secs(1);
        while self.exited().is_none() && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
    }

    /// The child's process id (`None` if portable-pty does not know it).
    pub fn pid(&self) -> Option<u32> {
        lock(&self.child).process_id()
    }

    /// Sends signal `sig` to the child with `kill`: a name with or without
    /// "SIG" or a number, e.g. "TERM", "SIGHUP", "9". Prints a warning if
    /// `kill` fails (e.g. the child has already exited); panics if the child
    /// has no pid.
    pub fn signal(&self, sig: &str) {
        let pid = self.pid().expect("the child has no pid");
        if !signal_pid(pid, sig) {
            eprintln!("pty harness: kill -{sig} {pid} failed");
        }
    }

    /// The terminal vanishes: closes every master-side fd (the master, the
    /// writer and the reader thread's fd, after stopping the thread)
    /// WITHOUT killing the child. Once no fd of the master is open the
    /// kernel hangs up the slave: its session leader gets SIGHUP, reads
    /// return EOF and writes fail with EIO. The screen keeps what was
    /// shown; `send` then fails (with a warning) and `resize` panics.
    /// Waits at most about 1 s for the reader thread.
    pub fn close_master(&mut self) {
        self.stop_reader(Duration::from_secs(1));
        lock(&self.writer).take();
        self.master.take();
    }

    /// Whether `close_master` has been called.
    pub fn master_closed(&self) -> bool {
        self.master.is_none()
    }

    /// Stops the reader thread and joins it, waiting at most `timeout`.
    fn stop_reader(&mut self, timeout: Duration) {
        self.reader_stop.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + timeout;
        while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        if self.reader_done.load(Ordering::SeqCst)
            && let Some(t) = self.reader.take()
        {
            let _ = t.join();
        }
    }

    /// Resizes the terminal. The emulated screen is resized first, then the
    /// pty, which sends SIGWINCH to the app.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        lock(&self.parser).set_size(
            NonZeroU16::new(rows).expect("rows must be > 0"),
            NonZeroU16::new(cols).expect("cols must be > 0"),
        );
        self.master
            .as_ref()
            .expect("resize after close_master")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty resize failed");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.kill();
        // Let the reader take in the last output for a moment, then stop it.
        // It never blocks in read(), so this is bounded even if something
        // still holds the slave open.
        let deadline = Instant::now() + Duration::from_millis(200);
        while !self.reader_done.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.stop_reader(Duration::from_millis(200));
    }
}

// ----- processes (Linux /proc) ------------------------------------------

/// Sends signal `sig` ("TERM", "SIGTERM", "-TERM", "9", ...) to `pid` with
/// the shell's `kill`. Returns whether `kill` succeeded. Panics if `sh`
/// cannot be run.
pub fn signal_pid(pid: u32, sig: &str) -> bool {
    let name = sig.trim_start_matches('-');
    let name = name.strip_prefix("SIG").unwrap_or(name);
    std::process::Command::new("sh")
        .args(["-c", "kill -s \"$1\" \"$2\"", "sh", name, &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("could not run sh -c kill")
        .success()
}

/// The children of process `pid` (from /proc/PID/task/PID/children, or by
/// scanning /proc for processes whose parent is `pid`).
pub fn children_of(pid: u32) -> Vec<u32> {
    if let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")) {
        return s
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
    }
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| proc_stat(p).is_some_and(|s| s.ppid == pid))
        .collect()
}

/// Waits up to `timeout` for process `pid` to have a child whose command
/// name (/proc/PID/comm) is `comm`, and returns its pid.
pub fn wait_for_child(pid: u32, comm: &str, timeout: Duration) -> Option<u32> {
    let deadline = Instant::now() + timeout;
    loop {
        let found = children_of(pid).into_iter().find(|&c| {
            std::fs::read_to_string(format!("/proc/{c}/comm")).is_ok_and(|n| n.trim() == comm)
        });
        if found.is_some() || Instant::now() >= deadline {
            return found;
        }
        std::thread::sleep(POLL);
    }
}

/// A few fields of /proc/PID/stat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcStat {
    /// R, S, D, Z (zombie: exited, not yet reaped), ...
    pub state: char,
    pub ppid: u32,
    /// User plus system CPU time, in clock ticks (normally 1/100 s).
    pub cpu_ticks: u64,
}

/// /proc/PID/stat of `pid`, or `None` if there is no such process (it has
/// exited and been reaped).
pub fn proc_stat(pid: u32) -> Option<ProcStat> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    let rest = &s[s.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // f[0] is field 3 (state); utime and stime are fields 14 and 15.
    let utime: u64 = f.get(11)?.parse().ok()?;
    let stime: u64 = f.get(12)?.parse().ok()?;
    Some(ProcStat {
        state: f.first()?.chars().next()?,
        ppid: f.get(1)?.parse().ok()?,
        cpu_ticks: utime + stime,
    })
}

/// Whether `pid` is running: it exists and is not a zombie.
pub fn process_alive(pid: u32) -> bool {
    proc_stat(pid).is_some_and(|s| !matches!(s.state, 'Z' | 'X' | 'x'))
}

/// How to start the kaigi under test: on data directory `data` at the pretend instant `now`
/// (RFC 3339), in a 100x30 terminal, returned once "1 Schedule" (its first frame) shows. The one
/// launcher of the end-to-end tests: each setting below changes one of those.
pub struct Launch {
    args: Vec<String>,
    env: Vec<(String, String)>,
    size: (u16, u16),
    ready: String,
}

pub fn launch(data: &Path, now: &str) -> Launch {
    Launch {
        args: vec![
            "--data-dir".into(),
            data.to_str().expect("a UTF-8 path").into(),
            "--now".into(),
            now.into(),
        ],
        env: Vec::new(),
        size: (100, 30),
        ready: "1 Schedule".into(),
    }
}

impl Launch {
    /// More command-line arguments (`--conference ID`).
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// More environment variables (`HOME`, the debug builds' disk faults, `TMPDIR`).
    pub fn env(mut self, env: &[(&str, &str)]) -> Self {
        self.env
            .extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.size = (cols, rows);
        self
    }

    /// What shows once it is up (a tiny terminal cannot show "1 Schedule").
    pub fn ready_at(mut self, text: &str) -> Self {
        self.ready = text.into();
        self
    }

    /// The arguments kaigi gets, for a test that starts it under another program (`sh -c`).
    pub fn arg_list(&self) -> Vec<String> {
        self.args.clone()
    }

    pub fn start(self) -> Pty {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let pty = Pty::spawn(bin(), &args, &env, self.size.0, self.size.1);
        pty.wait_for(&self.ready, TIMEOUT).unwrap();
        pty
    }
}

/// Waits until `found()` gives something on disk (the saver thread writes after the screen
/// shows what it does), at most `TIMEOUT`; returns the last look.
pub fn on_disk<T: Default + PartialEq>(found: impl Fn() -> T) -> T {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let got = found();
        if got != T::default() || Instant::now() >= deadline {
            return got;
        }
        std::thread::sleep(POLL);
    }
}

/// kaigi on `data` at `now`, 100x30, once its first frame is up.
pub fn kaigi(data: &Path, now: &str) -> Pty {
    launch(data, now).start()
}

/// The kaigi binary under test: this build's, or the one `KAIGI_TEST_BIN` names (to show that a
/// regression test fails on an older build: `KAIGI_TEST_BIN=/old/kaigi cargo test --test …`).
pub fn bin() -> std::path::PathBuf {
    std::env::var_os("KAIGI_TEST_BIN")
        .map_or_else(|| env!("CARGO_BIN_EXE_kaigi").into(), Into::into)
}

/// [`kaigi`] with more environment variables (the debug builds' disk faults, `TMPDIR`).
pub fn kaigi_with(data: &Path, now: &str, env: &[(&str, &str)]) -> Pty {
    launch(data, now).env(env).start()
}

/// Puts the keyboard in the selected session's notes: kaigi opened during a talk is there
/// already; from the Schedule pane, Enter opens them. Returns once the Notes pane has the focus.
pub fn open_notes(pty: &mut Pty) {
    let deadline = Instant::now() + TIMEOUT;
    // The first frame may not have its focus drawn yet: look for either pane's heavy border.
    while !pty.screen().contains("┏ 2 Notes") && !pty.screen().contains("┏ 1 Schedule") {
        assert!(Instant::now() < deadline, "no focused pane\n{}", pty.dump());
        std::thread::sleep(POLL);
    }
    if !pty.screen().contains("┏ 2 Notes") {
        pty.send(keys::ENTER);
    }
    pty.wait_for("┏ 2 Notes", TIMEOUT).unwrap();
}

/// Puts the keyboard in the Schedule pane (Esc from the notes), where letters are commands.
pub fn to_schedule(pty: &mut Pty) {
    if pty.screen().contains("┏ 2 Notes") {
        pty.send_esc();
    }
    pty.wait_for("┏ 1 Schedule", TIMEOUT).unwrap();
}

/// Every row of the screen, trailing blanks trimmed, joined by '\n'.
fn screen_text(s: &vt100::Screen) -> String {
    let cols = s.size().1.get();
    s.rows(0, cols).collect::<Vec<_>>().join("\n")
}

/// Byte sequences for keys, as xterm sends them (normal cursor-key mode).
pub mod keys {
    pub const ENTER: &[u8] = b"\r";
    pub const ESC: &[u8] = b"\x1b";
    pub const TAB: &[u8] = b"\t";
    pub const BACKTAB: &[u8] = b"\x1b[Z";
    pub const BACKSPACE: &[u8] = b"\x7f";
    pub const SPACE: &[u8] = b" ";

    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const RIGHT: &[u8] = b"\x1b[C";
    pub const LEFT: &[u8] = b"\x1b[D";
    pub const HOME: &[u8] = b"\x1b[H";
    pub const END: &[u8] = b"\x1b[F";
    pub const PAGE_UP: &[u8] = b"\x1b[5~";
    pub const PAGE_DOWN: &[u8] = b"\x1b[6~";
    pub const INSERT: &[u8] = b"\x1b[2~";
    pub const DELETE: &[u8] = b"\x1b[3~";

    pub const CTRL_A: &[u8] = b"\x01";
    pub const CTRL_C: &[u8] = b"\x03";
    pub const CTRL_D: &[u8] = b"\x04";
    pub const CTRL_E: &[u8] = b"\x05";
    pub const CTRL_K: &[u8] = b"\x0b";
    pub const CTRL_Q: &[u8] = b"\x11";
    pub const CTRL_S: &[u8] = b"\x13";
    pub const CTRL_T: &[u8] = b"\x14";
    pub const CTRL_U: &[u8] = b"\x15";
    pub const CTRL_W: &[u8] = b"\x17";
    pub const CTRL_Y: &[u8] = b"\x19";
    pub const CTRL_Z: &[u8] = b"\x1a";

    pub const ALT_UP: &[u8] = b"\x1b[1;3A";
    pub const ALT_DOWN: &[u8] = b"\x1b[1;3B";
    pub const ALT_RIGHT: &[u8] = b"\x1b[1;3C";
    pub const ALT_LEFT: &[u8] = b"\x1b[1;3D";
    pub const SHIFT_UP: &[u8] = b"\x1b[1;2A";
    pub const SHIFT_DOWN: &[u8] = b"\x1b[1;2B";
    pub const SHIFT_RIGHT: &[u8] = b"\x1b[1;2C";
    pub const SHIFT_LEFT: &[u8] = b"\x1b[1;2D";
    pub const CTRL_UP: &[u8] = b"\x1b[1;5A";
    pub const CTRL_DOWN: &[u8] = b"\x1b[1;5B";
    pub const CTRL_RIGHT: &[u8] = b"\x1b[1;5C";
    pub const CTRL_LEFT: &[u8] = b"\x1b[1;5D";
    pub const CTRL_HOME: &[u8] = b"\x1b[1;5H";
    pub const CTRL_END: &[u8] = b"\x1b[1;5F";

    pub const F1: &[u8] = b"\x1bOP";
    pub const F2: &[u8] = b"\x1bOQ";
    pub const F3: &[u8] = b"\x1bOR";
    pub const F4: &[u8] = b"\x1bOS";
    pub const F5: &[u8] = b"\x1b[15~";

    /// Ctrl+letter, e.g. `ctrl('q')` == `CTRL_Q`.
    pub fn ctrl(c: char) -> Vec<u8> {
        assert!(c.is_ascii_alphabetic(), "ctrl() takes a letter");
        vec![(c.to_ascii_lowercase() as u8) & 0x1f]
    }

    /// Alt+char: ESC followed by the char's UTF-8 bytes, in one write.
    pub fn alt(c: char) -> Vec<u8> {
        let mut v = b"\x1b".to_vec();
        let mut buf = [0u8; 4];
        v.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        v
    }

    /// `text` wrapped as a bracketed paste: ESC[200~ text ESC[201~.
    pub fn bracketed_paste(text: &str) -> Vec<u8> {
        let mut v = b"\x1b[200~".to_vec();
        v.extend_from_slice(text.as_bytes());
        v.extend_from_slice(b"\x1b[201~");
        v
    }
}
