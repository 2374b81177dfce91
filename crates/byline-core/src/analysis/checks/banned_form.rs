//! `banned-form`: a form of a name the house KB bans ("Qadhafi" where the desk writes
//! "Gaddafi"); the finding names the house form and offers it as the fix.

use super::{CheckContext, Code, Diagnostic, Severity};
use crate::analysis::MentionOrigin;
use byline_kb::index::surname_of;
use byline_kb::Category;

pub fn check(cx: &CheckContext) -> Vec<Diagnostic> {
    cx.mentions
        .iter()
        .filter(|m| m.origin == MentionOrigin::Banned)
        .filter_map(|mention| {
            let id = mention.entity?;
            let entity = cx.kb.entity(id);
            let written = &cx.text[mention.span.clone()];
            // A banned surname ("Qadhafi") is replaced by the house surname, not the
            // whole name.
            let one_word = crate::text::words::word_strs(written).count() == 1;
            let house = match surname_of(&entity.name) {
                Some(surname) if one_word && entity.category() == Category::Person => surname,
                _ => entity.name.clone(),
            };
            Some(Diagnostic {
                code: Code::BannedForm,
                severity: Severity::Warning,
                message: format!("'{written}' is not house style; write '{house}'"),
                span: mention.span.clone(),
                suggestions: vec![house],
                entity: Some(id),
            })
        })
        .collect()
}
