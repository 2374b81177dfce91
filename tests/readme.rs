//! The README's examples of `byline` output are the binary's real output, so they cannot
//! drift from it (issue 22: the JSON example once no longer matched the example story).
//!
//! Each example sits between two markers in README.md:
//!
//! ````markdown
//! <!-- output: byline check --format json examples/moscow-talks.md -->
//! ```json
//! …exactly what that command prints on standard output…
//! ```
//! <!-- /output -->
//! ````
//!
//! The marker holds the command (arguments split on whitespace, run from the repository
//! root with `NO_COLOR` set, so no quoting and no colour). The block's fence keeps its
//! language; a `console` block starts with `$ ` and the command, as a reader would type
//! it. The stories the examples run on carry a date in their front matter, so nothing in
//! the output changes from one day to the next.
//!
//! After a change to the output, regenerate the examples and review the diff:
//!
//! ```sh
//! BYLINE_BLESS=1 cargo test --test readme
//! ```

use std::path::Path;
use std::process::Command;

const OPEN: &str = "<!-- output: ";
const CLOSE: &str = "<!-- /output -->";

/// One example: where its block lies in the README and what it should hold.
struct Example {
    command: String,
    /// Byte range of the text between the opening marker's line and the closing marker.
    body: std::ops::Range<usize>,
    language: String,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = readme[from..].find(OPEN) {
        let open = from + at;
        let line_end = open + readme[open..].find('\n').expect("marker line ends");
        let command = readme[open + OPEN.len()..line_end]
            .trim()
            .strip_suffix("-->")
            .unwrap_or_else(|| panic!("unterminated marker at byte {open}"))
            .trim()
            .to_string();
        let body_start = line_end + 1;
        let close = body_start
            + readme[body_start..]
                .find(CLOSE)
                .unwrap_or_else(|| panic!("no {CLOSE} after `{command}`"));
        let fence_line = readme[body_start..].lines().next().unwrap_or("");
        let language = fence_line
            .strip_prefix("```")
            .unwrap_or_else(|| panic!("`{command}`: the marker must be followed by a ``` fence"))
            .to_string();
        found.push(Example {
            command,
            body: body_start..close,
            language,
        });
        from = close + CLOSE.len();
    }
    found
}

/// The block the README should hold for `example`: the command's real output, fenced.
fn rendered(root: &Path, example: &Example) -> String {
    let mut words = example.command.split_whitespace();
    assert_eq!(
        words.next(),
        Some("byline"),
        "an example runs byline: `{}`",
        example.command
    );
    let output = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(words)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run byline");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert!(
        !stdout.trim().is_empty(),
        "`{}` printed nothing (stderr: {})",
        example.command,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut block = format!("```{}\n", example.language);
    if example.language == "console" {
        block.push_str(&format!("$ {}\n", example.command));
    }
    block.push_str(&stdout);
    if !stdout.ends_with('\n') {
        block.push('\n');
    }
    block.push_str("```\n");
    block
}

#[test]
fn every_readme_output_example_is_what_the_binary_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("README.md");
    let readme = std::fs::read_to_string(&path).expect("read README.md");
    let found = examples(&readme);
    // Human, JSON and GitHub output at least (README "Formats" and "In CI").
    assert!(
        found.len() >= 3,
        "{} output examples in README.md",
        found.len()
    );

    let bless = std::env::var_os("BYLINE_BLESS").is_some();
    let mut updated = readme.clone();
    let mut stale = Vec::new();
    // From the last, so the earlier byte ranges stay right while replacing.
    for example in found.iter().rev() {
        let want = rendered(root, example);
        if readme[example.body.clone()] != want {
            stale.push(format!(
                "`{}`\n--- README.md\n{}--- the binary\n{}",
                example.command,
                &readme[example.body.clone()],
                want
            ));
            updated.replace_range(example.body.clone(), &want);
        }
    }
    if bless {
        if updated != readme {
            std::fs::write(&path, updated).expect("write README.md");
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "README.md examples differ from the binary's output (regenerate with \
         `BYLINE_BLESS=1 cargo test --test readme` and review the diff):\n\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_marker_parser_finds_each_command_and_its_fenced_block() {
    let text = "intro\n<!-- output: byline check a.md -->\n```console\n$ x\n```\n<!-- /output -->\nmid\n\
                <!-- output: byline check --format json a.md -->\n```json\n{}\n```\n<!-- /output -->\n";
    let found = examples(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].command, "byline check a.md");
    assert_eq!(found[0].language, "console");
    assert_eq!(&text[found[0].body.clone()], "```console\n$ x\n```\n");
    assert_eq!(found[1].command, "byline check --format json a.md");
    assert_eq!(found[1].language, "json");
}
