//! The generator of mutated files: seeds from the fixture and example sites, and a
//! seeded random mix of the edits that break parsers.

use std::path::Path;

/// What mutations insert: the syntax both parsers care about, and characters that
/// have broken parsers before.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "#",
    "|",
    ">",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "!tag ",
    "? ",
    "---\n",
    "...\n",
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{feff}",
    "\u{0}",
    "\u{7f}",
    "\u{200b}",
    "\u{2028}",
    "é",
    "Ж",
    "中",
    "🙂",
    "\u{301}",
    "~",
    "null",
    "true",
    "-1",
    "0",
    "1e999",
    "99999999999999999999",
    "2024-02-30",
    "0000-01-01",
    "9999-12-31T23:59:59+25:00",
    "2024-04-09T14:30:00+02:00",
    "title:",
    "date:",
    "countries:",
    "people:",
    "tags:",
    "slug:",
    "draft:",
    "extra:",
    "source:",
    "name:",
    "aliases:",
    "country:",
    "base_url:",
    "time_zone:",
    "feed_limit:",
    "language:",
    "../",
    "/etc/passwd",
    "javascript:alert(1)",
    "https://example.org/",
    "<script>",
    "</p>",
    "<a href=\"javascript:x\">",
    "<!--",
    "# ",
    "## ",
    "###### ",
    "**",
    "_",
    "`",
    "```\n",
    "    ",
    "> ",
    "1. ",
    "* ",
    "[x](",
    "](../a)",
    "![i](",
    "|---|\n",
    "[^1]",
    "[^1]: n\n",
    "<https://a>",
    "&amp;",
    "&#0;",
    "\\",
    "Ukraine",
    "China",
    "Lavrov",
    "Сергей Лавров",
];

/// A small, fast, seeded generator (xorshift64*): the same seed gives the same cases.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// `text` with one to four random edits.
pub fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(9) {
            0..=2 => {
                let token = rng.pick(TOKENS);
                chars.splice(at..at, token.chars());
            }
            3 => {
                let end = (at + rng.below(20)).min(chars.len());
                chars.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(40)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let repeat = 1 + rng.below(3);
                for _ in 0..repeat {
                    chars.splice(end..end, copy.iter().copied());
                }
            }
            5 => {
                let mut lines: Vec<String> = chars
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(String::from)
                    .collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                chars = lines.join("\n").chars().collect();
            }
            6 => {
                if at < chars.len() {
                    chars[at] = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
                }
            }
            7 if rng.below(8) == 0 => {
                // Deep nesting and long runs: `[[[[`, `> > >`, a thousand headings.
                let token = rng.pick(TOKENS);
                let repeated = token.repeat(100 + rng.below(1900));
                chars.splice(at..at, repeated.chars());
            }
            7 => {}
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

/// The kinds of file the generator mutates.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Article,
    Profile,
    Note,
    Config,
}

impl Kind {
    /// Where a file of this kind goes in a site.
    pub fn path(self) -> &'static str {
        match self {
            Kind::Article => "content/articles/2024/fuzz.md",
            Kind::Profile => "content/people/fuzz-person.md",
            Kind::Note => "content/countries/france.md",
            Kind::Config => "briefing.yaml",
        }
    }
}

/// Every file of the fixture site (and the example site's articles) as seeds, by kind.
pub fn seeds() -> Vec<(Kind, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for folder in ["tests/fixtures/good_site", "."] {
        for entry in walkdir::WalkDir::new(root.join(folder).join("content")) {
            let entry = entry.expect("walk seeds");
            let path = entry.path();
            if path.extension().is_none_or(|extension| extension != "md") {
                continue;
            }
            let name = path.to_string_lossy();
            let kind = if name.contains("/people/") {
                Kind::Profile
            } else if name.contains("/countries/") {
                Kind::Note
            } else {
                Kind::Article
            };
            seeds.push((kind, std::fs::read_to_string(path).expect("seed")));
        }
        let config = root.join(folder).join("briefing.yaml");
        if let Ok(text) = std::fs::read_to_string(config) {
            seeds.push((Kind::Config, text));
        }
    }
    seeds.push((
        Kind::Config,
        "title: T\nbase_url: https://example.org/sub/\nfeed_limit: 5\nfeed_content: summary\n\
         unsafe_html: false\nlink_mentions: true\nshow_map: true\nauthor: A\n"
            .to_string(),
    ));
    seeds
}
