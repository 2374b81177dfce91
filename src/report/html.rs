//! `--format html`: one self-contained review page per run. Each story is shown with
//! its entities highlighted by kind (in the manner of displaCy), a card for each actor
//! on hover or focus (tap), findings marked in the text and listed beside it with their
//! suggestions, a legend and a summary.
//!
//! Every piece of story and KB text is escaped; KB cards are Markdown rendered with
//! raw HTML turned into text and links dropped. A Content-Security-Policy forbids every
//! request and every script, so the page works from a file on disk and an escaping bug
//! still could not run code.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::{human::summary_line, FileError, FileReport, Positions, Summary};
use byline_core::analysis::{Diagnostic, Mention};
use byline_core::card;
use byline_kb::{EntityId, PartialDate};

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

/// The card of a mention. A KB entity's card is the same at each of its mentions, so
/// it is rendered once per story (`cards`).
fn card(report: &FileReport, mention: &Mention, cards: &mut HashMap<EntityId, String>) -> String {
    let cluster = &report.analysis.clusters[mention.cluster];
    let body = match mention.entity {
        Some(id) => cards
            .entry(id)
            .or_insert_with(|| {
                let date = match report.analysis.story_date {
                    Some(date) => card::CardDate::Story(date, None),
                    None => card::CardDate::Today(PartialDate::today()),
                };
                card_html(&card::markdown(
                    report.kb.entity(id),
                    &date,
                    &card::country_names(&report.kb),
                ))
            })
            .clone(),
        None => format!(
            "<p><strong>{}</strong> · {}</p><p>Not in the knowledge base.</p>",
            esc(&cluster.name),
            mention.category.as_str()
        ),
    };
    format!("<span class=\"card\" role=\"tooltip\">{body}</span>")
}

/// Spans open at each point of a sweep over the text. Every span boundary is a cut, so
/// a piece between two cuts lies in a span exactly when the span starts at or before
/// the piece and ends after its start. The first span (in the analysis's order) holding
/// a piece is the one drawn; finding it is a look at the smallest open index, not a
/// scan of every span.
struct Open {
    /// (offset, index) of span starts and of span ends, each sorted.
    starts: Vec<(usize, usize)>,
    ends: Vec<(usize, usize)>,
    next_start: usize,
    next_end: usize,
    open: BTreeSet<usize>,
}

impl Open {
    fn new<'s>(spans: impl Iterator<Item = &'s std::ops::Range<usize>>) -> Open {
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for (i, span) in spans.enumerate() {
            starts.push((span.start, i));
            ends.push((span.end, i));
        }
        starts.sort_unstable();
        ends.sort_unstable();
        Open {
            starts,
            ends,
            next_start: 0,
            next_end: 0,
            open: BTreeSet::new(),
        }
    }

    /// The first span holding the piece that starts at `at` (called with rising `at`).
    fn first_at(&mut self, at: usize) -> Option<usize> {
        while let Some(&(start, i)) = self.starts.get(self.next_start) {
            if start > at {
                break;
            }
            self.open.insert(i);
            self.next_start += 1;
        }
        while let Some(&(end, i)) = self.ends.get(self.next_end) {
            if end > at {
                break;
            }
            self.open.remove(&i);
            self.next_end += 1;
        }
        self.open.first().copied()
    }
}

/// The story text with mentions and findings marked. The text is cut at every span
/// boundary; each piece is wrapped in the finding and the mention it belongs to, and a
/// mention's label and card follow its last piece. One sweep over the cuts: linear in
/// the text and the spans.
fn story(report: &FileReport, file: usize) -> String {
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
    let mut open_mentions = Open::new(mentions.iter().map(|m| &m.span));
    let mut open_findings = Open::new(diagnostics.iter().map(|d| &d.span));
    let mut cards = HashMap::new();
    let mut out = String::with_capacity(text.len() * 2);
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let mention = open_mentions
            .first_at(start)
            .map(|i| &mentions[i])
            .filter(|m| m.span.start <= start && end <= m.span.end);
        let finding = open_findings
            .first_at(start)
            .map(|i| (i, &diagnostics[i]))
            .filter(|(_, d)| d.span.start <= start && end <= d.span.end);
        if let Some((i, d)) = finding {
            let _ = write!(
                out,
                "<mark class=\"finding {}\" data-finding=\"f{file}-d{i}\" title=\"{}\">",
                d.severity.as_str(),
                esc(&d.message)
            );
        }
        if let Some(mention) = mention {
            let unknown = if mention.entity.is_none() {
                " unknown"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<span class=\"ent {}{unknown}\" tabindex=\"0\">",
                mention.category.as_str()
            );
        }
        escape_html(&mut out, &text[start..end]).expect("writing to a String cannot fail");
        if let Some(mention) = mention {
            if end == mention.span.end {
                let _ = write!(
                    out,
                    "<span class=\"label\">{}</span>{}",
                    mention.category.as_str(),
                    card(report, mention, &mut cards)
                );
            }
            out.push_str("</span>");
        }
        if finding.is_some() {
            out.push_str("</mark>");
        }
    }
    out
}

fn finding(
    report: &FileReport,
    positions: &Positions,
    file: usize,
    i: usize,
    d: &Diagnostic,
) -> String {
    let at = report.location(positions, &d.span);
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

/// The inputs that could not be checked, named where the reader starts.
fn errors_block(errors: &[FileError]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let items: String = errors
        .iter()
        .map(|e| format!("<li>{}</li>", esc(&e.to_string())))
        .collect();
    format!(
        "<section class=\"errors\"><h2>Not checked</h2><p>These could not be checked; \
         nothing below says anything about them.</p><ul>{items}</ul></section>\n"
    )
}

/// Renders `check --format html`.
pub fn check(reports: &[FileReport], errors: &[FileError]) -> String {
    let summary = summary_line(&Summary::of(reports, errors));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Byline review: {summary}</title><style>{STYLE}</style></head>\n<body><header><h1>Byline review</h1>\
<p class=\"summary\">{summary}</p>{}</header>\n{}",
        legend(),
        errors_block(errors)
    );
    for (file, report) in reports.iter().enumerate() {
        let positions = report.diagnostic_positions();
        let findings: String = report
            .analysis
            .diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| finding(report, &positions, file, i, d))
            .collect();
        let findings = if findings.is_empty() {
            "<p class=\"none\">No findings.</p>".to_string()
        } else {
            format!("<ol class=\"findings\">{findings}</ol>")
        };
        let encoding = report.encoding_note().map_or(String::new(), |encoding| {
            format!("<p class=\"encoding\">decoded as {encoding}</p>")
        });
        let _ = writeln!(
            out,
            "<section class=\"story\" id=\"file-{file}\"><h2>{}</h2>{encoding}<div class=\"columns\"><pre class=\"text\">{}</pre><aside>{findings}</aside></div></section>",
            esc(&report.path),
            story(report, file)
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
