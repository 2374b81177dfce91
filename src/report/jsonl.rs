//! `--format jsonl`: one line per file, each the file object of the JSON contract with
//! `version` added, so a pipeline can stream files as they are read (`jq -c`, `grep`).

use serde::Serialize;

use super::{json, FileReport};
use byline_kb::Kb;

#[derive(Serialize)]
struct Line<F: Serialize> {
    version: u32,
    #[serde(flatten)]
    file: F,
}

/// Renders `check --format jsonl`.
pub fn check(reports: &[FileReport], kb: &Kb) -> String {
    let mut out = String::new();
    for report in reports {
        let line = Line {
            version: 1,
            file: json::check_file(report, kb),
        };
        out.push_str(&serde_json::to_string(&line).expect("report serialises"));
        out.push('\n');
    }
    out
}
