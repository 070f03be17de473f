//! Any bytes as a schedule file: `import::parse` (format detection, then the iCalendar, frab/pretalx
//! JSON, frab/pentabarf XML or native reader) must return Ok or Err without panicking, and a
//! schedule `Conference::from_file` accepts must show no control character and load back after
//! saving.

#![no_main]

use kaigi::import::{self, Options};
use kaigi::model::schedule::Conference;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A file that is not UTF-8 is read the way a user would convert it: lossily.
    let text = String::from_utf8_lossy(data);
    let imported = match import::parse(&text, &Options::default()) {
        Ok(i) => i,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let Ok(c) = Conference::from_file(imported.schedule) else {
        return;
    };
    let clean = |s: &str| !s.chars().any(char::is_control);
    assert!(clean(&c.name));
    assert!(c.rooms.iter().all(|r| clean(r)));
    for s in c.sessions() {
        assert!(clean(&s.title), "{:?}", s.title);
        assert!(clean(&s.room), "{:?}", s.room);
        assert!(clean(&s.summary), "{:?}", s.summary);
        assert!(s.speakers.iter().all(|p| clean(p)), "{:?}", s.speakers);
        assert!(s.track.iter().chain(&s.url).all(|t| clean(t)));
    }
    for d in 0..c.days().len() {
        let _ = c.day_sessions(d).count();
    }
    let json = serde_json::to_string(&c.to_file()).expect("a schedule serializes");
    Conference::from_json(&json).expect("a loaded schedule loads back");
});
