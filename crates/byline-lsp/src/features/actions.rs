//! Code actions: replace a flagged name with a suggestion, or every occurrence of the
//! same flagged spelling in the document at once.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::Positions;
use crate::features::diagnostics;
use byline_core::analysis::Analysis;
use byline_kb::Kb;

/// Where "Add '…' to the house KB" would write, as its title tells the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HouseKbTarget {
    /// No house KB can be named (an unsaved document outside a workspace): no action.
    Unavailable,
    /// A house KB file exists or is configured.
    Existing,
    /// None is configured: choosing the action creates `.byline/house-kb.toml`.
    New,
}

pub fn code_actions(
    analysis: &Analysis,
    kb: &Kb,
    positions: &Positions,
    uri: &Uri,
    span: std::ops::Range<usize>,
    house: HouseKbTarget,
) -> Vec<CodeActionOrCommand> {
    let lsp_diagnostics = diagnostics::to_lsp(analysis, kb, positions);
    let mut actions = Vec::new();
    for (index, d) in analysis.diagnostics.iter().enumerate() {
        if d.span.end < span.start || d.span.start > span.end {
            continue;
        }
        let written = &positions.text[d.span.clone()];
        for (rank, suggestion) in d.suggestions.iter().enumerate() {
            let edit = TextEdit::new(positions.range(&d.span), suggestion.clone());
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace '{written}' with '{suggestion}'"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostics[index].clone()]),
                edit: Some(WorkspaceEdit::new(HashMap::from([(
                    uri.clone(),
                    vec![edit],
                )]))),
                is_preferred: Some(rank == 0),
                ..CodeAction::default()
            }));
        }
        let same: Vec<usize> = analysis
            .diagnostics
            .iter()
            .enumerate()
            .filter(|(_, o)| o.code == d.code && positions.text[o.span.clone()] == *written)
            .map(|(i, _)| i)
            .collect();
        if let (Some(top), true) = (d.suggestions.first(), same.len() > 1) {
            let edits = same
                .iter()
                .map(|&i| {
                    TextEdit::new(positions.range(&analysis.diagnostics[i].span), top.clone())
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Replace all {} '{written}' with '{top}'", same.len()),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(same.iter().map(|&i| lsp_diagnostics[i].clone()).collect()),
                edit: Some(WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]))),
                ..CodeAction::default()
            }));
        }
    }
    if let Some((_, mention)) = analysis.mention_at(span.start) {
        if mention.entity.is_none() && house != HouseKbTarget::Unavailable {
            let name = analysis.clusters[mention.cluster].name.clone();
            let title = match house {
                HouseKbTarget::New => format!(
                    "Add '{name}' to a new house KB ({})",
                    crate::state::IMPLICIT_HOUSE_KB
                ),
                _ => format!("Add '{name}' to the house KB"),
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                command: Some(Command::new(
                    title,
                    ADD_TO_HOUSE_KB.to_string(),
                    Some(vec![
                        serde_json::json!(uri.as_str()),
                        serde_json::json!(name),
                        serde_json::json!(mention.category.as_str()),
                    ]),
                )),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The command behind "Add '…' to the house KB": arguments `[uri, name, category]`.
pub const ADD_TO_HOUSE_KB: &str = "byline.addToHouseKb";

#[cfg(test)]
mod tests {
    use super::*;
    use byline_core::analysis::{analyze, AnalysisOptions};
    use byline_core::text::{LineIndex, PositionEncoding};

    fn titles(house: HouseKbTarget) -> Vec<String> {
        let kb = byline_default_kb::default_kb().unwrap();
        let text = "Minister Xandor Quillfeather spoke in Moscow.\n";
        let analysis = analyze(text, &kb, &AnalysisOptions::default());
        let index = LineIndex::new(text);
        let positions = Positions {
            text,
            index: &index,
            encoding: PositionEncoding::Utf16,
        };
        let uri: Uri = "file:///desk/story.md".parse().unwrap();
        let at = text.find("Quillfeather").unwrap();
        code_actions(&analysis, &kb, &positions, &uri, at..at, house)
            .into_iter()
            .map(|action| match action {
                CodeActionOrCommand::CodeAction(action) => action.title,
                CodeActionOrCommand::Command(command) => command.title,
            })
            .collect()
    }

    #[test]
    fn the_house_kb_action_says_when_choosing_it_creates_the_file() {
        assert_eq!(
            titles(HouseKbTarget::Existing),
            ["Add 'Xandor Quillfeather' to the house KB"]
        );
        assert_eq!(
            titles(HouseKbTarget::New),
            ["Add 'Xandor Quillfeather' to a new house KB (.byline/house-kb.toml)"]
        );
        assert!(titles(HouseKbTarget::Unavailable).is_empty());
    }
}
