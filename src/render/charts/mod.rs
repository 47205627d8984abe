//! Charts drawn at build time as inline SVG: the timeline of articles per month or
//! week, the ranked bars of connections, and the world map of the countries page.
//!
//! Each chart is a string built from the view the template also gets, so a page needs
//! no script to show it and the same input gives the same bytes. Every text value is
//! escaped, since names come from the site's files. Shapes carry presentation
//! attributes that look right without the theme's stylesheet and classes the theme
//! styles with its own colours.

mod connections;
mod map;
mod timeline;

pub use connections::render_connections_chart;
pub use map::{MapCountry, MapLegendEntry, WorldMap, render_world_map};
pub use timeline::render_timeline_chart;

use super::escape_xml as escape;

/// `count` followed by `word`, with an `s` unless the count is one: `3 briefings`,
/// `12,000 briefings`.
fn counted(count: usize, word: &str) -> String {
    let digits = count.to_string();
    let mut number = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            number.push(',');
        }
        number.push(digit);
    }
    if count == 1 {
        format!("{number} {word}")
    } else {
        format!("{number} {word}s")
    }
}

/// `part / whole` as a percentage with at most two decimals and no trailing zeros:
/// `12.5%`. Percentages keep labels at their size while the chart stretches.
fn percent(part: f64, whole: f64) -> String {
    let value = if whole > 0.0 {
        part / whole * 100.0
    } else {
        0.0
    };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_short_and_exact_to_two_places() {
        assert_eq!(percent(1.0, 8.0), "12.5%");
        assert_eq!(percent(1.0, 3.0), "33.33%");
        assert_eq!(percent(4.0, 4.0), "100%");
        assert_eq!(percent(0.0, 4.0), "0%");
        assert_eq!(percent(1.0, 0.0), "0%");
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(counted(1, "briefing"), "1 briefing");
        assert_eq!(counted(0, "briefing"), "0 briefings");
        assert_eq!(counted(12, "shared briefing"), "12 shared briefings");
        assert_eq!(counted(999, "briefing"), "999 briefings");
        assert_eq!(counted(10_000, "briefing"), "10,000 briefings");
        assert_eq!(counted(1_234_567, "briefing"), "1,234,567 briefings");
    }
}
