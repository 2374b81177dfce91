//! `byline eval`: reads the data (../shared when present, else the project's own
//! fallback set), runs `crate::eval`, prints Markdown or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::Fatal;
use crate::eval::{self, data, EvalConfig, Sources};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EvalFormat {
    Markdown,
    Json,
}

#[derive(Args)]
pub struct EvalOptions {
    /// News articles, JSON lines with `id` and `text` (default:
    /// ../shared/data/news/articles.jsonl when present, else the built-in set).
    #[arg(long, value_name = "PATH")]
    news: Option<PathBuf>,
    /// The re3d folder (default: ../shared/data/ner-dev/re3d when present, else the
    /// built-in annotated sentences).
    #[arg(long, value_name = "PATH")]
    re3d: Option<PathBuf>,
    /// Use only the built-in data, even when ../shared is present.
    #[arg(long)]
    builtin: bool,
    /// The seed of every random choice.
    #[arg(long, default_value_t = eval::DEFAULT_SEED)]
    seed: u64,
    /// At most this many target names per article (0: all).
    #[arg(long, default_value_t = EvalConfig::default().targets_per_article)]
    targets_per_article: usize,
    /// At most this many target names in all (0: all).
    #[arg(long, default_value_t = EvalConfig::default().max_targets)]
    max_targets: usize,
    #[arg(long, value_enum, default_value = "markdown")]
    format: EvalFormat,
    /// List every missed trial, target name and entity error (and, for the sections
    /// below, every names-dev miss and false flag, every clean-text finding and every
    /// ordinary-names finding).
    #[arg(long)]
    details: bool,
    /// Add the names-dev section: misspellings written independently of Byline
    /// (../shared/data/names-dev; skipped with a note when absent).
    #[arg(long)]
    names_dev: bool,
    /// The names-dev folder (implies --names-dev).
    #[arg(long, value_name = "DIR")]
    names_dev_dir: Option<PathBuf>,
    /// List every names-dev miss and false flag (implies --names-dev), without the other
    /// sections' details.
    #[arg(long)]
    names_dev_details: bool,
    /// Add false alarms on clean text: ../shared/data/ner-train's Wikipedia and web
    /// text and re3d, tweets apart (skipped with a note when absent).
    #[arg(long)]
    clean_text: bool,
    /// The ner-train folder (implies --clean-text).
    #[arg(long, value_name = "DIR")]
    ner_train: Option<PathBuf>,
    /// Add the ordinary-names probe (tests/fixtures/eval/ordinary-names.tsv, built in).
    #[arg(long)]
    ordinary_names: bool,
    /// The probe's TSV instead of the built-in one (implies --ordinary-names).
    #[arg(long, value_name = "PATH")]
    ordinary_names_file: Option<PathBuf>,
    /// Every section: --names-dev --clean-text --ordinary-names.
    #[arg(long)]
    all: bool,
    /// Instead of a report, write every candidate pair the misspelled-name decision
    /// weighs (names-dev, the generator's trials, clean text, ordinary names) as TSV,
    /// for scripts/fit_slip_weights.py.
    #[arg(long, value_name = "PATH", hide = true)]
    dump_evidence: Option<PathBuf>,
}

/// `--dump-evidence`: the candidate pairs of every source found, as TSV at `path`.
fn dump_evidence(
    kb: &byline_kb::Kb,
    options: &EvalOptions,
    articles: &[eval::Article],
    re3d: Option<&[data::NerDocument]>,
    config: &EvalConfig,
    path: &Path,
) -> Result<ExitCode, Fatal> {
    let shared_dir = |rel: &str| (!options.builtin).then(|| shared(rel)).flatten();
    let names_dev = match options
        .names_dev_dir
        .clone()
        .or_else(|| shared_dir("data/names-dev"))
    {
        Some(dir) => Some(data::read_names_dev(&dir)?),
        None => None,
    };
    let ner_train = options
        .ner_train
        .clone()
        .or_else(|| shared_dir("data/ner-train"));
    let clean = data::clean_corpora(ner_train.as_deref(), re3d)?;
    let ordinary = data::parse_ordinary_names(data::ORDINARY_NAMES);
    let trials = eval::misspell::trial_stories(kb, articles, config);
    let file =
        std::fs::File::create(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    let mut out = std::io::BufWriter::new(file);
    let rows = eval::evidence::dump(kb, names_dev.as_ref(), &trials, &clean, &ordinary, &mut out)
        .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    eprintln!("{rows} candidate pairs written to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `../shared/<rel>` from the working directory, else from the source tree.
fn shared(rel: &str) -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("../shared").join(rel),
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared")
            .join(rel),
    ];
    candidates.into_iter().find(|p| p.exists())
}

/// The sections measured on text we did not write, as requested.
fn add_sections(
    kb: &byline_kb::Kb,
    options: &EvalOptions,
    re3d_path: Option<&Path>,
    re3d_documents: &[data::NerDocument],
    report: &mut eval::EvalReport,
) -> Result<(), Fatal> {
    let shared_dir = |rel: &str| (!options.builtin).then(|| shared(rel)).flatten();
    if options.all
        || options.names_dev
        || options.names_dev_details
        || options.names_dev_dir.is_some()
    {
        match options
            .names_dev_dir
            .clone()
            .or_else(|| shared_dir("data/names-dev"))
        {
            Some(dir) => {
                let set = data::read_names_dev(&dir)?;
                report.names_dev = Some(eval::names_dev::evaluate(
                    kb,
                    &set,
                    &dir.display().to_string(),
                ));
            }
            None => {
                report.skipped.insert(
                    "names-dev",
                    if options.builtin {
                        "--builtin uses only the project's own data".to_string()
                    } else {
                        "../shared/data/names-dev not found".to_string()
                    },
                );
            }
        }
    }
    if options.all || options.clean_text || options.ner_train.is_some() {
        let ner_train = options
            .ner_train
            .clone()
            .or_else(|| shared_dir("data/ner-train"));
        // re3d's own documents, never the built-in sentences that stand in for them.
        let re3d = re3d_path.map(|_| re3d_documents);
        let corpora = data::clean_corpora(ner_train.as_deref(), re3d)?;
        if corpora.is_empty() {
            report.skipped.insert(
                "clean-text",
                if options.builtin {
                    "--builtin uses only the project's own data".to_string()
                } else {
                    "../shared/data/ner-train and ../shared/data/ner-dev/re3d not found".to_string()
                },
            );
        } else {
            let mut sources: Vec<String> = Vec::new();
            if let Some(dir) = &ner_train {
                sources.push(dir.display().to_string());
            }
            if let Some(path) = re3d_path {
                sources.push(path.display().to_string());
            }
            report.clean_text = Some(eval::clean_text::evaluate(
                kb,
                &corpora,
                &sources.join(", "),
            ));
        }
    }
    if options.all || options.ordinary_names || options.ordinary_names_file.is_some() {
        let (text, origin) = match &options.ordinary_names_file {
            Some(path) => (
                std::fs::read_to_string(path)
                    .map_err(|e| Fatal(format!("{}: {e}", path.display())))?,
                path.display().to_string(),
            ),
            None => (
                data::ORDINARY_NAMES.to_string(),
                "built-in (tests/fixtures/eval/ordinary-names.tsv)".to_string(),
            ),
        };
        let names = data::parse_ordinary_names(&text);
        let provenance = data::ordinary_names_provenance(&text);
        let source = if provenance.is_empty() {
            origin
        } else {
            format!("{origin}, {provenance}")
        };
        report.ordinary_names = Some(eval::ordinary_names::evaluate(kb, &names, &source));
    }
    Ok(())
}

pub fn run(options: &EvalOptions) -> Result<ExitCode, Fatal> {
    let kb = byline_default_kb::default_kb()?;
    let news_path = options.news.clone().or_else(|| {
        (!options.builtin)
            .then(|| shared("data/news/articles.jsonl"))
            .flatten()
    });
    let (articles, news_source) = match &news_path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
            (
                data::parse_articles(&text, &path.display().to_string())?,
                path.display().to_string(),
            )
        }
        None => (
            data::fallback_articles(),
            "built-in (tests/fixtures/eval/news.jsonl)".to_string(),
        ),
    };
    let re3d_path = options.re3d.clone().or_else(|| {
        (!options.builtin)
            .then(|| shared("data/ner-dev/re3d"))
            .flatten()
    });
    let (documents, re3d_source) = match &re3d_path {
        Some(path) => (data::read_re3d(path)?, path.display().to_string()),
        None => (
            data::fallback_ner(),
            "built-in (tests/fixtures/eval/ner/)".to_string(),
        ),
    };
    let config = EvalConfig {
        seed: options.seed,
        targets_per_article: options.targets_per_article,
        max_targets: options.max_targets,
    };
    if let Some(path) = &options.dump_evidence {
        let re3d = re3d_path.as_ref().map(|_| documents.as_slice());
        return dump_evidence(&kb, options, &articles, re3d, &config, path);
    }
    let mut report = eval::run(
        &kb,
        &articles,
        &documents,
        Sources {
            news: news_source,
            re3d: re3d_source,
        },
        &config,
    );
    add_sections(&kb, options, re3d_path.as_deref(), &documents, &mut report)?;
    match options.format {
        EvalFormat::Markdown => print!(
            "{}",
            eval::report::markdown_with(
                &report,
                options.details,
                options.details || options.names_dev_details
            )
        ),
        EvalFormat::Json => println!("{}", eval::report::json(&report)),
    }
    Ok(ExitCode::SUCCESS)
}
