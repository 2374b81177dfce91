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
    /// List every missed trial, target name and entity error.
    #[arg(long)]
    details: bool,
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
    let report = eval::run(
        &kb,
        &articles,
        &documents,
        Sources {
            news: news_source,
            re3d: re3d_source,
        },
        &config,
    );
    match options.format {
        EvalFormat::Markdown => print!("{}", eval::report::markdown(&report, options.details)),
        EvalFormat::Json => println!("{}", eval::report::json(&report)),
    }
    Ok(ExitCode::SUCCESS)
}
