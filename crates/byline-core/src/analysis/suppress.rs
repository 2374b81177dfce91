//! Suppressions: the writer's say over findings, applied after the checks.
//!
//! Two sources: directives in the text and the configuration's `ignore` list. This is
//! a pure step of the analysis (text and findings in, fewer findings out) so the CLI
//! and the language server honour the same comments.
//!
//! Directives, each optionally followed by codes (none means every code):
//!
//! - Markdown and HTML: `<!-- byline-disable-next-line misspelled-name -->`,
//!   `<!-- byline-disable banned-form -->` … `<!-- byline-enable -->`.
//! - Plain text, on a line of its own: `[byline-disable-next-line misspelled-name]`
//!   or `# byline-disable-next-line misspelled-name` (and `disable` / `enable`).
//!
//! A `disable` without an `enable` lasts to the end of the file; an `enable` without
//! codes ends every open `disable`. Unknown code names are ignored.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Code, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One directive: where it is and which codes it names (empty = all).
#[derive(Debug)]
struct Directive {
    span: Range<usize>,
    kind: Kind,
    codes: BTreeSet<Code>,
}

fn directives(text: &str) -> Vec<Directive> {
    static DIRECTIVE: OnceLock<Regex> = OnceLock::new();
    let re = DIRECTIVE.get_or_init(|| {
        Regex::new(
            r"(?m)<!--[ \t]*byline-(disable-next-line|disable|enable)\b([^>]*?)-->|^[ \t]*(?:\[[ \t]*byline-(disable-next-line|disable|enable)\b([^\]\n]*)\]|\#[ \t]*byline-(disable-next-line|disable|enable)\b([^\n]*?))[ \t]*\r?$",
        )
        .expect("directive regex is valid")
    });
    re.captures_iter(text)
        .map(|c| {
            let kind = [1, 3, 5]
                .iter()
                .find_map(|&g| c.get(g))
                .expect("one alternative matched");
            let codes = [2, 4, 6]
                .iter()
                .find_map(|&g| c.get(g))
                .map_or("", |m| m.as_str());
            Directive {
                span: c.get(0).expect("group 0").range(),
                kind: match kind.as_str() {
                    "disable-next-line" => Kind::NextLine,
                    "disable" => Kind::Disable,
                    _ => Kind::Enable,
                },
                codes: codes
                    .split(|ch: char| ch.is_whitespace() || ch == ',')
                    .filter_map(Code::parse)
                    .collect(),
            }
        })
        .collect()
}

/// A stretch of text in which some codes (empty = all) are not reported.
struct Region {
    span: Range<usize>,
    codes: BTreeSet<Code>,
}

impl Region {
    fn covers(&self, diagnostic: &Diagnostic) -> bool {
        self.span.contains(&diagnostic.span.start)
            && (self.codes.is_empty() || self.codes.contains(&diagnostic.code))
    }
}

fn line_after(text: &str, offset: usize) -> Range<usize> {
    let start = text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

fn regions(text: &str) -> Vec<Region> {
    let mut regions = Vec::new();
    // Open `disable` directives: start offset and codes (empty = all).
    let mut open: Vec<(usize, BTreeSet<Code>)> = Vec::new();
    for directive in directives(text) {
        match directive.kind {
            Kind::NextLine => regions.push(Region {
                span: line_after(text, directive.span.end),
                codes: directive.codes,
            }),
            Kind::Disable => open.push((directive.span.end, directive.codes)),
            Kind::Enable => {
                let here = directive.span.start;
                let mut still_open = Vec::new();
                for (start, codes) in open.drain(..) {
                    regions.push(Region {
                        span: start..here,
                        codes: codes.clone(),
                    });
                    if directive.codes.is_empty() {
                        continue;
                    }
                    // Re-enabling some codes keeps the rest of this region disabled.
                    let all: BTreeSet<Code> = if codes.is_empty() {
                        Code::ALL.into_iter().collect()
                    } else {
                        codes
                    };
                    let rest: BTreeSet<Code> = all.difference(&directive.codes).copied().collect();
                    if !rest.is_empty() {
                        still_open.push((directive.span.end, rest));
                    }
                }
                open = still_open;
            }
        }
    }
    regions.extend(open.into_iter().map(|(start, codes)| Region {
        span: start..text.len(),
        codes,
    }));
    regions
}

/// Whether the flagged text is, or contains as a word, an entry of `ignore`
/// (case-insensitive).
fn ignored(flagged: &str, ignore: &[String]) -> bool {
    let matches = |word: &str| ignore.iter().any(|i| i.trim().eq_ignore_ascii_case(word));
    matches(flagged.trim())
        || flagged
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .any(|w| !w.is_empty() && matches(w))
}

/// The findings of `text` that no directive and no `ignore` entry suppresses.
pub fn apply(text: &str, diagnostics: Vec<Diagnostic>, ignore: &[String]) -> Vec<Diagnostic> {
    if diagnostics.is_empty() {
        return diagnostics;
    }
    let regions = if text.contains("byline-") {
        regions(text)
    } else {
        Vec::new()
    };
    diagnostics
        .into_iter()
        .filter(|d| {
            let flagged = text.get(d.span.clone()).unwrap_or("");
            !ignored(flagged, ignore) && !regions.iter().any(|r| r.covers(d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Severity;

    fn finding(text: &str, word: &str, nth: usize, code: Code) -> Diagnostic {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        Diagnostic {
            code,
            severity: Severity::Warning,
            message: String::new(),
            span: start..start + word.len(),
            suggestions: vec![],
            entity: None,
        }
    }

    fn kept(text: &str, findings: Vec<Diagnostic>, ignore: &[String]) -> Vec<usize> {
        apply(text, findings, ignore)
            .iter()
            .map(|d| d.span.start)
            .collect()
    }

    #[test]
    fn disable_next_line_in_markdown_hides_only_that_line_and_code() {
        let text = "<!-- byline-disable-next-line misspelled-name -->\nGerasimovis spoke.\nGerasimovis again.\n";
        let all = vec![
            finding(text, "Gerasimovis", 0, Code::MisspelledName),
            finding(text, "Gerasimovis", 0, Code::BannedForm),
            finding(text, "Gerasimovis", 1, Code::MisspelledName),
        ];
        let starts: Vec<usize> = all.iter().map(|d| d.span.start).collect();
        assert_eq!(kept(text, all, &[]), [starts[1], starts[2]]);
    }

    #[test]
    fn disable_enable_region_and_plain_text_forms() {
        let text = "Gerasimovis one.\n[byline-disable]\nGerasimovis two.\n# byline-enable\nGerasimovis three.\n";
        let all: Vec<Diagnostic> = (0..3)
            .map(|n| finding(text, "Gerasimovis", n, Code::MisspelledName))
            .collect();
        let starts: Vec<usize> = all.iter().map(|d| d.span.start).collect();
        assert_eq!(kept(text, all, &[]), [starts[0], starts[2]]);
    }

    #[test]
    fn enabling_one_code_keeps_the_others_disabled() {
        let text = "<!-- byline-disable -->\n<!-- byline-enable banned-form -->\nQadhafi Qadhafi\n";
        let all = vec![
            finding(text, "Qadhafi", 0, Code::BannedForm),
            finding(text, "Qadhafi", 1, Code::MisspelledName),
        ];
        let first = all[0].span.start;
        assert_eq!(kept(text, all, &[]), [first]);
    }

    #[test]
    fn ignore_list_matches_whole_text_or_a_word_case_insensitively() {
        let text = "Minister Gerasimovis and Shoygoo.";
        let all = vec![
            finding(text, "Minister Gerasimovis", 0, Code::TitleMismatch),
            finding(text, "Shoygoo", 0, Code::MisspelledName),
        ];
        let second = all[1].span.start;
        assert_eq!(kept(text, all, &["gerasimovis".to_string()]), [second]);
    }

    mod in_stories {
        use crate::analysis::{analyze, AnalysisOptions, CheckSettings};
        use crate::prose::Format;
        use crate::testing::entities::{GADDAFI, GERASIMOV};
        use crate::testing::{findings_with, in_format};
        use byline_kb::Kb;

        fn kb() -> Kb {
            crate::testing::kb(&[GERASIMOV, GADDAFI.banned(&["Muammar Qadhafi"])])
        }

        fn findings_in(format: Format, text: &str) -> Vec<String> {
            findings_with(text, &kb(), &in_format(format))
        }

        fn findings_ignoring(ignore: &[&str], text: &str) -> Vec<String> {
            let options = AnalysisOptions {
                checks: CheckSettings {
                    ignore: ignore.iter().map(|s| s.to_string()).collect(),
                    ..CheckSettings::default()
                },
                ..AnalysisOptions::default()
            };
            findings_with(text, &kb(), &options)
        }

        #[test]
        fn a_next_line_comment_hides_the_findings_of_the_line_below_only() {
            let text = "Intro.\n\n<!-- byline-disable-next-line misspelled-name -->\n\
                        Valery Gerasimovis spoke.\n\nValery Gerasimovis again.\n";
            let shown = analyze(text, &kb(), &in_format(Format::Markdown));
            let starts: Vec<usize> = shown.diagnostics.iter().map(|d| d.span.start).collect();
            assert_eq!(starts, [text.rfind("Gerasimovis").unwrap()]);
        }

        #[test]
        fn a_plain_text_directive_must_stand_on_a_line_of_its_own() {
            assert!(findings_in(
                Format::PlainText,
                "[byline-disable-next-line]\nValery Gerasimovis spoke."
            )
            .is_empty());
            assert_eq!(
                findings_in(
                    Format::PlainText,
                    "Text [byline-disable-next-line] inline.\nValery Gerasimovis spoke."
                ),
                ["misspelled-name: Gerasimovis"]
            );
        }

        #[test]
        fn a_directive_hides_only_the_codes_it_names_and_unknown_names_are_ignored() {
            assert_eq!(
                findings_in(
                    Format::PlainText,
                    "# byline-disable-next-line banned-form\nValery Gerasimovis met Muammar Qadhafi."
                ),
                ["misspelled-name: Gerasimovis"]
            );
            assert_eq!(
                findings_in(
                    Format::PlainText,
                    "# byline-disable-next-line bogus-code, misspelled-name\n\
                     Valery Gerasimovis met Muammar Qadhafi."
                ),
                ["banned-form: Muammar Qadhafi"]
            );
        }

        #[test]
        fn a_disable_lasts_to_its_enable_or_to_the_end() {
            let text = "<!-- byline-disable -->\n\nValery Gerasimovis spoke.\n\n\
                        <!-- byline-enable -->\n\nMuammar Qadhafi spoke.\n";
            assert_eq!(
                findings_in(Format::Markdown, text),
                ["banned-form: Muammar Qadhafi"]
            );
            let text = "Muammar Qadhafi spoke.\n\n<!-- byline-disable -->\n\n\
                        Valery Gerasimovis spoke.\n";
            assert_eq!(
                findings_in(Format::Markdown, text),
                ["banned-form: Muammar Qadhafi"]
            );
        }

        #[test]
        fn an_enable_without_codes_ends_every_disable() {
            let text = "<!-- byline-disable misspelled-name -->\n\
                        <!-- byline-disable banned-form -->\n\n\
                        Valery Gerasimovis met Muammar Qadhafi.\n\n\
                        <!-- byline-enable -->\n\n\
                        Valery Gerasimovis met Muammar Qadhafi.\n";
            assert_eq!(
                findings_in(Format::Markdown, text),
                [
                    "misspelled-name: Gerasimovis",
                    "banned-form: Muammar Qadhafi"
                ]
            );
        }

        #[test]
        fn directives_work_in_html_and_with_crlf_line_breaks() {
            assert!(findings_in(
                Format::Html,
                "<p>Intro</p>\r\n<!-- byline-disable-next-line -->\r\n<p>Valery Gerasimovis spoke.</p>\r\n"
            )
            .is_empty());
            assert!(findings_in(
                Format::PlainText,
                "[byline-disable-next-line]\r\nValery Gerasimovis spoke.\r\n"
            )
            .is_empty());
        }

        #[test]
        fn the_ignore_list_hides_a_flagged_word_in_any_case_and_inside_a_longer_span() {
            let text = "Valery Gerasimovis met Muammar Qadhafi.";
            assert_eq!(
                findings_ignoring(&[" GERASIMOVIS "], text),
                ["banned-form: Muammar Qadhafi"]
            );
            assert_eq!(
                findings_ignoring(&["qadhafi"], text),
                ["misspelled-name: Gerasimovis"]
            );
            assert_eq!(findings_ignoring(&["Gerasimov"], text).len(), 2);
        }

        #[test]
        fn a_suppressed_finding_still_confirms_its_name() {
            let text = "Gerasimovis did not comment. Valery Gerasimov spoke.";
            let options = AnalysisOptions {
                checks: CheckSettings {
                    ignore: vec!["Gerasimovis".into()],
                    ..CheckSettings::default()
                },
                ..AnalysisOptions::default()
            };
            let analysis = analyze(text, &kb(), &options);
            assert!(analysis.diagnostics.is_empty());
            assert_eq!(analysis.mentions.len(), 2, "{:?}", analysis.mentions);
        }
    }
}
