//! Dates in front matter: a day or an RFC 3339 time, read in the site's time zone.
//!
//! Only dates that feeds (RFC 3339) and the sitemap (W3C datetime) can write are taken;
//! every other is refused with a message saying why. This module knows nothing of
//! files or positions: the caller places the message.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};

/// The years a date may fall in, in UTC and in the site's time zone: the years that
/// RFC 3339 (feeds) and the W3C datetime format (sitemaps) can write.
const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

/// Reads `YYYY-MM-DD` (midnight in the site's time zone) or an RFC 3339 timestamp,
/// refusing any that feeds and sitemaps could not write.
pub(super) fn parse_date(
    text: &str,
    time_zone: &TimeZone,
) -> std::result::Result<ZonedDateTime, String> {
    let text = text.trim();
    let date = if text.len() == 10 {
        let date: Date = text.parse().map_err(|_| impossible_date(text))?;
        date.to_zoned_datetime(time_zone.clone())
            .map_err(|_| beyond_the_last_time(text))?
    } else {
        let pieces = Pieces::parse(text).map_err(|_| impossible_date(text))?;
        if let Some(offset) = pieces.to_numeric_offset() {
            check_offset(text, offset)?;
        }
        let timestamp: jiff::Timestamp = text.parse().map_err(|_| match pieces.offset() {
            Some(_) => beyond_the_last_time(text),
            None => impossible_date(text),
        })?;
        timestamp.to_zoned_datetime(time_zone.clone())
    };
    let utc_year = date.with_time_zone(TimeZone::UTC).year();
    for (year, zone) in [
        (utc_year, "UTC"),
        (
            date.year(),
            time_zone.iana_name().unwrap_or("the site's time zone"),
        ),
    ] {
        if !YEARS.contains(&year) {
            return Err(format!(
                "`{text}` falls in the year {year} in {zone}: dates must fall in the years {:04} to {} in UTC and in the site's time zone, as feeds and sitemaps need",
                YEARS.start(),
                YEARS.end()
            ));
        }
    }
    Ok(date)
}

/// Refuses offsets that RFC 3339 cannot write: 24 hours or more, or seconds in them
/// (the parser takes up to `±25:59:59`).
fn check_offset(text: &str, offset: Offset) -> std::result::Result<(), String> {
    let seconds = offset.seconds().unsigned_abs();
    if seconds < 24 * 3600 && seconds.is_multiple_of(60) {
        return Ok(());
    }
    let sign = if offset.seconds() < 0 { '-' } else { '+' };
    Err(format!(
        "`{text}` has the offset {sign}{:02}:{:02}{}, which RFC 3339 cannot write: offsets run from -23:59 to +23:59",
        seconds / 3600,
        seconds / 60 % 60,
        match seconds % 60 {
            0 => String::new(),
            rest => format!(":{rest:02}"),
        }
    ))
}

fn impossible_date(text: &str) -> String {
    format!(
        "`{text}` is not a valid date: use YYYY-MM-DD (such as 2024-04-09) or RFC 3339 (2024-04-09T14:30:00Z)"
    )
}

fn beyond_the_last_time(text: &str) -> String {
    format!(
        "`{text}` is later than the last time briefing can date ({}): use an earlier date",
        jiff::Timestamp::MAX.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_error(date: &str, zone: &str) -> String {
        let zone = TimeZone::get(zone).unwrap();
        parse_date(date, &zone).unwrap_err()
    }

    #[test]
    fn dates_outside_the_years_feeds_can_write_are_refused() {
        assert_eq!(
            date_error("0000-01-01T00:00:00+05:00", "UTC"),
            "`0000-01-01T00:00:00+05:00` falls in the year -1 in UTC: dates must fall in the years 0001 to 9999 in UTC and in the site's time zone, as feeds and sitemaps need"
        );
        // Midnight on 1 January of year 1 at +14:00 is still year 0 in UTC.
        assert!(date_error("0001-01-01", "Etc/GMT-14").contains("year 0 in UTC"));
        assert!(date_error("0001-01-01T04:00:00Z", "Etc/GMT+5").contains("year 0 in Etc/GMT+5"));
        assert_eq!(
            date_error("9999-12-31", "UTC"),
            "`9999-12-31` is later than the last time briefing can date (9999-12-30T22:00:00Z): use an earlier date"
        );
        assert!(date_error("9999-12-31T12:00:00Z", "UTC").contains("later than the last time"));
    }

    #[test]
    fn the_first_and_last_dates_feeds_can_write_are_read() {
        let utc = TimeZone::UTC;
        let first = parse_date("0001-01-01T00:00:00Z", &utc).unwrap();
        assert_eq!(
            first.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            "0001-01-01T00:00:00+00:00"
        );
        let last = parse_date("9999-12-30", &utc).unwrap();
        assert_eq!(last.strftime("%Y-%m-%d").to_string(), "9999-12-30");
        // Far enough east, 31 December 9999 is still before the last time.
        let east = TimeZone::get("Etc/GMT-14").unwrap();
        assert_eq!(parse_date("9999-12-31", &east).unwrap().year(), 9999);
    }

    #[test]
    fn offsets_rfc_3339_cannot_write_are_refused() {
        assert_eq!(
            date_error("2024-01-01T00:00:00+25:00", "UTC"),
            "`2024-01-01T00:00:00+25:00` has the offset +25:00, which RFC 3339 cannot write: offsets run from -23:59 to +23:59"
        );
        assert!(date_error("2024-01-01T00:00:00-24:00", "UTC").contains("offset -24:00"));
        assert!(date_error("2024-01-01T00:00:00+05:30:15", "UTC").contains("offset +05:30:15"));
        for good in [
            "2024-01-01T00:00:00+23:59",
            "2024-01-01T00:00:00-00:00",
            "2024-01-01T00:00:00z",
        ] {
            assert!(parse_date(good, &TimeZone::UTC).is_ok(), "{good}");
        }
    }
}
