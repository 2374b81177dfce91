//! `inconsistent-spelling`: one person the KB does not know, spelled two ways in the
//! same story ("Abdullah al-Mansouri" … "al-Mansuri").
//!
//! KB entities are left alone: their accepted variants (Shoigu/Shoygu) are facts, not
//! slips. Unknown names are compared by edit distance and by a transliteration key.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use super::{CheckContext, Code, Diagnostic, Severity};
use byline_kb::normalize::transliteration_key;
use byline_kb::Category;

struct Spelling {
    cluster: usize,
    /// Folded last word, and the word as written.
    last: String,
    last_written: String,
    first: Option<String>,
    spans: Vec<Range<usize>>,
}

fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    // A plural or possessive is another word, not another spelling (Motor, Motors).
    if a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a) {
        return false;
    }
    let shorter = a.chars().count().min(b.chars().count());
    shorter >= 5
        && (strsim::damerau_levenshtein(a, b) <= 1
            || transliteration_key(a) == transliteration_key(b))
}

pub fn check(cx: &CheckContext, already_flagged: &[Range<usize>]) -> Vec<Diagnostic> {
    let mut spellings: HashMap<String, Spelling> = HashMap::default();
    for mention in cx.mentions {
        let cluster = &cx.clusters[mention.cluster];
        if cluster.entity.is_some() || cluster.category != Category::Person {
            continue;
        }
        let tokens = &cx.tokens[cx.tokens_in(&mention.span)];
        let Some(last) = tokens.last() else { continue };
        let entry = spellings
            .entry(last.folded.clone())
            .or_insert_with(|| Spelling {
                cluster: mention.cluster,
                last: last.folded.clone(),
                last_written: cx.text[last.span.clone()].to_string(),
                first: None,
                spans: Vec::new(),
            });
        if tokens.len() >= 2 {
            entry.first = Some(tokens[0].folded.clone());
        }
        entry.spans.push(last.span.clone());
    }
    let mut list: Vec<&Spelling> = spellings.values().collect();
    list.sort_by_key(|s| s.spans[0].start);
    let mut diagnostics = Vec::new();
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            let same_person = match (&a.first, &b.first) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            if !same_person
                || a.cluster == b.cluster && a.last == b.last
                || !similar(&a.last, &b.last)
            {
                continue;
            }
            // Report the rarer spelling; on a tie, the later one.
            let (keep, odd) = if b.spans.len() > a.spans.len() {
                (b, a)
            } else {
                (a, b)
            };
            for span in &odd.spans {
                if already_flagged
                    .iter()
                    .any(|f| f.start < span.end && span.start < f.end)
                {
                    continue;
                }
                let written = &cx.text[span.clone()];
                diagnostics.push(Diagnostic {
                    code: Code::InconsistentSpelling,
                    severity: Severity::Warning,
                    message: format!(
                        "'{written}' is spelled '{}' elsewhere in this story",
                        keep.last_written
                    ),
                    span: span.clone(),
                    suggestions: vec![keep.last_written.clone()],
                    entity: None,
                });
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn regression_plural_is_not_a_second_spelling() {
        assert!(!similar("motor", "motors"));
        assert!(similar("mansouri", "mansuri"));
        assert!(similar("abdallah", "abdalah"));
    }
}
