//! Moving around a story by entity: symbols grouped by kind, all mentions of one
//! entity (highlight, references), and renaming a name across its mentions.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    DocumentHighlight, DocumentHighlightKind, DocumentSymbol, Location, PrepareRenameResponse,
    SymbolKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::Positions;
use byline_core::analysis::Analysis;
use byline_core::text::words::words;
use byline_kb::normalize::fold;
use byline_kb::{Category, Kb};

fn group_name(category: Category) -> &'static str {
    match category {
        Category::Person => "People",
        Category::Organization => "Organisations",
        Category::Location => "Places",
        Category::Other => "Other",
    }
}

fn symbol_kind(category: Category) -> SymbolKind {
    match category {
        Category::Person => SymbolKind::OBJECT,
        Category::Organization => SymbolKind::NAMESPACE,
        Category::Location => SymbolKind::PACKAGE,
        Category::Other => SymbolKind::CONSTANT,
    }
}

/// The story's entities, grouped by kind, each at its first mention.
#[allow(deprecated)] // DocumentSymbol::deprecated must still be written.
pub fn document_symbols(
    analysis: &Analysis,
    kb: &Kb,
    positions: &Positions,
) -> Vec<DocumentSymbol> {
    let mut groups: Vec<DocumentSymbol> = Vec::new();
    for category in [
        Category::Person,
        Category::Organization,
        Category::Location,
        Category::Other,
    ] {
        let children: Vec<DocumentSymbol> = analysis
            .clusters
            .iter()
            .filter(|c| c.category == category)
            .map(|cluster| {
                let first = &analysis.mentions[cluster.mentions[0]];
                let range = positions.range(&first.span);
                let detail = match cluster.entity {
                    Some(id) => kb.entity(id).entity_type.replace('-', " "),
                    None => "not in the knowledge base".to_string(),
                };
                DocumentSymbol {
                    name: cluster.name.clone(),
                    detail: Some(format!("{detail} · {}×", cluster.mentions.len())),
                    kind: symbol_kind(category),
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let start = children
            .iter()
            .map(|c| c.range.start)
            .min()
            .expect("not empty");
        let end = children
            .iter()
            .map(|c| c.range.end)
            .max()
            .expect("not empty");
        let range = tower_lsp_server::ls_types::Range::new(start, end);
        groups.push(DocumentSymbol {
            name: group_name(category).to_string(),
            detail: Some(format!("{}", children.len())),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range,
            selection_range: tower_lsp_server::ls_types::Range::new(start, start),
            children: Some(children),
        });
    }
    groups
}

/// Byte spans of every mention of the entity under `offset`.
fn cluster_spans(analysis: &Analysis, offset: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let (_, mention) = analysis.mention_at(offset)?;
    Some(
        analysis.clusters[mention.cluster]
            .mentions
            .iter()
            .map(|&m| analysis.mentions[m].span.clone())
            .collect(),
    )
}

pub fn highlights(
    analysis: &Analysis,
    positions: &Positions,
    offset: usize,
) -> Option<Vec<DocumentHighlight>> {
    Some(
        cluster_spans(analysis, offset)?
            .iter()
            .map(|span| DocumentHighlight {
                range: positions.range(span),
                kind: Some(DocumentHighlightKind::TEXT),
            })
            .collect(),
    )
}

pub fn references(
    analysis: &Analysis,
    positions: &Positions,
    uri: &Uri,
    offset: usize,
) -> Option<Vec<Location>> {
    Some(
        cluster_spans(analysis, offset)?
            .iter()
            .map(|span| Location::new(uri.clone(), positions.range(span)))
            .collect(),
    )
}

/// The word of a mention under `offset`: what a rename replaces.
fn word_at(analysis: &Analysis, text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let (_, mention) = analysis.mention_at(offset)?;
    let inside = &text[mention.span.clone()];
    words(inside)
        .map(|w| mention.span.start + w.start..mention.span.start + w.end)
        .find(|w| w.start <= offset && offset <= w.end)
}

pub fn prepare_rename(
    analysis: &Analysis,
    positions: &Positions,
    offset: usize,
) -> Option<PrepareRenameResponse> {
    let word = word_at(analysis, positions.text, offset)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: positions.range(&word),
        placeholder: positions.text[word].to_string(),
    })
}

/// Replaces the word under the cursor in every mention of its entity where the same
/// word (folded) appears: renaming "Bagheri" renames the surname in "Mohammad Bagheri"
/// and in every later "Bagheri".
pub fn rename(
    analysis: &Analysis,
    positions: &Positions,
    uri: &Uri,
    offset: usize,
    new_name: &str,
) -> Option<WorkspaceEdit> {
    let word = word_at(analysis, positions.text, offset)?;
    let target = fold(&positions.text[word]);
    let mut edits = Vec::new();
    for span in cluster_spans(analysis, offset)? {
        for w in words(&positions.text[span.clone()]) {
            let absolute = span.start + w.start..span.start + w.end;
            if fold(&positions.text[absolute.clone()]) == target {
                edits.push(TextEdit::new(
                    positions.range(&absolute),
                    new_name.to_string(),
                ));
            }
        }
    }
    Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)])))
}
