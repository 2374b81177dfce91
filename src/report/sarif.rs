//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub code
//! scanning, Azure DevOps, IDE viewers) read. One run; one rule per diagnostic code;
//! each result with a region (1-based lines, UTF-16 columns, and byte offsets) and, for
//! suggestions, a fix. Validated against the official schema in the tests.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use super::{FileError, FileReport};
use byline_core::analysis::{Code, Severity};

/// Bytes that may not appear raw in a URI path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file path as a URI reference: relative paths stay relative (resolved against the
/// checkout by code scanning), absolute ones become `file://` URIs.
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let encoded = utf8_percent_encode(&slashed, PATH).to_string();
    if slashed.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
    }
}

fn rules() -> Value {
    Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary()},
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
        })
        .collect()
}

fn results(report: &FileReport) -> Vec<Value> {
    let positions = report.diagnostic_positions();
    let artifact = json!({"uri": uri(&report.path)});
    report
        .analysis
        .diagnostics
        .iter()
        .map(|d| {
            let at = report.location(&positions, &d.span);
            let mut region = json!({
                "startLine": at.line, "startColumn": at.column,
                "endLine": at.end_line, "endColumn": at.end_column,
            });
            // Byte offsets are the file's own: given only when the file is UTF-8 (a
            // byte-order mark shifts them); lines and columns hold for any encoding.
            let bytes = report
                .file_offset(d.span.start)
                .map(|start| json!({"byteOffset": start, "byteLength": d.span.len()}));
            if let Some(bytes) = &bytes {
                region["byteOffset"] = bytes["byteOffset"].clone();
                region["byteLength"] = bytes["byteLength"].clone();
            }
            region["snippet"] = json!({"text": &report.text[d.span.clone()]});
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact,
                    "region": region,
                }}],
            });
            if !d.suggestions.is_empty() {
                let deleted = bytes.unwrap_or_else(|| {
                    json!({
                        "startLine": at.line, "startColumn": at.column,
                        "endLine": at.end_line, "endColumn": at.end_column,
                    })
                });
                result["fixes"] = d
                    .suggestions
                    .iter()
                    .map(|s| {
                        json!({
                            "description": {"text": format!("Replace with '{s}'")},
                            "artifactChanges": [{
                                "artifactLocation": artifact,
                                "replacements": [{
                                    "deletedRegion": deleted,
                                    "insertedContent": {"text": s},
                                }],
                            }],
                        })
                    })
                    .collect();
            }
            result
        })
        .collect()
}

/// The run's invocation: whether every input was checked, a notification (`error`)
/// for each one that was not and a `note` for each file decoded from a legacy
/// encoding.
fn invocation(reports: &[FileReport], errors: &[FileError]) -> Value {
    let mut notifications: Vec<Value> = reports
        .iter()
        .filter_map(|report| {
            report.encoding_note().map(|encoding| {
                json!({
                    "level": "note",
                    "descriptor": {"id": "decoded"},
                    "message": {"text": format!("{}: decoded as {encoding}", report.path)},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": uri(&report.path)},
                    }}],
                })
            })
        })
        .collect();
    for error in errors {
        let mut location = json!({"artifactLocation": {"uri": uri(&error.path)}});
        if let (Some(line), Some(byte)) = (error.line, error.byte) {
            location["region"] = json!({"startLine": line, "byteOffset": byte});
        }
        notifications.push(json!({
            "level": "error",
            "descriptor": {"id": error.kind.as_str()},
            "message": {"text": error.to_string()},
            "locations": [{"physicalLocation": location}],
        }));
    }
    let mut invocation = json!({"executionSuccessful": errors.is_empty()});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = notifications.into();
    }
    invocation
}

/// Renders `check --format sarif`.
pub fn check(reports: &[FileReport], errors: &[FileError]) -> String {
    let results: Vec<Value> = reports.iter().flat_map(results).collect();
    let mut run = json!({
        "tool": {"driver": {
            "name": "byline",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules(),
        }},
        "invocations": [invocation(reports, errors)],
        "columnKind": "utf16CodeUnits",
        "results": results,
    });
    let artifacts: Vec<Value> = reports
        .iter()
        .filter_map(|report| {
            report.encoding_note().map(
                |encoding| json!({"location": {"uri": uri(&report.path)}, "encoding": encoding}),
            )
        })
        .collect();
    if !artifacts.is_empty() {
        run["artifacts"] = artifacts.into();
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&log).expect("report serialises")
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("stories/a b#1.md"), "stories/a%20b%231.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("dir\\Zoë.md"), "dir/Zo%C3%AB.md");
    }
}
