//! The `byline` binary as a user runs it: exit codes, the JSON contract, human output
//! and error messages. Output is pinned with `insta` snapshots.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn byline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("byline runs")
}

fn byline_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("byline runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn check_json_reports_gerasimovis_twice_and_exits_1() {
    let output = byline(&["check", "--format", "json", "examples/moscow-talks.md"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    for d in diagnostics {
        assert_eq!(d["code"], "misspelled-name");
        assert_eq!(d["text"], "Gerasimovis");
        assert_eq!(d["suggestions"][0], "Gerasimov");
        assert_eq!(d["entity"]["name"], "Valery Gerasimov");
        assert_eq!(d["entity"]["id"], "Q36073");
    }
    insta::assert_snapshot!("check_json_moscow_talks", stdout(&output));
}

#[test]
fn check_json_span_and_range_point_at_the_misspelling() {
    let output = byline(&["check", "--format", "json", "examples/moscow-talks.md"]);
    let report = json(&output);
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/moscow-talks.md"),
    )
    .unwrap();
    for d in report["files"][0]["diagnostics"].as_array().unwrap() {
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let end = d["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&text[start..end], "Gerasimovis");
        let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
        assert!(text.lines().nth(line).unwrap().contains("Gerasimovis"));
    }
}

#[test]
fn accepted_transliterations_give_no_findings_and_exit_0() {
    let output = byline(&[
        "check",
        "--format",
        "json",
        "examples/iran-russia-plain.txt",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(json(&output)["summary"]["warnings"], 0);
}

#[test]
fn human_output_shows_snippet_caret_and_summary() {
    let output = byline(&["check", "examples/moscow-talks.md"]);
    insta::assert_snapshot!("check_human_moscow_talks", stdout(&output));
}

#[test]
fn fail_on_error_lets_warnings_pass() {
    let output = byline(&["check", "--fail-on", "error", "examples/moscow-talks.md"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn standard_input_is_read_with_dash() {
    let output = byline_with_stdin(
        &["check", "--format", "json", "-"],
        "General Valery Gerasimovis spoke in Moscow.",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json(&output)["files"][0]["diagnostics"][0]["suggestions"][0],
        "Gerasimov"
    );
}

#[test]
fn entities_json_lists_typed_mentions() {
    let output = byline(&[
        "entities",
        "--format",
        "json",
        "examples/iran-russia-plain.txt",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output);
    let mentions = report["files"][0]["mentions"].as_array().unwrap();
    let find = |text: &str| {
        mentions
            .iter()
            .find(|m| m["text"] == text)
            .unwrap_or_else(|| panic!("{text} not found"))
    };
    assert_eq!(find("Sergei Shoigu")["category"], "person");
    assert_eq!(find("Shoygu")["entity"]["id"], "Q32024");
    assert_eq!(find("Mohammad Bagheri")["entity"]["id"], "Q18511806");
}

#[test]
fn malformed_kb_names_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("house.toml");
    std::fs::write(
        &bad,
        "[[entity]]\nid = \"x\"\nkind = \"person\"\ntype = \"person\"\nname = \"broken\n",
    )
    .unwrap();
    let output = byline(&[
        "check",
        "--kb",
        bad.to_str().unwrap(),
        "examples/moscow-talks.md",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:5:", bad.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_file_is_an_io_error_exit_2() {
    let output = byline(&["check", "no/such/story.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("no/such/story.md"));
}

#[test]
fn house_kb_entity_is_known_and_not_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let house = dir.path().join("house.toml");
    std::fs::write(
        &house,
        "[[entity]]\nid = \"desk-1\"\nkind = \"person\"\ntype = \"official\"\nname = \"Valery Gerasimovis\"\ndescription = \"A local official.\"\n",
    )
    .unwrap();
    let output = byline(&[
        "check",
        "--format",
        "json",
        "--kb",
        house.to_str().unwrap(),
        "examples/moscow-talks.md",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn kb_lookup_finds_near_match_and_shows_card() {
    let output = byline(&["kb", "lookup", "Gerasimovis"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("**Valery Gerasimov**"), "{text}");
    assert!(text.contains("Chief of the General Staff"));
}

#[test]
fn kb_lookup_finds_entities_by_acronym() {
    let output = byline(&["kb", "lookup", "IRNA"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).starts_with("**Islamic Republic News Agency**"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn outdated_title_needs_a_known_story_date() {
    let story = "NATO Secretary General Jens Stoltenberg spoke.";
    let undated = byline_with_stdin(&["check", "--format", "json", "-"], story);
    assert_eq!(json(&undated)["summary"]["information"], 0);
    let dated = byline_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--story-date",
            "2025-01-15",
            "-",
        ],
        story,
    );
    let report = json(&dated);
    assert_eq!(
        report["files"][0]["diagnostics"][0]["code"],
        "outdated-title"
    );
    assert_eq!(
        dated.status.code(),
        Some(0),
        "information does not fail the default --fail-on"
    );
}

#[test]
fn title_mismatch_names_the_role_the_kb_records() {
    let story = "---\ndate: 2021-10-21\n---\nForeign Minister Valery Gerasimov spoke.";
    let output = byline_with_stdin(&["check", "--format", "json", "-"], story);
    let d = &json(&output)["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "title-mismatch");
    assert_eq!(d["text"], "Foreign Minister");
    assert_eq!(d["suggestions"][0], "Chief of the General Staff");
}

#[test]
fn banned_house_form_is_flagged_with_the_house_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let house = dir.path().join("house.toml");
    std::fs::write(
        &house,
        "[[entity]]\nid = \"desk-gaddafi\"\nkind = \"person\"\ntype = \"person\"\nname = \"Muammar Gaddafi\"\nbanned = [\"Qadhafi\", \"Muammar Qadhafi\"]\n",
    )
    .unwrap();
    let output = byline_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--kb",
            house.to_str().unwrap(),
            "-",
        ],
        "Muammar Qadhafi ruled Libya. Qadhafi died in 2011.",
    );
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2, "{report}");
    assert_eq!(diagnostics[0]["code"], "banned-form");
    assert_eq!(diagnostics[0]["suggestions"][0], "Muammar Gaddafi");
    assert_eq!(diagnostics[1]["suggestions"][0], "Gaddafi");
}
