//! False alarms, false links and missed slips found on real news, kept as annotated
//! stories in `tests/fixtures/regressions/*.toml` (one file per group: recognition,
//! linking, misspelling, romanisation, titles; the format is in that folder's
//! README.md) and
//! run against the embedded default KB (tens of thousands of office-holders, which is
//! what made them appear).
//!
//! One test reads every fixture file, analyses every case and reports every failing
//! case at once, each with its file, line, name and what was expected against what was
//! found. The tests after it check the runner itself: a wrong expectation and a
//! malformed file must fail, never pass in silence.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use byline_core::analysis::{analyze, Analysis, AnalysisOptions, Mention};
use byline_kb::{Category, Kb, PartialDate};
use serde::Deserialize;
use toml::Spanned;

/// Where the fixture files are, from the package root.
const FIXTURES: &str = "tests/fixtures/regressions";

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| byline_default_kb::default_kb().expect("default KB loads"))
}

/// One fixture file: its cases, in order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    case: Vec<Case>,
}

/// One story and what Byline must make of it. Every expectation is optional and an
/// omitted one is not checked; a written form (`at`, the keys of `links`, the entries
/// of `unlinked`…) means its first occurrence in `text`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The behaviour, as the old test was named; `behaviour/story` when one behaviour
    /// needs several stories.
    name: Spanned<String>,
    /// One line: what went wrong on real news.
    why: String,
    text: String,
    /// The story's date (YYYY[-MM[-DD]]), as a newsroom's front matter gives it; the
    /// title checks judge a title on it. None: the story is undated.
    story_date: Option<String>,
    /// Every finding of the story, in order, as "code: written text"; `[]` is none.
    findings: Option<Vec<String>>,
    /// Written form → the name of the KB entity its mention links to.
    #[serde(default)]
    links: BTreeMap<String, String>,
    /// Written forms that link to no KB entity (no mention, or an unlinked one).
    #[serde(default)]
    unlinked: Vec<String>,
    /// Written form → a KB entity name it must not link to (anything else will do).
    #[serde(default)]
    not_linked_to: BTreeMap<String, String>,
    /// Written forms that no mention covers.
    #[serde(default)]
    no_mention: Vec<String>,
    /// The mention covering a written form.
    #[serde(default)]
    mention: Vec<MentionExpectation>,
    /// The misspelled-name finding on exactly a written form.
    #[serde(default)]
    misspelled: Vec<MisspelledExpectation>,
    /// Written forms no misspelled-name finding covers.
    #[serde(default)]
    not_misspelled: Vec<String>,
    /// Texts no finding's message may contain: a wrong fact stated as a finding ("Antal
    /// Rogán held it then").
    #[serde(default)]
    not_in_messages: Vec<String>,
}

/// A mention covers `at`; each given field must match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MentionExpectation {
    at: String,
    /// The whole mention's text.
    text: Option<String>,
    category: Option<Category>,
    /// The mention's finer type is one of these.
    entity_type: Option<Vec<String>>,
}

/// A misspelled-name finding spans exactly `at`; each given field must match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MisspelledExpectation {
    at: String,
    /// Its first suggestion.
    first: Option<String>,
    /// All its suggestions, in order.
    suggestions: Option<Vec<String>>,
}

impl Case {
    fn checks_something(&self) -> bool {
        self.findings.is_some()
            || !self.links.is_empty()
            || !self.unlinked.is_empty()
            || !self.not_linked_to.is_empty()
            || !self.no_mention.is_empty()
            || !self.mention.is_empty()
            || !self.misspelled.is_empty()
            || !self.not_misspelled.is_empty()
            || !self.not_in_messages.is_empty()
    }
}

/// 1-based line and column of byte `offset` in `source`.
fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// The cases run so far, their failures, and where each case name was first seen.
#[derive(Default)]
struct Run {
    files: usize,
    malformed_files: usize,
    cases: usize,
    failed_cases: usize,
    failures: Vec<String>,
    seen: HashMap<String, String>,
}

impl Run {
    /// Reads one fixture file (`file` names it in messages) and runs its cases.
    fn file(&mut self, file: &str, source: &str, kb: &Kb) {
        self.files += 1;
        let fixture: Fixture = match toml::from_str(source) {
            Ok(fixture) => fixture,
            Err(error) => {
                let (line, column) = line_col(source, error.span().map_or(0, |s| s.start));
                self.malformed_files += 1;
                self.failures.push(format!(
                    "{file}:{line}:{column}: malformed fixture: {}",
                    error.message().trim_end()
                ));
                return;
            }
        };
        if fixture.case.is_empty() {
            self.malformed_files += 1;
            self.failures.push(format!("{file}: no cases"));
        }
        for case in &fixture.case {
            let (line, _) = line_col(source, case.name.span().start);
            let name = case.name.get_ref();
            let place = format!("{file}:{line}: case `{name}`");
            let mut problems = Vec::new();
            match self.seen.entry(name.clone()) {
                Entry::Occupied(first) => {
                    problems.push(format!("the name is already used at {}", first.get()));
                }
                Entry::Vacant(slot) => {
                    slot.insert(format!("{file}:{line}"));
                }
            }
            if name.trim().is_empty() {
                problems.push("the name is empty".to_string());
            }
            if case.why.trim().is_empty() || case.why.contains('\n') {
                problems.push("`why` must be one line saying what went wrong".to_string());
            }
            if !case.checks_something() {
                problems.push("the case checks nothing: give it an expectation".to_string());
            }
            if problems.is_empty() {
                problems = differences(case, kb);
            }
            self.cases += 1;
            if !problems.is_empty() {
                self.failed_cases += 1;
                let mut message = format!("{place}\n    story: {:?}", case.text);
                for problem in problems {
                    let _ = write!(message, "\n    {problem}");
                }
                self.failures.push(message);
            }
        }
    }

    /// `Ok` with a summary, or `Err` with every failure.
    fn finish(self) -> Result<String, String> {
        if self.failures.is_empty() {
            return Ok(format!(
                "{} cases in {} fixture files",
                self.cases, self.files
            ));
        }
        Err(format!(
            "{} of {} cases failed, {} of {} fixture files malformed \
             (file:line: case, then expected against found):\n\n{}\n",
            self.failed_cases,
            self.cases,
            self.malformed_files,
            self.files,
            self.failures.join("\n\n")
        ))
    }
}

/// Every way `case`'s story differs from its expectations.
fn differences(case: &Case, kb: &Kb) -> Vec<String> {
    let text = case.text.as_str();
    let mut out = Vec::new();
    let story_date = case.story_date.as_deref().and_then(|date| {
        let parsed = PartialDate::parse(date);
        if parsed.is_none() {
            out.push(format!(
                "story_date {date:?} is not a date (YYYY[-MM[-DD]])"
            ));
        }
        parsed
    });
    let options = AnalysisOptions {
        story_date,
        ..AnalysisOptions::default()
    };
    let analysis = analyze(text, kb, &options);
    let at = |written: &str, out: &mut Vec<String>| {
        let start = text.find(written);
        if start.is_none() {
            out.push(format!("{written:?} is not in the story"));
        }
        start
    };

    if let Some(expected) = &case.findings {
        let found = findings(&analysis, text);
        if &found != expected {
            out.push(format!("findings: expected {expected:?}, found {found:?}"));
        }
    }
    for (written, expected) in &case.links {
        let Some(start) = at(written, &mut out) else {
            continue;
        };
        let found = linked_name(&analysis, kb, start);
        if found.as_deref() != Some(expected.as_str()) {
            out.push(format!(
                "links {written:?}: expected {expected:?}, found {}",
                describe_link(found)
            ));
        }
    }
    for written in &case.unlinked {
        let Some(start) = at(written, &mut out) else {
            continue;
        };
        if let Some(found) = linked_name(&analysis, kb, start) {
            out.push(format!(
                "unlinked {written:?}: expected no link, found {found:?}"
            ));
        }
    }
    for (written, forbidden) in &case.not_linked_to {
        let Some(start) = at(written, &mut out) else {
            continue;
        };
        if linked_name(&analysis, kb, start).as_deref() == Some(forbidden.as_str()) {
            out.push(format!(
                "not_linked_to {written:?}: expected anything but {forbidden:?}, found {forbidden:?}"
            ));
        }
    }
    for written in &case.no_mention {
        let Some(start) = at(written, &mut out) else {
            continue;
        };
        if let Some(m) = mention_covering(&analysis, start) {
            out.push(format!(
                "no_mention {written:?}: expected no mention, found {}",
                describe_mention(text, m)
            ));
        }
    }
    for expected in &case.mention {
        let Some(start) = at(&expected.at, &mut out) else {
            continue;
        };
        let Some(m) = mention_covering(&analysis, start) else {
            out.push(format!(
                "mention at {:?}: expected a mention, found none",
                expected.at
            ));
            continue;
        };
        let found_text = &text[m.span.clone()];
        if let Some(want) = &expected.text {
            if want != found_text {
                out.push(format!(
                    "mention at {:?}: expected text {want:?}, found {}",
                    expected.at,
                    describe_mention(text, m)
                ));
            }
        }
        if let Some(want) = expected.category {
            if want != m.category {
                out.push(format!(
                    "mention at {:?}: expected category {}, found {}",
                    expected.at,
                    want.as_str(),
                    describe_mention(text, m)
                ));
            }
        }
        if let Some(allowed) = &expected.entity_type {
            if !allowed.contains(&m.entity_type) {
                out.push(format!(
                    "mention at {:?}: expected entity type one of {allowed:?}, found {:?} on {}",
                    expected.at,
                    m.entity_type,
                    describe_mention(text, m)
                ));
            }
        }
    }
    for expected in &case.misspelled {
        let Some(start) = at(&expected.at, &mut out) else {
            continue;
        };
        let span = start..start + expected.at.len();
        let Some(finding) = analysis
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "misspelled-name" && d.span == span)
        else {
            out.push(format!(
                "misspelled {:?}: expected a misspelled-name finding on it, found none (findings: {:?})",
                expected.at,
                findings(&analysis, text)
            ));
            continue;
        };
        if let Some(want) = &expected.first {
            let found = finding.suggestions.first();
            if found != Some(want) {
                out.push(format!(
                    "misspelled {:?}: expected first suggestion {want:?}, found {} (suggestions: {:?})",
                    expected.at,
                    found.map_or("none".to_string(), |s| format!("{s:?}")),
                    finding.suggestions
                ));
            }
        }
        if let Some(want) = &expected.suggestions {
            if want != &finding.suggestions {
                out.push(format!(
                    "misspelled {:?}: expected suggestions {want:?}, found {:?}",
                    expected.at, finding.suggestions
                ));
            }
        }
    }
    for written in &case.not_misspelled {
        let Some(start) = at(written, &mut out) else {
            continue;
        };
        if let Some(finding) = analysis
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "misspelled-name" && d.span.contains(&start))
        {
            out.push(format!(
                "not_misspelled {written:?}: expected no misspelled-name finding, found one on {:?} suggesting {:?}",
                &text[finding.span.clone()],
                finding.suggestions
            ));
        }
    }
    for forbidden in &case.not_in_messages {
        if let Some(finding) = analysis
            .diagnostics
            .iter()
            .find(|d| d.message.contains(forbidden.as_str()))
        {
            out.push(format!(
                "not_in_messages {forbidden:?}: found in the {} finding on {:?}: {:?}",
                finding.code.as_str(),
                &text[finding.span.clone()],
                finding.message
            ));
        }
    }
    out
}

/// Every finding as "code: written text", in order.
fn findings(analysis: &Analysis, text: &str) -> Vec<String> {
    analysis
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), &text[d.span.clone()]))
        .collect()
}

/// The mention whose span holds byte `start`.
fn mention_covering(analysis: &Analysis, start: usize) -> Option<&Mention> {
    analysis
        .mentions
        .iter()
        .find(|m| m.span.start <= start && start < m.span.end)
}

/// The KB entity name the mention at byte `start` links to, or `None`.
fn linked_name(analysis: &Analysis, kb: &Kb, start: usize) -> Option<String> {
    mention_covering(analysis, start)
        .and_then(|m| m.entity)
        .map(|id| kb.entity(id).name.clone())
}

fn describe_link(name: Option<String>) -> String {
    name.map_or("no link".to_string(), |n| format!("{n:?}"))
}

fn describe_mention(text: &str, m: &Mention) -> String {
    let mut out = format!("{:?} ({}", &text[m.span.clone()], m.category.as_str());
    if !m.entity_type.is_empty() {
        let _ = write!(out, ", {}", m.entity_type);
    }
    out.push(')');
    out
}

#[test]
fn regression_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{FIXTURES}: {e}"))
        .map(|entry| entry.expect("fixture folder lists").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixture files in {FIXTURES}");
    let mut run = Run::default();
    for path in &paths {
        let file = format!("{FIXTURES}/{}", path.file_name().unwrap().to_string_lossy());
        let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
        run.file(&file, &source, kb());
    }
    match run.finish() {
        Ok(summary) => eprintln!("regression fixtures: {summary} passed"),
        Err(failures) => panic!("{failures}"),
    }
}

// The runner itself.

/// Runs one in-memory fixture file and returns the failure report.
fn failures_of(file: &str, source: &str) -> String {
    let mut run = Run::default();
    run.file(file, source, kb());
    run.finish()
        .expect_err("the runner must report this fixture")
}

#[test]
fn the_runner_reports_each_wrong_expectation_with_file_case_and_difference() {
    // One case of each kind of wrong expectation; a TOML file so it reads like the fixtures.
    let source = include_str!("fixtures/regression-runner/wrong-expectations.toml");
    let message = failures_of("in-memory/wrong.toml", source);
    for expected in [
        "2 of 3 cases failed, 0 of 1 fixture files malformed",
        "in-memory/wrong.toml:9: case `a_wrong_case`\n    story: \"Putin said the talks would go on.\"",
        r#"findings: expected ["misspelled-name: Putin"], found []"#,
        r#"links "Putin": expected "Vladimir Putinn", found "Vladimir Putin""#,
        r#"unlinked "Putin said": expected no link, found "Vladimir Putin""#,
        r#"not_linked_to "Putin": expected anything but "Vladimir Putin", found "Vladimir Putin""#,
        r#"no_mention "Putin": expected no mention, found "Putin" (person"#,
        r#""Kremlin" is not in the story"#,
        r#"mention at "Putin": expected text "Putin said", found "Putin" (person"#,
        r#"mention at "Putin": expected category location, found "Putin" (person"#,
        r#"mention at "Putin": expected entity type one of ["news-agency"]"#,
        r#"misspelled "talks": expected a misspelled-name finding on it, found none (findings: [])"#,
        "in-memory/wrong.toml:30: case `a_wrong_suggestion`",
        r#"misspelled "Gerasimovis": expected first suggestion "Gerasimova", found "Gerasimov""#,
        r#"misspelled "Gerasimovis": expected suggestions [], found ["Gerasimov""#,
        r#"not_misspelled "Gerasimovis": expected no misspelled-name finding, found one on "Gerasimovis""#,
    ] {
        assert!(message.contains(expected), "{expected}\nnot in:\n{message}");
    }
    assert!(!message.contains("a_right_case"), "{message}");
}

#[test]
fn the_runner_names_the_file_and_line_of_a_malformed_fixture() {
    let typo = include_str!("fixtures/regression-runner/malformed-key.toml");
    let message = failures_of("in-memory/typo.toml", typo);
    assert!(
        message.contains("in-memory/typo.toml:5:1: malformed fixture: unknown field `link`"),
        "{message}"
    );

    let category = include_str!("fixtures/regression-runner/malformed-category.toml");
    let message = failures_of("in-memory/category.toml", category);
    assert!(
        message
            .contains("in-memory/category.toml:8:12: malformed fixture: unknown variant `persn`"),
        "{message}"
    );

    let syntax = "[[case]]\nname = \"unclosed\nwhy = \"x\"\n";
    let message = failures_of("in-memory/syntax.toml", syntax);
    assert!(message.contains("in-memory/syntax.toml:2:"), "{message}");
}

#[test]
fn the_runner_refuses_a_case_that_checks_nothing_or_reuses_a_name() {
    let source = include_str!("fixtures/regression-runner/checks-nothing-and-reused-name.toml");
    let message = failures_of("in-memory/empty.toml", source);
    assert!(
        message.contains(
            "in-memory/empty.toml:2: case `twice`\n    story: \"Putin said the talks would go on.\"\n    the case checks nothing"
        ),
        "{message}"
    );
    assert!(
        message.contains("in-memory/empty.toml:7: case `twice`\n    story: \"Putin said the talks would go on.\"\n    the name is already used at in-memory/empty.toml:2"),
        "{message}"
    );
}
