//! Named styles, in the colours of the palette (the settings file's `[colors]`, else the
//! defaults). With `NO_COLOR` set, every style falls back to bold, reverse and dim, so the
//! screen still tells focus, selection and state apart without colour.

use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

/// The colours of the screen, by what they mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub border: Color,
    pub selected_bg: Color,
    pub selected_fg: Color,
    pub time: Color,
    pub room: Color,
    pub marker: Color,
    pub follow_up: Color,
    pub now: Color,
    pub status_bg: Color,
    pub status_fg: Color,
    pub error_bg: Color,
    pub error_fg: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            border: Color::Cyan,
            selected_bg: Color::Blue,
            selected_fg: Color::White,
            time: Color::Yellow,
            room: Color::Magenta,
            marker: Color::Cyan,
            follow_up: Color::Yellow,
            now: Color::Red,
            status_bg: Color::DarkGray,
            status_fg: Color::White,
            error_bg: Color::Red,
            error_fg: Color::White,
        }
    }
}

impl Palette {
    /// The names the settings file uses, with each colour.
    pub fn names(&self) -> [(&'static str, Color); 12] {
        [
            ("border", self.border),
            ("selected_bg", self.selected_bg),
            ("selected_fg", self.selected_fg),
            ("time", self.time),
            ("room", self.room),
            ("marker", self.marker),
            ("follow_up", self.follow_up),
            ("now", self.now),
            ("status_bg", self.status_bg),
            ("status_fg", self.status_fg),
            ("error_bg", self.error_bg),
            ("error_fg", self.error_fg),
        ]
    }

    /// Sets the colour called `name` (a name such as `red` or `lightblue`, `#rrggbb`, or a
    /// 256-colour index); why not, if it cannot.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let color: Color = value.parse().map_err(|_| {
            rust_i18n::t!("err.not_a_colour", value = format!("{value:?}")).into_owned()
        })?;
        let slot = match name {
            "border" => &mut self.border,
            "selected_bg" => &mut self.selected_bg,
            "selected_fg" => &mut self.selected_fg,
            "time" => &mut self.time,
            "room" => &mut self.room,
            "marker" => &mut self.marker,
            "follow_up" => &mut self.follow_up,
            "now" => &mut self.now,
            "status_bg" => &mut self.status_bg,
            "status_fg" => &mut self.status_fg,
            "error_bg" => &mut self.error_bg,
            "error_fg" => &mut self.error_fg,
            other => return Err(rust_i18n::t!("err.no_such_colour", name = other).into_owned()),
        };
        *slot = color;
        Ok(())
    }
}

/// The palette in force, set once at start from the settings file.
static PALETTE: OnceLock<Palette> = OnceLock::new();

/// Puts `palette` in force for the run.
pub fn set_palette(palette: Palette) {
    let _ = PALETTE.set(palette);
}

fn palette() -> Palette {
    PALETTE.get().copied().unwrap_or_default()
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn pick(self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new()
                .fg(palette().border)
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn selected(self) -> Style {
        self.pick(
            Style::new()
                .bg(palette().selected_bg)
                .fg(palette().selected_fg),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn selected_unfocused(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn time(self) -> Style {
        self.pick(Style::new().fg(palette().time), Style::new())
    }

    pub fn room(self) -> Style {
        self.pick(
            Style::new().fg(palette().room),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn marker(self) -> Style {
        self.pick(Style::new().fg(palette().marker), Style::new())
    }

    pub fn follow_up_open(self) -> Style {
        self.pick(
            Style::new().fg(palette().follow_up),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn follow_up_done(self) -> Style {
        Style::new().add_modifier(Modifier::DIM | Modifier::CROSSED_OUT)
    }

    pub fn now(self) -> Style {
        self.pick(
            Style::new().fg(palette().now),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn status(self) -> Style {
        self.pick(
            Style::new().bg(palette().status_bg).fg(palette().status_fg),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn error(self) -> Style {
        self.pick(
            Style::new()
                .bg(palette().error_bg)
                .fg(palette().error_fg)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }
}
