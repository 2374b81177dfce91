//! `--format sarif`: SARIF 2.1.0, the format code-scanning services (GitHub code
//! scanning, Azure DevOps, IDE viewers) read. One run; one rule per diagnostic code;
//! each result with a region (1-based lines, UTF-16 columns, and byte offsets) and, for
//! suggestions, a fix. Validated against the official schema in the tests.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use super::FileReport;
use byline_core::analysis::{Code, Severity};
use byline_core::text::LineIndex;

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
    let index = LineIndex::new(&report.text);
    let artifact = json!({"uri": uri(&report.path)});
    report
        .analysis
        .diagnostics
        .iter()
        .map(|d| {
            let at = report.location(&index, &d.span);
            let bytes = json!({"byteOffset": d.span.start, "byteLength": d.span.len()});
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code),
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": at.line, "startColumn": at.column,
                        "endLine": at.end_line, "endColumn": at.end_column,
                        "byteOffset": d.span.start, "byteLength": d.span.len(),
                        "snippet": {"text": &report.text[d.span.clone()]},
                    },
                }}],
            });
            if !d.suggestions.is_empty() {
                result["fixes"] = d
                    .suggestions
                    .iter()
                    .map(|s| {
                        json!({
                            "description": {"text": format!("Replace with '{s}'")},
                            "artifactChanges": [{
                                "artifactLocation": artifact,
                                "replacements": [{
                                    "deletedRegion": bytes,
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

/// Renders `check --format sarif`.
pub fn check(reports: &[FileReport]) -> String {
    let results: Vec<Value> = reports.iter().flat_map(results).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "byline",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules(),
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
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
