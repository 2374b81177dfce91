//! Hover: the entity card for a linked mention, a short note for an unknown name.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::convert::Positions;
use byline_core::analysis::Analysis;
use byline_core::card;
use byline_kb::{Kb, PartialDate};

pub fn hover(analysis: &Analysis, kb: &Kb, positions: &Positions, offset: usize) -> Option<Hover> {
    let (_, mention) = analysis.mention_at(offset)?;
    let date = analysis.story_date.unwrap_or_else(PartialDate::today);
    let mut value = match mention.entity {
        Some(id) => card::markdown(kb.entity(id), date),
        None => {
            let cluster = &analysis.clusters[mention.cluster];
            format!(
                "**{}** · {} · not in the knowledge base\n\nMentioned {} time(s) in this story.\n",
                cluster.name,
                mention.category.as_str(),
                cluster.mentions.len()
            )
        }
    };
    for d in analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start < mention.span.end && mention.span.start < d.span.end)
    {
        value.push_str(&format!("\n⚠ {}\n", d.message));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(positions.range(&mention.span)),
    })
}
