//! `byline check` and `byline entities`: read the inputs, analyse them in parallel
//! (`rayon`, output in input order), render, choose the exit status.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::{
    analysis_kb, fix, load_config, parse_story_date, AnalysisArgs, CheckFormat, ColorChoice,
    EntitiesFormat, FailOn, Fatal,
};
use crate::report::{self, FileReport, Summary};
use byline_core::analysis::{analyze, AnalysisOptions, Severity};
use byline_desk::config::Config;
use byline_kb::Kb;

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

struct Analysed {
    kb: Kb,
    config: Config,
    options: AnalysisOptions,
    inputs: Vec<Input>,
    reports: Vec<FileReport>,
}

fn analyse_one(input: &Input, text: String, kb: &Kb, options: &AnalysisOptions) -> FileReport {
    let options = AnalysisOptions {
        format: Some(input.format),
        ..options.clone()
    };
    FileReport {
        path: input.name.clone(),
        analysis: analyze(&text, kb, &options),
        text,
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

fn analyse_all(args: &AnalysisArgs) -> Result<Analysed, Fatal> {
    let config = load_config(args)?;
    let kb = analysis_kb(args, &config)?;
    let options = AnalysisOptions {
        format: None,
        story_date: parse_story_date(args, &config)?,
        checks: config.checks.clone(),
    };
    let inputs = inputs::expand(args)?;
    let bar = progress_bar(inputs.len());
    let reports = inputs
        .par_iter()
        .map(|input| {
            let report = analyse_one(input, input.read()?, &kb, &options);
            bar.inc(1);
            Ok(report)
        })
        .collect::<Result<Vec<_>, Fatal>>()?;
    bar.finish_and_clear();
    Ok(Analysed {
        kb,
        config,
        options,
        inputs,
        reports,
    })
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
    for (input, report) in analysed.inputs.iter().zip(analysed.reports.iter_mut()) {
        let Some(fixed) = fix::fix_file(report, input.path.as_deref(), dry_run, &mut diff)? else {
            continue;
        };
        for change in &fixed.changes {
            let verb = if dry_run { "would fix" } else { "fixed" };
            eprintln!("{verb} {change}");
        }
        *report = analyse_one(input, fixed.text, &analysed.kb, &analysed.options);
    }
    Ok(diff)
}

fn render(format: CheckFormat, color: ColorChoice, analysed: &Analysed) -> String {
    let reports = &analysed.reports;
    let kb = &analysed.kb;
    match format {
        CheckFormat::Json => report::json::check(reports, kb) + "\n",
        CheckFormat::Jsonl => report::jsonl::check(reports, kb),
        CheckFormat::Sarif => report::sarif::check(reports) + "\n",
        CheckFormat::Github => report::github::check(reports),
        CheckFormat::Html => report::html::check(reports, kb),
        CheckFormat::Human => {
            let use_color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
                }
            };
            report::human::check(reports, use_color)
        }
    }
}

pub fn run_check(args: &AnalysisArgs, options: &CheckOptions) -> Result<ExitCode, Fatal> {
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
    let threshold = match options.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Information) => Severity::Information,
        None => analysed.config.fail_on.unwrap_or(Severity::Warning),
    };
    Ok(if Summary::of(&analysed.reports).has_at_least(threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn run_entities(args: &AnalysisArgs, format: EntitiesFormat) -> Result<ExitCode, Fatal> {
    let Analysed { kb, reports, .. } = analyse_all(args)?;
    let output = match format {
        EntitiesFormat::Json => report::json::entities(&reports, &kb) + "\n",
        EntitiesFormat::Human => {
            let mut out = String::new();
            for report in &reports {
                out.push_str(&format!("{}\n", report.path));
                for cluster in &report.analysis.clusters {
                    let id = cluster
                        .entity
                        .map(|id| kb.entity(id).id.as_str())
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
    Ok(ExitCode::SUCCESS)
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
