//! The pure analysis core: text and a KB in, an [`Analysis`] out.
//!
//! prose → tokens → mentions → linked entities → checks → suppressions. Nothing here knows about LSP,
//! terminals or files; spans are byte offsets into the analysed text.

pub mod blocks;
pub mod checks;
pub mod cues;
pub mod entity_memo;
pub mod fixes;
pub mod incremental;
pub mod joined_names;
pub mod linking;
pub mod mentions;
pub mod periphrases;
pub mod ranking;
pub mod romanisation;
pub mod romanised_places;
pub mod story_countries;
pub mod suppress;
pub mod tokens;
pub mod typer;

use std::ops::Range;

use serde::Serialize;

use crate::prose::{self, Format};
use byline_kb::{Category, EntityId, Kb, PartialDate};

pub use checks::{CheckSettings, Code, Diagnostic, Severity, SlipEvidence};
pub use incremental::Incremental;
pub use mentions::MentionOrigin;

/// A name found in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Range<usize>,
    pub category: Category,
    /// The finer type from the KB ("news-agency"), or empty when unknown.
    pub entity_type: String,
    /// The KB entity, when the mention is linked to one.
    pub entity: Option<EntityId>,
    /// Index into `Analysis::clusters`: all mentions of one entity in the story.
    pub cluster: usize,
    pub origin: MentionOrigin,
    pub first_mention: bool,
    /// A title written right before the name ("Major General"), as a byte span.
    pub title: Option<Range<usize>>,
}

/// One entity of the story: a KB entity, or an unknown name and its later short forms.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub entity: Option<EntityId>,
    /// The name to show: the KB name, or the longest form written in the story.
    pub name: String,
    pub category: Category,
    /// Indices into `Analysis::mentions`, in text order.
    pub mentions: Vec<usize>,
}

/// Everything Byline knows about one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub mentions: Vec<Mention>,
    pub clusters: Vec<Cluster>,
    pub diagnostics: Vec<Diagnostic>,
    /// The story's date: the caller's, else front matter, else none (checks use today).
    pub story_date: Option<PartialDate>,
}

/// What the caller knows beyond the text.
#[derive(Debug, Clone, Default)]
pub struct AnalysisOptions {
    pub format: Option<Format>,
    /// Overrides the front-matter date.
    pub story_date: Option<PartialDate>,
    pub checks: CheckSettings,
    /// How names the KB does not link are typed: the learned typer (the default), or
    /// the cue rules alone, for measuring what the typer changes (`examples/ner_score.rs
    /// --rules`).
    pub typing: mentions::Typing,
}

/// A short, serialisable reference to a KB entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub id: String,
    pub name: String,
}

impl EntityRef {
    pub fn of(kb: &Kb, id: EntityId) -> EntityRef {
        let entity = kb.entity(id);
        EntityRef {
            id: entity.id.clone(),
            name: entity.name.clone(),
        }
    }
}

/// Analyses `text` against `kb`.
pub fn analyze(text: &str, kb: &Kb, options: &AnalysisOptions) -> Analysis {
    analyze_with(
        text,
        kb,
        options,
        &mut blocks::BlockCache::default(),
        &checks::Memo::default(),
    )
}

/// Every (written word, KB candidate) pair the `misspelled-name` decision weighs in
/// `text`, findings or not, with its evidence: what `byline eval --dump-evidence`
/// writes for the script that fits the decision's weights.
pub fn slip_evidence(text: &str, kb: &Kb, options: &AnalysisOptions) -> Vec<SlipEvidence> {
    let memo = checks::Memo::default();
    let prepared = Prepared::new(text, kb, options, &mut blocks::BlockCache::default());
    checks::slip_evidence(&prepared.context(kb, &memo))
}

/// A story read, its names found and linked: what the checks run on.
struct Prepared {
    prose: prose::Prose,
    tokens: Vec<tokens::Token>,
    linked: linking::Linked,
    story_date: Option<PartialDate>,
}

impl Prepared {
    fn new(
        text: &str,
        kb: &Kb,
        options: &AnalysisOptions,
        blocks: &mut blocks::BlockCache,
    ) -> Prepared {
        let format = options.format.unwrap_or(Format::PlainText);
        let prose = prose::extract(text, format);
        let (tokens, raw) = blocks.recognize(&prose, kb, options.typing);
        let linked = linking::link(raw, &tokens, &prose.masked, kb);
        let story_date = options.story_date.or_else(|| {
            prose
                .story_date
                .as_ref()
                .and_then(|span| PartialDate::parse(&text[span.clone()]))
        });
        Prepared {
            prose,
            tokens,
            linked,
            story_date,
        }
    }

    fn context<'a>(&'a self, kb: &'a Kb, memo: &'a checks::Memo) -> checks::CheckContext<'a> {
        checks::CheckContext {
            text: &self.prose.masked,
            tokens: &self.tokens,
            mentions: &self.linked.mentions,
            clusters: &self.linked.clusters,
            weak: &self.linked.weak,
            kb,
            story_date: self.story_date.unwrap_or_else(PartialDate::today),
            story_date_known: self.story_date.is_some(),
            memo,
        }
    }
}

/// [`analyze`] with the caches an [`Incremental`] analysis keeps between edits (empty
/// ones make it a full analysis).
///
/// The analysis runs on a thread of rayon's pool, where its parallel stages (blocks,
/// checks) fork and join without waking the caller: called from another thread, each
/// stage would hand its work over and sleep until it came back, three hand-overs a
/// story. On a pool thread already (`byline check` of a folder) it runs in place.
fn analyze_with(
    text: &str,
    kb: &Kb,
    options: &AnalysisOptions,
    blocks: &mut blocks::BlockCache,
    memo: &checks::Memo,
) -> Analysis {
    rayon::scope(|_| {
        let prepared = Prepared::new(text, kb, options, blocks);
        let diagnostics = checks::run(&prepared.context(kb, memo), &options.checks);
        let Prepared {
            linked, story_date, ..
        } = prepared;
        let (mentions, clusters) = linking::drop_unconfirmed_weak(linked, &diagnostics);
        // After the weak-mention pass: a suppressed finding still confirms its name.
        let diagnostics = suppress::apply(text, diagnostics, &options.checks.ignore);
        Analysis {
            mentions,
            clusters,
            diagnostics,
            story_date,
        }
    })
}

impl Analysis {
    /// The mention covering byte `offset`, if any.
    pub fn mention_at(&self, offset: usize) -> Option<(usize, &Mention)> {
        let index = self.mentions.partition_point(|m| m.span.end < offset);
        self.mentions[index..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.span.start <= offset)
            .find(|(_, m)| m.span.contains(&offset) || m.span.end == offset)
            .map(|(i, m)| (index + i, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entities::SHOIGU;
    use crate::testing::kb;

    const STORY: &str = "---\ndate: 2025-06-01\n---\n\nDefence Minister Sergei Shoigu spoke.\n";

    fn markdown(story_date: Option<&str>) -> AnalysisOptions {
        AnalysisOptions {
            format: Some(Format::Markdown),
            story_date: story_date.and_then(PartialDate::parse),
            ..AnalysisOptions::default()
        }
    }

    #[test]
    fn the_story_date_is_the_callers_else_the_front_matters() {
        let kb = kb(&[SHOIGU]);
        let from_front_matter = analyze(STORY, &kb, &markdown(None));
        assert_eq!(
            from_front_matter.story_date,
            PartialDate::parse("2025-06-01")
        );
        assert_eq!(
            from_front_matter.diagnostics.len(),
            1,
            "no longer minister in 2025"
        );
        let from_caller = analyze(STORY, &kb, &markdown(Some("2020-01-01")));
        assert_eq!(from_caller.story_date, PartialDate::parse("2020-01-01"));
        assert!(from_caller.diagnostics.is_empty());
        let plain = analyze("Sergei Shoigu spoke.", &kb, &AnalysisOptions::default());
        assert_eq!(plain.story_date, None);
    }

    #[test]
    fn the_mention_at_an_offset_covers_it_or_ends_there() {
        let kb = kb(&[SHOIGU]);
        let analysis = analyze(STORY, &kb, &markdown(None));
        let start = STORY.find("Sergei").unwrap();
        let end = start + "Sergei Shoigu".len();
        for offset in [start, start + 3, end] {
            let (index, mention) = analysis.mention_at(offset).expect("a mention");
            assert_eq!((index, &STORY[mention.span.clone()]), (0, "Sergei Shoigu"));
        }
        assert!(analysis.mention_at(start - 1).is_none());
        assert!(analysis.mention_at(end + 1).is_none());
    }

    #[test]
    fn an_entity_ref_names_the_kb_id_and_name() {
        let kb = kb(&[SHOIGU]);
        let id = kb.find_id("shoigu").unwrap();
        assert_eq!(
            EntityRef::of(&kb, id),
            EntityRef {
                id: "shoigu".into(),
                name: "Sergei Shoigu".into()
            }
        );
    }
}
