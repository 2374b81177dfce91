//! The JSON contract of `byline check --format json` and `byline entities --format
//! json` (version 1). Other tools read it: fields are only ever added.

use serde::Serialize;

use super::{FileReport, Summary};
use byline_core::analysis::EntityRef;
use byline_core::text::{LineIndex, TextPosition};
use byline_kb::Kb;

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    character: u32,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

fn range((start, end): (TextPosition, TextPosition)) -> Range {
    Range {
        start: Position {
            line: start.line,
            character: start.character,
        },
        end: Position {
            line: end.line,
            character: end.character,
        },
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    span: Span,
    range: Range,
    text: &'a str,
    suggestions: &'a [String],
    entity: Option<EntityRef>,
}

#[derive(Serialize)]
struct JsonCheckFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    information: usize,
}

#[derive(Serialize)]
struct JsonCheck<F: Serialize> {
    version: u32,
    files: Vec<F>,
    summary: JsonSummary,
}

/// One file's object in the contract (also one line of `--format jsonl`).
pub(super) fn check_file<'a>(report: &'a FileReport, kb: &Kb) -> impl Serialize + 'a {
    let index = LineIndex::new(&report.text);
    JsonCheckFile {
        path: &report.path,
        diagnostics: report
            .analysis
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity.as_str(),
                message: &d.message,
                span: Span {
                    start: d.span.start,
                    end: d.span.end,
                },
                range: range(report.range(&index, &d.span)),
                text: &report.text[d.span.clone()],
                suggestions: &d.suggestions,
                entity: d.entity.map(|id| EntityRef::of(kb, id)),
            })
            .collect(),
    }
}

/// Renders `check --format json`.
pub fn check(reports: &[FileReport], kb: &Kb) -> String {
    let files = reports.iter().map(|r| check_file(r, kb)).collect();
    let s = Summary::of(reports);
    let out = JsonCheck {
        version: 1,
        files,
        summary: JsonSummary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            information: s.information,
        },
    };
    serde_json::to_string_pretty(&out).expect("report serialises")
}

#[derive(Serialize)]
struct JsonMention<'a> {
    text: &'a str,
    span: Span,
    range: Range,
    category: &'static str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    entity: Option<EntityRef>,
}

#[derive(Serialize)]
struct JsonEntitiesFile<'a> {
    path: &'a str,
    mentions: Vec<JsonMention<'a>>,
}

#[derive(Serialize)]
struct JsonEntities<'a> {
    version: u32,
    files: Vec<JsonEntitiesFile<'a>>,
}

/// Renders `entities --format json`.
pub fn entities(reports: &[FileReport], kb: &Kb) -> String {
    let files = reports
        .iter()
        .map(|report| {
            let index = LineIndex::new(&report.text);
            JsonEntitiesFile {
                path: &report.path,
                mentions: report
                    .analysis
                    .mentions
                    .iter()
                    .map(|m| JsonMention {
                        text: &report.text[m.span.clone()],
                        span: Span {
                            start: m.span.start,
                            end: m.span.end,
                        },
                        range: range(report.range(&index, &m.span)),
                        category: m.category.as_str(),
                        entity_type: &m.entity_type,
                        entity: m.entity.map(|id| EntityRef::of(kb, id)),
                    })
                    .collect(),
            }
        })
        .collect();
    serde_json::to_string_pretty(&JsonEntities { version: 1, files }).expect("report serialises")
}
