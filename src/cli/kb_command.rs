//! `byline kb lookup`, `stats`, `import`, `import-wikidata`, `compile` and `add`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde::Serialize;

use super::Fatal;
use byline_core::card;
use byline_kb::index::{key_of, name_tokens, FormKind};
use byline_kb::{EntityId, Kb, PartialDate};

#[derive(Subcommand)]
pub enum KbCommand {
    /// Find entities by name, allowing near misses, and show their cards.
    Lookup {
        name: String,
        #[arg(long, default_value = "5")]
        limit: usize,
        /// Show roles as of this date (default today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "human")]
        format: String,
        #[command(flatten)]
        layers: KbLayers,
    },
    /// Counts of the default KB (and any --kb files) by category, type and source.
    Stats {
        #[arg(long, default_value = "human")]
        format: String,
        #[command(flatten)]
        layers: KbLayers,
    },
    /// Compile KB files (TOML, JSONL) into one memory-mapped KB file: it loads in
    /// milliseconds whatever its size (a Wikidata import of millions of entities).
    Compile {
        /// KB files, later ones taking precedence.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The compiled file to write (replaced atomically).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
    },
    /// Rebuild the generated KB files (kb/generated/*.jsonl) from the source snapshot.
    #[cfg(feature = "kb-import")]
    Import {
        /// The source folder (with MANIFEST.csv), e.g. shared/data/kb-sources.
        #[arg(long, value_name = "DIR")]
        sources: PathBuf,
        /// Where to write the JSONL files; stale *.jsonl files there are removed.
        #[arg(long, value_name = "DIR", default_value = "kb/generated")]
        out: PathBuf,
    },
    /// Build a KB (JSONL) from an official Wikidata JSON dump (.json, .json.gz, .json.bz2).
    #[cfg(feature = "kb-import")]
    ImportWikidata {
        #[command(flatten)]
        args: super::import_wikidata::ImportArgs,
    },
    /// Add a name to the house KB (locked, written atomically; existing entries kept).
    Add {
        /// The name as the house spells it.
        name: String,
        /// person, organization, location or other.
        #[arg(long, default_value = "person")]
        kind: String,
        /// The house KB file; default: the first `kb` file of `.byline.toml`.
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
}

/// KB files to query besides (or instead of) the embedded default.
#[derive(clap::Args)]
pub struct KbLayers {
    /// More KB files (TOML, JSONL or compiled); later files take precedence.
    #[arg(long = "kb", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Leave out the embedded default KB.
    #[arg(long)]
    no_default_kb: bool,
}

impl KbLayers {
    fn load(&self) -> Result<Kb, Fatal> {
        super::load_kb(&self.files, self.no_default_kb)
    }
}

pub fn run(command: KbCommand) -> Result<ExitCode, Fatal> {
    // The importers build KB files; they need no KB loaded.
    match &command {
        #[cfg(feature = "kb-import")]
        KbCommand::Import { sources, out } => return import(sources, out),
        #[cfg(feature = "kb-import")]
        KbCommand::ImportWikidata { args } => return Ok(super::import_wikidata::run(args)?),
        KbCommand::Add { name, kind, to } => return add(name, kind, to.as_deref()),
        KbCommand::Compile { files, out } => return compile(files, out),
        _ => {}
    }
    match command {
        KbCommand::Lookup {
            name,
            limit,
            date,
            format,
            layers,
        } => {
            let kb = layers.load()?;
            let date = match date {
                Some(d) => card::CardDate::Story(
                    PartialDate::parse(&d)
                        .ok_or_else(|| Fatal(format!("--date must be YYYY-MM-DD, got `{d}`")))?,
                    Some("--date"),
                ),
                None => card::CardDate::Today(PartialDate::today()),
            };
            let found = lookup(&kb, &name, limit);
            // The exact matches, else the nearest names (exit status 1 tells them apart).
            let shown = if found.exact.is_empty() {
                &found.nearest
            } else {
                &found.exact
            };
            if format == "json" {
                let entities: Vec<_> = shown.iter().map(|&id| kb.entity(id)).collect();
                println!("{}", serde_json::to_string_pretty(&entities)?);
            } else if !found.exact.is_empty() {
                let countries = card::country_names(&kb);
                for id in &found.exact {
                    println!("{}", card::markdown(kb.entity(*id), &date, &countries));
                }
            } else if found.nearest.is_empty() {
                println!("No entity named '{name}', and none with a name near it.");
            } else {
                let nearest: Vec<String> = found
                    .nearest
                    .iter()
                    .map(|&id| {
                        let entity = kb.entity(id);
                        format!("{} ({})", entity.name, entity.entity_type.replace('-', " "))
                    })
                    .collect();
                println!("No entity named '{name}'. Nearest: {}", nearest.join(", "));
            }
            Ok(if found.exact.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        KbCommand::Stats { format, layers } => {
            let kb = layers.load()?;
            let stats = stats(&kb);
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                println!("{} entities", stats.entities);
                for (category, types) in &stats.by_category {
                    let total: usize = types.values().sum();
                    println!("  {category}: {total}");
                    for (t, n) in types {
                        println!("    {t}: {n}");
                    }
                }
                let c = &stats.categories;
                println!("coverage categories");
                for (label, n) in [
                    ("persons", c.persons),
                    (
                        "persons not legislators or ministers",
                        c.persons_not_legislators_or_ministers,
                    ),
                    ("organisations", c.organisations),
                    ("companies", c.companies),
                    ("intergovernmental bodies", c.intergovernmental_bodies),
                    ("armed groups", c.armed_groups),
                    ("political parties", c.political_parties),
                    ("news agencies and outlets", c.news_agencies_and_outlets),
                    ("places", c.places),
                ] {
                    println!("  {label}: {n}");
                }
                println!("sources");
                for (family, s) in &stats.by_source_family {
                    let dated: Vec<&str> = s
                        .as_of
                        .keys()
                        .map(String::as_str)
                        .filter(|d| !d.is_empty())
                        .collect();
                    let range = match (dated.first(), dated.last()) {
                        (Some(first), Some(last)) if first != last => {
                            format!("as of {first} to {last}")
                        }
                        (Some(only), _) => format!("as of {only}"),
                        _ => "no as-of date".to_string(),
                    };
                    println!("  {family}: {} ({range})", s.records);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "kb-import")]
        KbCommand::Import { .. } | KbCommand::ImportWikidata { .. } => {
            unreachable!("handled before the KB is loaded")
        }
        KbCommand::Add { .. } | KbCommand::Compile { .. } => {
            unreachable!("handled before the KB is loaded")
        }
    }
}

/// Adds `name` to the house KB: the `--to` file, else the first KB file named by the
/// `.byline.toml` found from the current directory up.
fn add(name: &str, kind: &str, to: Option<&Path>) -> Result<ExitCode, Fatal> {
    let category = match kind {
        "person" => byline_kb::Category::Person,
        "organization" | "organisation" => byline_kb::Category::Organization,
        "location" | "place" => byline_kb::Category::Location,
        "other" => byline_kb::Category::Other,
        other => {
            return Err(Fatal(format!(
                "--kind must be person, organization, location or other, got `{other}`"
            )))
        }
    };
    let path = match to {
        Some(path) => path.to_path_buf(),
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| Fatal(format!("cannot read the current directory: {e}")))?;
            let config = byline_desk::config::discover(&cwd).ok_or_else(|| {
                Fatal("no house KB: pass --to FILE, or set `kb = [...]` in .byline.toml".into())
            })?;
            byline_desk::config::load(&config)?
                .kb_files
                .into_iter()
                .next()
                .ok_or_else(|| {
                    Fatal(format!(
                        "{}: no `kb` file to add to; pass --to FILE",
                        config.display()
                    ))
                })?
        }
    };
    let entry = byline_desk::house::NewEntry {
        name: name.to_string(),
        category,
    };
    let added =
        byline_desk::house::add_entry(&path, &entry, PartialDate::today()).map_err(Fatal)?;
    if added {
        println!("added '{name}' to {}", path.display());
    } else {
        println!("'{name}' is already in {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Compiles `files` into `out` and reports what it holds and how long it took.
fn compile(files: &[PathBuf], out: &Path) -> Result<ExitCode, Fatal> {
    let started = std::time::Instant::now();
    let mut builder = byline_kb::KbBuilder::new();
    for path in files {
        builder = builder.with_file(path)?;
    }
    let bytes = builder.compile();
    byline_atomic_file::replace(out, &bytes, "kb-compile")
        .map_err(|e| Fatal(format!("{}: cannot write: {e}", out.display())))?;
    let entities = byline_kb::KbBuilder::new().with_file(out)?.build().len();
    println!(
        "{entities} entities, {} bytes -> {} in {:.1} s",
        bytes.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs the importers and reports what they wrote.
#[cfg(feature = "kb-import")]
fn import(sources: &Path, out: &Path) -> Result<ExitCode, Fatal> {
    let summary = byline_kb_import::run(sources, out)?;
    for (name, entities, bytes) in &summary.files {
        println!(
            "{:>8} entities {:>10} bytes  {}",
            entities,
            bytes,
            out.join(name).display()
        );
    }
    println!(
        "{} entities; {} persons, {} with a dated role; CIA 2019: {} merged into known persons, {} new; {} minor cities left out as ambiguous",
        summary.entities,
        summary.persons,
        summary.persons_with_dated_role,
        summary.cia_merged,
        summary.cia_new,
        summary.cities_left_out
    );
    for warning in &summary.warnings {
        eprintln!("byline: warning: {warning}");
    }
    Ok(ExitCode::SUCCESS)
}

/// What `byline kb lookup` found.
pub struct Found {
    /// Entities named `query` exactly: a name, an alias or a surname (case and accents
    /// folded), or an acronym.
    pub exact: Vec<EntityId>,
    /// Otherwise, those whose name words are near its words, nearest first. A near
    /// name is never shown as the answer ("Tim Cook" is not Nîmes).
    pub nearest: Vec<EntityId>,
}

/// How an entity answers a lookup, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ExactRank {
    /// The query is its name, one of its aliases, or its acronym. Name and alias rank
    /// together, the prominent first: "Odessa" is the name of a town in Texas and the
    /// English name of Odesa, a city of a million, which a desk means far more often.
    Named,
    /// The query is its surname, or a form a house KB bans.
    Surname,
}

/// Entities whose name is `query`; when there are none, the nearest names.
pub fn lookup(kb: &Kb, query: &str, limit: usize) -> Found {
    let tokens = name_tokens(query);
    let key = key_of(&tokens);
    let mut exact: Vec<(EntityId, ExactRank)> = kb
        .acronym(query.trim())
        .into_iter()
        .map(|id| (id, ExactRank::Named))
        .collect();
    for target in kb.names_get(&key) {
        let rank = match target.form {
            FormKind::Full => ExactRank::Named,
            FormKind::Surname | FormKind::Banned => ExactRank::Surname,
        };
        match exact.iter_mut().find(|(id, _)| *id == target.entity) {
            Some((_, best)) => *best = (*best).min(rank),
            None => exact.push((target.entity, rank)),
        }
    }
    // What the query names before what it is only another name or a surname of, the
    // prominent first: "Hamas" is the armed group before Saidullah Khan, one of whose
    // OFAC aliases is "Saidullah Hamas".
    exact.sort_by(|a, b| {
        a.1.cmp(&b.1)
            .then(
                kb.entity(b.0)
                    .prominence()
                    .total_cmp(&kb.entity(a.0).prominence()),
            )
            .then(a.0.cmp(&b.0))
    });
    let mut exact: Vec<EntityId> = exact.into_iter().map(|(id, _)| id).collect();
    exact.truncate(limit);
    if !exact.is_empty() {
        return Found {
            exact,
            nearest: Vec::new(),
        };
    }
    let mut scores: HashMap<EntityId, f32> = HashMap::new();
    for token in &tokens {
        for (kb_token, postings) in kb.tokens_near(token, 2, 3).iter() {
            let similarity = strsim::normalized_damerau_levenshtein(token, kb_token) as f32;
            for posting in postings {
                let entry = scores.entry(posting.entity).or_default();
                *entry += similarity;
            }
        }
    }
    let mut ranked: Vec<(EntityId, f32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| {
        let pa = a.1 + kb.entity(a.0).prominence() * 0.1;
        let pb = b.1 + kb.entity(b.0).prominence() * 0.1;
        pb.total_cmp(&pa).then(a.0.cmp(&b.0))
    });
    let mut nearest: Vec<EntityId> = Vec::new();
    for (id, _) in ranked {
        if !nearest.contains(&id) {
            nearest.push(id);
        }
        if nearest.len() == limit {
            break;
        }
    }
    Found {
        exact: Vec::new(),
        nearest,
    }
}

#[derive(Serialize)]
pub struct Stats {
    pub entities: usize,
    pub by_category: BTreeMap<String, BTreeMap<String, usize>>,
    pub by_source: BTreeMap<String, usize>,
    pub by_snapshot: BTreeMap<String, usize>,
    pub persons_with_dated_role: usize,
    /// Entities per source family (`source_family`), each with its `as_of` dates.
    pub by_source_family: BTreeMap<String, SourceFamilyStats>,
    /// The counts the KB's coverage targets are stated in (`Categories`).
    pub categories: Categories,
}

/// One source family's records and the dates they were true as of.
#[derive(Serialize, Default)]
pub struct SourceFamilyStats {
    pub records: usize,
    /// Each `as_of` of the family's entities ("" when an entity has none), with how
    /// many entities have it.
    pub as_of: BTreeMap<String, usize>,
}

/// Counts by the categories the KB's coverage is measured in: persons (and those who
/// are neither legislators nor ministers), organisations (companies, intergovernmental
/// and UN bodies, armed groups, parties, news agencies and outlets) and places.
#[derive(Serialize, Default)]
pub struct Categories {
    pub persons: usize,
    pub persons_not_legislators_or_ministers: usize,
    pub organisations: usize,
    pub companies: usize,
    pub intergovernmental_bodies: usize,
    pub armed_groups: usize,
    pub political_parties: usize,
    pub news_agencies_and_outlets: usize,
    pub places: usize,
}

/// The dataset an entity's `source` names first, as a family: "every-politician/
/// france-cabinet html/holders21.csv (Wikidata, CC0)" is every-politician; a source
/// that names none of the imported datasets — "byline-curated", or the page a curated
/// entry cites — is "curated"; an empty one "unknown". A names-only amendment appends
/// "; names: …" to the source, which does not change the family.
pub fn source_family(source: &str) -> &'static str {
    const FAMILIES: &[(&str, &str)] = &[
        ("every-politician", "every-politician"),
        ("cia world leaders", "CIA World Leaders"),
        ("congress-legislators", "Congress"),
        ("geonames", "GeoNames"),
        ("world-countries", "world-countries"),
        ("cia world factbook", "Factbook"),
        ("supraverden", "supraverden"),
        ("misp", "MISP"),
        ("us treasury ofac", "OFAC"),
        ("pytickersymbols", "pytickersymbols"),
    ];
    let first = source.split("; names:").next().unwrap_or("").trim();
    if first.is_empty() {
        return "unknown";
    }
    let first = first.to_lowercase();
    FAMILIES
        .iter()
        .find(|(prefix, _)| first.starts_with(prefix))
        .map_or("curated", |(_, family)| family)
}

pub fn stats(kb: &Kb) -> Stats {
    let mut stats = Stats {
        entities: kb.len(),
        by_category: BTreeMap::new(),
        by_source: BTreeMap::new(),
        by_snapshot: BTreeMap::new(),
        persons_with_dated_role: 0,
        by_source_family: BTreeMap::new(),
        categories: Categories::default(),
    };
    for (_, entity) in kb.iter() {
        *stats
            .by_category
            .entry(entity.category().as_str().to_string())
            .or_default()
            .entry(entity.entity_type.clone())
            .or_default() += 1;
        *stats.by_source.entry(entity.source.clone()).or_default() += 1;
        *stats.by_snapshot.entry(entity.as_of.clone()).or_default() += 1;
        if entity.roles.iter().any(|r| !r.start.is_empty()) {
            stats.persons_with_dated_role += 1;
        }
        let family = stats
            .by_source_family
            .entry(source_family(&entity.source).to_string())
            .or_default();
        family.records += 1;
        *family.as_of.entry(entity.as_of.clone()).or_default() += 1;
        let c = &mut stats.categories;
        let kind = entity.entity_type.as_str();
        match entity.category() {
            byline_kb::Category::Person => {
                c.persons += 1;
                if !matches!(kind, "legislator" | "minister") {
                    c.persons_not_legislators_or_ministers += 1;
                }
            }
            byline_kb::Category::Organization => {
                c.organisations += 1;
                match kind {
                    "company" => c.companies += 1,
                    "intergovernmental" | "un-body" => c.intergovernmental_bodies += 1,
                    "armed-group" => c.armed_groups += 1,
                    "party" => c.political_parties += 1,
                    "news-agency" | "broadcaster" | "newspaper" | "outlet" => {
                        c.news_agencies_and_outlets += 1;
                    }
                    _ => {}
                }
            }
            byline_kb::Category::Location => c.places += 1,
            byline_kb::Category::Other => {}
        }
    }
    stats
}
