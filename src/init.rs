//! `briefing init`: a new site that builds at once.
//!
//! Writes a config, one example article (a bundle, with an image), one example profile, an empty `static/` and a
//! `templates/` folder holding only a note on overriding the built-in theme.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::fs;

const TEMPLATES_NOTE: &str = "\
# Templates

The built-in theme is used until you override it. To change a page, copy the template
of the same name from the briefing repository's `templates/` folder into this folder and
edit it: `article.html`, `country.html`, `person.html`, `index.html`, `countries.html`,
`people.html`, `search.html`, `404.html`, or the layout they share, `base.html`.
Templates use Tera 2: https://keats.github.io/tera/
";

/// Writes a new site into `dir`, dated `today`; refuses a folder that has files in it
/// unless `force`. Returns the files written.
pub fn init_site(dir: &Path, force: bool, today: Date) -> Result<Vec<PathBuf>> {
    if !force && dir.is_dir() {
        let entries =
            std::fs::read_dir(dir).map_err(|e| Error::io("could not read folder", dir, e))?;
        if entries.count() > 0 {
            return Err(Error::Usage(format!(
                "{}: the folder is not empty; use --force to write the new site into it anyway",
                dir.display()
            )));
        }
    }
    let year = today.year();
    let bundle = PathBuf::from(format!("content/articles/{year}/welcome"));
    let files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from("briefing.yaml"), config().into_bytes()),
        (bundle.join("index.md"), article(today).into_bytes()),
        (bundle.join("chart.png"), example_chart()?),
        (
            PathBuf::from("content/people/antonio-guterres.md"),
            profile().into_bytes(),
        ),
        (
            PathBuf::from("templates/README.md"),
            TEMPLATES_NOTE.as_bytes().to_vec(),
        ),
    ];
    let mut written = Vec::new();
    for (relative, text) in files {
        let path = dir.join(relative);
        fs::write(&path, &text)?;
        written.push(path);
    }
    let static_dir = dir.join("static");
    fs::create_dir_all(&static_dir)?;
    written.push(static_dir);
    Ok(written)
}

fn config() -> String {
    "\
# Site settings; every key is optional. See the README for all of them.
title: Briefings
description: Short briefings on world affairs.
# Where the site will be published; feeds and the sitemap need the full address.
base_url: https://example.org/
language: en
time_zone: UTC
"
    .to_string()
}

fn article(today: Date) -> String {
    format!(
        "\
---
title: Welcome to your briefing site
date: {today}
summary: How a briefing is written, using the United Nations Secretary-General as the example.
countries: [Portugal]
people: [António Guterres]
tags: [example]
---
Every briefing is a Markdown file in `content/articles/` with front matter at the top.
The `countries` and `people` it lists get pages of their own, which gather every
briefing that names them.

António Guterres, the former Portuguese prime minister, has been Secretary-General of
the United Nations since January 2017. Because this briefing lists him, his page links
back here; his profile is in `content/people/antonio-guterres.md`.

This briefing is a bundle: the folder `welcome/` holds it as `index.md` with the image
below beside it, which the site publishes resized for every screen.

![Bars of four lengths](chart.png \"An example image, published beside its briefing\")

Write the next one with `briefing new \"A title\"`, check the site with
`briefing check`, and build it with `briefing build`.
"
    )
}

/// A bar chart of flat colours, 1,000 pixels wide: wide enough for three variants,
/// and a few KB as PNG.
fn example_chart() -> Result<Vec<u8>> {
    let bars = [
        (0.9, [31, 119, 180]),
        (0.6, [255, 127, 14]),
        (0.4, [44, 160, 44]),
        (0.75, [214, 39, 40]),
    ];
    let (width, height) = (1000_u32, 500_u32);
    let chart = image::RgbImage::from_fn(width, height, |x, y| {
        let row = (y * 8 / height) as usize;
        let (length, colour) = bars[row / 2];
        let inside = row % 2 == 1 && f64::from(x) < length * f64::from(width);
        image::Rgb(if inside { colour } else { [255, 255, 255] })
    });
    let mut png = std::io::Cursor::new(Vec::new());
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    chart
        .write_with_encoder(encoder)
        .map_err(|error| Error::Usage(format!("could not draw the example image: {error}")))?;
    Ok(png.into_inner())
}

fn profile() -> String {
    "\
---
name: António Guterres
aliases: [Guterres, Antonio Guterres]
role: Secretary-General of the United Nations
country: Portugal
---
António Guterres has been Secretary-General of the United Nations since 2017. He was
Prime Minister of Portugal from 1995 to 2002 and UN High Commissioner for Refugees from
2005 to 2015.
"
    .to_string()
}
