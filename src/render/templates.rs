//! The compiled theme, and the translation of template-engine errors into
//! `path:line:col` errors that name the template file the user can open.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Tera};

use super::budget::{self, BreachPolicy, BudgetWriter, PageBudget};
use crate::error::{Error, Result, SourceLocation};
use crate::theme::{TemplateOrigin, TemplateSource};

/// Templates compiled once per build, shared by every page render.
pub struct Templates {
    tera: Tera,
    /// Where each template name came from, to name the file in errors.
    origins: HashMap<String, TemplateOrigin>,
    /// What a page that goes past its render budget does.
    on_breach: BreachPolicy,
}

impl Templates {
    /// Compiles every template; a syntax error names its file, line and column.
    pub fn compile(sources: &[TemplateSource]) -> Result<Templates> {
        let origins = sources
            .iter()
            .map(|source| (source.name.clone(), source.origin.clone()))
            .collect();
        let mut tera = Tera::new();
        // Replaces the built-in `range` with one that stops a runaway render.
        tera.register_function("range", budget::range);
        let added = tera.add_raw_templates(
            sources
                .iter()
                .map(|source| (source.name.as_str(), source.text.as_str())),
        );
        let templates = Templates {
            tera,
            origins,
            on_breach: BreachPolicy::EndProcess,
        };
        match added {
            Ok(()) => Ok(templates),
            Err(error) => Err(templates
                .cycle_error(sources, &error)
                .unwrap_or_else(|| templates.error("", "", error))),
        }
    }

    /// The same templates with another policy for pages past their render budget
    /// (by default, [`BreachPolicy::EndProcess`]).
    pub fn with_breach_policy(mut self, policy: BreachPolicy) -> Templates {
        self.on_breach = policy;
        self
    }

    /// Renders `template` with `context` for the page at `page`, within the budget of
    /// one page (see [`budget`]).
    pub fn render(&self, template: &str, context: &Context, page: &str) -> Result<String> {
        let budget = PageBudget::start(self.display_path(template), page, self.on_breach);
        let mut writer = BudgetWriter::default();
        let rendered = self.tera.render_to(template, context, &mut writer);
        // A breach surfaces as whatever error the engine made of it; the breach is the
        // reason.
        if let Some(breach) = budget.breach() {
            return Err(budget.error(breach));
        }
        drop(budget);
        rendered.map_err(|error| self.error(template, page, error))?;
        String::from_utf8(writer.bytes).map_err(|_| {
            Error::Usage(format!(
                "{} (while rendering {page}): the page is not valid UTF-8",
                self.display_path(template).display()
            ))
        })
    }

    /// Turns an engine error into ours, with the template's file and line when known.
    /// `page` names the page being rendered, empty while compiling.
    pub fn error(&self, template: &str, page: &str, error: tera::Error) -> Error {
        let while_rendering = if page.is_empty() {
            String::new()
        } else {
            format!(" (while rendering {page})")
        };
        let located = match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Some((
                report.filename().to_string(),
                report.span().start_line,
                report.span().start_col + 1,
                report.message().to_string(),
            )),
            // Checks made after parsing (unknown filters, missing includes) arrive as a
            // finished report: "error: message\n --> name:line:col ...".
            ErrorKind::Msg(text) => parse_report(text),
            _ => None,
        };
        match located {
            Some((name, line, column, message)) => {
                let name = if name.is_empty() { template } else { &name };
                Error::Template {
                    location: SourceLocation::new(self.display_path(name), line.max(1), column),
                    message: format!("{message}{while_rendering}"),
                }
            }
            None => Error::TemplateEngine {
                context: if template.is_empty() {
                    "templates".to_string()
                } else {
                    format!("{}{while_rendering}", self.display_path(template).display())
                },
                message: engine_message(&error),
            },
        }
    }

    /// A loop of `{% include %}` or `{% extends %}`, at the tag in the first template
    /// of the loop that names the next one.
    fn cycle_error(&self, sources: &[TemplateSource], error: &tera::Error) -> Option<Error> {
        let (tag, chain) = match error.kind() {
            ErrorKind::CircularInclude { include_chain, .. } => ("include", include_chain),
            ErrorKind::CircularExtend {
                inheritance_chain, ..
            } => ("extends", inheritance_chain),
            _ => return None,
        };
        let first = chain.first()?;
        let next = chain.get(1)?;
        let text = &sources.iter().find(|source| &source.name == first)?.text;
        // The tag is the `{%` before the first quoted mention of the next template.
        let named = [format!("\"{next}\""), format!("'{next}'")]
            .iter()
            .filter_map(|quoted| text.find(quoted.as_str()))
            .min()?;
        let at = text[..named].rfind("{%").unwrap_or(named);
        Some(Error::Template {
            location: SourceLocation::at_offset(self.display_path(first), text, at),
            message: format!("circular {tag}: {}", chain.join(" → ")),
        })
    }

    /// The path a user would open for a template name.
    fn display_path(&self, name: &str) -> PathBuf {
        match self.origins.get(name) {
            Some(TemplateOrigin::Site(path)) => path.clone(),
            _ => PathBuf::from(format!("(built-in theme) templates/{name}")),
        }
    }
}

/// The engine's text for an error without a position, in the user's terms where it
/// reads like the engine's internals.
fn engine_message(error: &tera::Error) -> String {
    let text = error.to_string();
    if text.starts_with("Maximum render recursion depth for components") {
        return "components nested more than 20 deep (does a component call itself?)".into();
    }
    text
}

/// Reads the message and first `--> name:line:col` of a rendered engine report.
fn parse_report(text: &str) -> Option<(String, usize, usize, String)> {
    let mut lines = text.lines();
    let message = lines
        .next()?
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let position = lines.find_map(|line| line.trim().strip_prefix("--> "))?;
    let mut parts = position.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let name = parts.next()?.to_string();
    Some((name, line, column, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_template(name: &str, text: &str) -> Vec<TemplateSource> {
        vec![TemplateSource {
            name: name.into(),
            text: text.into(),
            origin: TemplateOrigin::Site(PathBuf::from("templates").join(name)),
        }]
    }

    #[test]
    fn syntax_error_names_the_site_template_file_and_line() {
        let error = Templates::compile(&site_template("article.html", "line one\n{% if %}\n"))
            .err()
            .unwrap();
        assert!(
            error
                .to_string()
                .starts_with("templates/article.html:2:7: template error: Found `%}` but expected"),
            "{error}"
        );
    }

    #[test]
    fn unknown_filter_names_the_template_line() {
        let error = Templates::compile(&site_template("index.html", "a\n  {{ x | shout }}\n"))
            .err()
            .unwrap();
        assert_eq!(
            error.to_string(),
            "templates/index.html:2:10: template error: Unknown filter `shout`"
        );
    }

    #[test]
    fn rendering_error_names_the_template_and_the_page() {
        let templates =
            Templates::compile(&site_template("person.html", "a\n\n  {{ nope.x }}\n")).unwrap();
        let error = templates
            .render("person.html", &Context::new(), "/people/x/")
            .unwrap_err();
        assert!(
            error.to_string().starts_with(
                "templates/person.html:3:6: template error: Variable `nope` is not defined"
            ),
            "{error}"
        );
        assert!(error.to_string().ends_with("(while rendering /people/x/)"));
    }

    #[test]
    fn range_counts_as_the_engine_s_own_did() {
        let render = |text: &str| {
            let templates = Templates::compile(&site_template("a.html", text)).unwrap();
            templates
                .render("a.html", &Context::new(), "/a/")
                .map_err(|error| error.to_string())
        };
        let each = |arguments: &str| {
            render(&format!(
                "{{% for i in range({arguments}) %}}{{{{ i }}}},{{% endfor %}}"
            ))
        };
        assert_eq!(each("end=3").unwrap(), "0,1,2,");
        assert_eq!(each("start=1, end=10, step_by=3").unwrap(), "1,4,7,");
        assert_eq!(each("start=5, end=0, step_by=-2").unwrap(), "5,3,1,");
        assert_eq!(each("start=0, end=5, step_by=-1").unwrap(), "");
        for refused in ["end=1, step_by=0", "start=3, end=1", "end=100001"] {
            assert!(each(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn builtin_templates_are_named_as_such() {
        let sources = vec![TemplateSource {
            name: "base.html".into(),
            text: "{{ missing }}".into(),
            origin: TemplateOrigin::Builtin,
        }];
        let templates = Templates::compile(&sources).unwrap();
        let error = templates
            .render("base.html", &Context::new(), "/")
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("(built-in theme) templates/base.html:1:4:"),
            "{error}"
        );
    }
}
