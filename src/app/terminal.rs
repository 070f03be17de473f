//! The terminal's life: raw mode, the alternate screen, bracketed paste and the mouse are set up
//! in one place and undone in one place, also on panic (the hook restores the terminal before
//! the panic message prints, and keeps the backtrace for the crash report). Terminal events
//! become actions here, at the edge.

use std::io::{Stdout, stdout};
use std::sync::Mutex;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{
    DisableLineWrap, EnableLineWrap, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};

use crate::ui::screen::Screen;

use crate::action::Action;
use crate::app::keymap;
use crate::state::State;

pub(super) type Term = Screen<Stdout>;

/// The last panic's message and backtrace, for the crash report.
pub(super) static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

pub(super) fn setup() -> std::io::Result<Term> {
    // The message and backtrace go to the crash report; stderr gets a one-line pointer to it
    // once the notes are safe (see `after_panic`), not a backtrace over the user's shell.
    std::panic::set_hook(Box::new(move |info| {
        restore();
        let backtrace = std::backtrace::Backtrace::force_capture();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(format!("{info}\n\nbacktrace:\n{backtrace}"));
        }
    }));
    enable_raw_mode()?;
    // Without autowrap, a character a terminal draws wider than kaigi counts it can never spill
    // onto the next row.
    execute!(
        stdout(),
        EnterAlternateScreen,
        DisableLineWrap,
        EnableBracketedPaste,
        EnableMouseCapture
    )?;
    Ok(Screen::new(stdout()))
}

/// Puts the terminal back as it was. Safe to call more than once, and when the terminal is gone.
pub(super) fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        EnableLineWrap,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

/// What waiting for the terminal found.
pub(super) struct Input {
    /// The terminal's other end closed; what it sent before may still be readable.
    pub hung_up: bool,
}

/// Sleeps until the terminal has input, has hung up, or `timeout` passes; an error when the
/// terminal failed. crossterm is not asked to wait itself: it reports a terminal whose other end
/// closed without a signal as "no events" (upstream 0.29 even spins on its end of file), so
/// kaigi would never notice, save and leave. A hang-up is reported with the input still
/// readable, so that keys typed before it are read first. Level-triggered poll(2) beside
/// crossterm's edge-triggered epoll relies on the vendored crossterm draining the terminal on
/// every read (vendor/crossterm/KAIGI-PATCH.md).
pub(super) fn wait_for_input(timeout: std::time::Duration) -> Result<Input, String> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).unwrap_or(Timespec {
        tv_sec: i64::MAX,
        tv_nsec: 0,
    });
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) => {}
        // A signal (a resize, SIGTERM) interrupts the wait; the loop looks at it next.
        Err(rustix::io::Errno::INTR) => return Ok(Input { hung_up: false }),
        Err(e) => return Err(e.to_string()),
    }
    let r = fds[0].revents();
    if r.intersects(PollFlags::ERR | PollFlags::NVAL) {
        return Err("the terminal failed".into());
    }
    Ok(Input {
        hung_up: r.contains(PollFlags::HUP),
    })
}

/// The terminal's size (columns, rows), asked of the terminal on standard output: one system
/// call, where crossterm's `size` opens /dev/tty anew each time. The loop asks after every batch
/// of events, in case a resize signal was missed.
pub(super) fn size() -> std::io::Result<(u16, u16)> {
    if let Ok(ws) = rustix::termios::tcgetwinsize(std::io::stdout())
        && ws.ws_col > 0
        && ws.ws_row > 0
    {
        return Ok((ws.ws_col, ws.ws_row));
    }
    // Not a terminal on standard output, or one that does not know: ask crossterm, which
    // tries /dev/tty.
    crossterm::terminal::size()
}

pub(super) fn to_action(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => {
            #[cfg(debug_assertions)]
            if k.code == crossterm::event::KeyCode::F(12)
                && std::env::var_os("KAIGI_DEBUG_PANIC").is_some()
            {
                panic!("debug panic requested with F12 (KAIGI_DEBUG_PANIC is set)");
            }
            keymap::action_for_key(state, k).or_else(|| {
                // Keys typed while kaigi starts, before the terminal is raw, pass the tty's
                // line discipline, which turns Enter into a line feed: read here as Ctrl-J.
                // Unless the settings bind Ctrl-J, it is the Enter it was (from a trial: an
                // Enter typed at once after launch was lost).
                let lf = k.code == crossterm::event::KeyCode::Char('j')
                    && k.modifiers == crossterm::event::KeyModifiers::CONTROL;
                lf.then(|| {
                    let enter = crossterm::event::KeyEvent::new(
                        crossterm::event::KeyCode::Enter,
                        crossterm::event::KeyModifiers::NONE,
                    );
                    keymap::action_for_key(state, enter)
                })
                .flatten()
            })
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                col: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                rows: -3,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                col: m.column,
                row: m.row,
                rows: 3,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The bell and a desktop notification through the terminal: OSC 9 (iTerm2, WezTerm,
/// kitty, Ghostty) and OSC 777 (urxvt, foot, Ghostty, WezTerm); a terminal that knows
/// neither ignores them. Inside tmux they also go wrapped for its passthrough
/// (`allow-passthrough on`), which tmux drops when that is off.
pub(super) fn notify(text: &str) {
    use std::io::Write as _;
    // No control characters, and no `;` where OSC 777 separates its fields.
    let clean: String = crate::text::printable(text)
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let body = format!("kaigi: {clean}");
    let osc9 = format!("\x1b]9;{body}\x07");
    let osc777 = format!("\x1b]777;notify;kaigi;{}\x07", clean.replace(';', ","));
    let mut out = format!("\x07{osc9}{osc777}");
    if std::env::var_os("TMUX").is_some() {
        for seq in [&osc9, &osc777] {
            out.push_str(&format!(
                "\x1bPtmux;{}\x1b\\",
                seq.replace('\x1b', "\x1b\x1b")
            ));
        }
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
}
