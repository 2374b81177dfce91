//! `byline check` and `byline entities`.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{
    load_config, load_kb, parse_story_date, AnalysisArgs, CheckFormat, ColorChoice, EntitiesFormat,
    FailOn, Fatal,
};
use crate::analysis::{analyze, AnalysisOptions, Severity};
use crate::kb::Kb;
use crate::prose::Format;
use crate::report::{self, FileReport, Summary};

fn read_input(path: &Path) -> Result<String, Fatal> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        return Ok(text);
    }
    let bytes =
        std::fs::read(path).map_err(|e| Fatal(format!("{}: cannot read: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|_| Fatal(format!("{}: not UTF-8 text", path.display())))
}

fn analyse_all(args: &AnalysisArgs) -> Result<(Kb, Vec<FileReport>, crate::config::Config), Fatal> {
    let config = load_config(args)?;
    let kb = load_kb(args, &config)?;
    let story_date = parse_story_date(args, &config)?;
    let mut reports = Vec::new();
    for path in &args.paths {
        let text = read_input(path)?;
        let options = AnalysisOptions {
            format: Some(Format::from_path(path)),
            story_date,
            checks: config.checks.clone(),
        };
        let analysis = analyze(&text, &kb, &options);
        reports.push(FileReport {
            path: path.display().to_string(),
            text,
            analysis,
        });
    }
    Ok((kb, reports, config))
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

pub fn run_check(
    args: &AnalysisArgs,
    format: CheckFormat,
    fail_on: Option<FailOn>,
    color: ColorChoice,
) -> Result<ExitCode, Fatal> {
    let (kb, reports, config) = analyse_all(args)?;
    let output = match format {
        CheckFormat::Json => {
            let mut json = report::json::check(&reports, &kb);
            json.push('\n');
            json
        }
        CheckFormat::Human => {
            let use_color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
                }
            };
            report::human::check(&reports, use_color)
        }
    };
    write_stdout(&output)?;
    let threshold = match fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Information) => Severity::Information,
        None => config.fail_on.unwrap_or(Severity::Warning),
    };
    Ok(if Summary::of(&reports).has_at_least(threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn run_entities(args: &AnalysisArgs, format: EntitiesFormat) -> Result<ExitCode, Fatal> {
    let (kb, reports, _) = analyse_all(args)?;
    let output = match format {
        EntitiesFormat::Json => {
            let mut json = report::json::entities(&reports, &kb);
            json.push('\n');
            json
        }
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
