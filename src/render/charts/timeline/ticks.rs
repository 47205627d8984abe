//! Where the time axis of a timeline gets its ticks and which of them are labelled, so
//! that labels never crowd each other and every year on the chart can be told.

use crate::render::view::timeline::{BucketView, TimelineView, short_month_name};

/// The most year labels a long timeline shows; years between get a tick only.
const MAX_YEAR_LABELS: usize = 8;

/// The buckets that get a tick on the time axis, with a label where one fits.
///
/// Weeks are marked at the first Monday of each month; up to two years of months at the
/// start of each quarter; longer spans at each January, labelled every one, two, five
/// or more years so that no more than [`MAX_YEAR_LABELS`] labels share the axis, and the
/// first year at the first bar when it starts later in the year. The first label and
/// every January say the year.
pub(super) fn ticks(view: &TimelineView) -> Vec<(usize, Option<String>)> {
    let buckets = &view.buckets;
    if view.is_weekly() && buckets.len() <= 4 {
        // Too few weeks for a month to begin among them: name the first and last.
        let mut ticks = vec![(0, Some(buckets[0].short_label.replace("week of ", "")))];
        if buckets.len() > 1 {
            let last = buckets.len() - 1;
            ticks.push((
                last,
                Some(buckets[last].short_label.replace("week of ", "")),
            ));
        }
        return ticks;
    }
    let marked: Vec<usize> = (0..buckets.len())
        .filter(|&position| {
            let bucket = &buckets[position];
            if view.is_weekly() {
                is_first_monday(bucket)
            } else if buckets.len() <= 24 {
                (bucket.month - 1) % 3 == 0
            } else {
                bucket.month == 1
            }
        })
        .collect();
    if !view.is_weekly() && buckets.len() > 24 {
        let step: i32 = [1, 2, 5, 10, 20, 50, 100, 1000]
            .into_iter()
            .find(|&step| marked.len().div_ceil(step as usize) <= MAX_YEAR_LABELS)
            .unwrap_or(1000);
        let mut ticks: Vec<(usize, Option<String>)> = marked
            .into_iter()
            .map(|position| {
                let year = buckets[position].year;
                let label = (i32::from(year) % step == 0).then(|| year.to_string());
                (position, label)
            })
            .collect();
        // A span that starts after January would show its first year unnamed: name it
        // at the first bar, where there is room before the next label.
        let first_label = ticks
            .iter()
            .find_map(|(position, label)| label.as_ref().map(|_| *position));
        let room = (buckets.len() / MAX_YEAR_LABELS).max(3);
        if buckets[0].month != 1 && first_label.is_none_or(|position| position >= room) {
            ticks.insert(0, (0, Some(buckets[0].year.to_string())));
        }
        return ticks;
    }
    marked
        .iter()
        .enumerate()
        .map(|(nth, &position)| {
            let bucket = &buckets[position];
            let month = short_month_name(bucket.month);
            let label = if bucket.month == 1 && !view.is_weekly() {
                bucket.year.to_string()
            } else if nth == 0 || bucket.month == 1 {
                format!("{month} {}", bucket.year)
            } else {
                month.to_string()
            };
            (position, Some(label))
        })
        .collect()
}

fn is_first_monday(bucket: &BucketView) -> bool {
    // `start` is `YYYY-MM-DD`; the first Monday of a month falls on day 1 to 7.
    bucket
        .start
        .rsplit('-')
        .next()
        .and_then(|day| day.parse::<u8>().ok())
        .is_some_and(|day| day <= 7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::timeline::Timeline;
    use crate::routes::Routes;

    fn view(dates: &[&str]) -> TimelineView {
        let timeline = Timeline::from_dates(dates.iter().map(|date| date.parse().unwrap()));
        TimelineView::new(&timeline, &Routes::new("/"), "")
    }

    fn labels(view: &TimelineView) -> Vec<String> {
        ticks(view)
            .into_iter()
            .filter_map(|(_, label)| label)
            .collect()
    }

    #[test]
    fn up_to_two_years_are_labelled_by_quarter_with_the_year_at_january() {
        let view = view(&["2023-02-10", "2024-05-01"]);
        assert_eq!(labels(&view), ["Apr 2023", "Jul", "Oct", "2024", "Apr"]);
    }

    #[test]
    fn long_spans_label_every_few_years() {
        let view = view(&["2001-03-01", "2024-05-01"]);
        assert_eq!(labels(&view), ["2001", "2005", "2010", "2015", "2020"]);
        assert_eq!(ticks(&view).len(), 24);
    }

    #[test]
    fn a_span_that_starts_mid_year_names_its_first_year() {
        let mid_year = view(&["2022-06-01", "2024-08-01"]);
        assert_eq!(labels(&mid_year), ["2022", "2023", "2024"]);
        assert_eq!(ticks(&mid_year)[0], (0, Some("2022".to_string())));
        // One month before the first January leaves no room for a label of its own.
        let december = view(&["2021-12-01", "2024-08-01"]);
        assert_eq!(labels(&december), ["2022", "2023", "2024"]);
        let january = view(&["2022-01-01", "2024-08-01"]);
        assert_eq!(labels(&january), ["2022", "2023", "2024"]);
    }

    #[test]
    fn weeks_are_labelled_at_the_first_monday_of_each_month() {
        let view = view(&["2024-03-20", "2024-06-05"]);
        assert_eq!(labels(&view), ["Apr 2024", "May", "Jun"]);
    }

    #[test]
    fn a_few_weeks_are_labelled_by_their_first_and_last_days() {
        let view = view(&["2024-04-10", "2024-04-24"]);
        assert_eq!(labels(&view), ["8 Apr 2024", "22 Apr 2024"]);
    }
}
