//! The command-line edge: parses arguments, runs a subcommand, prints the outcome and
//! sets the exit status. All the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::build::{BuildOptions, build_site};
use briefing::check::{Format, check_site, report::summary, write_report};
use briefing::config::load_config;
use briefing::init::init_site;
use briefing::new::{NewArticle, new_article};
use briefing::serve::{ServeOptions, serve};
use briefing::site::SiteOptions;
use clap::{Parser, Subcommand, ValueEnum};

// Counts what each page's render holds, so a runaway template ends with an error naming
// the page instead of an aborted allocation.
#[global_allocator]
static ALLOCATOR: briefing::render::budget::BudgetAllocator =
    briefing::render::budget::BudgetAllocator;

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
    /// Check the site without writing anything: every problem, in one run.
    Check(CheckArgs),
    /// Preview the site with live reload while writing.
    Serve(ServeArgs),
    /// Create a new site that builds at once.
    Init(InitArgs),
    /// Create a new article dated today and print its path.
    New(NewArgs),
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The site folder, holding content/ and optionally briefing.yaml.
    #[arg(default_value = ".")]
    site_dir: PathBuf,
    /// How to print problems: for people, as JSON lines, or as GitHub annotations.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Fail on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Check articles marked `draft: true` too.
    #[arg(long)]
    drafts: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// `path:line:col: error: message`.
    Human,
    /// One JSON object per problem, one per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The site folder, holding content/ and optionally briefing.yaml.
    #[arg(default_value = ".")]
    site_dir: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(short, long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Only change it to share the preview on a network
    /// you trust.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Hide articles marked `draft: true` (they are shown by default).
    #[arg(long)]
    no_drafts: bool,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// Where to create the site.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Write into a folder that already has files (files of the same name are replaced).
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct NewArgs {
    /// The article's title.
    title: String,
    /// A country to list (repeat for more).
    #[arg(long = "country", value_name = "NAME")]
    countries: Vec<String>,
    /// A person to list (repeat for more).
    #[arg(long = "person", value_name = "NAME")]
    people: Vec<String>,
    /// The site folder.
    #[arg(long, default_value = ".", value_name = "DIR")]
    site_dir: PathBuf,
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
    /// Build even when nothing changed since the last build. By default a build
    /// whose inputs (content, templates, static files, briefing.yaml, options and
    /// this program) are all as they were, into an output left as it was, stops
    /// there. (It never allows replacing files briefing did not write: that is
    /// --replace-output.)
    #[arg(long)]
    force: bool,
    /// Replace the output folder even though it holds files that no build of
    /// briefing wrote, deleting them. Without it such a folder is refused.
    #[arg(long)]
    replace_output: bool,
    /// Keep the build cache in DIR instead of `cache_dir` from briefing.yaml or
    /// `.NAME.cache` beside the output folder NAME. Deleting it only makes the next
    /// build a cold one.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Serve(args) => run_serve(args),
        Command::Init(args) => run_init(args),
        Command::New(args) => run_new(args),
    }
}

/// Lets glibc's allocator grow its heaps in large steps. By default a heap grows
/// 128 KiB past each request that does not fit, a system call each time; a build of a
/// large site allocates hundreds of MiB from several threads. With 64 MiB, a rebuild
/// after one title change at 10,000 articles takes about a twentieth less time, and
/// peak memory grows by about 15 MiB (untouched pages of a grown heap are not
/// resident).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    use std::ffi::c_int;
    /// `M_TOP_PAD` in glibc's `malloc.h`.
    const M_TOP_PAD: c_int = -2;
    unsafe extern "C" {
        fn mallopt(parameter: c_int, value: c_int) -> c_int;
    }
    // SAFETY: `mallopt` is glibc's documented call to set an allocator parameter. It
    // is made first thing, before any other thread exists; a value it refuses leaves
    // the default in place.
    unsafe {
        mallopt(M_TOP_PAD, 64 << 20);
    }
}

/// Other allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn run_check(args: CheckArgs) -> ExitCode {
    let options = SiteOptions {
        site_dir: args.site_dir,
        include_drafts: args.drafts,
        base_url: None,
    };
    let report = check_site(&options);
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Github => Format::Github,
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = write_report(&report, format, &mut stdout) {
        eprintln!("error: could not write the report: {error}");
        return ExitCode::FAILURE;
    }
    if format != Format::Human && !report.problems.is_empty() {
        eprintln!("{}", summary(&report));
    }
    if report.fails(args.strict) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let options = ServeOptions {
        site_dir: args.site_dir,
        bind: args.bind,
        port: args.port,
        include_drafts: !args.no_drafts,
    };
    match serve(&options, &mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => failed(error),
    }
}

fn run_init(args: InitArgs) -> ExitCode {
    let today = jiff::ZonedDateTime::now().date();
    match init_site(&args.dir, args.force, today) {
        Ok(files) => {
            for file in files {
                println!("created {}", file.display());
            }
            println!("Build it with `briefing build {}`", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => failed(error),
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    let result = load_config(&args.site_dir).and_then(|config| {
        let today = jiff::Timestamp::now()
            .to_zoned_datetime(config.time_zone)
            .date();
        new_article(
            &args.site_dir,
            &NewArticle {
                title: args.title,
                countries: args.countries,
                people: args.people,
                date: today,
            },
        )
    });
    match result {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => failed(error),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let options = BuildOptions {
        site_dir: args.site_dir,
        output_dir: args.output,
        include_drafts: args.drafts,
        base_url: args.base_url,
        force: args.force,
        replace_output: args.replace_output,
        cache_dir: args.cache_dir,
    };
    match build_site(&options) {
        Ok(summary) if summary.up_to_date => {
            println!(
                "{} is up to date: {} pages and {} other files ({} article{}), nothing changed since the last build ({} ms)",
                summary.output_dir.display(),
                summary.pages,
                summary.files,
                summary.articles,
                if summary.articles == 1 { "" } else { "s" },
                summary.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Ok(summary) => {
            let unchanged = if summary.unchanged > 0 {
                format!(", {} unchanged", summary.unchanged)
            } else {
                String::new()
            };
            println!(
                "Built {} pages and {} other files ({} article{}{unchanged}) into {} in {} ms",
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
    eprintln!("{}", error.report());
}

/// Reports `error` and gives the failing exit status.
fn failed(error: briefing::Error) -> ExitCode {
    report(error);
    ExitCode::FAILURE
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
