//! Our findings as LSP diagnostics, with the suggestions in `data` for code actions.

use tower_lsp_server::ls_types::{self as lsp, DiagnosticSeverity, NumberOrString};

use crate::convert::Positions;
use byline_core::analysis::{Analysis, Severity};
use byline_kb::Kb;

pub fn to_lsp(analysis: &Analysis, kb: &Kb, positions: &Positions) -> Vec<lsp::Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .map(|d| lsp::Diagnostic {
            range: positions.range(&d.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Information => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.code.as_str().to_string())),
            source: Some("byline".to_string()),
            message: d.message.clone(),
            data: Some(serde_json::json!({
                "suggestions": d.suggestions,
                "entity": d.entity.map(|id| kb.entity(id).id.clone()),
            })),
            ..lsp::Diagnostic::default()
        })
        .collect()
}
