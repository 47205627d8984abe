//! A deterministic corpus of briefings for benchmarks.
//!
//! ```text
//! cargo run --release --example generate_corpus -- --articles 10000 --seed 1 OUT_DIR
//! ```
//!
//! Writes a site in the content contract of the README ("A site on disk"):
//! `briefing.yaml`, `content/articles/<yyyy>/<mm>/<slug>.md` and, for about a third of
//! the people, `content/people/<slug>.md`. The same arguments give the same bytes: the
//! only source of randomness is a seeded SplitMix64, and nothing depends on hash order.
//!
//! Articles average about 7 KB of Markdown (headings, lists, links, emphasis, quotes);
//! countries (about 70, written the many ways analysts write them) and people (several
//! hundred generated names, some Cyrillic, accented Latin or CJK) are drawn with a
//! Zipf-like skew, so a few entities have very large pages, as in real briefings.
//!
//! `benches/stages.rs` includes this file as a module to build the same articles in
//! memory, so everything but `main` is written to be usable from there.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefing::slugs::{name_key, slugify};

/// How many distinct people the corpus names.
pub const DEFAULT_PEOPLE: usize = 600;

/// SplitMix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Draws indices `0..n` with probability proportional to `1 / (k + 1)^s`.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += 1.0 / ((k + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let target = rng.unit() * self.cumulative.last().copied().unwrap_or(0.0);
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len() - 1)
    }
}

/// Countries, most covered first; each with the spellings analysts use for it (the
/// first is the most common).
pub const COUNTRIES: &[&[&str]] = &[
    &[
        "United States",
        "US",
        "USA",
        "United States of America",
        "U.S.",
    ],
    &["China", "PRC", "CN", "People's Republic of China"],
    &["Russia", "RU", "Russian Federation"],
    &["Ukraine", "UA", "UKR"],
    &["United Kingdom", "UK", "Britain", "GB"],
    &["Germany", "DE", "DEU"],
    &["France", "FR", "French Republic"],
    &["Israel", "IL"],
    &["Iran", "IR", "Islamic Republic of Iran"],
    &["India", "IN", "IND"],
    &["Japan", "JP"],
    &["Turkey", "Türkiye", "TR"],
    &["Saudi Arabia", "SA", "SAU"],
    &["Taiwan", "TW"],
    &["South Korea", "ROK", "Republic of Korea", "KR"],
    &["North Korea", "DPRK", "KP"],
    &["Poland", "PL"],
    &["Brazil", "BR"],
    &["Syria", "SY"],
    &["Egypt", "EG"],
    &["Italy", "IT"],
    &["Canada", "CA"],
    &["Pakistan", "PK"],
    &["United Arab Emirates", "UAE", "AE"],
    &["Qatar", "QA"],
    &["Belarus", "BY"],
    &["Iraq", "IQ"],
    &["Afghanistan", "AF"],
    &["Mexico", "MX"],
    &["Australia", "AU"],
    &["Spain", "ES"],
    &["Hungary", "HU"],
    &["Georgia", "GE"],
    &["Armenia", "AM"],
    &["Azerbaijan", "AZ"],
    &["Kazakhstan", "KZ"],
    &["Lebanon", "LB"],
    &["Jordan", "JO"],
    &["Yemen", "YE"],
    &["Libya", "LY"],
    &["Sudan", "SD"],
    &["Ethiopia", "ET"],
    &["Nigeria", "NG"],
    &["South Africa", "ZA"],
    &["Kenya", "KE"],
    &["Mali", "ML"],
    &["Niger", "NE"],
    &["Côte d'Ivoire", "Ivory Coast", "CI"],
    &["Democratic Republic of the Congo", "DRC", "DR Congo"],
    &["Venezuela", "VE"],
    &["Colombia", "CO"],
    &["Argentina", "AR"],
    &["Cuba", "CU"],
    &["Indonesia", "ID"],
    &["Vietnam", "Viet Nam", "VN"],
    &["Philippines", "PH"],
    &["Myanmar", "Burma", "MM"],
    &["Moldova", "MD"],
    &["Serbia", "RS"],
    &["Greece", "GR"],
    &["Sweden", "SE"],
    &["Finland", "FI"],
    &["Norway", "NO"],
    &["Netherlands", "NL"],
    &["Czech Republic", "Czechia", "CZ"],
    &["Romania", "RO"],
    &["Switzerland", "CH"],
    &["Bangladesh", "BD"],
];

/// Given and family names by culture; every combination is a candidate name.
struct NamePool {
    given: &'static [&'static str],
    family: &'static [&'static str],
    /// Family name first, no space (Chinese, Korean).
    joined: bool,
}

#[rustfmt::skip]
const NAME_POOLS: &[NamePool] = &[
    NamePool {
        given: &[
            "James",
            "Mary",
            "John",
            "Patricia",
            "Robert",
            "Jennifer",
            "Michael",
            "Linda",
            "David",
            "Elizabeth",
            "William",
            "Susan",
            "Richard",
            "Sarah",
            "Thomas",
            "Karen",
            "Daniel",
            "Emily",
            "Matthew",
            "Laura",
            "Peter",
            "Helen",
            "Mark",
            "Anne",
        ],
        family: &[
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Taylor",
            "Moore",
            "Martin",
            "Jackson",
            "Thompson",
            "White",
            "Harris",
            "Clark",
            "Lewis",
            "Walker",
            "Hall",
            "Young",
            "King",
            "Wright",
            "Scott",
            "Green",
            "Baker",
            "Adams",
            "Nelson",
            "Carter",
            "O'Brien",
            "McAllister",
            "Fitzgerald",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "François",
            "Hélène",
            "Jérôme",
            "Amélie",
            "Benoît",
            "Céline",
            "Gaëlle",
            "Loïc",
            "José",
            "María",
            "Inés",
            "Andrés",
            "Lucía",
            "Ramón",
            "Sofía",
            "Óscar",
            "Jürgen",
            "Jörg",
            "Günter",
            "Käthe",
            "Björn",
            "Søren",
            "Åsa",
            "Zoë",
        ],
        family: &[
            "Lefèvre",
            "Dubois",
            "Moreau",
            "Girard",
            "Rousseau",
            "Bérenger",
            "García",
            "Martínez",
            "Rodríguez",
            "Hernández",
            "López",
            "Núñez",
            "Muñoz",
            "Müller",
            "Schäfer",
            "Köhler",
            "Weiß",
            "Schröder",
            "Krüger",
            "Ørsted",
            "Håkansson",
            "Gonçalves",
            "Conceição",
            "Dvořák",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "Çağrı",
            "Gökhan",
            "Şule",
            "Ayşe",
            "Emre",
            "Elif",
            "Łukasz",
            "Wojciech",
            "Małgorzata",
            "Zbigniew",
            "Agnieszka",
            "Tomáš",
            "Petra",
            "Jiří",
        ],
        family: &[
            "Yılmaz",
            "Öztürk",
            "Şahin",
            "Çelik",
            "Kaya",
            "Doğan",
            "Kowalski",
            "Wiśniewski",
            "Zieliński",
            "Dąbrowski",
            "Novák",
            "Svoboda",
            "Horváth",
            "Németh",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "Сергей",
            "Алексей",
            "Дмитрий",
            "Андрей",
            "Олег",
            "Николай",
            "Владимир",
            "Игорь",
            "Михаил",
            "Юрий",
            "Богдан",
            "Тарас",
        ],
        family: &[
            "Иванов",
            "Смирнов",
            "Кузнецов",
            "Попов",
            "Соколов",
            "Лебедев",
            "Новиков",
            "Морозов",
            "Волков",
            "Козлов",
            "Шевченко",
            "Бондаренко",
            "Ткаченко",
            "Мельник",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "Ольга",
            "Наталья",
            "Мария",
            "Юлия",
            "Ирина",
            "Елена",
            "Анна",
            "Татьяна",
        ],
        family: &[
            "Иванова",
            "Смирнова",
            "Кузнецова",
            "Попова",
            "Соколова",
            "Лебедева",
            "Новикова",
            "Морозова",
            "Волкова",
            "Козлова",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超",
            "建国", "志强", "小平", "海燕", "文博",
        ],
        family: &[
            "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
        ],
        joined: true,
    },
    NamePool {
        given: &[
            "민준", "서연", "지훈", "수빈", "현우", "지민", "도윤", "하은",
        ],
        family: &["김", "이", "박", "최", "정", "강", "조", "윤"],
        joined: true,
    },
    NamePool {
        given: &[
            "Taro", "Hiroshi", "Yuki", "Kenji", "Aiko", "Haruto", "Sakura", "Takeshi",
        ],
        family: &[
            "Tanaka",
            "Suzuki",
            "Takahashi",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "Mohammed", "Ahmed", "Fatima", "Omar", "Leila", "Yousef", "Khaled", "Nour", "Hassan",
            "Amira", "Tariq", "Rania",
        ],
        family: &[
            "al-Hassan",
            "Haddad",
            "Khalil",
            "Nasser",
            "Saleh",
            "Mansour",
            "Aziz",
            "Farouk",
            "el-Sayed",
            "bin Rashid",
            "Karimi",
            "Hosseini",
        ],
        joined: false,
    },
    NamePool {
        given: &[
            "Chinedu", "Amara", "Kwame", "Ngozi", "Tendai", "Wanjiru", "Kofi", "Aminata",
        ],
        family: &[
            "Okafor", "Mensah", "Otieno", "Diallo", "Traoré", "Mwangi", "Adeyemi", "Nkosi",
        ],
        joined: false,
    },
];

const ROLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "Finance Minister",
    "Ambassador to the United Nations",
    "National Security Adviser",
    "Central Bank Governor",
    "Opposition Leader",
    "Chief Negotiator",
    "Energy Minister",
    "Trade Representative",
    "Special Envoy",
    "Interior Minister",
    "Speaker of Parliament",
];

const TAGS: &[&str] = &[
    "diplomacy",
    "security",
    "energy",
    "trade",
    "elections",
    "sanctions",
    "defence",
    "economy",
    "migration",
    "climate",
    "human-rights",
    "nuclear",
    "cyber",
    "food-security",
    "health",
    "technology",
    "maritime",
    "terrorism",
    "humanitarian",
    "finance",
    "arms-control",
    "infrastructure",
    "protests",
    "courts",
    "intelligence",
];

const SOURCES: &[&str] = &[
    "Example Wire",
    "Global Monitor",
    "The Daily Dispatch",
    "Agence Exemple",
    "Eastern Observer",
    "Harbor Times",
    "Meridian News",
    "Continental Post",
    "The Northern Ledger",
    "Pacific Bulletin",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "new",
    "fresh",
    "fragile",
    "long-awaited",
    "controversial",
    "sweeping",
    "modest",
    "tentative",
    "bilateral",
    "regional",
    "multilateral",
    "military",
    "economic",
    "diplomatic",
    "humanitarian",
    "strategic",
    "joint",
    "informal",
    "formal",
    "emergency",
    "renewed",
    "limited",
    "comprehensive",
    "disputed",
    "landmark",
    "temporary",
    "interim",
    "expanded",
    "revised",
    "stalled",
    "cross-border",
    "maritime",
    "nuclear",
    "financial",
    "political",
    "security",
    "draft",
    "final",
    "unprecedented",
    "cautious",
];

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "agreement",
    "ceasefire",
    "talks",
    "summit",
    "sanctions",
    "deal",
    "proposal",
    "framework",
    "corridor",
    "pipeline",
    "election",
    "referendum",
    "coalition",
    "treaty",
    "resolution",
    "package",
    "loan",
    "tariffs",
    "exports",
    "imports",
    "reserves",
    "budget",
    "reform",
    "investigation",
    "delegation",
    "mission",
    "deployment",
    "exercise",
    "border",
    "strait",
    "port",
    "grid",
    "supply chain",
    "embargo",
    "negotiations",
    "memorandum",
    "partnership",
    "consortium",
    "settlement",
    "roadmap",
    "inflation",
    "currency",
    "bond market",
    "grain deal",
    "peace plan",
    "aid package",
    "security guarantee",
    "arms shipment",
    "trade route",
    "energy deal",
];

const PLACES: &[&str] = &[
    "the capital",
    "the border region",
    "the north of the country",
    "the southern provinces",
    "the Black Sea",
    "the Red Sea",
    "the Gulf",
    "the Baltic",
    "the Sahel",
    "the Indo-Pacific",
    "the eastern front",
    "Geneva",
    "Brussels",
    "Vienna",
    "New York",
    "Istanbul",
    "Doha",
    "Singapore",
    "Nairobi",
    "the Security Council",
];

#[rustfmt::skip]
const VERBS_PAST: &[&str] = &[
    "approved",
    "rejected",
    "signed",
    "postponed",
    "announced",
    "criticised",
    "welcomed",
    "suspended",
    "extended",
    "proposed",
    "negotiated",
    "endorsed",
    "questioned",
    "revived",
    "finalised",
    "blocked",
    "discussed",
    "outlined",
    "condemned",
    "backed",
];

#[rustfmt::skip]
const VERBS_BASE: &[&str] = &[
    "approve",
    "reject",
    "sign",
    "delay",
    "announce",
    "review",
    "extend",
    "expand",
    "revive",
    "finalise",
    "block",
    "reshape",
    "undermine",
    "strengthen",
    "complicate",
    "accelerate",
    "test",
    "secure",
    "renegotiate",
    "limit",
];

const ACTORS: &[&str] = &[
    "officials",
    "diplomats",
    "negotiators",
    "the foreign ministry",
    "the defence ministry",
    "the central bank",
    "the government",
    "opposition leaders",
    "lawmakers",
    "analysts",
    "aid agencies",
    "military commanders",
    "senior advisers",
    "a government spokesperson",
    "the prime minister's office",
    "European envoys",
    "regional leaders",
    "observers",
];

const TIMES: &[&str] = &[
    "On Monday",
    "On Tuesday",
    "On Wednesday",
    "On Thursday",
    "On Friday",
    "Over the weekend",
    "Late on Sunday",
    "Earlier this month",
    "Last week",
    "In the early hours",
    "After two days of talks",
    "Within hours",
];

const CONNECTORS: &[&str] = &[
    "However",
    "Meanwhile",
    "At the same time",
    "Still",
    "In response",
    "By contrast",
    "Separately",
    "Nevertheless",
    "For now",
    "In private",
];

const SAY: &[&str] = &[
    "said",
    "told reporters",
    "insisted",
    "warned",
    "argued",
    "suggested",
    "acknowledged",
    "signalled",
];

const MODALS: &[&str] = &["would", "could", "might", "will", "is expected to", "may"];

const UNITS: &[&str] = &[
    "billion dollars",
    "million euros",
    "per cent",
    "barrels a day",
    "tonnes of grain",
    "troops",
    "kilometres",
    "megawatts",
];

const HEADINGS: &[&str] = &[
    "Background",
    "What happened",
    "Why it matters",
    "Reactions",
    "What comes next",
    "The economic picture",
    "Security implications",
    "Regional context",
    "Key figures",
    "Outlook",
    "Analysis",
    "Timeline",
];

/// One person the corpus can name.
pub struct Person {
    /// The canonical name.
    pub name: String,
    /// Other names for them; only profiled people have any.
    pub aliases: Vec<String>,
    /// Their slug: the profile's file name.
    pub slug: String,
    pub role: String,
    /// Index into [`COUNTRIES`].
    pub country: usize,
    pub profiled: bool,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub articles: usize,
    pub seed: u64,
    pub people: usize,
}

/// Capitalises the first letter of each `-`-separated word of a slug: an ASCII form
/// of a name ("sergei-ivanov" -> "Sergei Ivanov").
fn title_case_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `count` people with unique names, name keys and slugs (the tool rejects two names
/// that make the same URL), about a third of them profiled with aliases.
pub fn generate_people(rng: &mut Rng, count: usize) -> Vec<Person> {
    let mut slugs = HashSet::new();
    let mut keys = HashSet::new();
    let mut people = Vec::with_capacity(count);
    let mut attempts = 0;
    while people.len() < count && attempts < count * 100 {
        attempts += 1;
        // Weighted towards the larger pools, with every script represented.
        let pool = &NAME_POOLS[match rng.below(20) {
            0..=4 => 0,
            5..=7 => 1,
            8..=9 => 2,
            10..=11 => 3,
            12 => 4,
            13..=14 => 5,
            15 => 6,
            16 => 7,
            17..=18 => 8,
            _ => 9,
        }];
        let given = pool.given[rng.below(pool.given.len())];
        let family = pool.family[rng.below(pool.family.len())];
        let name = if pool.joined {
            format!("{family}{given}")
        } else if rng.chance(0.06) {
            // A middle initial now and then.
            let initial = (b'A' + rng.below(26) as u8) as char;
            format!("{given} {initial}. {family}")
        } else {
            format!("{given} {family}")
        };
        let slug = slugify(&name);
        if slug.is_empty() || slugs.contains(&slug) || keys.contains(&name_key(&name)) {
            continue;
        }
        slugs.insert(slug.clone());
        keys.insert(name_key(&name));
        people.push(Person {
            name,
            aliases: Vec::new(),
            slug,
            role: ROLES[rng.below(ROLES.len())].to_string(),
            country: rng.below(COUNTRIES.len()),
            profiled: rng.below(3) == 0,
        });
    }
    // Aliases once every name is known, so an alias never shadows another's name.
    for person in &mut people {
        if !person.profiled {
            continue;
        }
        let mut candidates = Vec::new();
        if !person.name.is_ascii() {
            candidates.push(title_case_slug(&person.slug));
        }
        if let Some(last) = person.name.split(' ').next_back()
            && last != person.name
        {
            candidates.push(last.to_string());
        }
        for alias in candidates {
            if keys.insert(name_key(&alias)) {
                person.aliases.push(alias);
            }
        }
    }
    people
}

/// A calendar date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 2020-01-01 as days since the epoch, and the number of days up to 2024-12-31.
const FIRST_DAY: i64 = 18_262;
const DAY_COUNT: usize = 1_827;

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn flow_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Writes prose for one article: knows the article's entities so sentences name them.
struct Writer<'a> {
    rng: &'a mut Rng,
    countries: Vec<&'static str>,
    people: Vec<String>,
}

impl Writer<'_> {
    fn word(&mut self, list: &[&'static str]) -> &'static str {
        list[self.rng.below(list.len())]
    }

    fn actor(&mut self) -> String {
        match self.rng.below(6) {
            0 | 1 if !self.people.is_empty() => {
                let i = self.rng.below(self.people.len());
                self.people[i].clone()
            }
            2 if !self.countries.is_empty() => {
                let country = self.countries[self.rng.below(self.countries.len())];
                format!("officials in {country}")
            }
            _ => self.word(ACTORS).to_string(),
        }
    }

    fn place(&mut self) -> String {
        if !self.countries.is_empty() && self.rng.chance(0.4) {
            self.countries[self.rng.below(self.countries.len())].to_string()
        } else {
            self.word(PLACES).to_string()
        }
    }

    fn noun_phrase(&mut self) -> String {
        let adjective = self.word(ADJECTIVES);
        let noun = self.word(NOUNS);
        let phrase = format!("{adjective} {noun}");
        // Inline markup now and then.
        match self.rng.below(40) {
            0 => format!("*{phrase}*"),
            1 => format!("**{phrase}**"),
            2 | 3 => {
                let path = slugify(&phrase);
                let id = self.rng.below(100_000);
                format!("[{phrase}](https://example.org/reports/{path}-{id})")
            }
            _ => phrase,
        }
    }

    fn clause(&mut self) -> String {
        let subject = self.noun_phrase();
        let modal = self.word(MODALS);
        let verb = self.word(VERBS_BASE);
        let object = self.noun_phrase();
        let place = self.place();
        format!("the {subject} {modal} {verb} the {object} in {place}")
    }

    fn sentence(&mut self) -> String {
        let text = match self.rng.below(6) {
            0 => {
                let actor = self.actor();
                let say = self.word(SAY);
                let clause = self.clause();
                format!("{actor} {say} that {clause}")
            }
            1 => {
                let time = self.word(TIMES);
                let actor = self.actor();
                let verb = self.word(VERBS_PAST);
                let object = self.noun_phrase();
                let place = self.place();
                format!("{time}, {actor} {verb} a {object} for {place}")
            }
            2 => {
                let object = self.noun_phrase();
                let verb = self.word(VERBS_PAST);
                let amount = self.rng.range(2, 950);
                let unit = self.word(UNITS);
                let actor = self.actor();
                format!(
                    "The {object} was {verb} at {amount} {unit}, according to {actor}, \
                     a figure that could not be independently verified"
                )
            }
            3 => {
                let connector = self.word(CONNECTORS);
                let actor = self.actor();
                let say = self.word(SAY);
                let clause = self.clause();
                format!("{connector}, {actor} {say} that {clause}")
            }
            4 => {
                let actor = self.actor();
                let verb = self.word(VERBS_PAST);
                let object = self.noun_phrase();
                let other = self.noun_phrase();
                format!("{actor} {verb} the {object} after weeks of pressure over the {other}")
            }
            _ => {
                let object = self.noun_phrase();
                let place = self.place();
                let actor = self.actor();
                let verb = self.word(VERBS_BASE);
                format!(
                    "Talks on the {object} in {place} continued, with {actor} under pressure \
                     to {verb} the terms before the end of the year"
                )
            }
        };
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        let sentences: Vec<String> = (0..sentences).map(|_| self.sentence()).collect();
        sentences.join(" ")
    }

    fn body(&mut self) -> String {
        let mut body = String::with_capacity(8 * 1024);
        let paragraphs = self.rng.range(4, 12);
        for index in 0..paragraphs {
            if index > 0 {
                body.push('\n');
            }
            if index == 0 {
                let sentences = self.rng.range(3, 6);
                body.push_str(&self.paragraph(sentences));
                body.push('\n');
                continue;
            }
            if self.rng.chance(0.25) {
                let heading = self.word(HEADINGS);
                let _ = writeln!(body, "## {heading}\n");
            }
            match self.rng.below(10) {
                0 | 1 => {
                    for _ in 0..self.rng.range(3, 6) {
                        let item = self.sentence();
                        let _ = writeln!(body, "- {item}");
                    }
                }
                2 => {
                    let sentences = self.rng.range(1, 3);
                    let quote = self.paragraph(sentences);
                    let _ = writeln!(body, "> {quote}");
                }
                _ => {
                    let sentences = self.rng.range(5, 12);
                    body.push_str(&self.paragraph(sentences));
                    body.push('\n');
                }
            }
        }
        body
    }
}

/// Generates the site, handing each file (path relative to the site, contents) to
/// `emit` in a fixed order.
pub fn generate(options: &Options, emit: &mut dyn FnMut(&Path, &str)) {
    let mut rng = Rng::new(options.seed);
    let people = generate_people(&mut rng, options.people);

    emit(
        Path::new("briefing.yaml"),
        "title: Benchmark Briefings\n\
         description: A generated corpus of briefings for benchmarks.\n\
         base_url: https://example.org/\n",
    );

    for person in people.iter().filter(|person| person.profiled) {
        let country = COUNTRIES[person.country][0];
        let mut text = String::new();
        let _ = writeln!(text, "---\nname: {}", quoted(&person.name));
        if !person.aliases.is_empty() {
            let _ = writeln!(text, "aliases: {}", flow_list(&person.aliases));
        }
        let _ = writeln!(
            text,
            "role: {}",
            quoted(&format!("{} of {country}", person.role))
        );
        let _ = writeln!(text, "country: {}", quoted(country));
        let _ = writeln!(text, "---\n");
        let mut writer = Writer {
            rng: &mut rng,
            countries: vec![country],
            people: vec![person.name.clone()],
        };
        let bio = writer.paragraph(3);
        let _ = writeln!(text, "{bio}");
        let path = PathBuf::from(format!("content/people/{}.md", person.slug));
        emit(&path, &text);
    }

    let country_zipf = Zipf::new(COUNTRIES.len(), 1.0);
    let people_zipf = Zipf::new(people.len(), 1.0);
    let tag_zipf = Zipf::new(TAGS.len(), 0.8);
    // How many people an article names: 0 to 5, most often 2.
    const PEOPLE_COUNT_WEIGHTS: [usize; 6] = [10, 20, 25, 20, 15, 10];
    for number in 0..options.articles {
        let day = FIRST_DAY + rng.below(DAY_COUNT) as i64;
        let (year, month, day_of_month) = civil_from_days(day);

        let mut country_ids = Vec::new();
        for _ in 0..rng.range(1, 4) {
            let id = country_zipf.sample(&mut rng);
            if !country_ids.contains(&id) {
                country_ids.push(id);
            }
        }
        let countries: Vec<&'static str> = country_ids
            .iter()
            .map(|&id| {
                let spellings = COUNTRIES[id];
                // The common name half the time, else any spelling.
                if rng.chance(0.5) {
                    spellings[0]
                } else {
                    spellings[rng.below(spellings.len())]
                }
            })
            .collect();

        let mut people_count = 0;
        let mut draw = rng.below(PEOPLE_COUNT_WEIGHTS.iter().sum());
        while draw >= PEOPLE_COUNT_WEIGHTS[people_count] {
            draw -= PEOPLE_COUNT_WEIGHTS[people_count];
            people_count += 1;
        }
        let mut person_ids = Vec::new();
        for _ in 0..people_count {
            let id = people_zipf.sample(&mut rng);
            if !person_ids.contains(&id) {
                person_ids.push(id);
            }
        }
        let names: Vec<String> = person_ids
            .iter()
            .map(|&id| {
                let person = &people[id];
                if !person.aliases.is_empty() && rng.chance(0.3) {
                    person.aliases[rng.below(person.aliases.len())].clone()
                } else {
                    person.name.clone()
                }
            })
            .collect();

        let mut tags = Vec::new();
        for _ in 0..rng.range(1, 3) {
            let tag = TAGS[tag_zipf.sample(&mut rng)].to_string();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }

        let mut writer = Writer {
            rng: &mut rng,
            countries: countries.clone(),
            people: names.clone(),
        };
        let lead = writer.actor();
        let verb = writer.word(VERBS_PAST);
        let adjective = writer.word(ADJECTIVES);
        let noun = writer.word(NOUNS);
        let place = writer.place();
        let mut title = format!("{lead} {verb} {adjective} {noun} in {place}");
        if let Some(first) = title.get(..1) {
            title = first.to_uppercase() + &title[1..];
        }
        let slug_words: Vec<&str> = [verb, adjective, noun]
            .iter()
            .flat_map(|words| words.split([' ', '-']))
            .collect();
        let slug = format!("{}-{number}", slug_words.join("-"));
        let summary = writer.rng.chance(0.3).then(|| writer.sentence());
        let body = writer.body();

        let date = if rng.chance(0.3) {
            let offset = ["Z", "+00:00", "+02:00", "-05:00", "+08:00", "+05:30"][rng.below(6)];
            format!(
                "{year:04}-{month:02}-{day_of_month:02}T{:02}:{:02}:00{offset}",
                rng.below(24),
                rng.below(60)
            )
        } else {
            format!("{year:04}-{month:02}-{day_of_month:02}")
        };
        let source = SOURCES[rng.below(SOURCES.len())];

        let mut text = String::with_capacity(body.len() + 1024);
        let _ = writeln!(text, "---\ntitle: {}\ndate: {date}", quoted(&title));
        if let Some(summary) = summary {
            let _ = writeln!(text, "summary: {}", quoted(&summary));
        }
        let countries: Vec<String> = countries.iter().map(|c| c.to_string()).collect();
        let _ = writeln!(text, "countries: {}", flow_list(&countries));
        if !names.is_empty() {
            let _ = writeln!(text, "people: {}", flow_list(&names));
        }
        let _ = writeln!(text, "tags: [{}]", tags.join(", "));
        let _ = writeln!(
            text,
            "source: {{name: {}, url: https://example.org/{}/{year:04}/{month:02}/{slug}}}",
            quoted(source),
            slugify(source)
        );
        if rng.chance(0.05) {
            let (y, m, d) = civil_from_days(day + rng.range(1, 30) as i64);
            let _ = writeln!(text, "updated: {y:04}-{m:02}-{d:02}");
        }
        let _ = writeln!(text, "---\n");
        text.push_str(&body);
        let path = PathBuf::from(format!("content/articles/{year:04}/{month:02}/{slug}.md"));
        emit(&path, &text);
    }
}

fn usage() -> ! {
    eprintln!(
        "usage: generate_corpus [--articles N] [--seed S] [--people P] OUT_DIR\n\
         Writes a deterministic benchmark site (default: 1000 articles, seed 1, {DEFAULT_PEOPLE} people)."
    );
    std::process::exit(2);
}

fn main() {
    let mut options = Options {
        articles: 1000,
        seed: 1,
        people: DEFAULT_PEOPLE,
    };
    let mut out_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> u64 {
            args.next()
                .and_then(|value| value.parse().ok())
                .unwrap_or_else(|| {
                    eprintln!("{name} needs a whole number");
                    usage()
                })
        };
        match arg.as_str() {
            "--articles" => options.articles = number("--articles") as usize,
            "--seed" => options.seed = number("--seed"),
            "--people" => options.people = number("--people").max(1) as usize,
            "-h" | "--help" => usage(),
            _ if arg.starts_with('-') => {
                eprintln!("unknown option {arg}");
                usage()
            }
            _ if out_dir.is_none() => out_dir = Some(PathBuf::from(arg)),
            _ => usage(),
        }
    }
    let Some(out_dir) = out_dir else { usage() };
    if out_dir.join("content").exists() {
        eprintln!(
            "{}: already holds content/; remove it first so no stale files remain",
            out_dir.display()
        );
        std::process::exit(1);
    }
    let mut files = 0usize;
    let mut bytes = 0usize;
    let mut created = HashSet::new();
    generate(&options, &mut |relative, text| {
        let path = out_dir.join(relative);
        if let Some(parent) = path.parent()
            && created.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent).unwrap_or_else(|error| {
                eprintln!("{}: {error}", parent.display());
                std::process::exit(1);
            });
        }
        std::fs::write(&path, text).unwrap_or_else(|error| {
            eprintln!("{}: {error}", path.display());
            std::process::exit(1);
        });
        files += 1;
        bytes += text.len();
    });
    println!(
        "wrote {files} files, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out_dir.display()
    );
}
