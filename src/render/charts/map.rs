//! The world map of the countries page: each country shaded by its number of briefings,
//! in up to five quantile classes, and linked to its page.
//!
//! The outlines are Natural Earth's at 1:110m, converted once into SVG paths keyed by ISO
//! 3166-1 numeric code (`data/world-map.tsv`, made by `scripts/world-map/convert.js`;
//! source and licence in `data/world-map.SOURCE.md`) and embedded in the binary. The map
//! is a group named by its title and described by its description; its shapes and links
//! are hidden from assistive technology (an image role may not hold links), whose users
//! get the same facts from the list of countries below it.

use std::fmt::Write;

use serde::Serialize;

use super::{counted, escape};

/// Country outlines: comment lines, a `viewbox` line, then `code\tname\tpath` rows.
const OUTLINES: &str = include_str!("../../../data/world-map.tsv");
/// How many shades the map uses at most.
const SHADES: usize = 5;
/// How strongly each shade is drawn when the theme's stylesheet does not say.
const DEFAULT_OPACITY: [&str; SHADES] = [".3", ".45", ".6", ".8", "1"];
/// How many of the most covered countries the map's description names.
const NAMED_IN_DESCRIPTION: usize = 3;

/// A country with briefings, to be shaded.
#[derive(Debug, Clone)]
pub struct MapCountry {
    /// ISO 3166-1 numeric code, three digits.
    pub numeric: &'static str,
    /// Display name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// Its number of briefings.
    pub count: usize,
}

/// One shade of the map's legend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapLegendEntry {
    /// The shade's class number, 1 (lightest) to 5.
    pub shade: usize,
    /// The fewest briefings a country of this shade has.
    pub min: usize,
    /// The most.
    pub max: usize,
    /// `1`, or `3–5`.
    pub label: String,
}

/// The drawn map and what a page shows beside it.
#[derive(Debug, Clone)]
pub struct WorldMap {
    /// The SVG.
    pub svg: String,
    /// The shades used, lightest first.
    pub legend: Vec<MapLegendEntry>,
    /// Countries with briefings too small to have an outline at this scale.
    pub not_drawn: Vec<String>,
}

/// Draws the map for the countries with briefings (in any order); `None` when there are
/// none.
pub fn render_world_map(countries: &[MapCountry]) -> Option<WorldMap> {
    if countries.is_empty() {
        return None;
    }
    let legend = legend(countries.iter().map(|country| country.count).collect());
    let shade_of = |count: usize| {
        legend
            .iter()
            .find(|entry| count <= entry.max)
            .map_or(SHADES, |entry| entry.shade)
    };
    let mut view_box = "0 0 1000 500";
    let mut land = String::new();
    let mut shaded = String::new();
    let mut drawn = Vec::new();
    for line in OUTLINES.lines().filter(|line| !line.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(code), Some(_name), Some(path)) = (fields.next(), fields.next(), fields.next())
        else {
            if let Some(value) = line.strip_prefix("viewbox\t") {
                view_box = value;
            }
            continue;
        };
        match countries.iter().find(|country| country.numeric == code) {
            None => land.push_str(path),
            Some(country) => {
                drawn.push(code);
                let shade = shade_of(country.count);
                let _ = write!(
                    shaded,
                    "<a href=\"{}\" tabindex=\"-1\"><path class=\"shade-{shade}\" fill-opacity=\"{}\" d=\"{path}\">\
                     <title>{}: {}</title></path></a>",
                    escape(&country.url),
                    DEFAULT_OPACITY[shade - 1],
                    escape(&country.name),
                    counted(country.count, "briefing"),
                );
            }
        }
    }
    let mut ranked: Vec<&MapCountry> = countries.iter().collect();
    ranked.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    let named: Vec<String> = ranked
        .iter()
        .take(NAMED_IN_DESCRIPTION)
        .map(|country| format!("{} ({})", country.name, country.count))
        .collect();
    let named_count = match countries.len() {
        1 => "1 country is".to_string(),
        count => format!("{count} countries are"),
    };
    let description = format!(
        "A world map shading each country by its number of briefings. {named_count} named; \
         most covered: {}.",
        named.join(", ")
    );
    let not_drawn = ranked
        .iter()
        .filter(|country| !drawn.contains(&country.numeric))
        .map(|country| country.name.clone())
        .collect();

    let mut svg = String::with_capacity(land.len() + shaded.len() + 512);
    let _ = write!(
        svg,
        "<svg class=\"world-map\" width=\"100%\" viewBox=\"{view_box}\" role=\"group\" \
         aria-labelledby=\"map-title\" aria-describedby=\"map-desc\" fill=\"currentColor\" \
         stroke=\"#fff\" stroke-width=\".5\" stroke-linejoin=\"round\"><title id=\"map-title\">\
         Briefings per country</title><desc id=\"map-desc\">{}</desc><g aria-hidden=\"true\">\
         <path class=\"land\" fill-opacity=\".12\" d=\"{land}\"/>{shaded}</g></svg>",
        escape(&description)
    );
    Some(WorldMap {
        svg,
        legend,
        not_drawn,
    })
}

/// Up to five classes of equal numbers of countries (quantiles of the counts), spread
/// over the five shades so that the most covered class is always the darkest.
fn legend(mut counts: Vec<usize>) -> Vec<MapLegendEntry> {
    counts.sort_unstable();
    let total = counts.len();
    let mut uppers: Vec<usize> = (1..=SHADES)
        .map(|class| counts[(class * total).div_ceil(SHADES) - 1])
        .collect();
    uppers.dedup();
    let classes = uppers.len();
    let mut min = counts[0];
    uppers
        .into_iter()
        .enumerate()
        .map(|(class, max)| {
            let entry = MapLegendEntry {
                shade: ((class + 1) * SHADES).div_ceil(classes),
                min,
                max,
                label: if min == max {
                    min.to_string()
                } else {
                    format!("{min}–{max}")
                },
            };
            min = max + 1;
            entry
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(numeric: &'static str, name: &str, count: usize) -> MapCountry {
        MapCountry {
            numeric,
            name: name.into(),
            url: format!("/countries/{}/", name.to_lowercase()),
            count,
        }
    }

    fn ranges(legend: &[MapLegendEntry]) -> Vec<(usize, String)> {
        legend
            .iter()
            .map(|entry| (entry.shade, entry.label.clone()))
            .collect()
    }

    #[test]
    fn counts_fall_into_five_quantile_shades() {
        let legend = legend((1..=10).collect());
        assert_eq!(
            ranges(&legend),
            [
                (1, "1–2".to_string()),
                (2, "3–4".to_string()),
                (3, "5–6".to_string()),
                (4, "7–8".to_string()),
                (5, "9–10".to_string()),
            ]
        );
    }

    #[test]
    fn few_distinct_counts_use_fewer_shades_ending_at_the_darkest() {
        assert_eq!(ranges(&legend(vec![3, 3, 3])), [(5, "3".to_string())]);
        assert_eq!(
            ranges(&legend(vec![1, 1, 1, 1, 9])),
            [(3, "1".to_string()), (5, "2–9".to_string())]
        );
    }

    #[test]
    fn shades_and_links_each_country_with_an_outline() {
        let map = render_world_map(&[
            country("156", "China", 4),
            country("643", "Russia", 1),
            country("702", "Singapore", 2),
        ])
        .unwrap();
        assert!(
            map.svg
                .starts_with("<svg class=\"world-map\" width=\"100%\" viewBox=\"0 0 1000 ")
        );
        assert!(
            map.svg
                .contains("<a href=\"/countries/china/\" tabindex=\"-1\"><path class=\"shade-5\"")
        );
        assert!(map.svg.contains("<title>China: 4 briefings</title>"));
        assert!(map.svg.contains("<title>Russia: 1 briefing</title>"));
        assert!(map.svg.contains(
            "3 countries are named; most covered: China (4), Singapore (2), Russia (1)."
        ));
        assert_eq!(map.not_drawn, ["Singapore"]);
        assert_eq!(map.svg.matches("<a ").count(), 2);
        // An element with an image role may not hold links (axe: nested-interactive):
        // the map is a group, its shapes and links hidden behind the list of countries.
        assert!(!map.svg.contains("role=\"img\""));
        assert!(map.svg.contains(
            "role=\"group\" aria-labelledby=\"map-title\" aria-describedby=\"map-desc\""
        ));
        let hidden = map.svg.find("<g aria-hidden=\"true\">").unwrap();
        assert!(map.svg.find("<a ").unwrap() > hidden);
        assert!(map.svg.ends_with("</g></svg>"));
    }

    #[test]
    fn the_same_countries_give_the_same_bytes() {
        let countries = [
            country("250", "France", 2),
            country("840", "United States", 7),
        ];
        let mut reversed = countries.clone();
        reversed.reverse();
        assert_eq!(
            render_world_map(&countries).unwrap().svg,
            render_world_map(&reversed).unwrap().svg
        );
    }

    #[test]
    fn every_outline_row_has_a_code_a_name_and_a_closed_path() {
        let rows: Vec<&str> = OUTLINES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("viewbox"))
            .collect();
        assert!(rows.len() > 150, "{} rows", rows.len());
        for row in rows {
            let fields: Vec<&str> = row.split('\t').collect();
            assert_eq!(fields.len(), 3, "{row}");
            assert!(fields[0] == "-" || fields[0].len() == 3, "{row}");
            assert!(
                fields[2].starts_with('M') && fields[2].ends_with('z'),
                "{row}"
            );
        }
    }

    #[test]
    fn no_countries_draw_no_map() {
        assert!(render_world_map(&[]).is_none());
    }

    /// The theme's map colours, `--land` then `--shade-1` to `--shade-5`, in the light
    /// scheme (`dark: false`) or the dark one, as `style.css` sets them.
    fn map_colours(dark: bool) -> Vec<(String, [u8; 3])> {
        let css = include_str!("../../../templates/style.css");
        let block = |from: usize| {
            let start = from + css[from..].find(":root {").expect(":root") + ":root {".len();
            &css[start..start + css[start..].find('}').expect("end of :root")]
        };
        let light = block(0);
        let dark_block = block(css.find("prefers-color-scheme: dark").expect("dark scheme"));
        let value = |block: &str, name: &str| {
            let at = block.find(&format!("{name}:"))?;
            let rest = block[at + name.len() + 1..].trim_start();
            Some(
                rest[..rest.find(';').expect("end of declaration")]
                    .trim()
                    .to_string(),
            )
        };
        [
            "--land",
            "--shade-1",
            "--shade-2",
            "--shade-3",
            "--shade-4",
            "--shade-5",
        ]
        .into_iter()
        .map(|name| {
            let found = if dark { value(dark_block, name) } else { None };
            let text = found.or_else(|| value(light, name)).expect(name);
            let hex = text.strip_prefix('#').filter(|hex| hex.len() == 6);
            let hex = hex.unwrap_or_else(|| panic!("{name} is not #rrggbb: {text}"));
            let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).unwrap();
            (name.to_string(), [channel(0), channel(2), channel(4)])
        })
        .collect()
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(rgb: [u8; 3]) -> f64 {
        let linear = |channel: u8| {
            let value = f64::from(channel) / 255.0;
            if value <= 0.04045 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
    }

    /// WCAG 2 contrast ratio of two colours.
    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn contrast_is_computed_as_wcag_defines_it() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([0x77, 0x77, 0x77], [255, 255, 255]) - 4.48).abs() < 0.01);
    }

    #[test]
    fn map_classes_and_uncovered_land_are_told_apart_in_both_schemes() {
        for dark in [false, true] {
            let colours = map_colours(dark);
            let scheme = if dark { "dark" } else { "light" };
            // Uncovered land against the lightest class: non-text contrast, WCAG 1.4.11.
            let (land, first) = (&colours[0], &colours[1]);
            let ratio = contrast(land.1, first.1);
            assert!(
                ratio >= 3.0,
                "{scheme}: {} vs {}: {ratio:.2}:1",
                land.0,
                first.0
            );
            for pair in colours[1..].windows(2) {
                let ratio = contrast(pair[0].1, pair[1].1);
                assert!(
                    ratio >= 1.4,
                    "{scheme}: {} vs {}: {ratio:.2}:1",
                    pair[0].0,
                    pair[1].0
                );
            }
            // Each class moves the same way, away from the land, so the ramp reads in order.
            let distances: Vec<f64> = colours[1..]
                .iter()
                .map(|(_, rgb)| contrast(land.1, *rgb))
                .collect();
            assert!(
                distances.windows(2).all(|pair| pair[0] < pair[1]),
                "{scheme}: {distances:?}"
            );
        }
    }
}
