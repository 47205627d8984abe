//! Articles counted over time: how many appeared each month (or each week, for a short
//! span), which period was the busiest, and the runs of one month in a newest-first list.
//!
//! Everything here is computed from calendar dates in the site's time zone, so an
//! article dated late on the last day of a month counts in that month wherever the
//! build runs. This module knows nothing of labels, URLs or drawing.

use std::ops::Range;

use jiff::civil::Date;

/// Spans shorter than this many months are counted per week rather than per month.
pub const WEEKLY_BELOW_MONTHS: i64 = 6;

/// How long each bucket of a timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// Calendar months.
    Month,
    /// ISO weeks, Monday to Sunday.
    Week,
}

impl Granularity {
    /// `month` or `week`, as templates name it.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Month => "month",
            Granularity::Week => "week",
        }
    }
}

/// One month or week of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// The first day of the month, or the Monday of the week.
    pub start: Date,
    /// How many articles it holds.
    pub count: usize,
    /// The date of its newest article, if it holds any.
    pub newest: Option<Date>,
}

/// Articles per month or week, from the oldest article's period to the newest's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// How long each bucket is.
    pub granularity: Granularity,
    /// Every period of the span, oldest first, empty ones included so gaps show.
    pub buckets: Vec<Bucket>,
    /// The position in `buckets` of the one holding most articles (the most recent of
    /// equals); `None` when there are no articles.
    pub busiest: Option<usize>,
}

impl Timeline {
    /// Counts articles by their dates, given in any order.
    pub fn from_dates(dates: impl IntoIterator<Item = Date>) -> Timeline {
        let dates: Vec<Date> = dates.into_iter().collect();
        let (Some(&oldest), Some(&newest)) = (dates.iter().min(), dates.iter().max()) else {
            return Timeline {
                granularity: Granularity::Month,
                buckets: Vec::new(),
                busiest: None,
            };
        };
        let granularity = if is_short_span(oldest, newest) {
            Granularity::Week
        } else {
            Granularity::Month
        };
        let period = |date: Date| -> usize {
            match granularity {
                Granularity::Month => (month_number(date) - month_number(oldest)) as usize,
                Granularity::Week => (days_between(monday_of(oldest), date) / 7) as usize,
            }
        };
        let mut buckets: Vec<Bucket> = (0..=period(newest))
            .map(|position| Bucket {
                start: match granularity {
                    Granularity::Month => add_months(oldest.first_of_month(), position),
                    Granularity::Week => add_days(monday_of(oldest), 7 * position),
                },
                count: 0,
                newest: None,
            })
            .collect();
        for date in dates {
            let bucket = &mut buckets[period(date)];
            bucket.count += 1;
            bucket.newest = bucket.newest.max(Some(date));
        }
        let busiest = buckets
            .iter()
            .enumerate()
            .max_by_key(|(position, bucket)| (bucket.count, *position))
            .map(|(position, _)| position);
        Timeline {
            granularity,
            buckets,
            busiest,
        }
    }

    /// The number of articles counted.
    pub fn total(&self) -> usize {
        self.buckets.iter().map(|bucket| bucket.count).sum()
    }

    /// The bucket holding most articles.
    pub fn busiest_bucket(&self) -> Option<&Bucket> {
        self.busiest.map(|position| &self.buckets[position])
    }
}

/// The articles of one calendar month: a run of a newest-first list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGroup {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12.
    pub month: i8,
    /// Positions in the list that was grouped.
    pub range: Range<usize>,
}

/// Splits a list of article dates, newest first, into runs of one month each.
pub fn group_by_month(dates: impl IntoIterator<Item = Date>) -> Vec<MonthGroup> {
    let mut groups: Vec<MonthGroup> = Vec::new();
    for (position, date) in dates.into_iter().enumerate() {
        match groups.last_mut() {
            Some(group) if (group.year, group.month) == (date.year(), date.month()) => {
                group.range.end = position + 1;
            }
            _ => groups.push(MonthGroup {
                year: date.year(),
                month: date.month(),
                range: position..position + 1,
            }),
        }
    }
    groups
}

/// Whether `newest` comes less than [`WEEKLY_BELOW_MONTHS`] months after `oldest`.
fn is_short_span(oldest: Date, newest: Date) -> bool {
    let months = month_number(newest) - month_number(oldest);
    months < WEEKLY_BELOW_MONTHS || (months == WEEKLY_BELOW_MONTHS && newest.day() < oldest.day())
}

/// Months since the start of year 0, so that month differences are subtractions.
fn month_number(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month()) - 1
}

fn monday_of(date: Date) -> Date {
    let offset = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(offset))
        .unwrap_or(date)
}

fn days_between(from: Date, to: Date) -> i64 {
    to.duration_since(from).as_secs() / 86_400
}

// Dates are stepped only between two dates that exist (an article's period and the
// newest article's), so the fallbacks for leaving jiff's range never apply.
fn add_days(date: Date, days: usize) -> Date {
    date.checked_add(jiff::Span::new().days(days as i64))
        .unwrap_or(date)
}

fn add_months(first_of_month: Date, months: usize) -> Date {
    first_of_month
        .checked_add(jiff::Span::new().months(months as i64))
        .unwrap_or(first_of_month)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn dates(texts: &[&str]) -> Vec<Date> {
        texts.iter().map(|text| date(text)).collect()
    }

    fn counts(timeline: &Timeline) -> Vec<(String, usize)> {
        timeline
            .buckets
            .iter()
            .map(|bucket| (bucket.start.to_string(), bucket.count))
            .collect()
    }

    #[test]
    fn counts_articles_per_month_with_empty_months_in_between() {
        let timeline = Timeline::from_dates(dates(&[
            "2024-04-09",
            "2023-10-02",
            "2024-04-10",
            "2024-01-15",
            "2023-10-30",
        ]));
        assert_eq!(timeline.granularity, Granularity::Month);
        assert_eq!(
            counts(&timeline),
            [
                ("2023-10-01".to_string(), 2),
                ("2023-11-01".to_string(), 0),
                ("2023-12-01".to_string(), 0),
                ("2024-01-01".to_string(), 1),
                ("2024-02-01".to_string(), 0),
                ("2024-03-01".to_string(), 0),
                ("2024-04-01".to_string(), 2),
            ]
        );
        assert_eq!(timeline.total(), 5);
    }

    #[test]
    fn the_busiest_bucket_is_the_fullest_and_the_most_recent_of_equals() {
        let timeline = Timeline::from_dates(dates(&[
            "2023-10-02",
            "2023-10-30",
            "2024-04-09",
            "2024-04-10",
            "2024-01-15",
        ]));
        assert_eq!(timeline.busiest, Some(6));
        let busiest = timeline.busiest_bucket().unwrap();
        assert_eq!(busiest.start, date("2024-04-01"));
        assert_eq!(busiest.newest, Some(date("2024-04-10")));
    }

    #[test]
    fn a_span_under_six_months_is_counted_per_iso_week() {
        // 2024-04-09 is a Tuesday; its week starts on Monday 8 April.
        let timeline = Timeline::from_dates(dates(&["2024-04-09", "2024-04-14", "2024-04-22"]));
        assert_eq!(timeline.granularity, Granularity::Week);
        assert_eq!(
            counts(&timeline),
            [
                ("2024-04-08".to_string(), 2),
                ("2024-04-15".to_string(), 0),
                ("2024-04-22".to_string(), 1),
            ]
        );
        assert_eq!(timeline.busiest, Some(0));
    }

    #[test]
    fn six_months_to_the_day_is_counted_per_month() {
        let short = Timeline::from_dates(dates(&["2024-01-15", "2024-07-14"]));
        assert_eq!(short.granularity, Granularity::Week);
        assert_eq!(short.buckets.len(), 26);
        let long = Timeline::from_dates(dates(&["2024-01-15", "2024-07-15"]));
        assert_eq!(long.granularity, Granularity::Month);
        assert_eq!(long.buckets.len(), 7);
    }

    #[test]
    fn weeks_run_across_the_turn_of_a_year() {
        let timeline = Timeline::from_dates(dates(&["2024-12-31", "2025-01-06"]));
        assert_eq!(
            counts(&timeline),
            [("2024-12-30".to_string(), 1), ("2025-01-06".to_string(), 1)]
        );
    }

    #[test]
    fn no_articles_give_an_empty_timeline() {
        let timeline = Timeline::from_dates([]);
        assert!(timeline.buckets.is_empty());
        assert_eq!(timeline.busiest, None);
        assert_eq!(timeline.total(), 0);
    }

    #[test]
    fn one_article_gives_one_week() {
        let timeline = Timeline::from_dates(dates(&["2024-04-10"]));
        assert_eq!(counts(&timeline), [("2024-04-08".to_string(), 1)]);
        assert_eq!(timeline.busiest, Some(0));
    }

    #[test]
    fn groups_a_newest_first_list_into_runs_of_one_month() {
        let groups = group_by_month(dates(&[
            "2024-04-10",
            "2024-04-09",
            "2024-01-15",
            "2023-11-30",
            "2023-11-02",
            "2022-11-01",
        ]));
        let runs: Vec<(i16, i8, Range<usize>)> = groups
            .into_iter()
            .map(|group| (group.year, group.month, group.range))
            .collect();
        assert_eq!(
            runs,
            [
                (2024, 4, 0..2),
                (2024, 1, 2..3),
                (2023, 11, 3..5),
                (2022, 11, 5..6),
            ]
        );
    }
}
