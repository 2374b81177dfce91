//! The command-line adapter: argument parsing (`clap`), reading and decoding files,
//! each file's configuration, choosing a renderer, exit codes. Exit 0: nothing at or
//! above `--fail-on`; 1: findings; 2: usage, configuration or I/O error, or an input
//! that could not be checked (after the report of all the others).

mod check;
mod configs;
mod decode;
mod eval;
mod fix;
#[cfg(feature = "kb-import")]
mod import_wikidata;
mod inputs;
mod kb_command;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use byline_kb::{Kb, KbBuilder};

#[derive(Parser)]
#[command(
    name = "byline",
    version,
    about = "Checks names, titles and entities in news prose."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
    /// One JSON object per file and line, for pipelines.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A self-contained review page.
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EntitiesFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Information,
}

/// Options shared by the commands that analyse text.
#[derive(clap::Args, Clone)]
pub struct AnalysisArgs {
    /// Files and directories to read; `-` for standard input (the default when standard
    /// input is not a terminal).
    paths: Vec<PathBuf>,
    /// In directories, check only files matching this glob (default: Markdown, text, HTML).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In directories, skip files matching this glob.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// The name (and so the format) of the text read from standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// More KB files (TOML or JSONL); later files take precedence.
    #[arg(long = "kb", value_name = "FILE")]
    kb_files: Vec<PathBuf>,
    /// A configuration file for every file, instead of each file's nearest `.byline.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Read every file in this encoding (a WHATWG label: utf-8, windows-1252, latin1,
    /// utf-16le…) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// A directory with no file to check is not an error.
    #[arg(long)]
    allow_empty: bool,
    /// The story's date (YYYY-MM-DD or `today`), overriding front matter.
    #[arg(long, value_name = "DATE")]
    story_date: Option<String>,
    /// Leave out the embedded default KB.
    #[arg(long)]
    no_default_kb: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check stories for misspelled names and inconsistent spellings.
    Check {
        #[command(flatten)]
        args: AnalysisArgs,
        #[command(flatten)]
        options: check::CheckOptions,
    },
    /// Write a commented starter `.byline.toml` (never over an existing one).
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// List the entities mentioned in stories.
    Entities {
        #[command(flatten)]
        args: AnalysisArgs,
        #[arg(long, value_enum, default_value = "human")]
        format: EntitiesFormat,
    },
    /// Run the language server on standard input and output.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Measure accuracy: misspellings caught, false alarms on clean news, entity
    /// highlighting against re3d (see README, Accuracy).
    Eval {
        #[command(flatten)]
        options: eval::EvalOptions,
    },
    /// Query the knowledge base.
    Kb {
        #[command(subcommand)]
        command: kb_command::KbCommand,
    },
}

/// A failure that ends the command with exit status 2.
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(error: E) -> Fatal {
        Fatal(error.to_string())
    }
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Lsp { .. }) {
        die_quietly_on_closed_pipe();
    }
    let result = match cli.command {
        Command::Check { args, options } => check::run_check(&args, &options),
        Command::Init { dir } => check::run_init(&dir),
        Command::Entities { args, format } => check::run_entities(&args, format),
        Command::Lsp { stdio: _ } => Ok(byline_lsp::run_stdio()),
        Command::Kb { command } => kb_command::run(command),
        Command::Eval { options } => eval::run(&options),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("byline: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// `byline check … | head` closes our standard output early; like other Unix filters we
/// then stop at once instead of panicking in `println!`. Rust ignores SIGPIPE by
/// default, so restore the default action. Not for the server: it answers a closed
/// pipe by shutting down cleanly.
fn die_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up before any thread is spawned; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The usage line of a subcommand, as `--help` shows it.
fn usage(subcommand: &str) -> String {
    let mut command = Cli::command();
    command.build();
    command
        .find_subcommand_mut(subcommand)
        .map(|sub| sub.render_usage().to_string())
        .unwrap_or_default()
}

/// The default KB (unless left out), then `files` in order, later ones winning.
fn load_kb(files: &[PathBuf], no_default_kb: bool) -> Result<Kb, Fatal> {
    let mut builder = KbBuilder::new();
    if !no_default_kb {
        builder = byline_default_kb::default_builder()?;
    }
    for path in files {
        builder = builder.with_file(path)?;
    }
    Ok(builder.build())
}
