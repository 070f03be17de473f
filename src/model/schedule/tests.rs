use super::*;

fn conf(sessions: &str) -> Result<Conference, ScheduleError> {
    Conference::from_json(&format!(
        r#"{{"version":1,"id":"c","name":"C","time_zone":"Asia/Tokyo","rooms":["A","B"],"sessions":[{sessions}]}}"#
    ))
}

fn session(id: &str, start: &str, end: &str, room: &str) -> String {
    format!(r#"{{"id":"{id}","title":"T {id}","start":"{start}","end":"{end}","room":"{room}"}}"#)
}

#[test]
fn sample_conference_is_two_days_in_tokyo_with_rooms_and_sessions() {
    let c = Conference::sample();
    assert_eq!(c.tz, chrono_tz::Asia::Tokyo);
    assert_eq!(c.days().len(), 2);
    assert!(c.rooms.len() >= 3);
    assert!(c.sessions().len() >= 25);
    assert!(
        c.sessions()
            .iter()
            .any(|s| s.title.chars().any(|ch| ch > '\u{3000}'))
    );
}

#[test]
fn days_follow_the_conference_time_zone_not_utc() {
    // 08:00 in Tokyo is 23:00 UTC the day before.
    let c = conf(
        &[
            session(
                "b",
                "2026-12-04T08:00:00+09:00",
                "2026-12-04T09:00:00+09:00",
                "B",
            ),
            session(
                "a",
                "2026-12-03T10:00:00+09:00",
                "2026-12-03T11:00:00+09:00",
                "A",
            ),
        ]
        .join(","),
    )
    .unwrap();
    let days: Vec<String> = c.days().iter().map(|d| d.to_string()).collect();
    assert_eq!(days, ["2026-12-03", "2026-12-04"]);
    assert_eq!(c.day_session(1, 0).unwrap().id, "b");
    assert_eq!(c.locate("b"), Some((1, 0)));
}

#[test]
fn sessions_sort_by_start_then_room_order() {
    let c = conf(
        &[
            session(
                "b",
                "2026-12-03T10:00:00+09:00",
                "2026-12-03T11:00:00+09:00",
                "B",
            ),
            session(
                "a",
                "2026-12-03T10:00:00+09:00",
                "2026-12-03T11:00:00+09:00",
                "A",
            ),
            session(
                "k",
                "2026-12-03T09:00:00+09:00",
                "2026-12-03T10:00:00+09:00",
                "B",
            ),
        ]
        .join(","),
    )
    .unwrap();
    let ids: Vec<&str> = c.day_sessions(0).map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["k", "a", "b"]);
}

#[test]
fn bad_schedules_are_refused_with_a_reason() {
    let backwards = session(
        "x",
        "2026-12-03T10:00:00+09:00",
        "2026-12-03T09:00:00+09:00",
        "A",
    );
    assert!(matches!(conf(&backwards), Err(ScheduleError::Backwards(id)) if id == "x"));
    let one = session(
        "x",
        "2026-12-03T10:00:00+09:00",
        "2026-12-03T11:00:00+09:00",
        "A",
    );
    assert!(matches!(
        conf(&format!("{one},{one}")),
        Err(ScheduleError::DuplicateId(_))
    ));
    let bad_tz = r#"{"version":1,"id":"c","name":"C","time_zone":"Mars/Olympus","sessions":[]}"#;
    assert!(matches!(
        Conference::from_json(bad_tz),
        Err(ScheduleError::TimeZone(_))
    ));
    let newer = r#"{"version":99,"id":"c","name":"C","time_zone":"UTC","sessions":[]}"#;
    assert!(matches!(
        Conference::from_json(newer),
        Err(ScheduleError::TooNew(99))
    ));
    assert!(matches!(
        Conference::from_json("{"),
        Err(ScheduleError::Json(_))
    ));
}

#[test]
fn hostile_titles_lose_their_escape_sequences() {
    let c = conf(
        &session(
            "x",
            "2026-12-03T10:00:00+09:00",
            "2026-12-03T11:00:00+09:00",
            "A\\u001b[2J",
        )
        .replace("T x", "Evil\\u001b]0;owned\\u0007 talk"),
    )
    .unwrap();
    let s = c.session("x").unwrap();
    assert_eq!(s.title, "Evil talk");
    assert_eq!(s.room, "A");
}

#[test]
fn day_for_picks_today_during_the_conference_else_the_nearest_end() {
    let c = Conference::sample();
    let first = c.days()[0];
    let at = |d: NaiveDate| {
        d.and_hms_opt(3, 0, 0)
            .unwrap()
            .and_local_timezone(c.tz)
            .unwrap()
            .with_timezone(&Utc)
    };
    assert_eq!(c.day_for(at(first)), 0);
    assert_eq!(c.day_for(at(first.succ_opt().unwrap())), 1);
    assert_eq!(c.day_for(at(first.pred_opt().unwrap())), 0);
    assert_eq!(c.day_for(at(first + chrono::Days::new(30))), 1);
}
