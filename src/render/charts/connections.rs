//! The connections chart: the entities named most often beside this one, as ranked
//! bars, each a link to its page.
//!
//! Unlike the timeline, this chart is a short list of links, so it is not an image:
//! every row is a link a keyboard reaches, named by its `<title>` ("Wang Yi: 3 shared
//! briefings"), which is also the tooltip. Labels are text at their own size; only the
//! bars' lengths are percentages of the width.

use std::fmt::Write;

use super::{counted, escape, percent};
use crate::render::view::ConnectionView;

/// Height of one row: a label above a bar.
const ROW: usize = 34;
/// Where a row's label sits (its baseline), from the row's top.
const LABEL_Y: usize = 15;
/// Where a row's bar starts, from the row's top.
const BAR_Y: usize = 20;
/// Thickness of a bar.
const BAR_HEIGHT: usize = 8;

/// The SVG of the connections of the entity named `subject`; `None` when it has none.
pub fn render_connections_chart(connections: &[ConnectionView], subject: &str) -> Option<String> {
    let most = connections.first()?.link.count;
    let title = format!("Who and what appears most often with {subject}");
    let mut svg = String::with_capacity(256 + connections.len() * 300);
    let _ = write!(
        svg,
        "<svg class=\"chart connections-chart\" width=\"100%\" height=\"{}\" font-size=\"14\" \
         fill=\"currentColor\" aria-labelledby=\"connections-title\">\
         <title id=\"connections-title\">{}</title>",
        connections.len() * ROW - (ROW - BAR_Y - BAR_HEIGHT),
        escape(&title)
    );
    for (row, connection) in connections.iter().enumerate() {
        let link = &connection.link;
        let top = row * ROW;
        // No emoji flag: where no colour-emoji font is installed it draws as boxes.
        let name = &link.name;
        let _ = write!(
            svg,
            "<a class=\"{kind}\" href=\"{url}\"><title>{tooltip}</title>\
             <rect class=\"hit\" y=\"{top}\" width=\"100%\" height=\"{ROW}\" opacity=\"0\"/>\
             <text y=\"{label_y}\">{name}</text>\
             <text class=\"value\" x=\"100%\" y=\"{label_y}\" text-anchor=\"end\">{count}</text>\
             <rect class=\"bar\" y=\"{bar_y}\" width=\"{width}\" height=\"{BAR_HEIGHT}\" rx=\"2\" fill-opacity=\".6\"/></a>",
            kind = connection.kind,
            url = escape(&link.url),
            tooltip = escape(&format!(
                "{}: {}",
                link.name,
                counted(link.count, "shared briefing")
            )),
            label_y = top + LABEL_Y,
            name = escape(name),
            count = link.count,
            bar_y = top + BAR_Y,
            width = percent(link.count as f64, most as f64),
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::EntityLinkView;

    fn connection(
        kind: &'static str,
        name: &str,
        flag: Option<&str>,
        count: usize,
    ) -> ConnectionView {
        ConnectionView {
            kind,
            link: EntityLinkView {
                name: name.into(),
                url: format!("/x/{}/", name.to_lowercase()),
                flag: flag.map(str::to_string),
                code: flag.map(|_| "CN".to_string()),
                count,
            },
        }
    }

    #[test]
    fn bars_are_ranked_against_the_first_and_link_to_each_page() {
        let svg = render_connections_chart(
            &[
                connection("person", "Wang Yi", None, 4),
                connection("country", "China", Some("🇨🇳"), 1),
            ],
            "Sergey Lavrov",
        )
        .unwrap();
        assert!(svg.contains("height=\"62\""));
        assert!(svg.contains(
            "<a class=\"person\" href=\"/x/wang yi/\"><title>Wang Yi: 4 shared briefings</title>"
        ));
        // No emoji flag, which draws as boxes where no colour-emoji font is installed.
        assert!(svg.contains("<text y=\"49\">China</text>"));
        assert!(svg.contains("<title>China: 1 shared briefing</title>"));
        assert!(svg.contains("width=\"100%\" height=\"8\""));
        assert!(svg.contains("width=\"25%\" height=\"8\""));
    }

    #[test]
    fn names_are_escaped() {
        let svg = render_connections_chart(
            &[connection("person", "A <script> & \"B\"", None, 1)],
            "O'Brien",
        )
        .unwrap();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("A &lt;script&gt; &amp; &quot;B&quot;"));
        assert!(svg.contains("with O&apos;Brien"));
    }

    #[test]
    fn no_connections_draw_no_chart() {
        assert_eq!(render_connections_chart(&[], "Nobody"), None);
    }
}
