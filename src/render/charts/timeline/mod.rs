//! The timeline: a bar per month (or week) of articles, the busiest one marked, each bar
//! linking to that month's part of the article list.
//!
//! The outer SVG has no `viewBox`, so its text keeps its size at any width and labels
//! are placed in percentages; the bars sit in a nested SVG that stretches to the width.
//! Bar links take no keyboard focus (a chart of ten years would be 120 stops) and, with
//! the shapes and labels, are hidden from assistive technology: the chart is a group named
//! by its title and described by its description (an image role may not hold links), and
//! its users get the counts from the table beside it and reach the months through the
//! headings of the list.

use std::fmt::Write;

use super::{counted, escape, percent};
use crate::render::view::timeline::{BucketView, TimelineView};

mod ticks;

use ticks::ticks;

/// Height of the whole chart, in CSS pixels.
const HEIGHT: u32 = 144;
/// Top of the plot area; the busiest label sits above it.
const PLOT_TOP: u32 = 24;
/// Height of the plot area.
const PLOT_HEIGHT: u32 = 96;
/// Where axis labels sit (their baseline).
const LABEL_Y: u32 = 140;
/// Width of one bucket in the bars' own units; bars leave a gap of one unit each side.
const SLOT: usize = 10;
/// A short span is drawn at the width of this many buckets, centred, so that a single
/// bar does not fill the page.
const MIN_SLOTS: usize = 12;
/// The most labels that fit a phone's width; beyond it every other one is minor.
const NARROW_LABELS: usize = 4;

/// The SVG of a timeline; `None` when it has no articles. `subject` names the entity
/// the chart is about, for its title.
pub fn render_timeline_chart(view: &TimelineView, subject: Option<&str>) -> Option<String> {
    let (first, last) = (view.buckets.first()?, view.buckets.last()?);
    let busiest = view.busiest.as_ref()?;
    let weekly = view.is_weekly();
    let unit = if weekly { "week" } else { "month" };
    let title = match subject {
        Some(name) => format!("Briefings on {name} per {unit}"),
        None => format!("Briefings per {unit}"),
    };
    let with_articles = view
        .buckets
        .iter()
        .filter(|bucket| bucket.count > 0)
        .count();
    let description = if with_articles == 1 {
        format!(
            "{} in {}.",
            counted(view.total, "briefing"),
            period(busiest, weekly)
        )
    } else if view.busiest_ties > 1 {
        let tied: Vec<String> = view
            .buckets
            .iter()
            .filter(|bucket| bucket.count == view.max)
            .map(|bucket| period(bucket, weekly))
            .collect();
        format!(
            "{} from {} to {}; {} {unit}s tie as the busiest, with {} each: {}.",
            counted(view.total, "briefing"),
            period(first, weekly),
            period(last, weekly),
            tied.len(),
            view.max,
            listed(&tied),
        )
    } else {
        format!(
            "{} from {} to {}; the busiest {unit} was {}, with {}.",
            counted(view.total, "briefing"),
            period(first, weekly),
            period(last, weekly),
            period(busiest, weekly),
            busiest.count,
        )
    };

    let count = view.buckets.len();
    let slots = count.max(MIN_SLOTS);
    let offset = (slots - count) / 2;
    let centre = |position: usize| percent((offset + position) as f64 + 0.5, slots as f64);
    let max = view.max;
    let busiest_position = view
        .buckets
        .iter()
        .rposition(|bucket| bucket.count == max)
        .unwrap_or_default();

    let mut svg = String::with_capacity(256 + count * 140);
    let _ = write!(
        svg,
        "<svg class=\"chart timeline-chart\" width=\"100%\" height=\"{HEIGHT}\" font-size=\"12\" \
         fill=\"currentColor\" role=\"group\" aria-labelledby=\"timeline-title\" \
         aria-describedby=\"timeline-desc\"><title id=\"timeline-title\">{}</title>\
         <desc id=\"timeline-desc\">{}</desc><g aria-hidden=\"true\">",
        escape(&title),
        escape(&description)
    );
    let baseline = PLOT_TOP + PLOT_HEIGHT;
    let _ = write!(
        svg,
        "<g class=\"axis\" stroke=\"currentColor\"><line class=\"grid\" x1=\"0\" x2=\"100%\" \
         y1=\"{PLOT_TOP}\" y2=\"{PLOT_TOP}\" stroke-opacity=\".3\" stroke-dasharray=\"3 3\"/>\
         <line x1=\"0\" x2=\"100%\" y1=\"{baseline}\" y2=\"{baseline}\"/>"
    );
    let ticks = ticks(view);
    for (position, _) in &ticks {
        let x = centre(*position);
        let _ = write!(
            svg,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{baseline}\" y2=\"{}\"/>",
            baseline + 4
        );
    }
    svg.push_str("</g>");

    // The bars, in units of one article high and SLOT wide, stretched to the plot area.
    let _ = write!(
        svg,
        "<svg y=\"{PLOT_TOP}\" width=\"100%\" height=\"{PLOT_HEIGHT}\" viewBox=\"0 0 {} {max}\" \
         preserveAspectRatio=\"none\">",
        slots * SLOT
    );
    // All bars but the busiest (every one of a tie) are one outline along the baseline,
    // a dozen bytes a bar, so that ten years of months stay small.
    let mut bars = format!("M{} {max}", offset * SLOT + 1);
    let mut busiest_bars = String::new();
    let mut gap = 0;
    for (position, bucket) in view.buckets.iter().enumerate() {
        if bucket.count == max {
            let _ = write!(
                busiest_bars,
                "M{} {max}v-{max}h{}v{max}z",
                (offset + position) * SLOT + 1,
                SLOT - 2
            );
        }
        if bucket.count > 0 && bucket.count != max {
            if gap > 0 {
                let _ = write!(bars, "h{gap}");
            }
            let _ = write!(bars, "v-{count}h{}v{count}", SLOT - 2, count = bucket.count);
            gap = 2;
        } else {
            gap += SLOT;
        }
    }
    let _ = write!(
        svg,
        "<path class=\"bars\" fill-opacity=\".6\" d=\"{bars}\"/>\
         <path class=\"busiest\" d=\"{busiest_bars}\"/>"
    );
    // Each bucket with articles is a link over its whole column, so that short bars are
    // as easy to point at as tall ones; the columns are transparent until hovered.
    svg.push_str("<g class=\"columns\" fill-opacity=\"0\">");
    for (position, bucket) in view.buckets.iter().enumerate() {
        let Some(url) = &bucket.url else { continue };
        let _ = write!(
            svg,
            "<a href=\"{}\" tabindex=\"-1\"><title>{}: {}</title>\
             <rect x=\"{}\" width=\"{SLOT}\" height=\"{max}\"/></a>",
            escape(url),
            escape(&bucket.label),
            counted(bucket.count, "briefing"),
            (offset + position) * SLOT
        );
    }
    svg.push_str("</g>");
    svg.push_str("</svg>");

    // On a narrow screen every other label is hidden (the theme's stylesheet hides
    // `.minor`), so that labels never run into each other.
    let labelled = ticks.iter().filter(|(_, label)| label.is_some()).count();
    let labels = ticks
        .iter()
        .filter_map(|(position, label)| Some((*position, label.as_ref()?)));
    for (nth, (position, label)) in labels.enumerate() {
        let minor = if labelled > NARROW_LABELS && nth % 2 == 1 {
            " class=\"minor\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<text{minor} x=\"{}\" y=\"{LABEL_Y}\" text-anchor=\"{}\">{}</text>",
            centre(position),
            tick_anchor(offset + position, slots),
            escape(label)
        );
    }
    // With a single bar there is nothing to compare: the label gives its height only.
    let busiest_label = if with_articles == 1 {
        counted(busiest.count, "briefing")
    } else if view.busiest_ties > 1 {
        format!("Busiest: {} {unit}s tie at {max}", view.busiest_ties)
    } else {
        format!("Busiest: {} ({})", busiest.short_label, busiest.count)
    };
    let _ = write!(
        svg,
        "<text class=\"busiest-label\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text></g></svg>",
        centre(busiest_position),
        PLOT_TOP - 8,
        anchor(offset + busiest_position, slots),
        escape(&busiest_label),
    );
    Some(svg)
}

/// How a bucket is named in running text: `April 2024` or `the week of 8 April 2024`.
fn period(bucket: &BucketView, weekly: bool) -> String {
    match bucket.label.strip_prefix("Week of ") {
        Some(day) if weekly => format!("the week of {day}"),
        _ => bucket.label.clone(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A tick label is centred on its tick, unless it is so near an end that it would be
/// cut off.
fn tick_anchor(slot: usize, slots: usize) -> &'static str {
    match (slot * 20) / slots {
        0 => "start",
        19 => "end",
        _ => "middle",
    }
}

/// The busiest label, longer than a tick label, is anchored inwards over the outer
/// fifths of the chart.
fn anchor(slot: usize, slots: usize) -> &'static str {
    match (slot * 5) / slots {
        0 => "start",
        4 => "end",
        _ => "middle",
    }
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

    #[test]
    fn the_same_timeline_gives_the_same_bytes() {
        let dates = ["2024-04-09", "2023-01-02", "2024-04-10", "2023-07-20"];
        let first = render_timeline_chart(&view(&dates), Some("China")).unwrap();
        let mut reversed = dates;
        reversed.reverse();
        let second = render_timeline_chart(&view(&reversed), Some("China")).unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn names_are_escaped_in_the_title() {
        let svg = render_timeline_chart(&view(&["2024-04-09"]), Some("<b>&\"x\"")).unwrap();
        assert!(svg.contains("Briefings on &lt;b&gt;&amp;&quot;x&quot; per week"));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn only_buckets_with_articles_link_and_the_busiest_is_labelled() {
        let svg = render_timeline_chart(&view(&["2023-01-02", "2023-01-20", "2023-09-01"]), None)
            .unwrap();
        assert_eq!(svg.matches("<a href=").count(), 2);
        assert!(svg.contains(
            "<a href=\"#month-2023-01\" tabindex=\"-1\"><title>January 2023: 2 briefings</title>"
        ));
        assert!(svg.contains("Busiest: Jan 2023 (2)</text>"));
        assert!(svg.contains(
            "<desc id=\"timeline-desc\">3 briefings from January 2023 to September 2023; \
             the busiest month was January 2023, with 2.</desc>"
        ));
    }

    #[test]
    fn links_sit_in_a_hidden_group_not_in_an_image() {
        let svg = render_timeline_chart(&view(&["2023-01-02", "2023-09-01"]), None).unwrap();
        // An element with an image role may not hold links (axe: nested-interactive).
        assert!(!svg.contains("role=\"img\""));
        assert!(svg.starts_with("<svg class=\"chart timeline-chart\" "));
        assert!(svg.contains(
            "role=\"group\" aria-labelledby=\"timeline-title\" aria-describedby=\"timeline-desc\">"
        ));
        let hidden = svg.find("<g aria-hidden=\"true\">").unwrap();
        assert!(svg.find("<a ").unwrap() > hidden);
        assert!(svg.ends_with("</g></svg>"));
    }

    #[test]
    fn a_tie_for_the_busiest_is_called_a_tie() {
        let dates = [
            "2023-01-02",
            "2023-01-20",
            "2023-05-01",
            "2023-09-01",
            "2023-09-09",
        ];
        let view = view(&dates);
        assert_eq!(view.busiest_ties, 2);
        let svg = render_timeline_chart(&view, None).unwrap();
        assert!(svg.contains(">Busiest: 2 months tie at 2</text>"), "{svg}");
        assert!(svg.contains(
            "5 briefings from January 2023 to September 2023; 2 months tie as the busiest, \
             with 2 each: January 2023 and September 2023.</desc>"
        ));
        // Both tied bars are marked, the other one is not.
        assert_eq!(svg.matches("v-2h8v2z").count(), 2, "{svg}");
        assert!(!svg.contains("Busiest: Sep 2023"));
    }

    #[test]
    fn ten_years_of_ten_thousand_articles_draw_under_twenty_kilobytes() {
        let dates = (0..10_000).map(|n: i32| {
            let month = n % 120;
            jiff::civil::Date::new(
                2015 + (month / 12) as i16,
                (month % 12 + 1) as i8,
                1 + (n % 28) as i8,
            )
            .unwrap()
        });
        let timeline = Timeline::from_dates(dates);
        let view = TimelineView::new(&timeline, &Routes::new("/"), "/archive/");
        let svg = render_timeline_chart(&view, None).unwrap();
        assert_eq!(view.buckets.len(), 120);
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
    }

    #[test]
    fn an_empty_timeline_has_no_chart() {
        assert_eq!(render_timeline_chart(&view(&[]), None), None);
    }
}
