//! `alias_kinds` records (issue 18, "accepted spellings are recorded spellings"): every
//! importer says for each alias it writes what kind of spelling its source says it
//! is, and credits that source.

use byline_kb::{AliasKind, AliasRecord};

/// One record per (kind, source), in the order each pair first appears, with its
/// aliases in the order given.
pub fn group_alias_records<'a>(
    kinded: impl IntoIterator<Item = (&'a str, AliasKind, &'a str)>,
) -> Vec<AliasRecord> {
    let mut records: Vec<AliasRecord> = Vec::new();
    for (alias, kind, source) in kinded {
        match records
            .iter_mut()
            .find(|r| r.kind == kind && r.source == source)
        {
            Some(record) => record.aliases.push(alias.to_string()),
            None => records.push(AliasRecord {
                kind,
                source: source.to_string(),
                aliases: vec![alias.to_string()],
            }),
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_group_by_kind_and_source_in_first_seen_order() {
        let records = group_alias_records([
            ("A", AliasKind::Unstated, "list"),
            ("B", AliasKind::Official, "page"),
            ("C", AliasKind::Unstated, "list"),
            ("D", AliasKind::Unstated, "page"),
        ]);
        let summary: Vec<(AliasKind, &str, Vec<&str>)> = records
            .iter()
            .map(|r| {
                (
                    r.kind,
                    r.source.as_str(),
                    r.aliases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (AliasKind::Unstated, "list", vec!["A", "C"]),
                (AliasKind::Official, "page", vec!["B"]),
                (AliasKind::Unstated, "page", vec!["D"]),
            ]
        );
    }
}
