//! The JSON contract of `byline check --format json` and `byline entities --format
//! json` (version 1). Other tools read it: fields are only ever added.

use serde::Serialize;

use super::{FileError, FileReport, Positions, Summary};
use byline_core::analysis::EntityRef;
use byline_core::text::TextPosition;

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn of(bytes: &std::ops::Range<usize>) -> Span {
        Span {
            start: bytes.start,
            end: bytes.end,
        }
    }
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

/// One file of `check` or `entities` output: its path, the encoding it was decoded
/// from, and its findings or its mentions under their own key.
#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    /// The encoding the file was decoded from, when not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    #[serde(flatten)]
    items: JsonFileItems<'a>,
}

/// Flattened into [`JsonFile`], a variant is one key: `"diagnostics": […]` or
/// `"mentions": […]`.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum JsonFileItems<'a> {
    Diagnostics(Vec<JsonDiagnostic<'a>>),
    Mentions(Vec<JsonMention<'a>>),
}

/// An input that could not be checked (also one line of `--format jsonl`).
#[derive(Serialize)]
pub(super) struct JsonError<'a> {
    path: &'a str,
    kind: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte: Option<usize>,
}

impl<'a> JsonError<'a> {
    pub(super) fn of(error: &'a FileError) -> JsonError<'a> {
        JsonError {
            path: &error.path,
            kind: error.kind.as_str(),
            message: &error.message,
            line: error.line,
            byte: error.byte,
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    information: usize,
    not_checked: usize,
}

#[derive(Serialize)]
struct JsonCheck<'a, F: Serialize> {
    version: u32,
    files: Vec<F>,
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

/// One file's object in the contract (also one line of `--format jsonl`).
pub(super) fn check_file(report: &FileReport) -> impl Serialize + '_ {
    let positions = report.diagnostic_positions();
    let kb = &report.kb;
    JsonFile {
        path: &report.path,
        encoding: report.encoding_note(),
        items: JsonFileItems::Diagnostics(
            report
                .analysis
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    code: d.code.as_str(),
                    severity: d.severity.as_str(),
                    message: &d.message,
                    span: Span::of(&d.span),
                    range: range(report.range(&positions, &d.span)),
                    text: &report.text[d.span.clone()],
                    suggestions: &d.suggestions,
                    entity: d.entity.map(|id| EntityRef::of(kb, id)),
                })
                .collect(),
        ),
    }
}

/// Renders `check --format json`.
pub fn check(reports: &[FileReport], errors: &[FileError]) -> String {
    let files = reports.iter().map(check_file).collect();
    let s = Summary::of(reports, errors);
    let out = JsonCheck {
        version: 1,
        files,
        errors: errors.iter().map(JsonError::of).collect(),
        summary: JsonSummary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            information: s.information,
            not_checked: s.not_checked,
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
struct JsonEntities<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: Vec<JsonError<'a>>,
}

/// Renders `entities --format json`.
pub fn entities(reports: &[FileReport], errors: &[FileError]) -> String {
    let files = reports
        .iter()
        .map(|report| {
            let positions = Positions::new(
                &report.text,
                report
                    .analysis
                    .mentions
                    .iter()
                    .flat_map(|m| [m.span.start, m.span.end]),
            );
            let kb = &report.kb;
            JsonFile {
                path: &report.path,
                encoding: report.encoding_note(),
                items: JsonFileItems::Mentions(
                    report
                        .analysis
                        .mentions
                        .iter()
                        .map(|m| JsonMention {
                            text: &report.text[m.span.clone()],
                            span: Span::of(&m.span),
                            range: range(report.range(&positions, &m.span)),
                            category: m.category.as_str(),
                            entity_type: &m.entity_type,
                            entity: m.entity.map(|id| EntityRef::of(kb, id)),
                        })
                        .collect(),
                ),
            }
        })
        .collect();
    let errors = errors.iter().map(JsonError::of).collect();
    serde_json::to_string_pretty(&JsonEntities {
        version: 1,
        files,
        errors,
    })
    .expect("report serialises")
}
