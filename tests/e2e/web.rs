//! Importing straight from where a schedule is published, against a real HTTP server on
//! 127.0.0.1 started inside the test: a download, "unchanged" in one round trip (ETag), a
//! refresh that brings a change, a redirect, 404, 500, a timeout, a 20 MB body that is no
//! schedule, a web page, and no server at all.

use crate::support;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn kaigi_cli(data: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(support::bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("KAIGI_DEBUG_HTTP_TIMEOUT_MS", "1500")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every request the server saw: its path and the ETag it sent.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// What the server answers for the schedule, and every request it saw (path and ETag sent).
struct Server {
    base: String,
    schedule: Arc<Mutex<(String, String)>>,
    seen: Seen,
}

fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let schedule = Arc::new(Mutex::new((
        std::fs::read_to_string(format!("{FIXTURES}/sessionize-kaigi2026.ics")).unwrap(),
        "\"v1\"".to_string(),
    )));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (s, log) = (schedule.clone(), seen.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (s, log) = (s.clone(), log.clone());
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap_or(0);
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut etag = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("if-none-match:") {
                        etag = Some(v.trim().to_string());
                    }
                }
                log.lock().unwrap().push((path.clone(), etag.clone()));
                let mut stream = stream;
                let (text, tag) = s.lock().unwrap().clone();
                let reply = |stream: &mut std::net::TcpStream,
                             status: &str,
                             headers: &str,
                             body: &[u8]| {
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                };
                match path.as_str() {
                    "/schedule.ics" if etag.as_deref() == Some(tag.as_str()) => {
                        reply(&mut stream, "304 Not Modified", "", b"")
                    }
                    "/schedule.ics" => reply(
                        &mut stream,
                        "200 OK",
                        &format!("ETag: {tag}\r\nContent-Type: text/calendar\r\n"),
                        text.as_bytes(),
                    ),
                    "/moved" => reply(&mut stream, "302 Found", "Location: /schedule.ics\r\n", b""),
                    "/gone" => reply(&mut stream, "404 Not Found", "", b"no"),
                    "/broken" => reply(&mut stream, "500 Internal Server Error", "", b"oops"),
                    "/slow" => std::thread::sleep(Duration::from_secs(5)),
                    "/big" => reply(&mut stream, "200 OK", "", &vec![b'x'; 20 * 1024 * 1024]),
                    _ => reply(
                        &mut stream,
                        "200 OK",
                        "",
                        b"<html><body>Hello</body></html>",
                    ),
                }
            });
        }
    });
    Server {
        base,
        schedule,
        seen,
    }
}

/// A server, and its schedule imported from it into `data`.
fn imported_from_server(data: &Path) -> Server {
    let server = serve();
    let url = format!("{}/schedule.ics", server.base);
    let (ok, _, err) = kaigi_cli(data, &["import", &url]);
    assert!(ok, "{err}");
    server
}

#[test]
fn a_schedule_from_its_url_is_kept_current_with_one_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let server = serve();
    let url = format!("{}/schedule.ics", server.base);
    let (ok, out, err) = kaigi_cli(data, &["import", &url]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Imported Kaigi Conf 2026 (iCalendar) as kaigi-conf-2026"),
        "{out}"
    );
    // Unchanged: the ETag is sent and 304 costs one round trip.
    let (ok, out, err) = kaigi_cli(data, &["refresh"]);
    assert!(ok, "{err}");
    assert!(out.contains("unchanged at"), "{out}");
    let last = server.seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last, ("/schedule.ics".into(), Some("\"v1\"".into())));
    // The organisers retitle a talk: the refresh brings it.
    {
        let mut s = server.schedule.lock().unwrap();
        s.0 = s.0.replacen("SUMMARY:", "SUMMARY:(updated) ", 1);
        s.1 = "\"v2\"".into();
    }
    let (ok, out, err) = kaigi_cli(data, &["refresh"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("1 retitled") || out.contains("(new title)"),
        "{out}"
    );
    // Through a redirect, the same.
    let (ok, out, err) = kaigi_cli(
        data,
        &[
            "import",
            &format!("{}/moved", server.base),
            "--conference",
            "kaigi-conf-2026",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("as kaigi-conf-2026"), "{out}");
}

#[test]
fn every_way_a_download_fails_is_said_plainly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let server = serve();
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/schedule.ics", l.local_addr().unwrap())
    };
    for (url, want) in [
        (format!("{}/gone", server.base), "the server answered 404"),
        (format!("{}/broken", server.base), "the server answered 500"),
        (format!("{}/slow", server.base), "took too long to answer"),
        (
            format!("{}/big", server.base),
            "not a schedule kaigi can read",
        ),
        (
            format!("{}/page.html", server.base),
            "not a schedule kaigi can read: it looks like a web page (HTML)",
        ),
        (closed, "cannot reach 127.0.0.1"),
    ] {
        let (ok, _, err) = kaigi_cli(data, &["import", &url]);
        assert!(!ok, "{url} imported");
        assert!(err.contains(want), "{url}: {err}");
    }
    assert!(!data.join("conferences").exists(), "nothing was created");
}

#[test]
fn offline_at_the_venue_the_copy_stays_and_refresh_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // A server that answers once; then the schedule points to one that is gone.
    let _server = imported_from_server(data);
    let record = data.join("conferences/kaigi-conf-2026/source.json");
    let mut r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let schedule = data.join("conferences/kaigi-conf-2026/schedule.json");
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schedule).unwrap()).unwrap();
    let gone = format!("http://{closed}/schedule.ics");
    s["source"] = gone.clone().into();
    r["url"] = gone.into();
    std::fs::write(&schedule, serde_json::to_vec(&s).unwrap()).unwrap();
    std::fs::write(&record, serde_json::to_vec(&r).unwrap()).unwrap();
    let before = std::fs::read(&schedule).unwrap();
    let (ok, _, err) = kaigi_cli(data, &["refresh", "--conference", "kaigi-conf-2026"]);
    assert!(!ok);
    assert!(
        err.contains("cannot reach") && err.contains("kept the copy from"),
        "{err}"
    );
    assert_eq!(std::fs::read(&schedule).unwrap(), before);
}

#[test]
fn slides_published_after_the_talk_resolve_the_follow_up_you_marked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let schedule = dir.path().join("exconf.xml");
    let original = std::fs::read_to_string(format!("{FIXTURES}/frab-exconf2026.xml")).unwrap();
    std::fs::write(&schedule, &original).unwrap();
    let (ok, _, err) = kaigi_cli(&data, &["import", schedule.to_str().unwrap()]);
    assert!(ok, "{err}");
    // The opening talk is marked "slides not published yet" (as `p` writes it).
    let id = "5b1c9e3a-0c6e-4f4e-9d61-000000000101";
    let notes = data.join(format!("conferences/exconf2026/notes/{id}.json"));
    std::fs::create_dir_all(notes.parent().unwrap()).unwrap();
    let file = serde_json::json!({
        "version": 2, "conference": "exconf2026", "session": id,
        "saved_at": "2026-12-03T10:40:00+09:00", "slides_pending": true, "bullets": []
    });
    std::fs::write(&notes, serde_json::to_vec(&file).unwrap()).unwrap();
    // The slides come out: the schedule file gets the attachment; refresh reads it again.
    let with_slides = original.replacen(
        "<attachments/>",
        "<attachments><attachment type=\"slides\" href=\"https://exconf.example.jp/101.pdf\">Slides</attachment></attachments>",
        1,
    );
    std::fs::write(&schedule, with_slides).unwrap();
    let (ok, out, err) = kaigi_cli(&data, &["refresh"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("slides now published for 1 session you marked"),
        "{out}"
    );
    // Opening kaigi marks the follow-up done, on disk.
    let mut app = support::launch(&data, "2026-12-03T12:00:00+09:00").start();
    app.wait_for("Slides now published for 1 session", support::TIMEOUT)
        .unwrap();
    app.send(b"q");
    assert!(app.wait_exit(support::TIMEOUT).is_some_and(|s| s.success()));
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&notes).unwrap()).unwrap();
    assert_eq!(saved["slides_done"], true, "{saved}");
    assert!(saved.get("slides_pending").is_none(), "{saved}");
}

#[test]
fn f5_refreshes_in_the_app_and_offline_keeps_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let server = imported_from_server(data);
    {
        let mut s = server.schedule.lock().unwrap();
        s.0 = s.0.replacen("SUMMARY:", "SUMMARY:(updated) ", 1);
        s.1 = "\"v2\"".into();
    }
    let mut app = support::launch(data, "2026-12-03T08:00:00+09:00")
        .size(100, 30)
        .start();
    support::to_schedule(&mut app);
    app.send(support::keys::F5);
    app.wait_for("Refreshed from where it is published", support::TIMEOUT)
        .unwrap();
    app.wait_for("(updated)", support::TIMEOUT).unwrap();
    let schedule = data.join("conferences/kaigi-conf-2026/schedule.json");
    assert!(support::on_disk(|| std::fs::read_to_string(&schedule)
        .unwrap()
        .contains("(updated)")));
    app.send(support::keys::F5);
    app.wait_for("Schedule unchanged", support::TIMEOUT)
        .unwrap();
    app.send(b"q");
    assert!(app.wait_exit(support::TIMEOUT).is_some_and(|s| s.success()));
    // At the venue without a network: the copy stays, and the app says so.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let mut s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&schedule).unwrap()).unwrap();
    s["source"] = format!("http://{closed}/schedule.ics").into();
    std::fs::write(&schedule, serde_json::to_vec(&s).unwrap()).unwrap();
    let mut app = support::launch(data, "2026-12-03T08:00:00+09:00")
        .size(100, 30)
        .start();
    support::to_schedule(&mut app);
    app.send(support::keys::F5);
    app.wait_for("Refresh: cannot reach", support::TIMEOUT)
        .unwrap();
    app.wait_for("(updated)", support::TIMEOUT).unwrap();
}
