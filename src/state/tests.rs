use super::*;

fn state() -> State {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:50:00+09:00")
        .unwrap()
        .with_timezone(&Utc);
    State::new(Conference::sample(), HashMap::new(), now, (100, 30))
}

#[test]
fn an_ordinary_message_goes_with_the_next_key() {
    let mut s = state();
    s.say("Exported to day.md");
    s.key_pressed();
    assert_eq!(s.message_text(), None);
    assert_eq!(s.log.len(), 1, "still in the log");
}

#[test]
fn a_notice_stays_whatever_keys_come_until_it_has_been_shown_long_enough() {
    let mut s = state();
    s.notice("Notes changed outside kaigi, reloaded");
    for _ in 0..50 {
        s.key_pressed();
    }
    assert!(s.message_text().is_some());
    s.now += NOTICE_STAYS - chrono::TimeDelta::seconds(1);
    s.key_pressed();
    assert!(s.message_text().is_some());
    s.now += chrono::TimeDelta::seconds(1);
    s.key_pressed();
    assert_eq!(s.message_text(), None);
    assert_eq!(s.log[0].text, "Notes changed outside kaigi, reloaded");
    assert!(s.log[0].notice);
}
