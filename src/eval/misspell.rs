//! Misspelling trials: a KB name written correctly in a real story is corrupted once,
//! the story analysed again, and the finding (or its absence) on that word recorded.
//!
//! Targets are the names the analysis links to a KB person or organisation, written
//! in full at least once in the clean story, so every trial name is one the KB really holds and the story really
//! uses; the word corrupted is a person's surname or an organisation's longest name
//! word, in one randomly chosen mention. A corruption never produces another KB name
//! word (no spelling check can tell one real name from another), and only the
//! `real-word` type produces a common English word.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::{Article, EvalConfig, Rng};
use byline_core::analysis::{analyze, AnalysisOptions, Code, MentionOrigin};
use byline_core::text::words::word_strs;
use byline_kb::lexicon::is_common_folded_word;
use byline_kb::normalize::fold;
use byline_kb::{Category, Kb};

/// The kinds of slip the generator makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorType {
    Dropped,
    Doubled,
    Swapped,
    Substituted,
    Vowel,
    Keyboard,
    Transliteration,
    Suffix,
    RealWord,
}

impl ErrorType {
    pub const ALL: [ErrorType; 9] = [
        ErrorType::Dropped,
        ErrorType::Doubled,
        ErrorType::Swapped,
        ErrorType::Substituted,
        ErrorType::Vowel,
        ErrorType::Keyboard,
        ErrorType::Transliteration,
        ErrorType::Suffix,
        ErrorType::RealWord,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Dropped => "dropped letter",
            ErrorType::Doubled => "doubled letter",
            ErrorType::Swapped => "swapped letters",
            ErrorType::Substituted => "substituted letter",
            ErrorType::Vowel => "vowel slip",
            ErrorType::Keyboard => "keyboard neighbour",
            ErrorType::Transliteration => "wrong transliteration",
            ErrorType::Suffix => "suffix slip",
            ErrorType::RealWord => "real-word slip",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            ErrorType::Dropped => "Gerasimov → Gerasmov",
            ErrorType::Doubled => "Gerasimov → Gerasimmov",
            ErrorType::Swapped => "Gerasimov → Gerasimvo",
            ErrorType::Substituted => "Gerasimov → Gerasimow",
            ErrorType::Vowel => "Gerasimov → Gerasemov",
            ErrorType::Keyboard => "Gerasimov → Gerasimpv",
            ErrorType::Transliteration => "Gerasimov → Gerasimoff",
            ErrorType::Suffix => "Gerasimov → Gerasimovis",
            ErrorType::RealWord => "von der Leyen → von der Leyden",
        }
    }
}

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];

/// QWERTY neighbours of each lowercase letter.
fn keyboard_neighbours(c: char) -> &'static str {
    match c {
        'q' => "wa",
        'w' => "qeas",
        'e' => "wrsd",
        'r' => "etdf",
        't' => "ryfg",
        'y' => "tugh",
        'u' => "yihj",
        'i' => "uojk",
        'o' => "ipkl",
        'p' => "ol",
        'a' => "qwsz",
        's' => "awedxz",
        'd' => "serfcx",
        'f' => "drtgvc",
        'g' => "ftyhbv",
        'h' => "gyujnb",
        'j' => "huikmn",
        'k' => "jiolm",
        'l' => "kop",
        'z' => "asx",
        'x' => "zsdc",
        'c' => "xdfv",
        'v' => "cfgb",
        'b' => "vghn",
        'n' => "bhjm",
        'm' => "njk",
        _ => "",
    }
}

/// Romanisation slips: one occurrence of the left side written as the right side.
const TRANSLITERATIONS: &[(&str, &str)] = &[
    ("ov", "off"),
    ("ev", "eff"),
    ("kh", "h"),
    ("h", "kh"),
    ("y", "i"),
    ("i", "y"),
    ("u", "ou"),
    ("ou", "u"),
    ("j", "dj"),
    ("zh", "j"),
    ("ch", "tch"),
    ("sh", "sch"),
    ("ks", "x"),
    ("x", "ks"),
    ("w", "v"),
    ("v", "w"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("ei", "ey"),
    ("ai", "ay"),
    ("q", "k"),
    ("k", "q"),
    ("c", "k"),
    ("ts", "tz"),
    ("ee", "i"),
    ("ph", "f"),
    ("f", "ph"),
    ("dh", "d"),
    ("gh", "g"),
    ("th", "t"),
];

/// Endings a hand adds to a name ("Gerasimovis"); never a bare "s" (a plural).
const SUFFIXES: &[&str] = &["is", "a", "i", "e", "o", "y", "in", "ic"];

/// Recases `lower` like `original`: a capital first letter, or all capitals.
fn recase(lower: &[char], original: &str) -> String {
    let all_caps = original.chars().filter(|c| c.is_alphabetic()).count() > 1
        && original
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    if all_caps {
        return lower.iter().collect::<String>().to_uppercase();
    }
    let mut out = String::new();
    for (i, c) in lower.iter().enumerate() {
        if i == 0 && original.chars().next().is_some_and(char::is_uppercase) {
            out.extend(c.to_uppercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// Every variant of `word` of one error type, lowercase, in a fixed order.
fn variants(word: &str, kind: ErrorType) -> Vec<Vec<char>> {
    let w: Vec<char> = word.to_lowercase().chars().collect();
    let n = w.len();
    let mut out: Vec<Vec<char>> = Vec::new();
    let letters = 'a'..='z';
    // Slips keep the first letter: it is the one a writer looks at.
    match kind {
        ErrorType::Dropped => {
            for i in 1..n {
                let mut v = w.clone();
                v.remove(i);
                out.push(v);
            }
        }
        ErrorType::Doubled => {
            for i in 1..n {
                if w[i].is_alphabetic() && w[i - 1] != w[i] && w.get(i + 1) != Some(&w[i]) {
                    let mut v = w.clone();
                    v.insert(i, w[i]);
                    out.push(v);
                }
            }
        }
        ErrorType::Swapped => {
            for i in 1..n.saturating_sub(1) {
                if w[i] != w[i + 1] {
                    let mut v = w.clone();
                    v.swap(i, i + 1);
                    out.push(v);
                }
            }
        }
        ErrorType::Substituted => {
            for i in 1..n {
                for c in letters.clone() {
                    if c != w[i] && !VOWELS.contains(&c) {
                        let mut v = w.clone();
                        v[i] = c;
                        out.push(v);
                    }
                }
            }
        }
        ErrorType::Vowel => {
            for i in 1..n {
                if VOWELS.contains(&w[i]) {
                    for &c in VOWELS {
                        if c != w[i] {
                            let mut v = w.clone();
                            v[i] = c;
                            out.push(v);
                        }
                    }
                }
            }
        }
        ErrorType::Keyboard => {
            for i in 1..n {
                for c in keyboard_neighbours(w[i]).chars() {
                    let mut v = w.clone();
                    v[i] = c;
                    out.push(v);
                }
            }
        }
        ErrorType::Transliteration => {
            let s: String = w.iter().collect();
            for (from, to) in TRANSLITERATIONS {
                for (at, _) in s.match_indices(from) {
                    if at == 0 && *from != "kh" {
                        continue;
                    }
                    let v = format!("{}{}{}", &s[..at], to, &s[at + from.len()..]);
                    out.push(v.chars().collect());
                }
            }
        }
        ErrorType::Suffix => {
            for suffix in SUFFIXES {
                let mut v = w.clone();
                v.extend(suffix.chars());
                out.push(v);
            }
        }
        ErrorType::RealWord => {
            for i in 0..n {
                let mut v = w.clone();
                v.remove(i);
                out.push(v);
                if i + 1 < n && w[i] != w[i + 1] {
                    let mut v = w.clone();
                    v.swap(i, i + 1);
                    out.push(v);
                }
                for c in letters.clone() {
                    if c != w[i] {
                        let mut v = w.clone();
                        v[i] = c;
                        out.push(v);
                    }
                }
            }
            for i in 0..=n {
                for c in letters.clone() {
                    let mut v = w.clone();
                    v.insert(i, c);
                    out.push(v);
                }
            }
        }
    }
    out.retain(|v| *v != w);
    out.dedup();
    out
}

/// One slip of `word`, or `None` when the type cannot make one that is not another
/// KB name word (and, unless `real-word`, not a common English word).
pub fn corrupt(kb: &Kb, word: &str, kind: ErrorType, rng: &mut Rng) -> Option<String> {
    let allowed: Vec<Vec<char>> = variants(word, kind)
        .into_iter()
        .filter(|v| {
            let folded = fold(&v.iter().collect::<String>());
            let common = is_common_folded_word(&folded);
            kb.token_postings(&folded).is_empty()
                && if kind == ErrorType::RealWord {
                    common
                } else {
                    !common
                }
        })
        .collect();
    rng.pick(&allowed).map(|v| recase(v, word))
}

/// A name in a story chosen for corruption.
#[derive(Debug, Clone)]
struct Target {
    article: usize,
    entity_id: String,
    entity_name: String,
    kind: &'static str,
    /// The word to corrupt, as a byte span of the article.
    word: Range<usize>,
}

/// One trial's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Trial {
    pub article: String,
    pub entity: String,
    pub name: String,
    pub kind: &'static str,
    pub error: ErrorType,
    pub original: String,
    pub written: String,
    pub detected: bool,
    /// 1-based rank of the original word among the suggestions.
    pub rank: Option<usize>,
    pub suggestions: Vec<String>,
}

/// Counts for one row of a table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub trials: usize,
    pub detected: usize,
    pub top1: usize,
    pub top3: usize,
}

impl Tally {
    fn add(&mut self, trial: &Trial) {
        self.trials += 1;
        self.detected += usize::from(trial.detected);
        self.top1 += usize::from(trial.rank == Some(1));
        self.top3 += usize::from(trial.rank.is_some_and(|r| r <= 3));
    }

    pub fn recall(&self) -> f64 {
        ratio(self.detected, self.trials)
    }

    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.trials)
    }

    pub fn top3_rate(&self) -> f64 {
        ratio(self.top3, self.trials)
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MisspellReport {
    /// Distinct KB entities used as targets.
    pub entities: usize,
    pub targets: usize,
    pub overall: Tally,
    pub by_error: BTreeMap<ErrorType, Tally>,
    pub by_kind: BTreeMap<&'static str, Tally>,
    /// Per error type, the targets for which no slip of that type could be made.
    pub not_generated: BTreeMap<ErrorType, usize>,
    pub trials: Vec<Trial>,
}

/// How many targets one entity may give, so one much-quoted name does not dominate.
const TARGETS_PER_ENTITY: usize = 3;

/// The word of a linked mention to corrupt: a person's last name word, an
/// organisation's longest; only words of four or more letters that start with a
/// capital (shorter words are initials and particles).
fn word_to_corrupt(text: &str, span: &Range<usize>, category: Category) -> Option<Range<usize>> {
    let mention = &text[span.clone()];
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for word in word_strs(mention) {
        let at = mention[offset..].find(word).map(|i| i + offset)?;
        offset = at + word.len();
        let letters = word.chars().all(char::is_alphabetic);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let all_caps = word.chars().all(char::is_uppercase);
        if letters && capital && !all_caps && word.chars().count() >= 4 {
            words.push(span.start + at..span.start + at + word.len());
        }
    }
    match category {
        Category::Person => words.pop(),
        _ => words
            .iter()
            .max_by_key(|r| (r.len(), std::cmp::Reverse(r.start)))
            .cloned(),
    }
}

/// The kind a trial is counted under. Companies are apart from other organisations:
/// since the index companies joined the KB they are a third of the targets, and a
/// company written once in a story is, by design, no slip target without other
/// context (`misspelled_name.rs`), so the figures are comparable only kind by kind.
fn kind_name(category: Category, entity_type: &str) -> &'static str {
    match category {
        Category::Person => "person",
        Category::Organization if entity_type == "company" => "company",
        Category::Organization => "organisation",
        Category::Location => "location",
        Category::Other => "other",
    }
}

fn find_targets(kb: &Kb, articles: &[Article], config: &EvalConfig) -> Vec<Target> {
    let root = Rng::new(config.seed);
    let per_article: Vec<Vec<Target>> = articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| {
            let mut rng = root.fork(&format!("targets/{}", article.id));
            let analysis = analyze(&article.text, kb, &AnalysisOptions::default());
            let mut found = Vec::new();
            for cluster in &analysis.clusters {
                let Some(entity) = cluster.entity else {
                    continue;
                };
                if !matches!(cluster.category, Category::Person | Category::Organization) {
                    continue;
                }
                // Only names written in full somewhere in the story: a surname alone
                // may be a false link, and a trial on it would measure nothing.
                let named_in_full = cluster
                    .mentions
                    .iter()
                    .any(|&m| analysis.mentions[m].origin == MentionOrigin::KbName);
                if !named_in_full {
                    continue;
                }
                let choices: Vec<Range<usize>> = cluster
                    .mentions
                    .iter()
                    .map(|&m| &analysis.mentions[m])
                    .filter(|m| {
                        matches!(m.origin, MentionOrigin::KbName | MentionOrigin::KbSurname)
                    })
                    .filter_map(|m| word_to_corrupt(&article.text, &m.span, cluster.category))
                    .collect();
                if let Some(word) = rng.pick(&choices) {
                    let e = kb.entity(entity);
                    found.push(Target {
                        article: index,
                        entity_id: e.id.clone(),
                        entity_name: e.name.clone(),
                        kind: kind_name(cluster.category, &e.entity_type),
                        word: word.clone(),
                    });
                }
            }
            // Deterministic shuffle, then the first few.
            for i in (1..found.len()).rev() {
                let j = rng.below(i + 1);
                found.swap(i, j);
            }
            if config.targets_per_article > 0 {
                found.truncate(config.targets_per_article);
            }
            found.sort_by_key(|t| t.word.start);
            found
        })
        .collect();
    let mut per_entity: HashMap<String, usize> = HashMap::new();
    let mut targets: Vec<Target> = per_article
        .into_iter()
        .flatten()
        .filter(|t| {
            let count = per_entity.entry(t.entity_id.clone()).or_default();
            *count += 1;
            *count <= TARGETS_PER_ENTITY
        })
        .collect();
    if config.max_targets > 0 && targets.len() > config.max_targets {
        let mut rng = root.fork("targets/sample");
        for i in (1..targets.len()).rev() {
            let j = rng.below(i + 1);
            targets.swap(i, j);
        }
        targets.truncate(config.max_targets);
        targets.sort_by_key(|t| (t.article, t.word.start));
    }
    targets
}

/// One generated trial: a story with one KB name word corrupted.
pub struct TrialStory {
    /// The target's index in [`find_targets`]'s answer.
    target: usize,
    pub error: ErrorType,
    /// The corrupted word.
    pub written: String,
    /// The intended entity's KB id.
    pub entity_id: String,
    /// The word as the story wrote it.
    pub original: String,
    pub text: String,
    /// The corrupted word's byte span in `text`.
    pub span: Range<usize>,
}

/// Every trial's story (see [`stories_for`]).
pub fn trial_stories(kb: &Kb, articles: &[Article], config: &EvalConfig) -> Vec<TrialStory> {
    stories_for(kb, articles, &find_targets(kb, articles, config), config).0
}

/// The trials' stories for `targets`, and per error type how many targets it could
/// not corrupt.
fn stories_for(
    kb: &Kb,
    articles: &[Article],
    targets: &[Target],
    config: &EvalConfig,
) -> (Vec<TrialStory>, BTreeMap<ErrorType, usize>) {
    let root = Rng::new(config.seed);
    let mut stories = Vec::new();
    let mut not_generated: BTreeMap<ErrorType, usize> = BTreeMap::new();
    for (t, target) in targets.iter().enumerate() {
        let article = &articles[target.article];
        let original = &article.text[target.word.clone()];
        for kind in ErrorType::ALL {
            let mut rng = root.fork(&format!(
                "slip/{}/{}/{}",
                article.id,
                target.word.start,
                kind.as_str()
            ));
            match corrupt(kb, original, kind, &mut rng) {
                Some(written) => {
                    let mut text = String::with_capacity(article.text.len() + 8);
                    text.push_str(&article.text[..target.word.start]);
                    text.push_str(&written);
                    text.push_str(&article.text[target.word.end..]);
                    let span = target.word.start..target.word.start + written.len();
                    stories.push(TrialStory {
                        target: t,
                        error: kind,
                        written,
                        entity_id: target.entity_id.clone(),
                        original: original.to_string(),
                        text,
                        span,
                    });
                }
                None => *not_generated.entry(kind).or_default() += 1,
            }
        }
    }
    (stories, not_generated)
}

/// Runs every trial.
pub fn evaluate(kb: &Kb, articles: &[Article], config: &EvalConfig) -> MisspellReport {
    let targets = find_targets(kb, articles, config);
    let (stories, not_generated) = stories_for(kb, articles, &targets, config);
    let trials: Vec<Trial> = stories
        .par_iter()
        .map(|story| {
            let target = &targets[story.target];
            let article = &articles[target.article];
            let (original, span) = (&story.original, story.span.clone());
            let analysis = analyze(&story.text, kb, &AnalysisOptions::default());
            let finding = analysis.diagnostics.iter().find(|d| {
                d.code == Code::MisspelledName && d.span.start < span.end && span.start < d.span.end
            });
            let folded = fold(original);
            let suggestions: Vec<String> = finding
                .map(|d| d.suggestions.iter().take(3).cloned().collect())
                .unwrap_or_default();
            let rank = finding.and_then(|d| {
                d.suggestions
                    .iter()
                    .position(|s| fold(s) == folded || fold(s).ends_with(&format!(" {folded}")))
                    .map(|p| p + 1)
            });
            Trial {
                article: article.id.clone(),
                entity: target.entity_id.clone(),
                name: target.entity_name.clone(),
                kind: target.kind,
                error: story.error,
                original: original.to_string(),
                written: story.written.clone(),
                detected: finding.is_some(),
                rank,
                suggestions,
            }
        })
        .collect();
    let mut report = MisspellReport {
        entities: {
            let mut ids: Vec<&str> = targets.iter().map(|t| t.entity_id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        },
        targets: targets.len(),
        not_generated,
        ..MisspellReport::default()
    };
    for trial in &trials {
        report.overall.add(trial);
        report.by_error.entry(trial.error).or_default().add(trial);
        report.by_kind.entry(trial.kind).or_default().add(trial);
    }
    report.trials = trials;
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_keep_the_first_letter_and_differ() {
        for kind in ErrorType::ALL {
            for v in variants("Gerasimov", kind) {
                let s: String = v.iter().collect();
                assert_ne!(s, "gerasimov");
                if kind != ErrorType::RealWord {
                    assert!(s.starts_with('g'), "{kind:?}: {s}");
                }
            }
        }
    }

    #[test]
    fn recase_follows_the_original() {
        let v: Vec<char> = "gerasimovis".chars().collect();
        assert_eq!(recase(&v, "Gerasimov"), "Gerasimovis");
        assert_eq!(recase(&v, "GERASIMOV"), "GERASIMOVIS");
    }

    #[test]
    fn the_generator_is_deterministic() {
        let kb = Kb::empty();
        let a = corrupt(&kb, "Gerasimov", ErrorType::Keyboard, &mut Rng::new(7));
        let b = corrupt(&kb, "Gerasimov", ErrorType::Keyboard, &mut Rng::new(7));
        assert_eq!(a, b);
        assert!(a.is_some());
    }
}
