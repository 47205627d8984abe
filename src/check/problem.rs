//! What `check` reports: problems with a severity, a code and a place.

use std::path::PathBuf;

use crate::error::{Error, SourceLocation};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built, or builds broken.
    Error,
    /// Probably a mistake; `--strict` makes it an error.
    Warning,
    /// Worth knowing; never fails a check.
    Note,
}

impl Severity {
    /// `error`, `warning` or `note`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// A short, stable name for the kind of problem (`unknown-key`, `broken-link`, ...).
    pub code: &'static str,
    /// The file it is in, if it is in one.
    pub path: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is a hint.
    pub hint: Option<String>,
}

impl Problem {
    pub(super) fn at(
        severity: Severity,
        code: &'static str,
        location: &SourceLocation,
        message: String,
    ) -> Problem {
        Problem {
            severity,
            code,
            path: Some(location.path.clone()),
            line: Some(location.line),
            column: Some(location.column),
            message,
            hint: None,
        }
    }

    /// The problems an error stands for (one per problem of an [`Error::Many`]).
    pub fn from_error(error: &Error) -> Vec<Problem> {
        match error {
            Error::Many(errors) => errors.iter().flat_map(Problem::from_error).collect(),
            Error::Invalid {
                code,
                location,
                message,
                hint,
            } => vec![Problem {
                hint: hint.clone(),
                ..Problem::at(Severity::Error, code, location, message.clone())
            }],
            Error::Template { location, message } => vec![Problem::at(
                Severity::Error,
                "template",
                location,
                message.clone(),
            )],
            Error::Io { path, .. } => vec![Problem {
                severity: Severity::Error,
                code: error.code(),
                path: Some(path.clone()),
                line: None,
                column: None,
                message: chain(error),
                hint: None,
            }],
            _ => vec![Problem {
                severity: Severity::Error,
                code: error.code(),
                path: None,
                line: None,
                column: None,
                message: chain(error),
                hint: None,
            }],
        }
    }
}

/// An error's message followed by its causes, without the path a problem shows apart.
fn chain(error: &Error) -> String {
    match error {
        Error::Io { action, .. } => format!("{action}{}", error.causes()),
        other => other.report(),
    }
}

/// What `check` found, sorted by file, line and column.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Every problem.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// How many problems have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|problem| problem.severity == severity)
            .count()
    }

    /// Whether the check fails: any error, or with `strict` any warning.
    pub fn fails(&self, strict: bool) -> bool {
        self.count(Severity::Error) > 0 || (strict && self.count(Severity::Warning) > 0)
    }
}
