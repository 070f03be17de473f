//! Reading instants from files: RFC 3339 first, as kaigi writes them, then anything chrono
//! reads.

use chrono::{DateTime, FixedOffset};

/// An instant as written (RFC 3339), read without chrono's general parser (which is tried only
/// when that fails): each bullet and each session has one or two, and the general parser was 5 %
/// of reading a 10,000-bullet session at start.
pub fn deserialize<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    struct Instant;
    impl serde::de::Visitor<'_> for Instant {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a date and time with its UTC offset")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(s)
                .or_else(|_| s.parse())
                .map_err(E::custom)
        }
    }
    d.deserialize_str(Instant)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct At {
        #[serde(deserialize_with = "super::deserialize")]
        at: chrono::DateTime<chrono::FixedOffset>,
    }

    fn read(text: &str) -> Result<String, String> {
        let json = format!(r#"{{"at":"{text}"}}"#);
        serde_json::from_str::<At>(&json)
            .map(|a| a.at.to_rfc3339())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn instants_read_as_chrono_reads_them() {
        assert_eq!(
            read("2026-12-03T09:00:00+09:00").unwrap(),
            "2026-12-03T09:00:00+09:00"
        );
        assert_eq!(
            read("2026-12-03T00:00:00.250Z").unwrap(),
            "2026-12-03T00:00:00.250+00:00"
        );
        // Not RFC 3339, but what chrono's own reading takes: still read.
        assert_eq!(
            read("2026-12-03 09:00:00+09:00").unwrap(),
            "2026-12-03T09:00:00+09:00"
        );
        for bad in ["2026-12-03T09:00:00", "tomorrow", ""] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
