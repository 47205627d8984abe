//! How `check` presents its problems: for people (`human`), for programs (`json`, one
//! object per line) and for GitHub Actions (`github` workflow annotations, which show on
//! the changed lines of a pull request).

use std::io::{self, Write};

use serde::Serialize;

use super::{CheckReport, Problem, Severity};

/// An output format of `briefing check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `path:line:col: error: message (hint: ...)`, then a summary line.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
    /// `::error file=...,line=...,col=...::message` workflow commands.
    Github,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// Writes every problem of `report` to `out` in `format`.
pub fn write_report(report: &CheckReport, format: Format, out: &mut dyn Write) -> io::Result<()> {
    for problem in &report.problems {
        match format {
            Format::Human => writeln!(out, "{}", human(problem))?,
            Format::Json => {
                let json = JsonProblem {
                    path: problem.path.as_ref().map(|path| path.display().to_string()),
                    line: problem.line,
                    column: problem.column,
                    severity: problem.severity.name(),
                    code: problem.code,
                    message: &problem.message,
                    hint: problem.hint.as_deref(),
                };
                let line = serde_json::to_string(&json).map_err(io::Error::other)?;
                writeln!(out, "{line}")?;
            }
            Format::Github => writeln!(out, "{}", github(problem))?,
        }
    }
    if format == Format::Human {
        writeln!(out, "{}", summary(report))?;
    }
    Ok(())
}

/// `3 errors, 1 warning, 0 notes`, or `no problems`.
pub fn summary(report: &CheckReport) -> String {
    if report.problems.is_empty() {
        return "check: no problems".into();
    }
    let count = |severity: Severity, word: &str| {
        let n = report.count(severity);
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    };
    format!(
        "check: {}, {}, {}",
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning"),
        count(Severity::Note, "note")
    )
}

fn human(problem: &Problem) -> String {
    let mut text = String::new();
    if let Some(path) = &problem.path {
        text.push_str(&path.display().to_string());
        if let (Some(line), Some(column)) = (problem.line, problem.column) {
            text.push_str(&format!(":{line}:{column}"));
        }
        text.push_str(": ");
    }
    text.push_str(problem.severity.name());
    text.push_str(": ");
    text.push_str(&problem.message);
    if let Some(hint) = &problem.hint {
        text.push_str(&format!(" (hint: {hint})"));
    }
    text
}

fn github(problem: &Problem) -> String {
    let command = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = Vec::new();
    if let Some(path) = &problem.path {
        properties.push(format!(
            "file={}",
            escape_property(&path.display().to_string())
        ));
    }
    if let Some(line) = problem.line {
        properties.push(format!("line={line}"));
    }
    if let Some(column) = problem.column {
        properties.push(format!("col={column}"));
    }
    properties.push(format!("title={}", escape_property(problem.code)));
    let mut message = problem.message.clone();
    if let Some(hint) = &problem.hint {
        message.push_str(&format!(" (hint: {hint})"));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Workflow command data escapes `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties also escape `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn problem() -> Problem {
        Problem {
            severity: Severity::Warning,
            code: "unlisted-mention",
            path: Some(PathBuf::from("content/articles/a,b.md")),
            line: Some(12),
            column: Some(3),
            message: "mentions Wang Yi (line 12) but does not list them in `people`".into(),
            hint: Some("add it: 100%".into()),
        }
    }

    fn render(format: Format) -> String {
        let report = CheckReport {
            problems: vec![problem()],
        };
        let mut out = Vec::new();
        write_report(&report, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn human_format_is_path_line_col_severity_message() {
        assert_eq!(
            render(Format::Human),
            "content/articles/a,b.md:12:3: warning: mentions Wang Yi (line 12) but does not list them in `people` (hint: add it: 100%)\ncheck: 0 errors, 1 warning, 0 notes\n"
        );
    }

    #[test]
    fn json_format_is_one_object_per_line() {
        let text = render(Format::Json);
        assert_eq!(text.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(value["path"], "content/articles/a,b.md");
        assert_eq!(value["line"], 12);
        assert_eq!(value["column"], 3);
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["code"], "unlisted-mention");
        assert_eq!(value["hint"], "add it: 100%");
    }

    #[test]
    fn github_format_escapes_workflow_command_syntax() {
        assert_eq!(
            render(Format::Github),
            "::warning file=content/articles/a%2Cb.md,line=12,col=3,title=unlisted-mention::mentions Wang Yi (line 12) but does not list them in `people` (hint: add it: 100%25)\n"
        );
    }

    #[test]
    fn a_clean_report_says_so() {
        let mut out = Vec::new();
        write_report(&CheckReport::default(), Format::Human, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "check: no problems\n");
    }
}
