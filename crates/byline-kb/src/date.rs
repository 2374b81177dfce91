//! Dates as sources give them: a year, a month or a day.
//!
//! Sources often know only "1960-06" or "2019"; comparing such dates with a story date
//! must not pretend to a precision the source never had.

use std::fmt;

/// A date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns `None` for anything else.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let month = match parts.next() {
            Some(m) => Some(parse_in_range(m, 1, 12)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_in_range(d, 1, 31)?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// The earliest day this date can mean, as a sortable number (YYYYMMDD).
    pub fn earliest(&self) -> u32 {
        self.key(1, 1)
    }

    /// The latest day this date can mean, as a sortable number (YYYYMMDD).
    pub fn latest(&self) -> u32 {
        self.key(12, 31)
    }

    fn key(&self, month_default: u8, day_default: u8) -> u32 {
        let month = self.month.unwrap_or(month_default) as u32;
        let day = self.day.unwrap_or(day_default) as u32;
        (self.year.max(0) as u32) * 10_000 + month * 100 + day
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> PartialDate {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
}

fn parse_in_range(text: &str, low: u8, high: u8) -> Option<u8> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u8 = text.parse().ok()?;
    (low..=high).contains(&value).then_some(value)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_rejects_garbage() {
        assert_eq!(
            PartialDate::parse("2021-10-21").unwrap().to_string(),
            "2021-10-21"
        );
        assert_eq!(
            PartialDate::parse("1960-06").unwrap().to_string(),
            "1960-06"
        );
        assert_eq!(PartialDate::parse("2019").unwrap().to_string(), "2019");
        assert!(PartialDate::parse("2019-13").is_none());
        assert!(PartialDate::parse("21-10-2021").is_none());
        assert!(PartialDate::parse("").is_none());
    }

    #[test]
    fn partial_dates_span_their_whole_period() {
        let june = PartialDate::parse("1960-06").unwrap();
        assert_eq!(june.earliest(), 19600601);
        assert_eq!(june.latest(), 19600631);
    }

    #[test]
    fn civil_conversion_matches_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
