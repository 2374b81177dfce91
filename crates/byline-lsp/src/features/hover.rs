//! Hover: the entity card for a linked mention, a short note for an unknown name.
//!
//! Findings are not repeated in the card: every client shows a diagnostic's message on
//! hover itself (VS Code above the card, Neovim in its diagnostic float), so a copy in
//! the card showed it twice.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::convert::Positions;
use byline_core::analysis::Analysis;
use byline_core::card::{self, CardDate};
use byline_kb::Kb;

/// The hover at byte `offset`; `date` is the story date in force and its source.
pub fn hover(
    analysis: &Analysis,
    kb: &Kb,
    positions: &Positions,
    offset: usize,
    date: &CardDate,
) -> Option<Hover> {
    let (_, mention) = analysis.mention_at(offset)?;
    let value = match mention.entity {
        Some(id) => card::markdown(kb.entity(id), date, &card::country_names(kb)),
        None => {
            let cluster = &analysis.clusters[mention.cluster];
            card::unknown_markdown(&cluster.name, mention.category, cluster.mentions.len())
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(positions.range(&mention.span)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_core::analysis::{analyze, AnalysisOptions};
    use byline_core::prose::Format;
    use byline_core::text::{LineIndex, PositionEncoding};
    use byline_kb::PartialDate;

    fn hover_text(text: &str, needle: &str, date: &CardDate) -> String {
        let kb = byline_default_kb::default_kb().unwrap();
        let options = AnalysisOptions {
            format: Some(Format::Markdown),
            ..AnalysisOptions::default()
        };
        let analysis = analyze(text, &kb, &options);
        let index = LineIndex::new(text);
        let positions = Positions {
            text,
            index: &index,
            encoding: PositionEncoding::Utf16,
        };
        let offset = text.find(needle).unwrap();
        match hover(&analysis, &kb, &positions, offset, date)
            .unwrap()
            .contents
        {
            HoverContents::Markup(markup) => markup.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_card_does_not_repeat_the_finding_the_client_already_shows() {
        let story = "General Valery Gerasimovis spoke in Moscow. Gerasimovis said more.\n";
        let today = CardDate::Today(PartialDate::parse("2026-12-03").unwrap());
        let card = hover_text(story, "Gerasimovis", &today);
        assert!(!card.contains('⚠'), "{card}");
        assert!(!card.contains("looks like a misspelling"), "{card}");
        assert!(card.contains("Mentioned twice in this story."), "{card}");
    }

    #[test]
    fn a_persons_card_names_the_date_and_its_source_and_the_country() {
        let story = "Iran's chief of staff, Mohammad Bagheri, spoke in Moscow.\n";
        let date = CardDate::Story(
            PartialDate::parse("2021-10-21").unwrap(),
            Some("front matter"),
        );
        let card = hover_text(story, "Bagheri", &date);
        assert!(
            card.contains("- Roles as of 2021-10-21 (front matter)\n"),
            "{card}"
        );
        assert!(card.contains("- Country: Iran\n"), "{card}");
        assert!(!card.contains("Country: IR\n"), "{card}");
    }
}
