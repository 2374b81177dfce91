//! Completion of KB names while a capitalised word is typed.

use std::collections::HashSet;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};

use crate::convert::Positions;
use byline_kb::index::{key_of, name_tokens, surname_of};
use byline_kb::normalize::{fold, is_capitalized};
use byline_kb::{Category, Kb};

const MAX_ITEMS: usize = 50;

/// The word being typed before `offset`.
fn prefix_before(text: &str, offset: usize) -> Option<std::ops::Range<usize>> {
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .last()
        .map(|(i, _)| i)?;
    Some(start..offset)
}

pub fn complete(kb: &Kb, positions: &Positions, offset: usize) -> Vec<CompletionItem> {
    let Some(prefix) = prefix_before(positions.text, offset) else {
        return Vec::new();
    };
    let typed = &positions.text[prefix.clone()];
    if !is_capitalized(typed) || typed.chars().count() < 2 {
        return Vec::new();
    }
    let folded = fold(typed);
    let range = positions.range(&prefix);
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (key, targets) in kb.names_with_prefix(&folded, MAX_ITEMS * 4) {
        for target in targets {
            let entity = kb.entity(target.entity);
            // Show the form as the KB writes it: the alias or surname this key came from.
            let label = entity
                .surface_forms()
                .map(str::to_string)
                .chain(
                    entity
                        .surface_forms()
                        .filter_map(surname_of)
                        .filter(|_| entity.category() == Category::Person),
                )
                .find(|form| key_of(&name_tokens(form)) == key)
                .unwrap_or_else(|| entity.name.clone());
            if !seen.insert((label.clone(), target.entity)) {
                continue;
            }
            items.push(CompletionItem {
                label: label.clone(),
                kind: Some(match entity.category() {
                    Category::Person => CompletionItemKind::VALUE,
                    Category::Organization => CompletionItemKind::MODULE,
                    Category::Location => CompletionItemKind::FOLDER,
                    Category::Other => CompletionItemKind::TEXT,
                }),
                detail: Some(format!(
                    "{} · {}",
                    entity.name,
                    entity.entity_type.replace('-', " ")
                )),
                documentation: (!entity.description.is_empty()).then(|| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: entity.description.clone(),
                    })
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, label))),
                sort_text: Some(format!(
                    "{:04}",
                    1000 - (entity.prominence() * 1000.0) as i32
                )),
                ..CompletionItem::default()
            });
        }
    }
    // The most prominent first, then in name order (the sort is stable), and only then
    // cut: cut in name order, "Gera" offered fifty towns and parties before Gerasimov.
    items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    items.truncate(MAX_ITEMS);
    items
}
