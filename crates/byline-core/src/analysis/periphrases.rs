//! Periphrases of countries ("the Islamic Republic" for Iran): a small data table,
//! `periphrases.tsv`, and the one rule that reads it — a periphrasis names the one
//! country of its list that the story names, and nothing when the story names none of
//! them or several.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use byline_kb::normalize::fold;
use byline_kb::{EntityId, Kb};

/// The table: folded periphrasis → the ISO codes of the countries it may stand for.
fn table() -> &'static HashMap<String, Vec<String>> {
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("periphrases.tsv")))
}

fn parse(text: &str) -> HashMap<String, Vec<String>> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (name, countries) = line.split_once('\t')?;
            let words: Vec<String> = byline_kb::words::word_strs(name).map(fold).collect();
            let codes = countries.split_whitespace().map(str::to_string).collect();
            Some((words.join(" "), codes))
        })
        .collect()
}

/// The KB country that `folded_words` (a mention's folded words joined by spaces)
/// stands for in a story naming `countries`, if it is a periphrasis of exactly one of
/// them.
pub fn country_for(folded_words: &str, countries: &HashSet<String>, kb: &Kb) -> Option<EntityId> {
    let candidates = table().get(folded_words)?;
    let mut named = candidates.iter().filter(|code| countries.contains(*code));
    let code = named.next()?;
    if named.next().is_some() {
        return None;
    }
    kb.country_entity(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_is_a_periphrasis_and_country_codes() {
        let text = include_str!("periphrases.tsv");
        let rows = text
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
        for row in rows {
            let (name, codes) = row.split_once('\t').expect("a tab after the periphrasis");
            assert!(!name.trim().is_empty(), "{row}");
            let codes: Vec<&str> = codes.split_whitespace().collect();
            assert!(!codes.is_empty(), "{row}");
            for code in codes {
                assert!(
                    code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()),
                    "{code} in {row:?} is not an ISO alpha-2 code"
                );
            }
        }
        assert_eq!(table()["islamic republic"], ["IR", "PK", "MR", "AF"]);
    }
}
