//! The shapes a country name takes: the lookup key that makes spellings alike, the
//! rearrangements that lead from a name as a data source writes it ("Congo, Dem. Rep.",
//! "Hong Kong (China)") to one the registry knows, and the spellings a body may use.
//! Pure text work: which country a name is stays with the registry.

use super::names::{ABBREVIATIONS, FORM_SUFFIXES, FORM_WORDS};

/// The words a name is looked up by, so that case, accents, punctuation, abbreviations
/// and articles do not matter: "St. Lucia" and "Saint-Lucia" give `saint lucia`;
/// "Congo, The Democratic Republic of the" gives `congo democratic republic of`.
pub(super) fn key_words(name: &str) -> Vec<String> {
    // slugify drops "&" like any other punctuation, which would make "Trinidad & Tobago"
    // differ from "Trinidad and Tobago".
    let slug = slug::slugify(name.replace('&', " and "));
    // Initials written with dots ("P.D.R.", "U.S.") come out of the slug one letter a
    // word; joined again they are the abbreviation.
    let mut joined: Vec<String> = Vec::new();
    let mut previous_was_letter = false;
    for word in slug.split('-').filter(|word| !word.is_empty()) {
        let is_letter = word.len() == 1;
        match joined.last_mut() {
            Some(last) if is_letter && previous_was_letter => last.push_str(word),
            _ => joined.push(word.to_string()),
        }
        previous_was_letter = is_letter;
    }
    let mut words: Vec<String> = Vec::new();
    for word in &joined {
        match ABBREVIATIONS.iter().find(|(short, _)| short == word) {
            Some((_, long)) => words.extend(long.iter().map(|word| word.to_string())),
            None => words.push(word.clone()),
        }
    }
    // "The" is optional in English ("The Gambia", "Democratic Republic of the Congo"),
    // but a lone "the" is kept so it does not become an empty key.
    if words.iter().any(|word| word != "the") {
        words.retain(|word| word != "the");
    }
    words
}

/// The key of a name: its [`key_words`] run together.
pub(super) fn lookup_key(name: &str) -> String {
    key_words(name).concat()
}

/// The keys to try for a name, most literal first: the name itself, then without a
/// trailing "SAR" ("Hong Kong SAR"), then without a leading form of government
/// ("Republic of Iceland" is Iceland).
pub(super) fn keys_to_try(name: &str) -> Vec<String> {
    let words = key_words(name);
    let mut keys = vec![words.concat()];
    let mut push = |words: &[String]| {
        let key = words.concat();
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    };
    let without_sar = match words.as_slice() {
        [rest @ .., last] if last == "sar" => rest,
        [rest @ .., a, b, c, of, _] if is_region(a, b, c) && of == "of" => rest,
        [rest @ .., a, b, c] if is_region(a, b, c) => rest,
        all => all,
    };
    push(without_sar);
    if let Some(of) = without_sar.iter().position(|word| word == "of")
        && of > 0
        && without_sar[..of]
            .iter()
            .all(|word| FORM_WORDS.contains(&word.as_str()))
    {
        push(&without_sar[of + 1..]);
    }
    keys
}

fn is_region(a: &str, b: &str, c: &str) -> bool {
    (a, b, c) == ("special", "administrative", "region")
}

/// The words before a trailing form of government, as in "Rwandese Republic", where
/// the words are the adjective of the country's people.
pub(super) fn adjective_before_form(name: &str) -> Option<String> {
    match key_words(name).as_slice() {
        [adjective @ .., last]
            if !adjective.is_empty() && FORM_SUFFIXES.contains(&last.as_str()) =>
        {
            Some(adjective.concat())
        }
        _ => None,
    }
}

/// A name split into its main part and a qualifier in parentheses or after a comma:
/// "Hong Kong (China)" and "Hong Kong SAR, China" give ("Hong Kong…", "China").
pub(super) struct Qualified {
    /// The main part: "Hong Kong".
    pub head: String,
    /// What qualifies it: "China".
    pub qualifier: String,
}

/// A name with its qualifier moved in front ("Korea (Republic of)" → "Republic of
/// Korea", "Congo, Dem. Rep." → "Dem. Rep. of Congo"), and the split itself.
pub(super) fn rearrangements(name: &str) -> (Vec<String>, Option<Qualified>) {
    let qualified = if let (Some(open), Some(close)) = (name.find('('), name.rfind(')'))
        && open < close
    {
        let head = format!("{} {}", &name[..open], &name[close + 1..]);
        Qualified {
            head: head.trim().to_string(),
            qualifier: name[open + 1..close].trim().to_string(),
        }
    } else if let Some((head, qualifier)) = name.split_once(',') {
        Qualified {
            head: head.trim().to_string(),
            qualifier: qualifier.trim().to_string(),
        }
    } else {
        return (Vec::new(), None);
    };
    if qualified.head.is_empty() || qualified.qualifier.is_empty() {
        return (Vec::new(), None);
    }
    let (head, qualifier) = (&qualified.head, &qualified.qualifier);
    let mut variants = vec![format!("{qualifier} {head}")];
    if !qualifier.ends_with(" of") && !qualifier.ends_with(" of the") {
        variants.push(format!("{qualifier} of {head}"));
    }
    (variants, Some(qualified))
}

/// The spellings of a name a body may use besides the name itself: without a leading
/// "The", with "St."/"St" for "Saint" and "Saint-" joined by a hyphen, a parenthesised
/// qualifier after a comma ("Virgin Islands, U.S."), and a leading form of government
/// after a comma ("Congo, The Democratic Republic of the").
pub(super) fn written_variants(name: &str) -> Vec<String> {
    let mut forms = vec![name.to_string()];
    if let Some(rest) = name.strip_prefix("The ") {
        forms.push(rest.to_string());
    }
    if let (Some(open), Some(close)) = (name.find(" ("), name.rfind(')'))
        && close + 1 == name.len()
    {
        forms.push(format!("{}, {}", &name[..open], &name[open + 2..close]));
    }
    for form in forms.clone() {
        let words: Vec<&str> = form.split(' ').collect();
        if let Some(of) = words.iter().position(|word| *word == "of")
            && of > 0
            && words[..of]
                .iter()
                .all(|word| FORM_WORDS.contains(&word.to_lowercase().as_str()))
            && of + 1 < words.len()
        {
            let (form_part, rest) = (words[..of].join(" "), &words[of + 1..]);
            let (article, core) = match rest {
                ["the", core @ ..] => (" the", core.join(" ")),
                core => ("", core.join(" ")),
            };
            if !core.is_empty() {
                forms.push(format!("{core}, {form_part} of{article}"));
                forms.push(format!("{core}, The {form_part} of{article}"));
            }
        }
    }
    for form in forms.clone() {
        if let Some(rest) = form.strip_prefix("Saint ") {
            forms.extend([
                format!("St. {rest}"),
                format!("St {rest}"),
                format!("Saint-{rest}"),
            ]);
        } else if let Some(rest) = form.strip_prefix("Saint-") {
            forms.extend([format!("Saint {rest}"), format!("St. {rest}")]);
        }
    }
    let mut unique = Vec::new();
    for form in forms {
        if !unique.contains(&form) {
            unique.push(form);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_punctuation_and_the() {
        assert_eq!(lookup_key("U.S."), "us");
        assert_eq!(lookup_key("Côte d’Ivoire"), lookup_key("Cote d'Ivoire"));
        assert_eq!(lookup_key("Côte dʼIvoire"), lookup_key("Cote d'Ivoire"));
        assert_eq!(
            lookup_key("Trinidad & Tobago"),
            lookup_key("Trinidad and Tobago")
        );
        assert_eq!(
            lookup_key("Democratic Republic of the Congo"),
            lookup_key("The Democratic Republic of Congo")
        );
        assert_eq!(lookup_key("the"), "the");
    }

    #[test]
    fn keys_expand_abbreviations() {
        assert_eq!(lookup_key("St. Helena"), lookup_key("Saint Helena"));
        assert_eq!(lookup_key("St Vincent"), lookup_key("Saint-Vincent"));
        assert_eq!(lookup_key("Fed. Sts."), lookup_key("Federated States"));
        assert_eq!(
            lookup_key("Lao PDR"),
            lookup_key("Lao People's Democratic Republic")
        );
        assert_eq!(lookup_key("Sint Eustatius"), lookup_key("Saint Eustatius"));
    }

    #[test]
    fn keys_to_try_drop_sar_and_leading_forms_of_government() {
        assert_eq!(keys_to_try("Hong Kong SAR"), ["hongkongsar", "hongkong"]);
        assert_eq!(
            keys_to_try("Eastern Republic of Uruguay"),
            ["easternrepublicofuruguay", "uruguay"]
        );
        assert_eq!(
            keys_to_try("Territory of the Cocos Keeling Islands"),
            ["territoryofcocoskeelingislands", "cocoskeelingislands"]
        );
        // Only forms of government are dropped: "Isle of Man" stays whole.
        assert_eq!(keys_to_try("Isle of Man"), ["isleofman"]);
    }

    #[test]
    fn adjectives_before_a_form_of_government_are_found() {
        assert_eq!(
            adjective_before_form("Rwandese Republic"),
            Some("rwandese".into())
        );
        assert_eq!(adjective_before_form("Republic"), None);
        assert_eq!(adjective_before_form("Rwanda"), None);
    }

    #[test]
    fn qualifiers_move_in_front() {
        let (variants, qualified) = rearrangements("Korea (Republic of)");
        assert_eq!(variants, ["Republic of Korea"]);
        assert_eq!(qualified.map(|q| q.head), Some("Korea".to_string()));
        let (variants, _) = rearrangements("Congo, The Democratic Republic of the");
        assert_eq!(variants[0], "The Democratic Republic of the Congo");
        assert!(rearrangements("Georgia").1.is_none());
        assert!(rearrangements("(China)").1.is_none());
    }

    #[test]
    fn written_variants_cover_saints_commas_and_articles() {
        assert!(written_variants("Saint Lucia").contains(&"St. Lucia".to_string()));
        assert!(
            written_variants("Saint Martin (French part)")
                .contains(&"Saint-Martin (French part)".to_string())
        );
        assert!(
            written_variants("Virgin Islands (U.S.)").contains(&"Virgin Islands, U.S.".to_string())
        );
        assert!(
            written_variants("The Democratic Republic of the Congo")
                .contains(&"Congo, The Democratic Republic of the".to_string())
        );
        assert!(
            written_variants("The Republic of Guinea").contains(&"Republic of Guinea".to_string())
        );
    }
}
