//! The command-line edge: parses arguments, runs a subcommand, prints the outcome and
//! sets the exit status. All the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::build::{BuildOptions, build_site};
use clap::{Parser, Subcommand};

/// Static site generator for briefings on world affairs.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// The site folder, holding content/ and optionally briefing.yaml.
    #[arg(default_value = ".")]
    site_dir: PathBuf,
    /// Where to write the site [default: SITE_DIR/public].
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Publish under this URL instead of briefing.yaml's base_url,
    /// e.g. https://example.org/briefings/.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        site_dir: args.site_dir,
        output_dir: args.output,
        include_drafts: args.drafts,
        base_url: args.base_url,
    };
    match build_site(&options) {
        Ok(summary) => {
            println!(
                "Built {} pages and {} other files ({} article{}) into {} in {} ms",
                summary.pages,
                summary.files,
                summary.articles,
                if summary.articles == 1 { "" } else { "s" },
                summary.output_dir.display(),
                summary.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let count = error.count();
            report(error);
            eprintln!(
                "error: build failed with {count} problem{}; the previous output was left untouched",
                if count == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

/// Prints each problem on its own line, with its chain of causes after it.
fn report(error: briefing::Error) {
    match error {
        briefing::Error::Many(errors) => errors.into_iter().for_each(report),
        error => eprintln!("{:#}", anyhow::Error::new(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
