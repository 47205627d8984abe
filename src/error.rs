//! The library's error type and the source locations errors point at.
//!
//! Every error a user can cause names where it happened: a file, and where there is one,
//! the line and column, in the compiler shape `path:line:col: message`. Errors from one
//! run are collected into [`Error::Many`] so a single run reports every broken file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A place in a source file: 1-based line and column.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct SourceLocation {
    /// The file, as the user would name it (relative to the site where possible).
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number, counted in characters.
    pub column: usize,
}

impl SourceLocation {
    /// A location at `line` and `column` of `path`.
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        SourceLocation {
            path: path.into(),
            line,
            column,
        }
    }
}

impl SourceLocation {
    /// The location of byte `offset` of `text`, the contents of `path` from its start.
    pub fn at_offset(path: impl Into<PathBuf>, text: &str, offset: usize) -> Self {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        SourceLocation::new(path, line, column)
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Everything that can go wrong in a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {action}", path.display())]
    Io {
        /// What was being done, e.g. "could not read file".
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },

    /// Content that is not what the contract allows, at a known place.
    #[error("{location}: {message}{}", Hint(hint))]
    Invalid {
        /// A short, stable name for the kind of problem, such as `unknown-key`, for
        /// tools that read `briefing check --format json`.
        code: &'static str,
        /// Where the problem is.
        location: SourceLocation,
        /// What is wrong, in the user's terms.
        message: String,
        /// A suggestion, such as the closest known key.
        hint: Option<String>,
    },

    /// A template that does not parse or fails to render.
    #[error("{location}: template error: {message}")]
    Template {
        /// The template file (or built-in theme file) and the line in it.
        location: SourceLocation,
        /// What the template engine reported.
        message: String,
    },

    /// A failure in the template engine that carries no position.
    #[error("{context}: template error: {message}")]
    TemplateEngine {
        /// Which page or template was being handled.
        context: String,
        /// What the engine reported. Its text, not the engine's error as a source:
        /// the report would print it twice.
        message: String,
    },

    /// A page whose render went past the budget of one page (time, size, memory).
    #[error("{} (while rendering {page}): {message}", template.display())]
    RenderBudget {
        /// The page's template, as the user would open it.
        template: PathBuf,
        /// The URL path of the page.
        page: String,
        /// Which limit, and what it is.
        message: String,
    },

    /// A command-line value that cannot be used.
    #[error("{0}")]
    Usage(String),

    /// Several independent problems, sorted by file and line.
    #[error("{}", ManyDisplay(.0))]
    Many(Vec<Error>),
}

impl Error {
    /// An [`Error::Invalid`] at `location`.
    pub fn invalid(location: SourceLocation, message: impl Into<String>) -> Self {
        Error::Invalid {
            code: "invalid",
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// An [`Error::Invalid`] at `location`, with a hint.
    pub fn invalid_with_hint(
        location: SourceLocation,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Self {
        Error::Invalid {
            code: "invalid",
            location,
            message: message.into(),
            hint,
        }
    }

    /// The same error with a specific code (see [`Error::Invalid`]); other kinds of
    /// error keep theirs.
    pub fn with_code(mut self, new_code: &'static str) -> Self {
        if let Error::Invalid { code, .. } = &mut self {
            *code = new_code;
        }
        self
    }

    /// The short name of the kind of problem.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::Invalid { code, .. } => code,
            Error::Template { .. } | Error::TemplateEngine { .. } | Error::RenderBudget { .. } => {
                "template"
            }
            Error::Usage(_) => "usage",
            Error::Many(_) => "many",
        }
    }

    /// An [`Error::Io`] for `path`.
    pub fn io(action: &'static str, path: &Path, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Folds a list of errors into one: the error itself when there is one, else
    /// [`Error::Many`] sorted by location so reports read top to bottom, file by file.
    pub fn from_many(mut errors: Vec<Error>) -> Self {
        if errors.len() == 1 {
            return errors.remove(0);
        }
        let mut flat = Vec::with_capacity(errors.len());
        for error in errors {
            match error {
                Error::Many(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        flat.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Error::Many(flat)
    }

    /// How many separate problems this error stands for.
    pub fn count(&self) -> usize {
        match self {
            Error::Many(errors) => errors.iter().map(Error::count).sum(),
            _ => 1,
        }
    }

    /// Every problem on its own line, each followed by its causes (`path: could not
    /// read file: No such file or directory`): what a person reads, in the terminal
    /// or in the preview's overlay.
    pub fn report(&self) -> String {
        match self {
            Error::Many(errors) => errors
                .iter()
                .map(Error::report)
                .collect::<Vec<_>>()
                .join("\n"),
            error => format!("{error}{}", error.causes()),
        }
    }

    /// The causes of this error, each after `: `; empty when it has none.
    pub fn causes(&self) -> String {
        let mut text = String::new();
        let mut cause = std::error::Error::source(self);
        while let Some(inner) = cause {
            text.push_str(": ");
            text.push_str(&inner.to_string());
            cause = inner.source();
        }
        text
    }

    /// The location this error points at, if it has one.
    pub fn location(&self) -> Option<&SourceLocation> {
        match self {
            Error::Invalid { location, .. } | Error::Template { location, .. } => Some(location),
            _ => None,
        }
    }

    fn sort_key(&self) -> (Option<&Path>, usize, usize) {
        match self {
            Error::Io { path, .. } => (Some(path), 0, 0),
            Error::RenderBudget { template, .. } => (Some(template), 0, 0),
            _ => match self.location() {
                Some(location) => (Some(&location.path), location.line, location.column),
                None => (None, 0, 0),
            },
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

struct Hint<'a>(&'a Option<String>);

impl fmt::Display for Hint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(hint) => write!(f, " (hint: {hint})"),
            None => Ok(()),
        }
    }
}

struct ManyDisplay<'a>(&'a [Error]);

impl fmt::Display for ManyDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_displays_in_compiler_shape_with_hint() {
        let error = Error::invalid_with_hint(
            SourceLocation::new("content/articles/a.md", 4, 1),
            "unknown key `countires`",
            Some("did you mean `countries`?".into()),
        );
        assert_eq!(
            error.to_string(),
            "content/articles/a.md:4:1: unknown key `countires` (hint: did you mean `countries`?)"
        );
    }

    #[test]
    fn an_offset_becomes_a_line_and_a_column_in_characters() {
        let text = "one\nça va\n";
        assert_eq!(
            SourceLocation::at_offset("a.md", text, "one\nça".len()).to_string(),
            "a.md:2:3"
        );
        assert_eq!(
            SourceLocation::at_offset("a.md", text, 0).to_string(),
            "a.md:1:1"
        );
    }

    #[test]
    fn invalid_without_hint_has_no_trailing_text() {
        let error = Error::invalid(SourceLocation::new("a.md", 1, 1), "missing title");
        assert_eq!(error.to_string(), "a.md:1:1: missing title");
    }

    #[test]
    fn io_error_names_the_path_and_action() {
        let error = Error::io(
            "could not read file",
            Path::new("content/x.md"),
            io::Error::new(io::ErrorKind::NotFound, "not found"),
        );
        assert_eq!(error.to_string(), "content/x.md: could not read file");
        assert_eq!(
            std::error::Error::source(&error).unwrap().to_string(),
            "not found"
        );
    }

    #[test]
    fn template_error_displays_location() {
        let error = Error::Template {
            location: SourceLocation::new("templates/article.html", 3, 7),
            message: "unknown filter `shout`".into(),
        };
        assert_eq!(
            error.to_string(),
            "templates/article.html:3:7: template error: unknown filter `shout`"
        );
    }

    #[test]
    fn many_errors_are_flattened_and_sorted_by_file_then_line() {
        let error = Error::from_many(vec![
            Error::invalid(SourceLocation::new("b.md", 1, 1), "second file"),
            Error::from_many(vec![
                Error::invalid(SourceLocation::new("a.md", 9, 1), "later line"),
                Error::invalid(SourceLocation::new("a.md", 2, 5), "earlier line"),
            ]),
        ]);
        assert_eq!(error.count(), 3);
        assert_eq!(
            error.to_string(),
            "a.md:2:5: earlier line\na.md:9:1: later line\nb.md:1:1: second file"
        );
    }

    #[test]
    fn report_puts_each_problem_on_a_line_with_its_causes() {
        let error = Error::from_many(vec![
            Error::io(
                "could not read file",
                Path::new("b.md"),
                io::Error::new(io::ErrorKind::NotFound, "not found"),
            ),
            Error::invalid(SourceLocation::new("a.md", 1, 1), "bad"),
        ]);
        assert_eq!(
            error.report(),
            "a.md:1:1: bad\nb.md: could not read file: not found"
        );
    }

    #[test]
    fn from_many_with_one_error_returns_it_unwrapped() {
        let error = Error::from_many(vec![Error::invalid(
            SourceLocation::new("a.md", 1, 1),
            "only one",
        )]);
        assert!(matches!(error, Error::Invalid { .. }));
    }
}
