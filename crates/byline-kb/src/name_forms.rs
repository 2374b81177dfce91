//! Spellings of one given name or surname across romanisations ("Prigozhin",
//! "Prigojin", "Prigoschin", "Prigožin"), so that the analysis can tell a known form
//! of a KB person's name from a slip. The default KB embeds the table
//! `scripts/kb/name_forms.py` writes from rigour's name groups
//! (`kb/script-generated/name-forms.txt`): one name a line, its forms separated by
//! ", ", '#' lines comments.
//!
//! The table is kept as text and indexed on first use, so a run that never asks pays
//! nothing at start-up.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::fold;

/// A table of name groups, borrowed from its text.
pub struct NameForms {
    text: &'static str,
    /// Folded form → the byte offsets of the lines (groups) that hold it.
    index: OnceLock<HashMap<String, Vec<u32>>>,
}

impl NameForms {
    /// The table in `text` (the format above); nothing is parsed until a lookup.
    pub fn new(text: &'static str) -> NameForms {
        NameForms {
            text,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &HashMap<String, Vec<u32>> {
        self.index.get_or_init(|| {
            let mut index: HashMap<String, Vec<u32>> = HashMap::new();
            let mut offset = 0usize;
            for line in self.text.split_inclusive('\n') {
                let start = offset;
                offset += line.len();
                if line.starts_with('#') {
                    continue;
                }
                for form in forms_of_line(line) {
                    let groups = index.entry(fold(form)).or_default();
                    if groups.last() != Some(&(start as u32)) {
                        groups.push(start as u32);
                    }
                }
            }
            index
        })
    }

    /// Every group that holds `word` (compared folded: "Prigozhin", "PRIGOŽIN"), each
    /// as its forms in the table's spelling (lowercase). Usually one; a spelling two
    /// names share ("maria" of Maria and of María) is in each. Empty when no group
    /// holds the word.
    pub fn groups(&self, word: &str) -> Vec<Vec<&'static str>> {
        let Some(starts) = self.index().get(&fold(word)) else {
            return Vec::new();
        };
        starts
            .iter()
            .map(|&start| {
                let rest = &self.text[start as usize..];
                let line = rest.split('\n').next().unwrap_or(rest);
                forms_of_line(line).collect()
            })
            .collect()
    }

    /// Whether `a` and `b` are recorded spellings of one name ("Prigozhin",
    /// "Prigoschin"): some group holds both, case and diacritics aside.
    pub fn same_name(&self, a: &str, b: &str) -> bool {
        // Two forms share a group when their lists of group offsets share one (the
        // slip search asks this for every candidate, and a common name's group has a
        // hundred forms to fold).
        let index = self.index();
        let (Some(of_a), Some(of_b)) = (index.get(&fold(a)), index.get(&fold(b))) else {
            return false;
        };
        of_a.iter().any(|group| of_b.contains(group))
    }

    /// The number of groups in the table.
    pub fn len(&self) -> usize {
        self.text
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn forms_of_line(line: &str) -> impl Iterator<Item = &str> {
    line.trim_end_matches(['\n', '\r'])
        .split(", ")
        .map(str::trim)
        .filter(|form| !form.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# comment, not a group\n\
        prigojin, prigoschin, prigozhin, prigožin\n\
        maria, mariya, marija\n\
        maria, mária\n";

    #[test]
    fn every_recorded_form_finds_its_group_case_and_diacritics_aside() {
        let table = NameForms::new(TABLE);
        let groups = table.groups("Prigoschin");
        assert_eq!(
            groups,
            [vec!["prigojin", "prigoschin", "prigozhin", "prigožin"]]
        );
        assert_eq!(table.groups("PRIGOZIN"), groups, "folded: ž is z");
        assert!(table.same_name("Prigozhin", "Prigojin"));
        assert!(
            !table.same_name("Prigozhin", "Prigozhni"),
            "a slip is no form"
        );
        assert!(!table.same_name("Prigozhin", "Mariya"));
        assert_eq!(table.groups("maria").len(), 2);
        assert!(table.groups("comment").is_empty());
        assert!(table.groups("Prigozhn").is_empty());
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn forms_are_one_name_only_when_one_group_holds_both() {
        let table = NameForms::new(TABLE);
        assert!(
            table.same_name("Maria", "Mária"),
            "the second group of maria"
        );
        assert!(table.same_name("Mariya", "Marija"));
        assert!(
            !table.same_name("Prigojin", "Marija"),
            "each has a group, not the same one"
        );
        assert!(table.same_name("Prigožin", "PRIGOZIN"));
    }
}
