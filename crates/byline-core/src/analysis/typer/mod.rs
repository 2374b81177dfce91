//! The learned typer: the category of a capitalised name the KB does not know.
//!
//! A multiclass averaged perceptron (Collins 2002) over hashed sparse features of the
//! span and its neighbours: the words, their shapes and affixes, the words around,
//! the cue lists (titles, organisation and place words), what the KB says about each
//! word (a given name, a surname, a one-word place or organisation name) and the
//! rule-based guess of [`super::mentions`]. Trained on permissively licensed annotated
//! text (see `examples/train_typer.rs` and the README's data credits); the weights are
//! embedded in the binary, so typing is deterministic and needs no file at run time.
//!
//! A KB link keeps the KB's category: the typer only types what the KB does not link,
//! and says whether such a chunk is a name at all ([`Label::NotName`]: a title-case
//! subhead's "Weapon Systems", a sentence-initial ordinary word).

pub mod train;

use std::ops::Range;

use super::cues;
use super::tokens::Token;
use byline_kb::index::NamePart;
use byline_kb::lexicon::is_common_folded_word;
use byline_kb::{Category, Kb};

/// What the typer can say about a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Organization,
    Location,
    Other,
    /// Not a name: ordinary words in capitals.
    NotName,
}

impl Label {
    pub const ALL: [Label; 5] = [
        Label::Person,
        Label::Organization,
        Label::Location,
        Label::Other,
        Label::NotName,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The category a name of this label gets (`None` for [`Label::NotName`]).
    pub fn category(self) -> Option<Category> {
        match self {
            Label::Person => Some(Category::Person),
            Label::Organization => Some(Category::Organization),
            Label::Location => Some(Category::Location),
            Label::Other => Some(Category::Other),
            Label::NotName => None,
        }
    }

    pub fn of_category(category: Category) -> Label {
        match category {
            Category::Person => Label::Person,
            Category::Organization => Label::Organization,
            Category::Location => Label::Location,
            Category::Other => Label::Other,
        }
    }
}

/// Number of labels.
pub const LABELS: usize = Label::ALL.len();

/// Feature hashes are full 32-bit values; the weights fold them into `2^bits` buckets,
/// each with one weight per label, `bits` read off the weights' length. `BITS` is what
/// `examples/train_typer.rs` trains by default: 2^18 buckets of bytes are 1.3 MB of
/// binary, affordable since the compact KB encoding left the stripped binary at 58 MB of
/// its 64 MB budget; held-out span accuracy 0.799 against 0.788 with 2^16 (the default
/// until 2026-12-05, `train_typer --sweep`, README).
pub const BITS: u32 = 18;

/// The trained weights: `2^BITS × LABELS` signed bytes, bucket-major, written by
/// `examples/train_typer.rs`. Quantised from the averaged perceptron's weights by
/// [`train::quantise`]; only their order matters, so the scale is free.
static WEIGHTS: &[u8] = include_bytes!("weights.bin");

/// The weight of `feature` for `label` in `weights`: the feature's bucket is its hash
/// modulo the number of buckets the weights hold (zero when the file is empty, so the
/// rules alone type names before the first training).
fn weight(weights: &[u8], feature: u32, label: usize) -> i32 {
    let buckets = weights.len() / LABELS;
    if buckets == 0 {
        return 0;
    }
    debug_assert!(buckets.is_power_of_two());
    let at = (feature as usize & (buckets - 1)) * LABELS + label;
    i32::from(weights[at] as i8)
}

/// Scores of every label for `features` under `weights`.
pub fn scores(weights: &[u8], features: &[u32]) -> [i32; LABELS] {
    let mut out = [0; LABELS];
    for &f in features {
        for (label, score) in out.iter_mut().enumerate() {
            *score += weight(weights, f, label);
        }
    }
    out
}

/// The best label; ties go to the earlier label, so the choice is deterministic.
pub fn best(scores: &[i32; LABELS]) -> Label {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    Label::ALL[best]
}

/// A chunk to type: the name's token indices in the analysed tokens and text, whether
/// a title stands before it, and the rule-based category. One value for [`classify`] at
/// run time and [`features`] in training, so both read the chunk the same way.
#[derive(Debug, Clone)]
pub struct Chunk<'a> {
    pub tokens: &'a [Token],
    pub text: &'a str,
    pub name: Range<usize>,
    pub has_title: bool,
    /// The rules' category, which the model weighs with everything else and which
    /// stands when no weights are built in.
    pub rule: Category,
}

/// How far `other` must score above the best named label for an unknown name to be
/// typed `other`, in the weights' quantised units (a feature's weight is one signed
/// byte). The perceptron learned `other` from every corpus's MISC spans, and in
/// Re-DocRED's held-out split 12 % of the names it could not link were typed `other`
/// though they were places, organisations or people ("Podolia", "Rhodesia",
/// "Howards Alias"): a wrong colour is worse for a reader than no colour only when the
/// name is no person, organisation or place at all, which a close call seldom is.
/// Chosen on CrossNER politics' held-out split alone: the largest of 0, 15, 30, 45,
/// 80 and 150 before its typed F1 fell (0.714 up to 30, 0.713 at 45); reported on the
/// others (README, issue 20).
const OTHER_MARGIN: i32 = 30;

/// The label of the unknown chunk.
pub fn classify(kb: &Kb, chunk: &Chunk) -> Label {
    if WEIGHTS.is_empty() {
        return Label::of_category(chunk.rule);
    }
    let mut scores = scores(WEIGHTS, &features(kb, chunk));
    scores[Label::Other.index()] -= OTHER_MARGIN;
    best(&scores)
}

/// FNV-1a over a template name and a value: one feature's bucket.
fn hash(template: &str, value: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in template.bytes().chain([0xff]).chain(value.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    // Fold the high bits in: FNV's low bits alone mix poorly. The bucket is taken where
    // the weights are read, so one set of features serves any number of buckets.
    (h ^ (h >> 32)) as u32
}

/// "Xx", "X.X.", "xd": the word's letters as case classes, runs collapsed.
fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !out.ends_with(class) {
            out.push(class);
        }
    }
    out
}

fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

fn suffix(word: &str, n: usize) -> &str {
    let count = word.chars().count();
    if count <= n {
        return word;
    }
    word.char_indices()
        .nth(count - n)
        .map_or(word, |(i, _)| &word[i..])
}

fn category_name(category: Category) -> &'static str {
    match category {
        Category::Person => "per",
        Category::Organization => "org",
        Category::Location => "loc",
        Category::Other => "oth",
    }
}

/// Words a title-case headline leaves in lower case ("Talks with Iran on Weapons").
pub const HEADLINE_LOWER: &[&str] = &[
    "a", "an", "as", "at", "by", "in", "to", "or", "but", "nor", "with", "from", "into", "over",
    "per", "via", "vs", "up", "off", "is", "are", "be",
];

/// How far, in tokens, [`title_case_sentence`] looks either side of a name.
const SENTENCE_REACH: usize = 48;

/// Whether the sentence around `name` is in title case: a headline or subhead
/// ("Russian Weapon Systems for Iran"), where a capital says nothing about a name, so
/// the typer must judge the words themselves. At least three words other than the
/// ones headlines leave in lower case, every one of them capitalised.
pub fn title_case_sentence(tokens: &[Token], name: Range<usize>) -> bool {
    let block = tokens[name.start].block;
    let mut start = name.start;
    while start > 0
        && name.start - start < SENTENCE_REACH
        && !tokens[start].sentence_start
        && tokens[start - 1].block == block
    {
        start -= 1;
    }
    let mut end = name.end;
    while end < tokens.len()
        && end - name.end < SENTENCE_REACH
        && !tokens[end].sentence_start
        && tokens[end].block == block
    {
        end += 1;
    }
    let mut words = 0;
    for t in &tokens[start..end] {
        let alphabetic = t.folded.chars().next().is_some_and(char::is_alphabetic);
        if !alphabetic
            || t.folded.chars().count() < 2
            || cues::is_connector(&t.folded)
            || HEADLINE_LOWER.contains(&t.folded.as_str())
        {
            continue;
        }
        if !t.capitalized {
            return false;
        }
        words += 1;
    }
    words >= 3
}

/// At most this many KB postings of one word are read: enough to say what the word
/// usually is, and a bound on the time a very common name word costs.
const MAX_POSTINGS: usize = 24;

/// The hashed features of `chunk`.
pub fn features(kb: &Kb, chunk: &Chunk) -> Vec<u32> {
    let Chunk {
        tokens,
        text,
        ref name,
        has_title,
        rule,
    } = *chunk;
    let name = name.clone();
    let mut out = Vec::with_capacity(48 + 24 * name.len());
    let mut add = |template: &str, value: &str| out.push(hash(template, value));
    let words = &tokens[name.clone()];
    let block = words[0].block;
    add("bias", "");
    add("rule", category_name(rule));
    add("len", &name.len().min(5).to_string());
    add("title", if has_title { "y" } else { "n" });
    add("start", if words[0].sentence_start { "y" } else { "n" });
    // In a title-case headline capitals carry nothing: the model weighs the words'
    // commonness and KB evidence there on their own (conjoined features, as the
    // perceptron is linear). `train_typer` title-cases some training text to teach it.
    let headline = title_case_sentence(tokens, name.clone());
    if headline {
        add("tc", "");
        add("tc_rule", category_name(rule));
        add("tc_len", &name.len().min(5).to_string());
    }
    let mut span_shape = String::new();
    for (k, t) in words.iter().enumerate() {
        let written = &text[t.span.clone()];
        let word_shape = shape(written);
        if k < 4 {
            span_shape.push_str(&word_shape);
            span_shape.push(' ');
        }
        add("w", &t.folded);
        add("sh", &word_shape);
        add("suf3", suffix(&t.folded, 3));
        if is_common_folded_word(t.folded.trim_end_matches('.')) {
            add("common", "");
            if headline {
                add("tc_common", "");
            }
        }
        if headline && kb.is_name_word(&t.folded) {
            add("tc_kbword", "");
        }
        for (flag, on) in [
            ("orgw", cues::is_organization_word(&t.folded)),
            ("locw", cues::is_location_word(&t.folded)),
            ("titlew", cues::is_person_title(&t.folded)),
            ("deptw", cues::is_department_word(&t.folded)),
            ("conn", cues::is_connector(&t.folded)),
            ("month", cues::is_month(&t.folded)),
        ] {
            if on {
                add(flag, "");
            }
        }
        // What the KB says the word is: one feature per (part, category) seen.
        let mut seen = 0u16;
        for posting in kb.token_postings(&t.folded).iter().take(MAX_POSTINGS) {
            let part = match posting.part {
                NamePart::Given => 0,
                NamePart::Surname => 1,
                NamePart::Whole => 2,
            };
            let category = Label::of_category(kb.entity(posting.entity).category()).index();
            seen |= 1 << (part * 4 + category);
        }
        let position = if k == 0 {
            "first"
        } else if k + 1 == words.len() {
            "last"
        } else {
            "mid"
        };
        for bit in 0..12 {
            if seen & (1 << bit) != 0 {
                let key = format!("{bit}");
                add("kb", &key);
                add(position, &key);
            }
        }
        if seen == 0 && kb.is_name_word(&t.folded) {
            add("kbword", position);
        }
    }
    add("ss", &span_shape);
    let first = &words[0];
    let last = &words[words.len() - 1];
    add("fw", &first.folded);
    add("lw", &last.folded);
    add("fpre3", prefix(&first.folded, 3));
    add("lsuf3", suffix(&last.folded, 3));
    add("lsuf4", suffix(&last.folded, 4));
    if words.len() == 1 && first.all_caps {
        add("acronym", "");
    }
    // Neighbours in the same block.
    let before = |d: usize| {
        name.start
            .checked_sub(d)
            .map(|b| &tokens[b])
            .filter(|t| t.block == block)
    };
    let after = |d: usize| tokens.get(name.end + d - 1).filter(|t| t.block == block);
    fn word_or_edge(t: Option<&Token>) -> &str {
        t.map_or("<edge>", |t| t.folded.as_str())
    }
    add("p1", word_or_edge(before(1)));
    add("p2", word_or_edge(before(2)));
    add("n1", word_or_edge(after(1)));
    add("n2", word_or_edge(after(2)));
    add(
        "p1n1",
        &format!("{} {}", word_or_edge(before(1)), word_or_edge(after(1))),
    );
    if let Some(p) = before(1) {
        add("p1cap", if p.capitalized { "y" } else { "n" });
    }
    if let Some(n) = after(1) {
        add("n1cap", if n.capitalized { "y" } else { "n" });
    }
    // The first non-space character after the name: "(", ",", "'s" and the like.
    let next_char = text[last.span.end..]
        .chars()
        .find(|c| !c.is_whitespace())
        .map_or(String::new(), String::from);
    let gap_after = after(1).map_or("", |n| &text[last.span.end..n.span.start]);
    add("gap", gap_after.trim());
    add("nx", &next_char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_weights_fill_a_power_of_two_of_buckets() {
        let buckets = WEIGHTS.len() / LABELS;
        assert_eq!(WEIGHTS.len() % LABELS, 0);
        assert!(WEIGHTS.is_empty() || buckets.is_power_of_two());
    }

    #[test]
    fn a_feature_reads_its_bucket_modulo_the_weights_length() {
        // Two buckets of weights: feature 3 reads bucket 1, feature 4 bucket 0.
        let mut weights = vec![0u8; 2 * LABELS];
        weights[LABELS + Label::Location.index()] = 5;
        weights[Label::Person.index()] = (-3i8) as u8;
        assert_eq!(weight(&weights, 3, Label::Location.index()), 5);
        assert_eq!(weight(&weights, 4, Label::Person.index()), -3);
        assert_eq!(weight(&[], 4, 0), 0);
    }

    #[test]
    fn shapes_collapse_runs_of_one_class() {
        assert_eq!(shape("Tehran"), "Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("F-16"), "X-d");
    }

    #[test]
    fn affixes_count_characters_not_bytes() {
        assert_eq!(suffix("zürich", 3), "ich");
        assert_eq!(prefix("zürich", 3), "zür");
        assert_eq!(suffix("un", 3), "un");
    }

    fn tokens_of(text: &str) -> Vec<Token> {
        use crate::prose::{extract, Format};
        super::super::tokens::tokenize(&extract(text, Format::PlainText))
    }

    #[test]
    fn a_title_case_subhead_is_a_headline_and_a_sentence_is_not() {
        let subhead =
            tokens_of("Russian Weapon Systems for Iran\n\nMoscow has offered air defences.");
        assert!(title_case_sentence(&subhead, 1..3));
        // The next block is an ordinary sentence.
        let moscow = subhead
            .iter()
            .position(|t| t.folded == "moscow")
            .expect("Moscow");
        assert!(!title_case_sentence(&subhead, moscow..moscow + 1));
        let sentence = tokens_of("Officials said Harlan Group met on Monday.");
        assert!(!title_case_sentence(&sentence, 2..4));
        // Two capitalised words are a name, not yet a headline.
        assert!(!title_case_sentence(&tokens_of("Harlan Group"), 0..2));
        assert!(title_case_sentence(
            &tokens_of("Talks With Harlan Group End"),
            2..4
        ));
    }

    #[test]
    fn a_chunks_title_and_rule_are_among_its_features() {
        let tokens = tokens_of("Officials said Harlan Group met on Monday.");
        let kb = Kb::empty();
        let chunk = Chunk {
            tokens: &tokens,
            text: "Officials said Harlan Group met on Monday.",
            name: 2..4,
            has_title: false,
            rule: Category::Organization,
        };
        let plain = features(&kb, &chunk);
        let titled = features(
            &kb,
            &Chunk {
                has_title: true,
                ..chunk.clone()
            },
        );
        let as_person = features(
            &kb,
            &Chunk {
                rule: Category::Person,
                ..chunk.clone()
            },
        );
        assert_eq!(plain, features(&kb, &chunk));
        assert!(plain.contains(&hash("title", "n")) && titled.contains(&hash("title", "y")));
        assert!(plain.contains(&hash("rule", "org")) && as_person.contains(&hash("rule", "per")));
        assert!(plain.contains(&hash("w", "harlan")) && plain.contains(&hash("lw", "group")));
        assert_eq!(
            classify(&kb, &chunk),
            best(&scores(WEIGHTS, &plain)),
            "classify scores the chunk's features"
        );
    }

    #[test]
    fn the_best_label_breaks_ties_towards_the_earlier_label() {
        assert_eq!(best(&[1, 3, 3, 0, 0]), Label::Organization);
    }

    #[test]
    fn the_built_in_weights_cover_every_bucket_and_label() {
        assert_eq!(WEIGHTS.len(), (1 << BITS) * LABELS);
    }
}
