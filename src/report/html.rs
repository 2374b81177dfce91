//! `--format html`: one self-contained review page per run. Each story is shown with
//! its entities highlighted by kind (in the manner of displaCy), a card for each actor
//! on hover or focus (tap), findings marked in the text and listed beside it with their
//! suggestions, a legend and a summary.
//!
//! Every piece of story and KB text is escaped; KB cards are Markdown rendered with
//! raw HTML turned into text and links dropped. A Content-Security-Policy forbids every
//! request and every script, so the page works from a file on disk and an escaping bug
//! still could not run code.

use std::fmt::Write;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::{human::summary_line, FileReport, Summary};
use byline_core::analysis::{Diagnostic, Mention};
use byline_core::card;
use byline_core::text::LineIndex;
use byline_kb::{Kb, PartialDate};

const STYLE: &str = include_str!("html.css");

const KINDS: [&str; 4] = ["person", "organization", "location", "other"];

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// A KB card (Markdown) as HTML: raw HTML in KB text becomes visible text, links and
/// images keep only their text, so KB data can neither inject markup nor link out.
fn card_html(markdown: &str) -> String {
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

fn card(report: &FileReport, kb: &Kb, mention: &Mention) -> String {
    let cluster = &report.analysis.clusters[mention.cluster];
    let body = match mention.entity {
        Some(id) => {
            let date = match report.analysis.story_date {
                Some(date) => card::CardDate::Story(date, None),
                None => card::CardDate::Today(PartialDate::today()),
            };
            card_html(&card::markdown(
                kb.entity(id),
                &date,
                &card::country_names(kb),
            ))
        }
        None => format!(
            "<p><strong>{}</strong> · {}</p><p>Not in the knowledge base.</p>",
            esc(&cluster.name),
            mention.category.as_str()
        ),
    };
    format!("<span class=\"card\" role=\"tooltip\">{body}</span>")
}

/// The story text with mentions and findings marked. The text is cut at every span
/// boundary; each piece is wrapped in the finding and the mention it belongs to, and a
/// mention's label and card follow its last piece.
fn story(report: &FileReport, kb: &Kb, file: usize) -> String {
    let text = &report.text;
    let mentions = &report.analysis.mentions;
    let diagnostics = &report.analysis.diagnostics;
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for span in mentions
        .iter()
        .map(|m| &m.span)
        .chain(diagnostics.iter().map(|d| &d.span))
    {
        cuts.extend([span.start, span.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let mut html = esc(&text[start..end]);
        if let Some(mention) = mentions
            .iter()
            .find(|m| m.span.start <= start && end <= m.span.end)
        {
            let unknown = if mention.entity.is_none() {
                " unknown"
            } else {
                ""
            };
            let kind = mention.category.as_str();
            let tail = if end == mention.span.end {
                format!(
                    "<span class=\"label\">{kind}</span>{}",
                    card(report, kb, mention)
                )
            } else {
                String::new()
            };
            html =
                format!("<span class=\"ent {kind}{unknown}\" tabindex=\"0\">{html}{tail}</span>");
        }
        if let Some((i, d)) = diagnostics
            .iter()
            .enumerate()
            .find(|(_, d)| d.span.start <= start && end <= d.span.end)
        {
            html = format!(
                "<mark class=\"finding {}\" data-finding=\"f{file}-d{i}\" title=\"{}\">{html}</mark>",
                d.severity.as_str(),
                esc(&d.message)
            );
        }
        out.push_str(&html);
    }
    out
}

fn finding(
    report: &FileReport,
    index: &LineIndex,
    file: usize,
    i: usize,
    d: &Diagnostic,
) -> String {
    let at = report.location(index, &d.span);
    let mut out = format!(
        "<li class=\"finding {sev}\" id=\"f{file}-d{i}\"><span class=\"sev\">{sev}</span> <code>{code}</code> <span class=\"at\">line {line}, column {column}</span><p>{message}</p>",
        sev = d.severity.as_str(),
        code = d.code.as_str(),
        line = at.line,
        column = at.column,
        message = esc(&d.message),
    );
    if !d.suggestions.is_empty() {
        let safe = d
            .safe_fix()
            .map_or("", |_| " <span class=\"safe\">safe fix</span>");
        let list: Vec<String> = d
            .suggestions
            .iter()
            .map(|s| format!("<strong>{}</strong>", esc(s)))
            .collect();
        let _ = write!(
            out,
            "<p class=\"suggest\">{} → {}{safe}</p>",
            esc(&report.text[d.span.clone()]),
            list.join(" or ")
        );
    }
    out.push_str("</li>");
    out
}

fn legend() -> String {
    let kinds: String = KINDS
        .iter()
        .map(|k| format!("<li><span class=\"ent {k}\">{k}</span></li>"))
        .collect();
    format!(
        "<ul class=\"legend\">{kinds}<li><span class=\"ent person unknown\">not in the KB</span></li><li><mark class=\"finding error\">error</mark></li><li><mark class=\"finding warning\">warning</mark></li><li><mark class=\"finding information\">information</mark></li></ul>"
    )
}

/// Renders `check --format html`.
pub fn check(reports: &[FileReport], kb: &Kb) -> String {
    let summary = summary_line(&Summary::of(reports));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Byline review: {summary}</title><style>{STYLE}</style></head>\n<body><header><h1>Byline review</h1>\
<p class=\"summary\">{summary}</p>{}</header>\n",
        legend()
    );
    for (file, report) in reports.iter().enumerate() {
        let index = LineIndex::new(&report.text);
        let findings: String = report
            .analysis
            .diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| finding(report, &index, file, i, d))
            .collect();
        let findings = if findings.is_empty() {
            "<p class=\"none\">No findings.</p>".to_string()
        } else {
            format!("<ol class=\"findings\">{findings}</ol>")
        };
        let _ = writeln!(
            out,
            "<section class=\"story\" id=\"file-{file}\"><h2>{}</h2><div class=\"columns\"><pre class=\"text\">{}</pre><aside>{findings}</aside></div></section>",
            esc(&report.path),
            story(report, kb, file)
        );
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_links_in_cards_are_not_markup() {
        let html = card_html("**Eve** <img src=x onerror=alert(1)>\n\n<script>x</script>\n\n[a](javascript:alert(1))");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
        assert!(html.contains("<strong>Eve</strong>"), "{html}");
    }
}
