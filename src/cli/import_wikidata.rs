//! `byline kb import-wikidata`: the command-line face of `byline_kb_import::wikidata`
//! (arguments, a progress bar on a terminal, the summary line); the import itself knows
//! nothing of terminals.

use std::fs::File;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use byline_kb::PartialDate;
use byline_kb_import::wikidata::{
    import, write_jsonl, ImportError, ImportOptions, ImportStats, Progress, Selection,
};
use indicatif::{ProgressBar, ProgressStyle};

/// Arguments of `byline kb import-wikidata`.
#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The dump: `.json`, `.json.gz` or `.json.bz2` (compression is detected).
    pub dump: PathBuf,
    /// Where to write the KB (JSONL, replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Languages for names, aliases and descriptions, most wanted first.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub languages: Vec<String>,
    /// Occupations (P106) that keep a person [default: politician, military officer,
    /// diplomat, journalist].
    #[arg(long, value_delimiter = ',', value_name = "QIDS")]
    pub occupations: Option<Vec<String>>,
    /// Classes (P31) that keep an organisation [default: news agency, armed forces,
    /// intelligence agency, ministry, intergovernmental organisation, party, militant group].
    #[arg(long, value_delimiter = ',', value_name = "QIDS")]
    pub classes: Option<Vec<String>>,
    /// Stop after reading this many entities (to try options on a big dump).
    #[arg(long)]
    pub limit: Option<u64>,
    /// The dump's date (YYYY-MM-DD), written as every entity's `as_of`.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Count malformed lines and go on instead of stopping at the first.
    #[arg(long)]
    pub skip_bad_lines: bool,
}

impl ImportArgs {
    /// Checks the arguments and turns them into options.
    pub fn options(&self) -> Result<ImportOptions, String> {
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if languages.is_empty() {
            return Err("--languages needs at least one language code".into());
        }
        let defaults = Selection::default();
        let occupations = qid_list("--occupations", self.occupations.as_deref())?
            .map_or(defaults.occupations, |l| l.into_iter().collect());
        let classes = qid_list("--classes", self.classes.as_deref())?.unwrap_or(defaults.classes);
        let as_of = match &self.as_of {
            Some(d) if PartialDate::parse(d).is_some() => d.trim().to_string(),
            Some(d) => return Err(format!("--as-of must be YYYY-MM-DD, got `{d}`")),
            None => String::new(),
        };
        Ok(ImportOptions {
            selection: Selection {
                languages,
                occupations,
                classes,
            },
            limit: self.limit,
            as_of,
            skip_bad_lines: self.skip_bad_lines,
        })
    }
}

fn qid_list(flag: &str, list: Option<&[String]>) -> Result<Option<Vec<String>>, String> {
    let Some(list) = list else { return Ok(None) };
    let mut out = Vec::new();
    for item in list.iter().map(|q| q.trim()).filter(|q| !q.is_empty()) {
        let valid = item.len() > 1
            && item.starts_with('Q')
            && item[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid {
            return Err(format!("{flag} takes QIDs like Q82955, got `{item}`"));
        }
        out.push(item.to_string());
    }
    Ok(Some(out))
}

/// The command: import, write, and report on stderr (a progress bar when stderr is a
/// terminal, then one summary line).
pub fn run(args: &ImportArgs) -> Result<ExitCode, ImportError> {
    let options = args.options().map_err(|message| ImportError {
        file: args.dump.display().to_string(),
        line: 0,
        message,
    })?;
    let progress = Bar(progress_bar(&args.dump));
    let result = import(&args.dump, &options, &progress);
    progress.0.finish_and_clear();
    let (entities, stats) = result?;
    write_jsonl(&args.out, &entities)?;
    if let Some(bad) = &stats.first_bad_line {
        eprintln!(
            "byline: warning: skipped {} malformed line(s); first: {bad}",
            stats.bad_lines
        );
    }
    eprintln!("{}", summary(&stats, &args.out));
    Ok(ExitCode::SUCCESS)
}

/// The final line: read, kept and throughput.
pub fn summary(stats: &ImportStats, out: &Path) -> String {
    format!(
        "read {} entities in {:.1} s ({:.0} entities/s), kept {} -> {} \
         ({} unresolved countries, {} role titles left as QIDs)",
        stats.entities_read,
        stats.elapsed.as_secs_f64(),
        stats.entities_per_second(),
        stats.kept,
        out.display(),
        stats.unresolved_countries,
        stats.unresolved_titles,
    )
}

/// The command line's report of an import: indicatif's bar over the dump's bytes.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn wrap_read(&self, file: File) -> Box<dyn Read> {
        Box::new(self.0.wrap_read(file))
    }

    fn entities_read(&self, count: u64) {
        self.0.set_message(format!("{count} entities"));
    }
}

/// A bar over the dump's (compressed) bytes, hidden unless stderr is a terminal.
fn progress_bar(path: &Path) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}
