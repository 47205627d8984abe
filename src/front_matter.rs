//! Splits a Markdown file into its YAML front matter and body, and deserialises YAML
//! with errors that point at lines of the file, not of the YAML fragment.
//!
//! This is the only module that knows the YAML crate (serde-saphyr): `config` and
//! `content` go through [`parse_yaml`], so swapping the parser touches one file. It knows
//! nothing about which keys a briefing has; callers bring their own types.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::MessageFormatter;

use crate::error::{Error, Result, SourceLocation};

/// A YAML value paired with the place it was written, for errors about values that
/// parse but do not make sense (an unknown country, an impossible date).
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// A file split at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    /// The YAML between the fences, line endings as written.
    pub yaml: &'a str,
    /// The file line on which the YAML starts (the line after the opening fence).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: usize,
}

/// Splits `text` (the contents of `path`) into front matter and body.
///
/// A UTF-8 byte order mark and CRLF line endings are accepted. The file must open with
/// a `---` line and the front matter must be closed by another.
pub fn split_front_matter<'a>(text: &'a str, path: &Path) -> Result<Document<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or_default();
    if !is_fence(opening) {
        return Err(Error::invalid_with_hint(
            SourceLocation::new(path, 1, 1),
            "missing front matter: the file must start with a `---` line",
            Some("put `---`, the YAML front matter (title, date, ...) and `---` at the top".into()),
        )
        .with_code("front-matter"));
    }
    let yaml_start = opening.len();
    let mut offset = yaml_start;
    for (line_number, line) in (2..).zip(lines) {
        if is_fence(line) {
            return Ok(Document {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(Error::invalid_with_hint(
        SourceLocation::new(path, 1, 1),
        "front matter is not closed: no `---` line after the opening one",
        Some("add a line with just `---` between the front matter and the body".into()),
    )
    .with_code("front-matter"))
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r']).trim_end() == "---"
}

/// Deserialises `yaml`, which starts on line `first_line` of `path`, into `T`.
///
/// Errors are translated into the user's terms: "unknown key" with the closest known
/// key as a hint, "duplicate key", tabs used for indentation, and positions that are
/// lines of the file.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, path: &Path, first_line: usize) -> Result<T> {
    // An empty front matter is an empty mapping, so the missing required keys are named
    // rather than "unexpected end of input".
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    // YAML counts a lone carriage return as a line break; the rest of the tool, and
    // most editors, count only `\n`. A lone CR carries nothing in a front matter, so it
    // is read as a space, which keeps every position in the file's own lines.
    let without_lone_cr;
    let source = if source.contains('\r') {
        without_lone_cr = replace_lone_carriage_returns(source);
        without_lone_cr.as_str()
    } else {
        source
    };
    serde_saphyr::from_str(source).map_err(|error| {
        let mut translated = translate_error(&error, path, first_line);
        if let Error::Invalid { code, location, .. } = &mut translated
            && *code == "tab-indentation"
        {
            point_at_indenting_tab(location, yaml, first_line);
        }
        translated
    })
}

/// `text` with every `\r` not followed by `\n` replaced by a space.
fn replace_lone_carriage_returns(text: &str) -> String {
    let mut replaced = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        if character == '\r' && characters.peek() != Some(&'\n') {
            replaced.push(' ');
        } else {
            replaced.push(character);
        }
    }
    replaced
}

/// Moves a tab error onto the first tab of its line's indentation: the parser reports
/// the column after it.
fn point_at_indenting_tab(location: &mut SourceLocation, yaml: &str, first_line: usize) {
    let Some(line) = location
        .line
        .checked_sub(first_line)
        .and_then(|index| yaml.lines().nth(index))
    else {
        return;
    };
    let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
    if let Some(at) = line[..indentation].find('\t') {
        // Indentation is spaces and tabs, one byte each: the byte offset is the column.
        location.column = at + 1;
    }
}

/// Where `value` was written, as a location in the file whose YAML starts on
/// `first_line`.
pub fn file_location<T>(value: &Spanned<T>, path: &Path, first_line: usize) -> SourceLocation {
    yaml_location(&value.referenced, path, first_line)
}

fn yaml_location(
    location: &serde_saphyr::Location,
    path: &Path,
    first_line: usize,
) -> SourceLocation {
    let line = usize::try_from(location.line()).unwrap_or(1).max(1);
    let column = usize::try_from(location.column()).unwrap_or(1).max(1);
    SourceLocation::new(path, first_line + line - 1, column)
}

fn translate_error(error: &serde_saphyr::Error, path: &Path, first_line: usize) -> Error {
    let error = error.without_snippet();
    let raw = serde_saphyr::DefaultMessageFormatter.format_message(error);
    let mut location = match error.location() {
        Some(location) => yaml_location(&location, path, first_line),
        None => SourceLocation::new(path, first_line, 1),
    };
    let (code, message, hint) = if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let field = field.trim_matches('`');
        let known = parse_expected_keys(expected);
        (
            "unknown-key",
            format!("unknown key `{field}`"),
            unknown_key_hint(field, &known),
        )
    } else if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest);
        (
            "duplicate-key",
            format!("duplicate key `{key}`"),
            Some("each key may appear once; remove one of them".into()),
        )
    } else if let Some(rest) = raw.strip_prefix("missing field ") {
        // The parser points at the start of the mapping; the fence line above it is
        // where a reader looks for the front matter as a whole.
        location.line = first_line.saturating_sub(1).max(1);
        location.column = 1;
        ("missing-key", format!("missing required key {rest}"), None)
    } else if let serde_saphyr::Error::Budget { breach, .. } = error {
        (
            "too-large",
            format!("front matter too large to read: {}", budget_breach(breach)),
            Some("a front matter holds a few keys; put long text in the body".into()),
        )
    } else if raw.starts_with("tabs disallowed") {
        (
            "tab-indentation",
            "tab used for indentation".to_string(),
            Some("YAML indents with spaces, not tabs".into()),
        )
    } else {
        ("yaml", raw.into_owned(), None)
    };
    Error::invalid_with_hint(location, message, hint).with_code(code)
}

/// What a breach of the YAML parser's limits means, in the user's terms.
fn budget_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach;
    let limits = serde_saphyr::Budget::default();
    match breach {
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => format!(
            "more than {} values (keys, list items and text)",
            limits.max_nodes
        ),
        BudgetBreach::Depth { .. } => format!(
            "lists and mappings nested more than {} deep",
            limits.max_depth
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::MergeKeys { .. } => {
            "too many anchors (`&name`), aliases (`*name`) or merge keys (`<<`)".to_string()
        }
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => format!(
            "more than {} MiB of text",
            limits.max_total_scalar_bytes >> 20
        ),
        BudgetBreach::Documents { .. } => "too many `---` documents".to_string(),
        _ => "too large or too deeply nested".to_string(),
    }
}

/// The key names listed by serde's "expected one of ..." text.
fn parse_expected_keys(expected: &str) -> Vec<String> {
    let list = expected
        .strip_prefix("expected one of ")
        .or_else(|| expected.strip_prefix("expected "))
        .unwrap_or("");
    list.split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|key| key.trim().trim_matches('`').to_string())
        .filter(|key| !key.is_empty())
        .collect()
}

/// "did you mean `x`?" for the known key closest to `key`, else the list of known keys.
fn unknown_key_hint(key: &str, known: &[String]) -> Option<String> {
    let closest = known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, candidate)) => Some(format!("did you mean `{candidate}`?")),
        None if known.is_empty() => None,
        None => Some(format!(
            "known keys are {}; put custom values under `extra`",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        countries: Vec<String>,
        #[serde(default)]
        draft: bool,
    }

    fn path() -> &'static Path {
        Path::new("content/articles/a.md")
    }

    fn parse_file(text: &str) -> Result<Sample> {
        let document = split_front_matter(text, path())?;
        parse_yaml(document.yaml, path(), document.yaml_line)
    }

    fn message(result: Result<Sample>) -> String {
        result.expect_err("should fail").to_string()
    }

    #[test]
    fn splits_front_matter_from_body_with_line_numbers() {
        let document = split_front_matter("---\ntitle: A\n---\nBody\n", path()).unwrap();
        assert_eq!(document.yaml, "title: A\n");
        assert_eq!(document.yaml_line, 2);
        assert_eq!(document.body, "Body\n");
        assert_eq!(document.body_line, 4);
    }

    #[test]
    fn accepts_crlf_line_endings_and_a_byte_order_mark() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n";
        let document = split_front_matter(text, path()).unwrap();
        assert_eq!(document.body, "Body\r\n");
        let sample: Sample = parse_yaml(document.yaml, path(), document.yaml_line).unwrap();
        assert_eq!(sample.title, "A");
    }

    #[test]
    fn reports_missing_opening_fence_at_line_one() {
        assert!(
            message(parse_file("title: A\n"))
                .starts_with("content/articles/a.md:1:1: missing front matter")
        );
    }

    #[test]
    fn reports_missing_closing_fence() {
        assert!(
            message(parse_file("---\ntitle: A\nBody\n"))
                .starts_with("content/articles/a.md:1:1: front matter is not closed")
        );
    }

    #[test]
    fn reports_unknown_key_at_its_file_line_with_closest_key() {
        assert_eq!(
            message(parse_file("---\ntitle: A\ncountires: [China]\n---\n")),
            "content/articles/a.md:3:1: unknown key `countires` (hint: did you mean `countries`?)"
        );
    }

    #[test]
    fn unknown_key_far_from_any_known_key_lists_the_known_keys() {
        let text = message(parse_file("---\ntitle: A\nzzz: 1\n---\n"));
        assert!(
            text.contains("unknown key `zzz` (hint: known keys are `title`, `countries`, `draft`"),
            "{text}"
        );
    }

    #[test]
    fn reports_duplicate_key_at_the_second_occurrence() {
        assert_eq!(
            message(parse_file("---\ntitle: A\ntitle: B\n---\n")),
            "content/articles/a.md:3:1: duplicate key `title` (hint: each key may appear once; remove one of them)"
        );
    }

    #[test]
    fn a_lone_carriage_return_does_not_shift_the_lines_of_errors() {
        assert_eq!(
            message(parse_file("---\ntitle: A\r\r\rB\ncountries: [\n---\n")),
            message(parse_file("---\ntitle: A   B\ncountries: [\n---\n"))
        );
        assert!(
            message(parse_file("---\r\ntitle: A\r\ncountries: [\r\n---\r\n"))
                .starts_with("content/articles/a.md:3:")
        );
    }

    #[test]
    fn reports_tab_indentation_with_a_hint() {
        assert_eq!(
            message(parse_file("---\ntitle: A\ncountries:\n\t- China\n---\n")),
            "content/articles/a.md:4:1: tab used for indentation (hint: YAML indents with spaces, not tabs)"
        );
    }

    #[test]
    fn reports_yaml_syntax_error_at_file_line() {
        assert_eq!(
            message(parse_file("---\ntitle: A\ncountries: [China\n---\n")),
            "content/articles/a.md:3:12: unclosed bracket '['"
        );
    }

    #[test]
    fn reports_missing_required_key_at_the_opening_fence() {
        assert_eq!(
            message(parse_file("---\ndraft: true\n---\n")),
            "content/articles/a.md:1:1: missing required key `title`"
        );
    }

    #[test]
    fn empty_front_matter_reports_the_missing_key() {
        assert_eq!(
            message(parse_file("---\n---\nBody\n")),
            "content/articles/a.md:1:1: missing required key `title`"
        );
    }

    #[test]
    fn reports_wrong_value_type_where_the_value_is() {
        assert_eq!(
            message(parse_file("---\ntitle: A\ndraft: maybe\n---\n")),
            "content/articles/a.md:3:8: invalid boolean"
        );
    }
}
