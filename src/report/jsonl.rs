//! `--format jsonl`: one line per file, each the file object of the JSON contract with
//! `version` added, so a pipeline can stream files as they are read (`jq -c`, `grep`);
//! an input that could not be checked is a line of its own.

use serde::Serialize;

use super::{json, FileError, FileReport};

#[derive(Serialize)]
struct Line<F: Serialize> {
    version: u32,
    #[serde(flatten)]
    file: F,
}

/// Renders `check --format jsonl`: the files, then a line (the contract's error
/// object, with `message` and no `diagnostics`) for each input that could not be
/// checked.
pub fn check(reports: &[FileReport], errors: &[FileError]) -> String {
    let mut out = String::new();
    for report in reports {
        let line = Line {
            version: 1,
            file: json::check_file(report),
        };
        out.push_str(&serde_json::to_string(&line).expect("report serialises"));
        out.push('\n');
    }
    for error in errors {
        let line = Line {
            version: 1,
            file: json::JsonError::of(error),
        };
        out.push_str(&serde_json::to_string(&line).expect("report serialises"));
        out.push('\n');
    }
    out
}
