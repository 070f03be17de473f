//! Downloading a schedule from where a conference publishes it (http and https, rustls through
//! `ureq`), with a conditional request when a copy is kept: "unchanged" costs one round trip.
//! At the venue without a network, a clear word instead of a stack of errors.

use std::io::{Read, Write as _};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// No schedule is this big; a body that goes on is something else.
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;
/// Connecting gives up after this long; the whole download after `total()`.
const CONNECT: Duration = Duration::from_secs(10);

/// How long a whole download may take: 120 s. Debug builds read KAIGI_DEBUG_HTTP_TIMEOUT_MS so
/// that end-to-end tests see a timeout without waiting two minutes.
fn total() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("KAIGI_DEBUG_HTTP_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Duration::from_millis(ms);
    }
    Duration::from_secs(120)
}

/// What was remembered of the last download, to ask only for a change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

#[derive(Debug)]
pub enum Fetched {
    /// The schedule, and what to send next time.
    Body {
        text: String,
        validators: Validators,
    },
    /// The server says the copy kept is current.
    NotModified,
}

/// Why a download failed. Its text is the interface's language.
#[derive(Debug)]
pub enum FetchError {
    Offline {
        host: String,
    },
    Timeout {
        url: String,
        secs: u64,
    },
    Status {
        url: String,
        status: u16,
        /// The catalogue id of what the status means, if it says more than its number.
        hint: Option<&'static str>,
    },
    TooBig {
        url: String,
    },
    NotText {
        url: String,
    },
    Other {
        url: String,
        message: String,
    },
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use rust_i18n::t;
        let text = match self {
            FetchError::Offline { host } => t!("err.fetch_offline", host = host),
            FetchError::Timeout { url, secs } => t!("err.fetch_timeout", url = url, secs = secs),
            FetchError::Status { url, status, hint } => {
                let hint = hint.map(|h| t!(h).into_owned()).unwrap_or_default();
                t!("err.fetch_status", url = url, status = status, hint = hint)
            }
            FetchError::TooBig { url } => {
                t!("err.fetch_too_big", url = url, mb = MAX_BYTES / 1024 / 1024)
            }
            FetchError::NotText { url } => t!("err.fetch_not_text", url = url),
            FetchError::Other { url, message } => return write!(f, "{url}: {message}"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for FetchError {}

/// A download done on another thread: the URL and what came of it.
pub type Answer = (String, Result<Fetched, FetchError>);

/// Whether `arg` names a place on the web rather than a file.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Downloads `url`, asking only for a change from `known`. `progress` is told the bytes read
/// so far, for a large body.
pub fn fetch(
    url: &str,
    known: Option<&Validators>,
    mut progress: impl FnMut(u64),
) -> Result<Fetched, FetchError> {
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT))
        .timeout_global(Some(total()))
        .http_status_as_error(false)
        .user_agent(concat!("kaigi/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent: ureq::Agent = config.into();
    let mut request = agent.get(url);
    if let Some(v) = known {
        if let Some(etag) = &v.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &v.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let response = request.call().map_err(|e| error(url, e))?;
    let status = response.status().as_u16();
    if status == 304 && known.is_some() {
        return Ok(Fetched::NotModified);
    }
    if !(200..300).contains(&status) {
        let hint = match status {
            404 | 410 => Some("err.fetch_gone"),
            401 | 403 => Some("err.fetch_forbidden"),
            500..=599 => Some("err.fetch_server"),
            _ => None,
        };
        return Err(FetchError::Status {
            url: url.to_string(),
            status,
            hint,
        });
    }
    let header = |name: &str| {
        let value = response.headers().get(name)?.to_str().ok()?;
        Some(value.to_string())
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let mut reader = response
        .into_body()
        .into_with_config()
        .limit(MAX_BYTES + 1)
        .reader();
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return Err(read_error(url, e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > MAX_BYTES {
            return Err(FetchError::TooBig {
                url: url.to_string(),
            });
        }
        progress(bytes.len() as u64);
    }
    let text = String::from_utf8(bytes).map_err(|_| FetchError::NotText {
        url: url.to_string(),
    })?;
    Ok(Fetched::Body { text, validators })
}

/// Progress on standard error while a large body comes in, when it is a terminal.
pub fn show_progress(read: u64) {
    use std::io::IsTerminal as _;
    const MB: u64 = 1024 * 1024;
    if read >= MB && read % MB < 64 * 1024 && std::io::stderr().is_terminal() {
        let _ = write!(std::io::stderr(), "\rdownloaded {} MB", read / MB);
    }
}

fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

fn error(url: &str, e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => {
            FetchError::Offline { host: host_of(url) }
        }
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url: url.to_string(),
            secs: total().as_secs(),
        },
        // No network: the name cannot be looked up, or nothing answers.
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::NetworkUnreachable
                    | std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NetworkDown
            ) || io.to_string().contains("lookup") =>
        {
            FetchError::Offline { host: host_of(url) }
        }
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooBig {
            url: url.to_string(),
        },
        other => FetchError::Other {
            url: url.to_string(),
            message: other.to_string(),
        },
    }
}

fn read_error(url: &str, e: std::io::Error) -> FetchError {
    match e.kind() {
        std::io::ErrorKind::TimedOut => FetchError::Timeout {
            url: url.to_string(),
            secs: total().as_secs(),
        },
        _ if e.to_string().contains("limit") => FetchError::TooBig {
            url: url.to_string(),
        },
        _ => FetchError::Other {
            url: url.to_string(),
            message: e.to_string(),
        },
    }
}
