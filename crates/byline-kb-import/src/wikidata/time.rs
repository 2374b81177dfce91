//! Wikidata times to the KB's `YYYY[-MM[-DD]]`, keeping only the precision the source
//! claims: a year-precision birth date must not become "1952-01-01".

use super::raw::Value;

/// Wikidata's precision codes for a year, a month and a day.
const YEAR: u64 = 9;
const MONTH: u64 = 10;
const DAY: u64 = 11;

/// The proleptic Julian calendar item, used for many dates before 1918 or so.
const JULIAN_CALENDAR: &str = "Q1985786";

/// A KB date from a time value, or `""` when the value is not a time, is coarser than a
/// year, is outside years 0001–9999 (the KB's dates have four-digit positive years), or
/// is malformed. A month or day written as `00` lowers the precision instead of being
/// invented.
pub fn kb_date(value: Option<&Value>) -> String {
    let Some(Value::Time {
        time,
        precision,
        calendar,
    }) = value
    else {
        return String::new();
    };
    let Some((year, month, day)) = parse_time(time) else {
        return String::new();
    };
    if *precision < YEAR || !(1..=9999).contains(&year) {
        return String::new();
    }
    if *precision >= DAY && month != 0 && day != 0 {
        let (year, month, day) = if calendar.ends_with(JULIAN_CALENDAR) {
            julian_to_gregorian(year, month, day)
        } else {
            (year, month, day)
        };
        if (1..=9999).contains(&year) {
            return format!("{year:04}-{month:02}-{day:02}");
        }
        return String::new();
    }
    if *precision >= MONTH && month != 0 {
        return format!("{year:04}-{month:02}");
    }
    format!("{year:04}")
}

/// Year, month and day of `+YYYY-MM-DDT…`; the sign is required by the format.
fn parse_time(time: &str) -> Option<(i64, u32, u32)> {
    let (negative, rest) = match time.as_bytes().first()? {
        b'+' => (false, &time[1..]),
        b'-' => (true, &time[1..]),
        _ => return None,
    };
    let date = rest.split('T').next()?;
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if month > 12 || day > 31 {
        return None;
    }
    Some((if negative { -year } else { year }, month, day))
}

/// The Gregorian date of a Julian calendar date, through the Julian day number, so a
/// pre-1918 Russian birth date lands on the day the KB's other dates mean.
fn julian_to_gregorian(year: i64, month: u32, day: u32) -> (i64, u32, u32) {
    // Julian calendar date -> Julian day number (Richards' algorithm).
    let a = (14 - month as i64) / 12;
    let y = year + 4800 - a;
    let m = month as i64 + 12 * a - 3;
    let jdn = day as i64 + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // Julian day number -> Gregorian calendar date.
    let a = jdn + 32044;
    let b = (4 * a + 3) / 146097;
    let c = a - 146097 * b / 4;
    let d = (4 * c + 3) / 1461;
    let e = c - 1461 * d / 4;
    let m = (5 * e + 2) / 153;
    let day = e - (153 * m + 2) / 5 + 1;
    let month = m + 3 - 12 * (m / 10);
    let year = 100 * b + d - 4800 + m / 10;
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str, precision: u64) -> Value {
        Value::Time {
            time: text.into(),
            precision,
            calendar: "http://www.wikidata.org/entity/Q1985727".into(),
        }
    }

    #[test]
    fn precision_is_respected() {
        assert_eq!(
            kb_date(Some(&time("+1955-10-07T00:00:00Z", 11))),
            "1955-10-07"
        );
        assert_eq!(kb_date(Some(&time("+1955-10-00T00:00:00Z", 10))), "1955-10");
        assert_eq!(kb_date(Some(&time("+1955-00-00T00:00:00Z", 9))), "1955");
        assert_eq!(kb_date(Some(&time("+1950-00-00T00:00:00Z", 8))), "");
    }

    #[test]
    fn zero_month_or_day_lowers_precision() {
        assert_eq!(kb_date(Some(&time("+1955-00-00T00:00:00Z", 11))), "1955");
        assert_eq!(kb_date(Some(&time("+1955-03-00T00:00:00Z", 11))), "1955-03");
    }

    #[test]
    fn dates_the_kb_cannot_hold_are_left_empty() {
        assert_eq!(kb_date(Some(&time("-0044-03-15T00:00:00Z", 11))), "");
        assert_eq!(kb_date(Some(&time("+12000-00-00T00:00:00Z", 9))), "");
        assert_eq!(kb_date(Some(&time("garbage", 11))), "");
        assert_eq!(kb_date(Some(&Value::Str("1955".into()))), "");
        assert_eq!(kb_date(None), "");
    }

    #[test]
    fn julian_day_dates_are_converted() {
        let julian = Value::Time {
            time: "+1870-04-10T00:00:00Z".into(),
            precision: 11,
            calendar: "http://www.wikidata.org/entity/Q1985786".into(),
        };
        assert_eq!(kb_date(Some(&julian)), "1870-04-22");
    }
}
