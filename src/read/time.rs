//! When a record was published: the time fields of JSON and CSV records (`--time-field`)
//! and the dates of feed entries, as seconds since the Unix epoch (UTC).
//!
//! Accepted forms, tried in this order: an integer (Unix seconds, or milliseconds when it has
//! 12 digits or more, as exports of Java and JavaScript clocks write them), RFC 3339 / ISO 8601
//! (`2026-02-21T14:05:00Z`, `2026-02-21 14:05:00+01:00`), RFC 2822 as RSS writes `pubDate`
//! (`Sat, 21 Feb 2026 14:05:00 GMT`), a date and time without an offset (read as UTC), and a
//! date alone (`2026-02-21`, midnight UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixSeconds = i64;

/// Integers with at least this many digits are milliseconds (10^11 seconds is the year 5138;
/// 10^11 milliseconds is March 1973).
const MILLISECOND_DIGITS: usize = 12;

/// The time `text` names, or why it names none.
pub fn parse_time(text: &str) -> Result<UnixSeconds, String> {
    let text = text.trim();
    if let Some(seconds) = parse_integer(text) {
        return Ok(seconds);
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.timestamp());
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return Ok(time.timestamp());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(time.and_utc().timestamp());
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && let Some(midnight) = date.and_hms_opt(0, 0, 0)
    {
        return Ok(midnight.and_utc().timestamp());
    }
    Err(format!(
        "{text:?} is not a time: expected Unix seconds or milliseconds, RFC 3339 \
         (2026-02-21T14:05:00Z), RFC 2822 (Sat, 21 Feb 2026 14:05:00 GMT) or a date (2026-02-21)"
    ))
}

/// A time given as a JSON number: whole Unix seconds or milliseconds (see [`parse_time`]).
pub fn time_of_number(number: &serde_json::Number) -> Result<UnixSeconds, String> {
    match number.as_i64() {
        Some(n) => Ok(from_integer(n, n.unsigned_abs().to_string().len())),
        None => Err(format!(
            "{number} is not a time: expected whole Unix seconds or milliseconds"
        )),
    }
}

/// `text` as an integer time, if it is one.
fn parse_integer(text: &str) -> Option<UnixSeconds> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>()
        .ok()
        .map(|n| from_integer(n, digits.len()))
}

/// Seconds from an integer of `digits` digits: seconds, or milliseconds when it is long.
fn from_integer(n: i64, digits: usize) -> UnixSeconds {
    if digits >= MILLISECOND_DIGITS {
        n.div_euclid(1000)
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-02-21T14:05:00Z.
    const AFTERNOON: UnixSeconds = 1_771_682_700;

    #[test]
    fn reads_every_documented_form() {
        for text in [
            "1771682700",
            "1771682700000",
            "1771682700999",
            "2026-02-21T14:05:00Z",
            "2026-02-21T15:05:00+01:00",
            "2026-02-21T14:05:00.250Z",
            "2026-02-21 14:05:00Z",
            "Sat, 21 Feb 2026 14:05:00 GMT",
            "Sat, 21 Feb 2026 09:05:00 -0500",
            "2026-02-21T14:05:00",
            "2026-02-21 14:05:00",
            "2026-02-21 14:05",
            "  2026-02-21T14:05:00Z\n",
        ] {
            assert_eq!(parse_time(text), Ok(AFTERNOON), "{text}");
        }
        assert_eq!(
            parse_time("2026-02-21"),
            Ok(AFTERNOON - (14 * 3600 + 5 * 60))
        );
    }

    #[test]
    fn uci_style_milliseconds_are_seconds() {
        assert_eq!(parse_time("1394470370698"), Ok(1_394_470_370));
        let number = serde_json::Number::from(1_394_470_370_698_i64);
        assert_eq!(time_of_number(&number), Ok(1_394_470_370));
        assert_eq!(
            time_of_number(&serde_json::Number::from(86_400)),
            Ok(86_400)
        );
    }

    #[test]
    fn what_is_no_time_says_what_is_expected() {
        for text in [
            "",
            "yesterday",
            "21/02/2026",
            "2026-13-01",
            "12:30",
            "1.5e9",
        ] {
            let error = parse_time(text).unwrap_err();
            assert!(error.contains("is not a time: expected"), "{text}: {error}");
        }
        let fraction = serde_json::Number::from_f64(1.5).unwrap();
        assert!(time_of_number(&fraction).is_err());
    }

    #[test]
    fn times_before_1970_are_negative() {
        assert_eq!(parse_time("1969-12-31"), Ok(-86_400));
        assert_eq!(parse_time("-86400"), Ok(-86_400));
        assert_eq!(parse_time("-1000000000000"), Ok(-1_000_000_000));
    }
}
