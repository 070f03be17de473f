//! The interface's language: English, or Japanese with a Japanese locale, `--ui-lang ja` or the
//! settings file's `language`. Messages are looked up by id with `rust_i18n::t!` in the
//! catalogues `assets/locales/<lang>.toml`, which hold the same ids (a test checks).

pub use crate::export::Lang;

// Cargo rebuilds when a catalogue changes only if the crate reads it: the `i18n!` macro reads
// them without telling cargo.
const _CATALOGUES: [&str; 2] = [
    include_str!("../assets/locales/en.toml"),
    include_str!("../assets/locales/ja.toml"),
];

/// The language the interface speaks: the one asked for on the command line, else the settings
/// file's, else the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
pub fn choose(asked: Option<Lang>, settings: Option<Lang>) -> Lang {
    asked
        .or(settings)
        .or_else(Lang::from_locale)
        .unwrap_or_default()
}

/// Makes `lang` the language of every message from now on.
pub fn set(lang: Lang) {
    rust_i18n::set_locale(lang.code());
}

/// The language messages are in now.
pub fn current() -> Lang {
    if &*rust_i18n::locale() == "ja" {
        Lang::Ja
    } else {
        Lang::En
    }
}
