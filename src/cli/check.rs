//! `byline check` and `byline entities`: read and decode the inputs, give each its
//! configuration, analyse them in parallel (`rayon`, output in input order), render,
//! choose the exit status. An input that cannot be checked is reported beside the
//! others and makes the exit status 2, after all output.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::configs::{Resolver, Settings};
use super::decode::{self, Decoded};
use super::inputs::{self, Input};
use super::{fix, AnalysisArgs, CheckFormat, ColorChoice, EntitiesFormat, FailOn, Fatal};
use crate::report::{self, ErrorKind, FileError, FileReport};
use byline_core::analysis::{analyze, AnalysisOptions, Severity};

/// Runs with fewer files than this finish before a progress bar would help.
const PROGRESS_MIN_FILES: usize = 50;

/// The options of `byline check` beyond the shared analysis arguments.
#[derive(clap::Args)]
pub struct CheckOptions {
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
    /// Exit 1 when a finding at or above this severity is found.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Apply the top suggestion of findings that are safe to fix, rewriting the files.
    #[arg(long)]
    fix: bool,
    /// With --fix: print a unified diff of the fixes instead of writing files.
    #[arg(long, requires = "fix")]
    dry_run: bool,
}

/// One checked file beside its report: where it came from and its settings.
struct Checked {
    input: Input,
    settings: Arc<Settings>,
}

struct Analysed {
    checked: Vec<Checked>,
    reports: Vec<FileReport>,
    errors: Vec<FileError>,
}

fn analyse_one(input: &Input, decoded: Decoded, settings: &Settings) -> FileReport {
    let options = AnalysisOptions {
        format: Some(input.format),
        ..settings.options.clone()
    };
    FileReport {
        path: input.name.clone(),
        analysis: analyze(&decoded.text, &settings.kb, &options),
        text: decoded.text,
        kb: settings.kb.clone(),
        encoding: decoded.encoding,
        bom: decoded.bom,
    }
}

fn progress_bar(files: usize) -> ProgressBar {
    if files < PROGRESS_MIN_FILES || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// Reads, decodes and analyses every input. A file that cannot be read, decoded or
/// configured becomes a `FileError` and the others are still checked.
fn analyse_all(args: &AnalysisArgs) -> Result<Analysed, Fatal> {
    let forced = args
        .encoding
        .as_deref()
        .map(decode::encoding_for_label)
        .transpose()
        .map_err(Fatal)?;
    let expanded = inputs::expand(args)?;
    let mut resolver = Resolver::new(args)?;
    let mut jobs = Vec::with_capacity(expanded.inputs.len());
    for input in expanded.inputs {
        let named = input.path.clone().or_else(|| args.stdin_filename.clone());
        let settings = resolver
            .for_file(named.as_deref())?
            .map_err(|message| input.error(ErrorKind::Configuration, message));
        jobs.push((input, settings));
    }
    let bar = progress_bar(jobs.len());
    let outcomes: Vec<Result<(FileReport, Checked), FileError>> = jobs
        .into_par_iter()
        .map(|(input, settings)| {
            let outcome = settings.and_then(|settings| {
                let decoded = input.read(forced)?;
                let report = analyse_one(&input, decoded, &settings);
                Ok((report, Checked { input, settings }))
            });
            bar.inc(1);
            outcome
        })
        .collect();
    bar.finish_and_clear();
    let mut analysed = Analysed {
        checked: Vec::new(),
        reports: Vec::new(),
        errors: Vec::new(),
    };
    for outcome in outcomes {
        match outcome {
            Ok((report, checked)) => {
                analysed.reports.push(report);
                analysed.checked.push(checked);
            }
            Err(error) => analysed.errors.push(error),
        }
    }
    analysed.errors.extend(expanded.errors);
    Ok(analysed)
}

/// A bare `byline check` (no paths) with a terminal for standard input would wait for
/// a story to be typed; it prints its usage and exits 2 instead.
fn usage_if_bare_on_a_terminal(args: &AnalysisArgs, command: &str) -> Option<ExitCode> {
    if !inputs::usage_instead_of_stdin(!args.paths.is_empty(), std::io::stdin().is_terminal()) {
        return None;
    }
    eprintln!(
        "byline: no files given, and standard input is a terminal\n\n{}\n\n\
         Name the stories (files or folders), or pipe one in: `byline {command} - < story.md`.\n\
         For more, try `byline {command} --help`.",
        super::usage(command)
    );
    Some(ExitCode::from(2))
}

/// The files that could not be checked, on standard error for formats whose output a
/// person does not read directly (they are in the report too).
fn errors_to_stderr(errors: &[FileError]) {
    for error in errors {
        eprintln!("byline: error: {error}");
    }
}

fn write_stdout(text: &str) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`byline check | head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write output: {e}"))),
    }
}

/// Applies `--fix` to every file; the reports then describe the fixed texts. Returns
/// the unified diff when `dry_run`.
fn fix_all(analysed: &mut Analysed, dry_run: bool) -> Result<String, Fatal> {
    let mut diff = String::new();
    for (checked, report) in analysed.checked.iter().zip(analysed.reports.iter_mut()) {
        let input = &checked.input;
        let Some(fixed) = fix::fix_file(report, input.path.as_deref(), dry_run, &mut diff)? else {
            continue;
        };
        for refusal in &fixed.refused {
            eprintln!("byline: not fixed: {refusal}");
        }
        for change in &fixed.changes {
            let verb = if dry_run { "would fix" } else { "fixed" };
            eprintln!("{verb} {change}");
        }
        if let Some(text) = fixed.text {
            let decoded = Decoded {
                text,
                encoding: report.encoding,
                bom: report.bom,
            };
            *report = analyse_one(input, decoded, &checked.settings);
        }
    }
    Ok(diff)
}

fn render(format: CheckFormat, color: ColorChoice, analysed: &Analysed) -> String {
    let reports = &analysed.reports;
    let errors = &analysed.errors;
    match format {
        CheckFormat::Json => report::json::check(reports, errors) + "\n",
        CheckFormat::Jsonl => report::jsonl::check(reports, errors),
        CheckFormat::Sarif => report::sarif::check(reports, errors) + "\n",
        CheckFormat::Github => report::github::check(reports, errors),
        CheckFormat::Html => report::html::check(reports, errors),
        CheckFormat::Human => {
            let use_color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
                }
            };
            report::human::check(reports, errors, use_color)
        }
    }
}

/// Whether a finding of `severity` fails the run: `--fail-on`, else the file's
/// configuration's `fail_on`, else `warning`.
fn fails(severity: Severity, flag: Option<FailOn>, settings: &Settings) -> bool {
    let threshold = match flag {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Information) => Severity::Information,
        None => settings.fail_on.unwrap_or(Severity::Warning),
    };
    severity >= threshold
}

pub fn run_check(args: &AnalysisArgs, options: &CheckOptions) -> Result<ExitCode, Fatal> {
    if let Some(code) = usage_if_bare_on_a_terminal(args, "check") {
        return Ok(code);
    }
    let mut analysed = analyse_all(args)?;
    let diff = if options.fix {
        fix_all(&mut analysed, options.dry_run)?
    } else {
        String::new()
    };
    if options.dry_run {
        write_stdout(&diff)?;
    } else {
        write_stdout(&render(options.format, options.color, &analysed))?;
    }
    if options.dry_run || !matches!(options.format, CheckFormat::Human | CheckFormat::Github) {
        errors_to_stderr(&analysed.errors);
    }
    if !analysed.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let failed = analysed
        .reports
        .iter()
        .zip(&analysed.checked)
        .any(|(report, checked)| {
            report
                .analysis
                .diagnostics
                .iter()
                .any(|d| fails(d.severity, options.fail_on, &checked.settings))
        });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn run_entities(args: &AnalysisArgs, format: EntitiesFormat) -> Result<ExitCode, Fatal> {
    if let Some(code) = usage_if_bare_on_a_terminal(args, "entities") {
        return Ok(code);
    }
    let Analysed {
        reports, errors, ..
    } = analyse_all(args)?;
    let output = match format {
        EntitiesFormat::Json => report::json::entities(&reports, &errors) + "\n",
        EntitiesFormat::Human => {
            let mut out = String::new();
            for report in &reports {
                out.push_str(&format!("{}\n", report.path));
                if let Some(encoding) = report.encoding_note() {
                    out.push_str(&format!("  (decoded as {encoding})\n"));
                }
                for cluster in &report.analysis.clusters {
                    let id = cluster
                        .entity
                        .map(|id| report.kb.entity(id).id.as_str())
                        .unwrap_or("unknown");
                    out.push_str(&format!(
                        "  {:<13} {:<40} {:>2}× {}\n",
                        cluster.category.as_str(),
                        cluster.name,
                        cluster.mentions.len(),
                        id
                    ));
                }
            }
            out
        }
    };
    write_stdout(&output)?;
    errors_to_stderr(&errors);
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// `byline init`: writes the commented starter `.byline.toml`, never over an existing one.
pub fn run_init(dir: &std::path::Path) -> Result<ExitCode, Fatal> {
    let path = dir.join(byline_desk::config::CONFIG_FILE_NAME);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Fatal(format!(
                "{}: already exists; not overwriting it",
                path.display()
            )),
            _ => Fatal(format!("{}: cannot create: {e}", path.display())),
        })?;
    file.write_all(byline_desk::config::STARTER.as_bytes())
        .map_err(|e| Fatal(format!("{}: cannot write: {e}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}
