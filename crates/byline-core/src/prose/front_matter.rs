//! YAML (`---`) and TOML (`+++`) front matter at the top of a story.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

pub struct FrontMatter {
    /// The whole block, fences included.
    pub range: Range<usize>,
    /// Where the `date` value is written (`2021-10-21`), as a byte span of the story:
    /// prose only finds it, the analysis reads it as a date, and an editor can replace it.
    pub date: Option<Range<usize>>,
}

/// Finds front matter at the very start of `text`.
pub fn find(text: &str) -> Option<FrontMatter> {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != fence {
        return None;
    }
    let mut offset = first_line_end + 1;
    for line in text[offset..].split_inclusive('\n') {
        let end = offset + line.len();
        if line.trim_end() == fence {
            let body_start = first_line_end + 1;
            let date = date_in(&text[body_start..offset])
                .map(|found| found.start + body_start..found.end + body_start);
            return Some(FrontMatter {
                range: 0..end,
                date,
            });
        }
        offset = end;
    }
    None
}

/// The span of the `date` value in `body`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the start
/// of an ISO timestamp.
fn date_in(body: &str) -> Option<Range<usize>> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let date = DATE.get_or_init(|| {
        Regex::new(r#"(?m)^date\s*[:=]\s*["']?(\d{4}(?:-\d{2}(?:-\d{2})?)?)"#)
            .expect("date regex is valid")
    });
    Some(date.captures(body)?.get(1)?.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter_give_the_story_date() {
        let yaml = "---\ntitle: x\ndate: 2021-10-21\n---\nBody";
        let found = find(yaml).unwrap();
        assert_eq!(&yaml[found.range.end..], "Body");
        assert_eq!(&yaml[found.date.unwrap()], "2021-10-21");
        let toml = "+++\ndate = \"2020-01-02T10:00:00Z\"\n+++\n";
        assert_eq!(&toml[find(toml).unwrap().date.unwrap()], "2020-01-02");
    }

    #[test]
    fn a_horizontal_rule_without_closing_fence_is_not_front_matter() {
        assert!(find("---\nno end").is_none());
        assert!(find("----\n").is_none());
    }
}
