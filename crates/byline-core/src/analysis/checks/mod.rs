//! The checks: one module per diagnostic code. Each reads the linked mentions and
//! returns diagnostics; `run` applies the user's settings (on/off, severity).

mod banned_form;
mod described_nearby;
mod form_slips;
mod implausible_slips;
mod inconsistent_spelling;
mod memo;
pub(crate) mod misspelled_name;
mod offices;
mod slip_decision;
mod titles;

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use memo::Memo;
pub use misspelled_name::{evidence as slip_evidence, SlipEvidence};

use super::tokens::Token;
use super::{Cluster, Mention};
use byline_kb::{EntityId, Kb, PartialDate};

/// The diagnostic codes; their names are a public contract (CLI JSON, LSP `code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    MisspelledName,
    InconsistentSpelling,
    TitleMismatch,
    OutdatedTitle,
    BannedForm,
}

impl Code {
    pub const ALL: [Code; 5] = [
        Code::MisspelledName,
        Code::InconsistentSpelling,
        Code::TitleMismatch,
        Code::OutdatedTitle,
        Code::BannedForm,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::MisspelledName => "misspelled-name",
            Code::InconsistentSpelling => "inconsistent-spelling",
            Code::TitleMismatch => "title-mismatch",
            Code::OutdatedTitle => "outdated-title",
            Code::BannedForm => "banned-form",
        }
    }

    /// One line on what the code means (SARIF rules, the HTML legend).
    pub fn summary(self) -> &'static str {
        match self {
            Code::MisspelledName => {
                "A name not in the KB that is a near miss of a KB name fitting the context"
            }
            Code::InconsistentSpelling => "One person spelled two ways in a story",
            Code::TitleMismatch => "An office title that no role of the person fits",
            Code::OutdatedTitle => "A title the person did not hold on the story's date",
            Code::BannedForm => "A form of a name that a house KB bans",
        }
    }

    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Code::OutdatedTitle => Severity::Information,
            _ => Severity::Warning,
        }
    }
}

/// How serious a finding is; ordered so `>=` means "at least as serious".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "information" | "info" | "hint" => Some(Severity::Information),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Byte span of the text the finding is about.
    pub span: Range<usize>,
    /// Replacements for `span`, best first.
    pub suggestions: Vec<String>,
    /// The KB entity the finding refers to.
    pub entity: Option<EntityId>,
}

impl Diagnostic {
    /// The replacement `--fix` may apply without a person looking: the top suggestion
    /// when it cannot change the meaning of the sentence. A banned form has one house
    /// form; a misspelling with a single KB candidate has one intended name. Several
    /// candidates, a choice between two spellings, or a title (which changes a claim)
    /// need an editor.
    pub fn safe_fix(&self) -> Option<&str> {
        let safe = match self.code {
            Code::BannedForm => true,
            Code::MisspelledName => self.suggestions.len() == 1,
            Code::InconsistentSpelling | Code::TitleMismatch | Code::OutdatedTitle => false,
        };
        self.suggestions
            .first()
            .map(String::as_str)
            .filter(|_| safe)
    }
}

/// Per-code settings: `None` severity turns a check off.
#[derive(Debug, Clone, Default)]
pub struct CheckSettings {
    pub overrides: HashMap<Code, Option<Severity>>,
    /// Names and words never to flag (the configuration's `ignore`), case-insensitive.
    pub ignore: Vec<String>,
}

impl CheckSettings {
    /// The severity of `code`, or `None` when it is off.
    pub fn severity(&self, code: Code) -> Option<Severity> {
        match self.overrides.get(&code) {
            Some(setting) => *setting,
            None => Some(code.default_severity()),
        }
    }
}

/// What a check sees.
pub struct CheckContext<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    pub clusters: &'a [Cluster],
    /// Per mention: a lone sentence-initial word no cue confirmed.
    pub weak: &'a [bool],
    pub kb: &'a Kb,
    /// The story's date, or today when the story gives none.
    pub story_date: PartialDate,
    /// Whether the story's date is known (front matter, configuration, caller) rather
    /// than assumed to be today. `outdated-title` speaks only about known dates.
    pub story_date_known: bool,
    /// Answers of costly searches, kept across analyses of one document (see
    /// `memo.rs`: what a check reads must be in the key).
    pub memo: &'a Memo,
}

impl CheckContext<'_> {
    /// The KB entities the story names, with how often.
    pub fn entities_in_story(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.clusters.iter().filter_map(|c| c.entity)
    }

    /// The token indices inside a byte span.
    pub fn tokens_in(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.tokens.partition_point(|t| t.span.start < span.start);
        let end = self.tokens.partition_point(|t| t.span.start < span.end);
        start..end
    }
}

/// Runs every enabled check, sorted by position.
pub fn run(context: &CheckContext, settings: &CheckSettings) -> Vec<Diagnostic> {
    // A check runs only when it is on, and its findings take its configured severity.
    let when_on = |code: Code, check: &dyn Fn(&CheckContext) -> Vec<Diagnostic>| {
        settings.severity(code).map_or_else(Vec::new, |severity| {
            check(context)
                .into_iter()
                .map(|d| Diagnostic { severity, ..d })
                .collect()
        })
    };
    // The slip search is the longest check; the others, which read nothing it writes,
    // run beside it on another core. The results are joined in one fixed order.
    let (slips, (form_slips, inconsistent, banned, titles)) = rayon::join(
        || when_on(Code::MisspelledName, &misspelled_name::check),
        || {
            (
                when_on(Code::MisspelledName, &form_slips::check),
                when_on(Code::InconsistentSpelling, &inconsistent_spelling::check),
                when_on(Code::BannedForm, &banned_form::check),
                title_findings(context, settings),
            )
        },
    );
    let mut diagnostics: Vec<Diagnostic> = slips.into_iter().chain(form_slips).collect();
    // A name already flagged as a misspelling is not flagged again as a second
    // spelling of itself.
    let flagged: Vec<Range<usize>> = diagnostics.iter().map(|d| d.span.clone()).collect();
    diagnostics.extend(inconsistent.into_iter().filter(|d| {
        !flagged
            .iter()
            .any(|f| f.start < d.span.end && d.span.start < f.end)
    }));
    diagnostics.extend(banned);
    diagnostics.extend(titles);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    diagnostics
}

/// `title-mismatch` and `outdated-title` findings, each at its configured severity.
fn title_findings(context: &CheckContext, settings: &CheckSettings) -> Vec<Diagnostic> {
    let title_checks = [Code::TitleMismatch, Code::OutdatedTitle].map(|c| settings.severity(c));
    if title_checks.iter().all(Option::is_none) {
        return Vec::new();
    }
    titles::check(context)
        .into_iter()
        .filter_map(|d| {
            let severity = match d.code {
                Code::TitleMismatch => title_checks[0],
                _ => title_checks[1],
            }?;
            Some(Diagnostic { severity, ..d })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, AnalysisOptions};
    use crate::testing::entities::{Entity, GERASIMOV, KYIV, SHOIGU};
    use crate::testing::{findings, findings_with, kb};

    /// The entities `STORY` names; Shoigu's record known past the story's date, so the
    /// title checks have evidence to speak on (issue 22).
    const ENTITIES: [Entity; 3] = [GERASIMOV, SHOIGU.as_of("2025-07-01"), KYIV];

    /// A story with one finding of each code but inconsistent-spelling (dated 2025).
    const STORY: &str =
        "Valery Gerasimovis met Defence Minister Sergei Shoigu in Kiev. Foreign Minister Sergei Shoigu left.";

    fn options(date: &str, overrides: &[(Code, Option<Severity>)]) -> AnalysisOptions {
        AnalysisOptions {
            story_date: PartialDate::parse(date),
            checks: CheckSettings {
                overrides: overrides.iter().copied().collect(),
                ignore: Vec::new(),
            },
            ..AnalysisOptions::default()
        }
    }

    #[test]
    fn every_check_runs_by_default_and_findings_come_in_text_order() {
        let kb = kb(&ENTITIES);
        assert_eq!(
            findings_with(STORY, &kb, &options("2025-01-01", &[])),
            [
                "misspelled-name: Gerasimovis",
                "outdated-title: Defence Minister",
                "banned-form: Kiev",
                "title-mismatch: Foreign Minister",
            ]
        );
    }

    #[test]
    fn a_check_turned_off_reports_nothing() {
        let kb = kb(&ENTITIES);
        let off = options(
            "2025-01-01",
            &[(Code::MisspelledName, None), (Code::BannedForm, None)],
        );
        assert_eq!(
            findings_with(STORY, &kb, &off),
            [
                "outdated-title: Defence Minister",
                "title-mismatch: Foreign Minister"
            ]
        );
    }

    #[test]
    fn the_two_title_codes_are_set_apart() {
        let kb = kb(&ENTITIES);
        let only_mismatch = options("2025-01-01", &[(Code::OutdatedTitle, None)]);
        let found = findings_with(STORY, &kb, &only_mismatch);
        assert!(found.contains(&"title-mismatch: Foreign Minister".to_string()));
        assert!(!found.iter().any(|f| f.starts_with("outdated-title")));
        let only_outdated = options("2025-01-01", &[(Code::TitleMismatch, None)]);
        let found = findings_with(STORY, &kb, &only_outdated);
        assert!(found.contains(&"outdated-title: Defence Minister".to_string()));
        assert!(!found.iter().any(|f| f.starts_with("title-mismatch")));
    }

    #[test]
    fn severities_are_the_defaults_unless_overridden() {
        let kb = kb(&ENTITIES);
        let severities = |options: &AnalysisOptions| -> Vec<(Code, Severity)> {
            analyze(STORY, &kb, options)
                .diagnostics
                .iter()
                .map(|d| (d.code, d.severity))
                .collect()
        };
        assert_eq!(
            severities(&options("2025-01-01", &[])),
            [
                (Code::MisspelledName, Severity::Warning),
                (Code::OutdatedTitle, Severity::Information),
                (Code::BannedForm, Severity::Warning),
                (Code::TitleMismatch, Severity::Warning),
            ]
        );
        let raised = options(
            "2025-01-01",
            &[
                (Code::BannedForm, Some(Severity::Error)),
                (Code::OutdatedTitle, Some(Severity::Warning)),
            ],
        );
        assert_eq!(
            severities(&raised),
            [
                (Code::MisspelledName, Severity::Warning),
                (Code::OutdatedTitle, Severity::Warning),
                (Code::BannedForm, Severity::Error),
                (Code::TitleMismatch, Severity::Warning),
            ]
        );
    }

    #[test]
    fn code_and_severity_names_round_trip_and_severities_have_aliases() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::parse("misspelled_name"), None);
        assert_eq!(Severity::parse("info"), Some(Severity::Information));
        assert_eq!(Severity::parse("hint"), Some(Severity::Information));
        assert_eq!(Severity::parse("warn"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Information);
    }

    #[test]
    fn only_a_single_intended_name_or_a_house_form_is_a_safe_fix() {
        let kb = kb(&ENTITIES);
        let analysis = analyze(STORY, &kb, &options("2025-01-01", &[]));
        let safe: Vec<(Code, Option<&str>)> = analysis
            .diagnostics
            .iter()
            .map(|d| (d.code, d.safe_fix()))
            .collect();
        assert_eq!(
            safe,
            [
                (Code::MisspelledName, Some("Gerasimov")),
                (Code::OutdatedTitle, None),
                (Code::BannedForm, Some("Kyiv")),
                (Code::TitleMismatch, None),
            ]
        );
        let two_candidates = Diagnostic {
            suggestions: vec!["Blinken".into(), "Blinkov".into()],
            ..analysis.diagnostics[0].clone()
        };
        assert_eq!(two_candidates.safe_fix(), None);
    }

    #[test]
    fn a_story_with_nothing_wrong_has_no_findings() {
        let kb = kb(&ENTITIES);
        assert!(findings(
            "Valery Gerasimov met Defence Minister Sergei Shoigu in Kyiv.",
            &kb
        )
        .is_empty());
    }
}
