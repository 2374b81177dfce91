//! How many of 100 newsmakers of 2023–2026 the default KB knows. The list
//! (`tests/fixtures/newsmakers-2023-2026.tsv`) was written before the KB's newsmaker
//! sources were imported or curated and is never edited, so the figure measures the
//! KB's breadth on names chosen without looking at it. A name counts as known when
//! its folded name is a name or alias of a KB entity (`byline kb lookup` finds it
//! exactly). The floor guards against a KB change that loses people; raise it as the
//! KB grows.

use byline_kb::index::{key_of, name_tokens};

/// Known today: all 100 (Bassirou Diomaye Faye and Anura Kumara Dissanayake, the last two,
/// came with the CIA World Factbook import).
const FLOOR: usize = 100;

#[test]
fn the_default_kb_knows_the_newsmakers_listed_before_import() {
    let kb = byline_default_kb::default_kb().expect("default KB loads");
    let list = include_str!("fixtures/newsmakers-2023-2026.tsv");
    let names: Vec<&str> = list
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1) // the header
        .filter_map(|line| line.split('\t').next())
        .collect();
    assert_eq!(names.len(), 100, "the list has 100 names");
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| kb.names_get(&key_of(&name_tokens(name))).is_empty())
        .collect();
    let known = names.len() - missing.len();
    println!(
        "newsmakers known: {known} of {} (missing: {missing:?})",
        names.len()
    );
    assert!(
        known >= FLOOR,
        "{known} of 100 known, floor {FLOOR}; missing: {missing:?}"
    );
}
