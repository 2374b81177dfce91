//! `misspelled-name` for slips of *form*, not of letters: the written letters are a KB
//! name's, but the spaces, hyphens or capitals are not where any source puts them —
//! "Ron De Santis" (DeSantis), "Space X" (SpaceX), "Shinbet" (Shin Bet), "Tsai Ingwen"
//! (Ing-wen), "the Irgc" (IRGC), "Bae Systems" (BAE Systems).
//!
//! The letter-slip search (`misspelled_name.rs`) cannot see these: it looks at one word
//! at a time, and a word whose letters a KB name has is "recorded" there. Two rules here:
//!
//! - **separators**: a run of up to three words that, with its spaces and hyphens moved,
//!   is a KB name or vetted alias (or a person's surname), when the run as written is
//!   no recorded spelling of anything;
//! - **capitals**: a KB acronym written in title or lower case when that form is no
//!   English word, no recorded spelling and no other entity's name ("Irgc"), and a word
//!   of a linked name written with fewer capitals inside it than every source writes it
//!   ("Bae" of BAE Systems, "Mckinsey").
//!
//! A person's name is a finding only when the story points at the person (see
//! [`person_fits`]): a run of words that happens to join into a surname is as often
//! someone else's name.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use super::misspelled_name::joined;
use super::{CheckContext, Code, Diagnostic, Severity};
use crate::analysis::tokens::Token;
use crate::text::word_list::WordList;
use byline_kb::index::{surnames_of, FormKind, NameTarget};
use byline_kb::lexicon::is_common_folded_word;
use byline_kb::normalize::fold;
use byline_kb::words::words;
use byline_kb::{Category, Entity, EntityId, Kb};

/// Three-letter English words, which `is_common_folded_word` (four letters or more)
/// leaves out: "Who" is no slip of WHO.
static THREE_LETTER_WORDS: WordList = WordList::new(include_str!(
    "../../../data/form-slips/three-letter-words.txt"
));

/// Whether `folded` is a common English word, of any length.
fn is_english_word(folded: &str) -> bool {
    is_common_folded_word(folded) || THREE_LETTER_WORDS.contains(folded)
}

/// The longest run of written words tried as one name: "Port-au Prince" is two words,
/// and no KB name joins more than three without a separator somewhere.
const MAX_RUN: usize = 3;

/// Separators a name's words may be joined by. Not the apostrophe: "Qaim" for Qā’im,
/// "Ohara" for O'Hara are other names as often as slips.
const SEPARATORS: [&str; 2] = [" ", "-"];

/// Prominence from which a place is one whose name, joined or split otherwise, is a
/// slip: countries and capitals. Towns joined or split otherwise are mostly other
/// places ("Mill Creek" and Millcreek, "West End" and Westend, "New Market" and
/// Newmarket: 9 false findings on the clean corpora).
const PROMINENT_PLACE: f32 = 0.8;

/// Word-final consonant clusters of English (see the data file).
static FINAL_CLUSTERS: WordList =
    WordList::new(include_str!("../../../data/form-slips/final-clusters.txt"));

pub fn check(cx: &CheckContext) -> Vec<Diagnostic> {
    let mut found = separator_slips(cx);
    for finding in case_slips(cx) {
        if !found.iter().any(|d| overlaps(&d.span, &finding.span)) {
            found.push(finding);
        }
    }
    found.sort_by_key(|d| d.span.start);
    found
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn finding(cx: &CheckContext, span: Range<usize>, entity: EntityId, fix: String) -> Diagnostic {
    let written = &cx.text[span.clone()];
    Diagnostic {
        code: Code::MisspelledName,
        severity: Severity::Warning,
        message: format!(
            "'{written}' looks like a misspelling of {}",
            cx.kb.entity(entity).name
        ),
        span,
        suggestions: vec![fix],
        entity: Some(entity),
    }
}

/// Whether the folded name key `key` (words joined by spaces) is a spelling some source
/// records, of any entity: as a name or alias, a surname, or one name word.
fn is_recorded(kb: &Kb, key: &str) -> bool {
    kb.names_get(key).iter().any(|t| t.form != FormKind::Banned)
        || (!key.contains(' ') && kb.has_token(key))
}

/// The specification [`respacings_named`] is tested against, a key at a time.
/// The keys the folded words `words` could be, written with other separators: for
/// several words, each gap closed, hyphenated or kept (not all kept: that is the run
/// as written); for one word, its hyphens and apostrophes dropped, or one separator
/// put between two of its letters.
#[cfg(test)]
fn respaced(words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if let [word] = words {
        let compact: String = word.chars().filter(|&c| c != '-').collect();
        if compact != *word {
            out.push(compact);
        } else {
            let chars: Vec<char> = word.chars().collect();
            // Two letters or more on each side: a one-letter part is an initial.
            for cut in MIN_SPLIT_PART..(chars.len() + 1).saturating_sub(MIN_SPLIT_PART) {
                let (head, tail): (String, String) =
                    (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                out.extend(SEPARATORS.iter().map(|s| format!("{head}{s}{tail}")));
            }
        }
        return out;
    }
    let gaps = words.len() - 1;
    let choices = JOINERS;
    for mut code in 0..choices.len().pow(gaps as u32) {
        let mut key = words[0].to_string();
        let mut all_kept = true;
        for word in &words[1..] {
            let choice = choices[code % choices.len()];
            code /= choices.len();
            all_kept &= choice == " ";
            key.push_str(choice);
            key.push_str(word);
        }
        if !all_kept {
            out.push(key);
        }
    }
    out
}

/// The words of `form` a source writes for the folded key `key`, with the form's own
/// separators and capitals ("DeSantis" of "Ron DeSantis" for "desantis").
fn recorded_words(form: &str, key: &str) -> Option<String> {
    let ranges: Vec<Range<usize>> = words(form).collect();
    (0..ranges.len()).find_map(|start| {
        (start..ranges.len()).find_map(|end| {
            let text = &form[ranges[start].start..ranges[end].end];
            (fold(text) == key).then(|| text.to_string())
        })
    })
}

/// The spelling of `entity` a source accepts for `key`: from its accepted names and
/// aliases, then the surnames of those.
fn accepted_form(entity: &Entity, key: &str) -> Option<String> {
    entity
        .accepted_spellings()
        .find_map(|form| recorded_words(form, key))
        .or_else(|| {
            entity
                .accepted_spellings()
                .flat_map(surnames_of)
                .find(|s| fold(s) == key)
        })
}

/// Whether the story points at the person `entity` for a run of tokens `run`: a word
/// right beside the run is another word of one of the person's names ("Ron" before "De
/// Santis", "Tsai" before "Ingwen"), another mention in the story is the person, or the
/// story names an organisation the person held a role in ("Kering" for Luca de Meo).
fn person_fits(cx: &CheckContext, run: &Range<usize>, entity: EntityId, key: &str) -> bool {
    let e = cx.kb.entity(entity);
    let name_words: Vec<String> = e
        .accepted_spellings()
        .flat_map(byline_kb::words::word_strs)
        .map(fold)
        .filter(|w| !key.split(' ').any(|k| k == w))
        .collect();
    let beside = |i: usize| {
        let t: &Token = &cx.tokens[i];
        t.capitalized && name_words.contains(&t.folded)
    };
    let before = run.start > 0 && joined(cx, run.start - 1, run.start) && beside(run.start - 1);
    let after = run.end < cx.tokens.len()
        && joined(cx, run.end - 1, run.end)
        && !cx.tokens[run.end].sentence_start
        && beside(run.end);
    let span = cx.tokens[run.start].span.start..cx.tokens[run.end - 1].span.end;
    let named_elsewhere = cx
        .mentions
        .iter()
        .any(|m| m.entity == Some(entity) && !overlaps(&m.span, &span));
    let employer_named = || {
        let employers: Vec<String> = e
            .roles
            .iter()
            .map(|r| fold(&r.organization))
            .filter(|o| !o.is_empty())
            .collect();
        cx.entities_in_story()
            .any(|id| employers.contains(&fold(&cx.kb.entity(id).name)))
    };
    before || after || named_elsewhere || employer_named()
}

/// What the KB says of one run of written words, whatever the story around it: the
/// respacings of the run that some entity records, each with the entities whose
/// accepted spelling it is. Kept in [`super::Memo`] ([`FormSlipCache`]) so a keystroke looks the KB up only
/// for runs it changed: with up to a dozen respacings a word, a 5,000-word story asks
/// the name index some 15,000 times (17.9 ms a keystroke, against 5 ms, before this).
/// Also kept: the words of an entity's accepted spellings that fold to a written word
/// ([`recorded_words_of`]), asked for every word of every linked mention.
#[derive(Debug, Default)]
pub struct FormSlipCache {
    runs: HashMap<RunKey, Vec<Respacing>>,
    recorded: HashMap<(EntityId, String), Vec<String>>,
}

/// A run as the KB sees it: its folded words joined by spaces, and the folded word
/// before it when that word is capitalised and joined to it (for full names whose
/// first word is written beside the run, see [`respacings`]).
type RunKey = (String, Option<String>);

/// One respacing of a run that names entities: the folded key, and per entity the
/// spelling a source accepts for it.
#[derive(Debug, Clone)]
struct Respacing {
    key: String,
    targets: Vec<(EntityId, String)>,
}

impl FormSlipCache {
    /// Entries past which a map starts again, so a long session stays bounded.
    pub(super) const LIMIT: usize = 50_000;

    pub(super) fn bound(&mut self) {
        if self.runs.len() > Self::LIMIT {
            self.runs.clear();
        }
        if self.recorded.len() > Self::LIMIT {
            self.recorded.clear();
        }
    }
}

/// Separator slips: runs of one to three words starting at a capitalised word, joined
/// by spaces only, that are no recorded spelling but a KB name with the separators
/// moved. The longest run starting at a word wins, and a run inside an earlier finding
/// is not tried.
fn separator_slips(cx: &CheckContext) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut cache = cx.memo.form_slips();
    let mut next_free = 0;
    for start in 0..cx.tokens.len() {
        let first = &cx.tokens[start];
        if start < next_free || !first.capitalized || first.all_caps {
            continue;
        }
        // One word: long enough to be a name and no English word ("Cannot").
        let single_ok = first.folded.chars().count() >= 4 && !is_common_folded_word(&first.folded);
        let previous =
            (start > 0 && joined(cx, start - 1, start) && cx.tokens[start - 1].capitalized)
                .then(|| cx.tokens[start - 1].folded.clone());
        let mut best = None;
        for end in start + 1..=(start + MAX_RUN).min(cx.tokens.len()) {
            if end > start + 1 {
                let last = &cx.tokens[end - 1];
                if !joined(cx, end - 2, end - 1) || last.sentence_start || !last.capitalized {
                    break;
                }
            } else if !single_ok {
                continue;
            }
            let folded: Vec<&str> = cx.tokens[start..end]
                .iter()
                .map(|t| t.folded.as_str())
                .collect();
            let written_key = folded.join(" ");
            let run_key = (written_key, previous.clone());
            let found = cache
                .runs
                .entry(run_key)
                .or_insert_with_key(|(written_key, previous)| {
                    respacings(cx.kb, &folded, written_key, previous.as_deref())
                });
            for respacing in found.iter() {
                if let Some(hit) = separator_target(cx, &(start..end), respacing, &folded) {
                    best = Some((end, hit));
                }
            }
        }
        if let Some((end, (entity, fix))) = best {
            let span = first.span.start..cx.tokens[end - 1].span.end;
            out.push(finding(cx, span, entity, fix));
            next_free = end;
        }
    }
    out
}

/// The respacings of the folded words `folded` (written `written_key`) that name KB
/// entities, when the run as written is no recorded spelling: see [`SeparatorCache`].
/// `previous` is the capitalised word before the run: the surname index has only "Pen"
/// of "Marine Le Pen", so "Marine" + "le pen" is looked up as a full name too.
fn respacings(
    kb: &Kb,
    folded: &[&str],
    written_key: &str,
    previous: Option<&str>,
) -> Vec<Respacing> {
    // English words run together otherwise are English ("Work Day", "Mill Creek",
    // "Social Liberal"), not a name's slip.
    if is_recorded(kb, written_key)
        || (folded.len() > 1 && folded.iter().all(|w| is_english_word(w)))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (key, names, with_previous) in respacings_named(kb, folded, previous) {
        let full_names = with_previous.into_iter().filter(|t| {
            t.form == FormKind::Full && kb.entity(t.entity).category() == Category::Person
        });
        let targets: Vec<(EntityId, String)> = names
            .into_iter()
            .chain(full_names)
            .filter(|t| t.form != FormKind::Banned)
            // No accepted form: only an unvetted list gives it.
            .filter_map(|t| Some((t.entity, accepted_form(kb.entity(t.entity), &key)?)))
            .collect();
        if !targets.is_empty() {
            out.push(Respacing { key, targets });
        }
    }
    out
}

/// Each respacing of `folded` (`respaced`) that is a name key, with or after
/// `previous`: the key, what it names alone and what it names after `previous` and a
/// space. A word split in two is looked up in one walk of the name index per prefix
/// (`Kb::names_split`), not once per cut: the check asks this of every capitalised
/// word of a story, some twenty cuts a long word.
fn respacings_named(
    kb: &Kb,
    folded: &[&str],
    previous: Option<&str>,
) -> Vec<(String, Vec<NameTarget>, Vec<NameTarget>)> {
    let [word] = folded else {
        return joinings_named(kb, folded, previous);
    };
    if word.contains('-') {
        let compact: String = word.chars().filter(|&c| c != '-').collect();
        let with_previous = previous
            .map(|p| kb.names_get(&format!("{p} {compact}")))
            .unwrap_or_default();
        let names = kb.names_get(&compact);
        if names.is_empty() && with_previous.is_empty() {
            return Vec::new();
        }
        return vec![(compact, names, with_previous)];
    }
    let separators = SEPARATORS.map(|s| s.as_bytes()[0]);
    let split = |prefix: &str| kb.names_split(prefix, word, &separators, MIN_SPLIT_PART);
    let mut found = alone_and_after(split(""), previous.map(|p| split(&format!("{p} "))));
    if previous.is_some() {
        // In the order of the cuts, then of the separators, as `respaced` writes them.
        found.sort_by_key(|(key, _, _)| {
            let cut = key.find([' ', '-']).unwrap_or(key.len());
            (cut, !key[cut..].starts_with(' '))
        });
    }
    found
}

/// [`respacings_named`] for a run of words: each joining of them but the run as
/// written (every gap a space), in `respaced`'s order, found in one walk of the name
/// index per prefix that the joinings share (`Kb::names_joined`).
fn joinings_named(
    kb: &Kb,
    folded: &[&str],
    previous: Option<&str>,
) -> Vec<(String, Vec<NameTarget>, Vec<NameTarget>)> {
    let joined = |prefix: &str| kb.names_joined(prefix, folded, &JOINERS);
    let mut found = alone_and_after(joined(""), previous.map(|p| joined(&format!("{p} "))));
    let as_written = JOINERS.len() - 1;
    found.retain(|(choices, _, _)| choices.iter().any(|&c| c != as_written));
    // `respaced` counts the joinings with the first gap's choice the lowest digit.
    found.sort_by_key(|(choices, _, _)| {
        choices
            .iter()
            .rev()
            .fold(0, |code, &choice| code * JOINERS.len() + choice)
    });
    found
        .into_iter()
        .map(|(choices, names, with_previous)| {
            let mut key = folded[0].to_string();
            for (word, &choice) in folded[1..].iter().zip(&choices) {
                key.push_str(JOINERS[choice]);
                key.push_str(word);
            }
            (key, names, with_previous)
        })
        .collect()
}

/// What each key names alone (`alone`) beside what it names after the word before the
/// run (`after`), one entry a key either finds, in `alone`'s order and then `after`'s.
fn alone_and_after<K: PartialEq>(
    alone: Vec<(K, Vec<NameTarget>)>,
    after: Option<Vec<(K, Vec<NameTarget>)>>,
) -> Vec<(K, Vec<NameTarget>, Vec<NameTarget>)> {
    let mut found: Vec<(K, Vec<NameTarget>, Vec<NameTarget>)> = alone
        .into_iter()
        .map(|(key, names)| (key, names, Vec::new()))
        .collect();
    for (key, targets) in after.unwrap_or_default() {
        match found.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, with_previous)) => *with_previous = targets,
            None => found.push((key, Vec::new(), targets)),
        }
    }
    found
}

/// What a gap between two written words may be in a respacing: closed, hyphenated, or
/// kept (the last, as written).
const JOINERS: [&str; 3] = ["", "-", " "];

/// Letters on each side of a cut that splits one word in two: a one-letter part is an
/// initial.
const MIN_SPLIT_PART: usize = 2;

/// The entity the run of tokens `run` names when written as `respacing`, and the
/// spelling to suggest: the most prominent entity recording it whose spelling a source
/// accepts and, for a person, whom the story points at.
fn separator_target(
    cx: &CheckContext,
    run: &Range<usize>,
    respacing: &Respacing,
    folded: &[&str],
) -> Option<(EntityId, String)> {
    let key = respacing.key.as_str();
    let mut best: Option<(f32, EntityId, &str)> = None;
    for (entity, form) in &respacing.targets {
        let e = cx.kb.entity(*entity);
        let fits = match e.category() {
            // A space for a hyphen in a person's name is a romanisation's style ("Kim
            // Dae Jung", "Haider Al Abadi"), not a slip; a space added or dropped is.
            Category::Person if key.split(['-', ' ']).eq(folded.iter().copied()) => false,
            Category::Person => person_fits(cx, run, *entity, key),
            category => {
                (category != Category::Location || e.prominence() >= PROMINENT_PLACE)
                    && stands_alone(cx, run)
                    && !camel_case(&cx.text[cx.tokens[run.start].span.clone()], run)
            }
        };
        if !fits {
            continue;
        }
        if best.as_ref().is_none_or(|(p, _, _)| e.prominence() > *p) {
            best = Some((e.prominence(), *entity, form));
        }
    }
    best.map(|(_, entity, form)| (entity, form.to_string()))
}

/// Whether the run of tokens `run` is a name of its own, not part of a longer run of
/// capitalised words ("Benjamin Le Grand" is no slip of Legrand, nor "Social Liberal
/// Party" of a "Social-Liberal").
fn stands_alone(cx: &CheckContext, run: &Range<usize>) -> bool {
    let capitalised = |i: usize| cx.tokens[i].capitalized;
    let before = run.start > 0
        && joined(cx, run.start - 1, run.start)
        && !cx.tokens[run.start].sentence_start
        && capitalised(run.start - 1);
    let after = run.end < cx.tokens.len()
        && joined(cx, run.end - 1, run.end)
        && !cx.tokens[run.end].sentence_start
        && capitalised(run.end);
    !before && !after
}

/// Whether a one-word run is written in camel case ("NewDelhi", "HomeDepot"): a
/// hashtag or handle, written so on purpose; only a person's name is tried so
/// ("Marine LePen").
fn camel_case(written: &str, run: &Range<usize>) -> bool {
    run.len() == 1 && inner_capitals(written) > 0
}

/// Whether a word (folded) with a vowel can only be read letter by letter: it ends in
/// consonants no English word ends in ("irgc", "idf", "oecd"; not "nato", "novo",
/// "farc"), or it has no consonant at all ("iaea"). A word with no vowel is an
/// abbreviation ("Spc.", "Sts.") or a tweet's ("Smh"), never an acronym in the wrong
/// case.
fn read_letter_by_letter(folded: &str) -> bool {
    let vowel = |c: char| "aeiouy".contains(c);
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.iter().rev().take_while(|&&c| !vowel(c)).count();
    let tail: String = chars[chars.len() - n..].iter().collect();
    let no_consonant = chars.iter().all(|&c| vowel(c));
    no_consonant || (n < chars.len() && n >= 2 && !FINAL_CLUSTERS.contains(&tail))
}

/// Capitals inside one hyphen- or apostrophe-free part of a word, after its first
/// letter: "McKinsey", "DeSantis", "BAE" have some; "al-Qaeda" and "Al-Qaeda" none, so
/// either is the writer's style, never a slip.
fn inner_capitals(word: &str) -> usize {
    word.split(['-', '\'', '’'])
        .map(|part| part.chars().skip(1).filter(|c| c.is_uppercase()).count())
        .sum()
}

/// Capital slips: a KB acronym written in title or lower case, and a word of a linked
/// name written with fewer inner capitals than every source writes it.
/// The span of the mention holding token `ti` (the token's own when none does).
fn mention_span(cx: &CheckContext, ti: usize) -> Range<usize> {
    let span = &cx.tokens[ti].span;
    cx.mentions
        .iter()
        .find(|m| m.span.start <= span.start && span.end <= m.span.end)
        .map_or_else(|| span.clone(), |m| m.span.clone())
}

fn case_slips(cx: &CheckContext) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for mention in cx.mentions {
        let Some(entity) = mention.entity else {
            continue;
        };
        for ti in cx.tokens_in(&mention.span) {
            if let Some(fix) = inner_capital_slip(cx, ti, entity) {
                out.push(finding(cx, cx.tokens[ti].span.clone(), entity, fix));
            }
        }
    }
    for (ti, token) in cx.tokens.iter().enumerate() {
        if out.iter().any(|d| overlaps(&d.span, &token.span)) {
            continue;
        }
        if let Some((entity, fix)) = acronym_slip(cx, ti) {
            out.push(finding(cx, token.span.clone(), entity, fix));
        }
    }
    out
}

/// The spelling of token `ti` that `entity`'s accepted forms give, when the token is
/// written with fewer inner capitals than each of them ("Bae" in "Bae Systems" for BAE
/// Systems) and no accepted form writes it as written.
fn inner_capital_slip(cx: &CheckContext, ti: usize, entity: EntityId) -> Option<String> {
    let token = &cx.tokens[ti];
    if token.all_caps || is_english_word(&token.folded) {
        // A headline in capitals says nothing about case, and an English word
        // linked to an acronym ("Who" to WHO) is more likely the word.
        return None;
    }
    let written = &cx.text[token.span.clone()];
    let mut cache = cx.memo.form_slips();
    let recorded = cache
        .recorded
        .entry((entity, token.folded.clone()))
        .or_insert_with(|| recorded_words_of(cx.kb.entity(entity), &token.folded));
    let fewer = inner_capitals(written);
    let slip = !recorded.is_empty()
        && recorded
            .iter()
            .all(|w| *w != written && inner_capitals(w) > fewer);
    if !slip {
        return None;
    }
    // A name of one word that is an acronym ("Ansa" for ANSA, "Fifa") is held to the
    // acronym rule: written as a word, it reads as one in house style.
    let alone = cx.tokens_in(&mention_span(cx, ti)).len() == 1;
    if alone
        && recorded
            .iter()
            .all(|w| byline_kb::normalize::is_all_caps(w))
        && !read_letter_by_letter(&token.folded)
    {
        return None;
    }
    Some(recorded[0].clone())
}

/// The words of `entity`'s accepted spellings that fold to `folded`, as sources write
/// them.
fn recorded_words_of(entity: &Entity, folded: &str) -> Vec<String> {
    entity
        .accepted_spellings()
        .flat_map(byline_kb::words::word_strs)
        .filter(|w| byline_kb::normalize::folds_to(w, folded))
        .map(str::to_string)
        .collect()
}

/// Token `ti` as the KB acronym it spells in the wrong case ("Irgc" for IRGC): three
/// letters or more, not all capitals, no English word, and not a form any entity records
/// or another entity's name ("Bae", a surname; "Nato", an alias the KB records).
fn acronym_slip(cx: &CheckContext, ti: usize) -> Option<(EntityId, String)> {
    let kb = cx.kb;
    let token = &cx.tokens[ti];
    let written = &cx.text[token.span.clone()];
    let letters = token.folded.chars().count();
    // Title case only: lowercase is a code, a unit or a tag as often ("tech", "msgs"),
    // and other mixes are plurals and handles ("MPs", "TxT").
    let title_case = token.capitalized && inner_capitals(written) == 0;
    if !title_case
        || letters < 3
        || !token.folded.chars().all(|c| c.is_ascii_lowercase())
        || is_english_word(&token.folded)
        || !read_letter_by_letter(&token.folded)
    {
        return None;
    }
    let upper = written.to_uppercase();
    // Word by word: "Bae" is written by Joseph Bae's "Joseph Bae".
    let writes = |e: &Entity, form: &str| {
        e.accepted_spellings()
            .flat_map(byline_kb::words::word_strs)
            .any(|w| w == form)
            || e.acronyms.iter().any(|a| a == form)
    };
    let mut acronym_of: Vec<EntityId> = kb.acronym(&upper);
    if acronym_of.is_empty() && !kb.has_token(&token.folded) {
        return None; // the common case, with no list built
    }
    // An entity that records the word: it must spell it as the acronym, and no entity
    // may spell it as written.
    for posting in kb.token_postings(&token.folded) {
        let e = kb.entity(posting.entity);
        if writes(e, written) || !writes(e, &upper) {
            return None;
        }
        acronym_of.push(posting.entity);
    }
    if acronym_of.iter().any(|&id| writes(kb.entity(id), written)) {
        return None;
    }
    // A company's acronym is mostly its stock ticker ("MAC", "STAN", "EDEN"), which
    // no one writes in running text.
    acronym_of.retain(|&id| kb.entity(id).entity_type != "company");
    let entity = acronym_of.into_iter().max_by(|&a, &b| {
        kb.entity(a)
            .prominence()
            .total_cmp(&kb.entity(b).prominence())
    })?;
    Some((entity, upper))
}

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::testing::entities::{organisation, person, place};
    use crate::testing::{findings, kb, kb as kb_with, suggestions};
    use byline_kb::Kb;

    fn slips(text: &str, kb: &Kb) -> Vec<String> {
        suggestions(Code::MisspelledName, text, kb)
    }

    #[test]
    fn a_name_split_where_sources_write_one_word_is_a_finding_beside_the_given_name() {
        let kb = kb(&[person("desantis", "Ron DeSantis", "politician", "US")]);
        assert_eq!(
            slips("Governor Ron De Santis signed the bill.", &kb),
            ["De Santis → DeSantis"]
        );
        // Nothing in the story points at the person: "De Santis" is someone else's name.
        assert!(findings("The painter Mario De Santis died.", &kb).is_empty());
    }

    #[test]
    fn an_organisation_split_or_joined_otherwise_is_a_finding() {
        let kb = kb(&[
            organisation("spacex", "SpaceX", "company", "US"),
            organisation("shinbet", "Shin Bet", "security-service", "IL"),
            place("pap", "Port-au-Prince", "capital", "HT")
                .aliases(&["Port au Prince"])
                .prominence(0.8),
        ]);
        assert_eq!(
            slips("Musk said Space X would fly again.", &kb),
            ["Space X → SpaceX"]
        );
        assert_eq!(
            slips("The head of the Shinbet resigned.", &kb),
            ["Shinbet → Shin Bet"]
        );
        assert_eq!(
            slips("Gangs control Port-au Prince now.", &kb),
            ["Port-au Prince → Port-au-Prince"]
        );
        // A recorded alias, however it differs from the name, is no slip.
        assert!(findings("Gangs control Port au Prince now.", &kb).is_empty());
        assert!(findings("Musk said SpaceX would fly again.", &kb).is_empty());
    }

    #[test]
    fn english_words_towns_longer_names_and_hashtags_joined_otherwise_are_not_slips() {
        let kb = kb(&[
            place("millcreek", "Millcreek", "city", "US"),
            place("delhi", "New Delhi", "capital", "IN").prominence(0.8),
            organisation("workday", "Workday", "company", "US"),
            organisation("legrand", "Legrand", "company", "FR"),
        ]);
        assert!(findings("He served on the council in Mill Creek, Washington.", &kb).is_empty());
        assert!(findings("Staff joined the Walk at Work Day event.", &kb).is_empty());
        assert!(findings("The lawyer Benjamin Le Grand spoke.", &kb).is_empty());
        assert!(findings("Weather for NewDelhi today.", &kb).is_empty());
        let korean = kb_with(&[person("kdj", "Kim Dae-jung", "head-of-state", "KR")]);
        assert!(findings("The Kim Dae Jung Library in Seoul.", &korean).is_empty());
    }

    #[test]
    fn a_joined_surname_splits_into_the_recorded_one_when_the_story_points_at_the_person() {
        let kb = kb(&[
            person("lepen", "Marine Le Pen", "politician", "FR"),
            person("tsai", "Tsai Ing-wen", "head-of-state", "TW"),
        ]);
        assert_eq!(
            slips("A court barred Marine LePen from office.", &kb),
            ["LePen → Le Pen"]
        );
        assert_eq!(
            slips("Former president Tsai Ingwen visited Lithuania.", &kb),
            ["Ingwen → Ing-wen"]
        );
        assert!(findings("A court barred LePen from office.", &kb).is_empty());
    }

    #[test]
    fn a_person_is_pointed_at_by_an_organisation_of_their_roles_named_in_the_story() {
        let with_role = r#"
[[entity]]
id = "demeo"
kind = "person"
type = "person"
name = "Luca de Meo"
country = "FR"
roles = [{ title = "Chief executive officer", organization = "Kering", start = "2025" }]

[[entity]]
id = "kering"
kind = "organization"
type = "company"
name = "Kering"
country = "FR"
"#;
        let kb = crate::testing::kb_from_toml(with_role);
        assert_eq!(
            slips("Demeo will run the luxury group Kering.", &kb),
            ["Demeo → de Meo"]
        );
        assert!(findings("Demeo will run the luxury group.", &kb).is_empty());
    }

    #[test]
    fn an_acronym_in_title_or_lower_case_is_a_finding_unless_a_word_name_or_recorded_form() {
        let kb = kb(&[
            organisation(
                "irgc",
                "Islamic Revolutionary Guard Corps",
                "armed-forces",
                "IR",
            )
            .acronyms(&["IRGC"]),
            organisation("idf", "Israel Defense Forces", "armed-forces", "IL").aliases(&["IDF"]),
            organisation(
                "nato",
                "North Atlantic Treaty Organization",
                "intergovernmental",
                "",
            )
            .aliases(&["NATO", "Nato"]),
            organisation("who", "World Health Organization", "un-body", "").aliases(&["WHO"]),
            organisation("bae-systems", "BAE Systems", "company", "GB"),
            person("joseph-bae", "Joseph Bae", "person", "US"),
        ]);
        assert_eq!(
            slips("Sanctions on the Irgc widened.", &kb),
            ["Irgc → IRGC"]
        );
        assert_eq!(slips("The Idf said it struck.", &kb), ["Idf → IDF"]);
        // A word of vowels alone is read letter by letter too.
        let iaea =
            kb_with(&[
                organisation("iaea", "International Atomic Energy Agency", "un-body", "")
                    .acronyms(&["IAEA"]),
            ]);
        assert_eq!(
            slips("The Iaea board of governors passed a resolution.", &iaea),
            ["Iaea → IAEA"]
        );
        // A company's acronym is its ticker, and an acronym that reads as a word is
        // written so by house style ("Nio").
        let tickers = kb_with(&[
            organisation("macerich", "Macerich", "company", "US").acronyms(&["MAC"]),
            organisation(
                "nio",
                "National Intelligence Organization",
                "intelligence-agency",
                "TR",
            )
            .acronyms(&["NIO"]),
        ]);
        assert!(findings("The album Mac Davis wrote.", &tickers).is_empty());
        assert!(findings("Carmakers Xpeng and Nio cut prices.", &tickers).is_empty());
        let abbreviations = kb_with(&[
            organisation("spc", "Pacific Community", "intergovernmental", "").acronyms(&["SPC"]),
            organisation("ansa", "ANSA", "news-agency", "IT"),
        ]);
        assert!(findings("said Spc. Lorraine Walsh.", &abbreviations).is_empty());
        assert!(findings("Michelle Ansa spoke.", &abbreviations).is_empty());
        // A house style the KB records, an English word, another entity's name.
        assert!(findings("Nato allies met.", &kb).is_empty());
        assert_eq!(findings("Who said what?", &kb), Vec::<String>::new());
        assert!(findings("Minister Bae spoke.", &kb).is_empty());
    }

    #[test]
    fn a_word_of_a_linked_name_with_its_inner_capitals_lowered_is_a_finding() {
        let kb = kb(&[
            organisation("bae-systems", "BAE Systems", "company", "GB"),
            person("joseph-bae", "Joseph Bae", "person", "US"),
            organisation("aq", "al-Qaeda", "armed-group", ""),
        ]);
        assert_eq!(
            slips("Defence group Bae Systems reported orders.", &kb),
            ["Bae → BAE"]
        );
        assert!(findings("Defence group BAE Systems reported orders.", &kb).is_empty());
        // A capital after a hyphen is a style, not a slip, either way.
        assert!(findings("Fighters of Al-Qaeda attacked.", &kb).is_empty());
    }

    #[test]
    fn respacing_closes_hyphenates_or_keeps_each_gap_and_cuts_one_word_once() {
        assert_eq!(
            super::respaced(&["port-au", "prince"]),
            ["port-auprince", "port-au-prince"]
        );
        assert_eq!(super::respaced(&["li-feng"]), ["lifeng"]);
        let cuts = super::respaced(&["lepen"]);
        assert!(cuts.contains(&"le pen".to_string()) && cuts.contains(&"lep-en".to_string()));
        assert!(!cuts
            .iter()
            .any(|c| c.starts_with("l ") || c.ends_with(" n")));
    }

    /// The walks of the name index find what a lookup of every respacing finds, in the
    /// same order, with and without the word before the run.
    #[test]
    fn respacings_found_in_one_walk_are_those_a_lookup_per_key_finds() {
        let kb = kb(&[
            person("le-pen", "Marine Le Pen", "politician", "FR"),
            person("legrand", "Michel Legrand", "person", "FR"),
            place("pap", "Port-au-Prince", "capital", "HT"),
            place("abu-dhabi", "Abu Dhabi", "capital", "AE"),
            organisation("aq", "Al-Qaeda", "armed-group", ""),
        ]);
        let runs: [&[&str]; 9] = [
            &["lepen"],
            &["le", "pen"],
            &["legrand"],
            &["le", "grand"],
            &["port", "au", "prince"],
            &["port-au", "prince"],
            &["abudhabi"],
            &["al", "qaeda"],
            &["al-qaeda"],
        ];
        for run in runs {
            for previous in [None, Some("marine"), Some("michel")] {
                let expected: Vec<(String, Vec<_>, Vec<_>)> = super::respaced(run)
                    .into_iter()
                    .map(|key| {
                        let with_previous = previous
                            .map(|p| kb.names_get(&format!("{p} {key}")))
                            .unwrap_or_default();
                        let names = kb.names_get(&key);
                        (key, names, with_previous)
                    })
                    .filter(|(_, names, with_previous)| {
                        !names.is_empty() || !with_previous.is_empty()
                    })
                    .collect();
                let found = super::respacings_named(&kb, run, previous);
                assert_eq!(found, expected, "{run:?} after {previous:?}");
            }
        }
    }
}
