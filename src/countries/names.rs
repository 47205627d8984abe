//! The curated part of the country data: the names readers use where the ISO list
//! says something else, and the short forms keshvar lacks.

/// Common English names (alpha-2 → name, as news agencies write them) for countries whose
/// ISO short name is not what a reader would call them. Every ISO short name with a comma or
/// parentheses is covered here.
pub(super) const COMMON_NAMES: &[(&str, &str)] = &[
    ("BN", "Brunei"),
    ("BO", "Bolivia"),
    ("BQ", "Caribbean Netherlands"),
    ("CC", "Cocos Islands"),
    ("CD", "Democratic Republic of the Congo"),
    ("CG", "Republic of the Congo"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia"),
    ("GB", "United Kingdom"),
    ("IR", "Iran"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("LA", "Laos"),
    ("MD", "Moldova"),
    ("MF", "Saint Martin"),
    ("MO", "Macau"),
    ("PN", "Pitcairn Islands"),
    ("PS", "Palestine"),
    ("RU", "Russia"),
    ("SH", "Saint Helena"),
    ("ST", "São Tomé and Príncipe"),
    ("SX", "Sint Maarten"),
    ("SY", "Syria"),
    ("TR", "Turkey"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania"),
    ("US", "United States"),
    ("VA", "Vatican City"),
    ("VE", "Venezuela"),
    ("VG", "British Virgin Islands"),
    ("VI", "US Virgin Islands"),
    ("VN", "Vietnam"),
];

/// Well-known English names and abbreviations (alias → alpha-2) that readers and writers use
/// but that keshvar lacks or buries among foreign-language names. Ambiguous names ("Holland",
/// "Macedonia", "Korea", "Congo" for the DRC) are deliberately absent.
pub(super) const EXTRA_ALIASES: &[(&str, &str)] = &[
    ("US", "US"),
    ("USA", "US"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    ("America", "US"),
    ("United States of America", "US"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("Russian Federation", "RU"),
    ("PRC", "CN"),
    ("People's Republic of China", "CN"),
    ("Mainland China", "CN"),
    ("ROK", "KR"),
    ("Republic of Korea", "KR"),
    ("DPRK", "KP"),
    ("Democratic People's Republic of Korea", "KP"),
    ("DRC", "CD"),
    ("DR Congo", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("Congo-Brazzaville", "CG"),
    ("UAE", "AE"),
    ("U.A.E.", "AE"),
    ("Czech Republic", "CZ"),
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("Ivory Coast", "CI"),
    ("East Timor", "TL"),
    ("Cape Verde", "CV"),
    ("Vatican", "VA"),
    ("Holy See", "VA"),
    ("State of Palestine", "PS"),
    ("Palestinian Territories", "PS"),
    ("Federated States of Micronesia", "FM"),
    ("Bosnia", "BA"),
    ("Falklands", "FK"),
    ("Sao Tome", "ST"),
    ("Guinea-Conakry", "GN"),
    ("U.S. Virgin Islands", "VI"),
    ("US Minor Outlying Islands", "UM"),
    ("Faeroe Islands", "FO"),
    ("Vatican City State", "VA"),
    ("Svalbard and Jan Mayen Islands", "SJ"),
    ("Wallis and Futuna Islands", "WF"),
    ("West Bank and Gaza", "PS"),
    ("KSA", "SA"),
    ("Republic of China", "TW"),
    ("Chinese Taipei", "TW"),
    ("Taiwan (Republic of China)", "TW"),
    ("South Georgia", "GS"),
    ("Malvinas", "FK"),
    ("Rwandese Republic", "RW"),
    ("Lao PDR", "LA"),
    ("St. Kitts", "KN"),
];

/// Names a country had before it was renamed (former name → alpha-2 of the successor).
/// They resolve, and `check` notes that the name is historic. Names with no single
/// successor ("Yugoslavia", "Soviet Union") are deliberately absent.
pub(super) const FORMER_NAMES: &[(&str, &str)] = &[
    ("Zaire", "CD"),
    ("Zaïre", "CD"),
    ("Ceylon", "LK"),
    ("Persia", "IR"),
    ("Siam", "TH"),
    ("Burma", "MM"),
    ("Swaziland", "SZ"),
    ("Dahomey", "BJ"),
    ("Upper Volta", "BF"),
    ("Rhodesia", "ZW"),
    ("Kampuchea", "KH"),
    ("Khmer Republic", "KH"),
    ("Bechuanaland", "BW"),
    ("Basutoland", "LS"),
    ("Nyasaland", "MW"),
    ("Western Samoa", "WS"),
    ("New Hebrides", "VU"),
    ("British Honduras", "BZ"),
    ("Dutch Guiana", "SR"),
    ("Malagasy Republic", "MG"),
    ("Formosa", "TW"),
    ("Former Yugoslav Republic of Macedonia", "MK"),
    ("FYROM", "MK"),
];

/// Names that truly stand for several countries (name → the candidates' alpha-2 codes).
/// In front matter they are an error listing the candidates; in a body they are no
/// mention at all. A site may still give one of them to a country as its own alias.
pub(super) const AMBIGUOUS_NAMES: &[(&str, &[&str])] = &[
    ("Korea", &["KP", "KR"]),
    ("Congo", &["CD", "CG"]),
    ("Guinea", &["GN", "GQ", "GW", "PG"]),
    ("Virgin Islands", &["VG", "VI"]),
];

/// Demonyms keshvar lacks or gets wrong (alpha-2 → demonym). keshvar gives Niger's people
/// as "Nigerian", which is Nigeria's.
pub(super) const DEMONYM_FIXES: &[(&str, &str)] = &[("NE", "Nigerien")];

/// Further demonyms in common use (demonym → alpha-2), beside keshvar's one per country.
pub(super) const EXTRA_DEMONYMS: &[(&str, &str)] = &[
    ("Rwandese", "RW"),
    ("Burmese", "MM"),
    ("Emirati", "AE"),
    ("Argentine", "AR"),
    ("Kyrgyz", "KG"),
    ("Tajik", "TJ"),
    ("Lao", "LA"),
    ("Vietnamese", "VN"),
];

/// Words of a state's form of government, which a name may put before "of" without
/// changing which country it names: "Republic of Iceland", "Eastern Republic of Uruguay".
/// Words are lower case and split at punctuation, as lookup keys split them.
pub(super) const FORM_WORDS: &[&str] = &[
    "republic",
    "kingdom",
    "state",
    "states",
    "federal",
    "federated",
    "federation",
    "democratic",
    "eastern",
    "oriental",
    "co",
    "operative",
    "cooperative",
    "islamic",
    "arab",
    "socialist",
    "people",
    "s",
    "peoples",
    "popular",
    "united",
    "independent",
    "plurinational",
    "bolivarian",
    "commonwealth",
    "principality",
    "grand",
    "duchy",
    "sultanate",
    "union",
    "territory",
    "emirate",
    "confederation",
    "collectivity",
    "overseas",
    "department",
    "bailiwick",
    "hashemite",
    "hellenic",
];

/// Form words that may end a name after the adjective of its people: "Rwandese Republic".
pub(super) const FORM_SUFFIXES: &[&str] = &[
    "republic",
    "kingdom",
    "federation",
    "confederation",
    "principality",
    "sultanate",
    "emirate",
];

/// Abbreviations in country names as statistical agencies write them, with the words
/// they stand for ("Micronesia, Fed. Sts.", "St. Lucia", "Lao PDR").
pub(super) const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("st", &["saint"]),
    ("sint", &["saint"]),
    ("ste", &["sainte"]),
    ("fed", &["federated"]),
    ("sts", &["states"]),
    ("dem", &["democratic"]),
    ("rep", &["republic"]),
    ("pdr", &["people", "s", "democratic", "republic"]),
    ("rb", &["bolivarian", "republic"]),
];
