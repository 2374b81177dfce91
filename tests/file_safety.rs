//! What happens to a user's files when things go wrong: `--fix` interrupted mid-write,
//! processes racing to add to one house KB. Both drive the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const STORY: &str = "Bagheri met his Russian counterpart Valery Gerasimovis in Moscow.\n\n";

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

/// Files in `dir` other than `keep`, which a run should not have left behind.
fn strays(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !keep.contains(&name.as_str()))
        .collect()
}

/// A story big enough that writing it takes a while, and its fixed form.
fn big_story(dir: &Path) -> (PathBuf, String, String) {
    let original = STORY.repeat(1_000);
    let fixed = original.replace("Gerasimovis", "Gerasimov");
    let path = dir.join("story.md");
    std::fs::write(&path, &original).unwrap();
    (path, original, fixed)
}

#[test]
fn fix_aborted_halfway_through_its_write_leaves_the_story_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.md");
    std::fs::write(&path, STORY).unwrap();
    let status = byline()
        .args(["check", "--fix"])
        .arg(&path)
        .env("BYLINE_TEST_ABORT_FIX_WRITE", "1")
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the injected fault kills the process");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), STORY);
    for stray in strays(dir.path(), &["story.md"]) {
        assert!(stray.starts_with(".byline-fix-"), "unexpected file {stray}");
    }

    // The next run, uninterrupted, fixes the story.
    let status = byline()
        .args(["check", "--fix"])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success() || status.code() == Some(1));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        STORY.replace("Gerasimovis", "Gerasimov")
    );
}

#[test]
fn fix_killed_at_any_moment_leaves_the_story_either_old_or_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original, fixed) = big_story(dir.path());
    // Time one whole run, then kill runs at points spread over that time, the last
    // ones close to the end, where the write happens.
    let started = std::time::Instant::now();
    byline()
        .args(["check", "--fix", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    let whole = started.elapsed().as_millis() as u64;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    let mut outcomes = (0, 0);
    for percent in [0, 40, 80, 90, 95, 98, 100, 103] {
        let delay_ms = whole * percent / 100;
        std::fs::write(&path, &original).unwrap();
        let mut child = byline()
            .args(["check", "--fix", "--format", "json"])
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&path).unwrap();
        if now == original {
            outcomes.0 += 1;
        } else {
            assert!(
                now == fixed,
                "killed after {delay_ms} ms: the story is neither old nor fixed"
            );
            outcomes.1 += 1;
        }
        for stray in strays(dir.path(), &["story.md"]) {
            assert!(stray.starts_with(".byline-fix-"), "unexpected file {stray}");
        }
    }
    eprintln!(
        "whole run {whole} ms; kills: {} left the old story, {} the fixed one",
        outcomes.0, outcomes.1
    );
}

#[test]
fn house_kb_additions_from_racing_processes_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    let house = dir.path().join("house.toml");
    let existing = "[meta]\nsource = \"Desk style sheet\"\n\n[[entity]]\nid = \"desk-mayor\"\nkind = \"person\"\ntype = \"official\"\nname = \"Jane Q. Mayor\"\n";
    std::fs::write(&house, existing).unwrap();

    let names: Vec<String> = (0..12).map(|i| format!("Racer Number{i}")).collect();
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            byline()
                .args(["kb", "add", name, "--kind", "person", "--to"])
                .arg(&house)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }

    let entities = byline_kb::load::load_file(&house).expect("the house KB still parses");
    let kept: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        kept.contains(&"Jane Q. Mayor"),
        "the existing entry survives"
    );
    for name in &names {
        assert!(kept.contains(&name.as_str()), "{name} was lost: {kept:?}");
    }
    assert_eq!(entities.len(), names.len() + 1);
    assert!(std::fs::read_to_string(&house)
        .unwrap()
        .starts_with(existing));
}
