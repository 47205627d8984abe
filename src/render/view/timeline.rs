//! Views of articles over time: the timeline a chart is drawn from, and the grouping by
//! year and month that the archive and every entity page share.
//!
//! Both carry the labels and links a page shows, so a custom theme can draw its own
//! chart or index from the same data the built-in SVG uses.

use jiff::civil::Date;
use serde::Serialize;

use crate::index::timeline::{Granularity, MonthGroup, Timeline};
use crate::routes::Routes;

/// English month names, for labels that must not depend on the machine's locale.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The full English name of a month, 1 to 12.
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// The three-letter English name of a month, 1 to 12: `Apr`.
pub fn short_month_name(month: i8) -> &'static str {
    &month_name(month)[..3]
}

/// One month or week of a timeline.
#[derive(Debug, Clone, Serialize)]
pub struct BucketView {
    /// Its first day, `2024-04-01` (a Monday for weeks).
    pub start: String,
    /// The year of its first day.
    pub year: i16,
    /// The month of its first day, 1 to 12.
    pub month: i8,
    /// `April 2024`, or `Week of 8 April 2024`.
    pub label: String,
    /// `Apr 2024`, or `week of 8 Apr 2024`, for tight spaces.
    pub short_label: String,
    /// Articles in it.
    pub count: usize,
    /// Link to its month in the article list; `None` when it holds no articles.
    pub url: Option<String>,
}

/// Articles per month (or per week, for a span under six months), for a chart.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    /// `month` or `week`.
    pub granularity: &'static str,
    /// Every month or week of the span, oldest first, empty ones included.
    pub buckets: Vec<BucketView>,
    /// The bucket with most articles (the most recent of equals).
    pub busiest: Option<BucketView>,
    /// Articles counted.
    pub total: usize,
    /// The largest count of one bucket.
    pub max: usize,
    /// How many buckets hold `max` articles: more than one is a tie for the busiest.
    pub busiest_ties: usize,
}

impl TimelineView {
    /// The view of `timeline`, its bars linking to the month headings of the list at
    /// `list_url` (empty for the same page).
    pub fn new(timeline: &Timeline, routes: &Routes, list_url: &str) -> TimelineView {
        TimelineView::linked(timeline, &|newest: Date| {
            let fragment = routes.month_fragment(newest.year(), newest.month());
            format!("{list_url}#{fragment}")
        })
    }

    /// The view of `timeline`, each bar linking where `link` says for the date of the
    /// bar's newest article: the heading of its month, on whichever page holds it.
    pub fn linked(timeline: &Timeline, link: &dyn Fn(Date) -> String) -> TimelineView {
        let buckets: Vec<BucketView> = timeline
            .buckets
            .iter()
            .map(|bucket| {
                let (label, short_label) = bucket_labels(timeline.granularity, bucket.start);
                BucketView {
                    start: bucket.start.to_string(),
                    year: bucket.start.year(),
                    month: bucket.start.month(),
                    label,
                    short_label,
                    count: bucket.count,
                    // A week may straddle two months; its link goes to the month of its
                    // newest article, the first of its articles in a newest-first list.
                    url: bucket.newest.map(link),
                }
            })
            .collect();
        let max = timeline.busiest_bucket().map_or(0, |bucket| bucket.count);
        TimelineView {
            granularity: timeline.granularity.name(),
            busiest: timeline.busiest.map(|position| buckets[position].clone()),
            total: timeline.total(),
            max,
            busiest_ties: buckets
                .iter()
                .filter(|bucket| max > 0 && bucket.count == max)
                .count(),
            buckets,
        }
    }

    /// Whether the buckets are weeks.
    pub fn is_weekly(&self) -> bool {
        self.granularity == Granularity::Week.name()
    }
}

fn bucket_labels(granularity: Granularity, start: Date) -> (String, String) {
    let (year, month) = (start.year(), start.month());
    match granularity {
        Granularity::Month => (
            format!("{} {year}", month_name(month)),
            format!("{} {year}", short_month_name(month)),
        ),
        Granularity::Week => (
            format!("Week of {} {} {year}", start.day(), month_name(month)),
            format!("week of {} {} {year}", start.day(), short_month_name(month)),
        ),
    }
}

/// Articles grouped by year, then month, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveView {
    /// Every year with articles, newest first.
    pub years: Vec<YearView>,
}

/// One year of an archive.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i16,
    /// The `id` of its heading: `year-2024`.
    pub id: String,
    /// Link to the heading of its newest month.
    pub url: String,
    /// Articles in it.
    pub count: usize,
    /// Its months with articles, newest first.
    pub months: Vec<MonthView>,
}

/// One month of an archive: a run of the newest-first article list it was made from.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    /// The `id` of its heading, which timeline bars link to: `month-2024-04`.
    pub id: String,
    /// `April 2024`.
    pub name: String,
    /// `Apr`.
    pub short_name: &'static str,
    /// Articles in it.
    pub count: usize,
    /// Link to its heading: `#month-2024-04`, or on another page of a paged list.
    pub url: String,
    /// Its first article's position in the list (`articles[start:end]` in a template).
    pub start: usize,
    /// One past its last article's position in the list.
    pub end: usize,
}

impl ArchiveView {
    /// The grouping of a newest-first list, from its runs of one month.
    pub fn new(groups: &[MonthGroup], routes: &Routes) -> ArchiveView {
        ArchiveView::linked(groups, routes, &|_, fragment| format!("#{fragment}"))
    }

    /// The grouping of a list, each month linking where `link` says for the month's
    /// runs and heading `id`.
    pub fn linked(
        groups: &[MonthGroup],
        routes: &Routes,
        link: &dyn Fn(&MonthGroup, &str) -> String,
    ) -> ArchiveView {
        let mut years: Vec<YearView> = Vec::new();
        for group in groups {
            let id = routes.month_fragment(group.year, group.month);
            let month = MonthView {
                url: link(group, &id),
                id,
                name: format!("{} {}", month_name(group.month), group.year),
                short_name: short_month_name(group.month),
                count: group.range.len(),
                start: group.range.start,
                end: group.range.end,
            };
            match years.last_mut() {
                Some(year) if year.year == group.year => {
                    year.count += month.count;
                    year.months.push(month);
                }
                _ => years.push(YearView {
                    year: group.year,
                    id: format!("year-{:04}", group.year),
                    url: month.url.clone(),
                    count: month.count,
                    months: vec![month],
                }),
            }
        }
        ArchiveView { years }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::timeline::group_by_month;

    fn dates(texts: &[&str]) -> Vec<Date> {
        texts.iter().map(|text| text.parse().unwrap()).collect()
    }

    #[test]
    fn bars_link_to_the_month_of_their_newest_article() {
        let routes = Routes::new("/briefings/");
        // The week of Monday 29 April 2024 holds an article of 2 May and one of 30 April.
        let timeline = Timeline::from_dates(dates(&["2024-04-30", "2024-05-02", "2024-04-10"]));
        let view = TimelineView::new(&timeline, &routes, "/briefings/archive/");
        assert!(view.is_weekly());
        let links: Vec<(&str, Option<&str>)> = view
            .buckets
            .iter()
            .map(|bucket| (bucket.label.as_str(), bucket.url.as_deref()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "Week of 8 April 2024",
                    Some("/briefings/archive/#month-2024-04")
                ),
                ("Week of 15 April 2024", None),
                ("Week of 22 April 2024", None),
                (
                    "Week of 29 April 2024",
                    Some("/briefings/archive/#month-2024-05")
                ),
            ]
        );
        assert_eq!(view.max, 2);
        assert_eq!(view.total, 3);
        assert_eq!(
            view.busiest.map(|bucket| bucket.short_label),
            Some("week of 29 Apr 2024".to_string())
        );
    }

    #[test]
    fn monthly_buckets_are_labelled_by_month_and_link_on_the_same_page() {
        let routes = Routes::new("/");
        let timeline = Timeline::from_dates(dates(&["2023-01-05", "2024-04-10"]));
        let view = TimelineView::new(&timeline, &routes, "");
        assert_eq!(view.granularity, "month");
        assert_eq!(view.buckets.len(), 16);
        assert_eq!(view.buckets[0].label, "January 2023");
        assert_eq!(view.buckets[0].url.as_deref(), Some("#month-2023-01"));
        assert_eq!(view.buckets[1].url, None);
        assert_eq!(view.buckets[15].short_label, "Apr 2024");
    }

    #[test]
    fn groups_months_into_years_with_counts_and_list_ranges() {
        let routes = Routes::new("/");
        let groups = group_by_month(dates(&[
            "2024-04-10",
            "2024-04-09",
            "2024-01-15",
            "2023-11-02",
        ]));
        let archive = ArchiveView::new(&groups, &routes);
        let summary: Vec<String> = archive
            .years
            .iter()
            .map(|year| {
                let months: Vec<String> = year
                    .months
                    .iter()
                    .map(|month| {
                        format!(
                            "{} {} {}..{}",
                            month.id, month.count, month.start, month.end
                        )
                    })
                    .collect();
                format!("{} ({}): {}", year.year, year.count, months.join(", "))
            })
            .collect();
        assert_eq!(
            summary,
            [
                "2024 (3): month-2024-04 2 0..2, month-2024-01 1 2..3",
                "2023 (1): month-2023-11 1 3..4",
            ]
        );
        assert_eq!(archive.years[0].months[0].name, "April 2024");
        assert_eq!(archive.years[1].id, "year-2023");
    }
}
