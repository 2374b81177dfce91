//! The Markdown card shown on hover and by `byline kb lookup`: who or what an entity
//! is, its role on the story's date with dates and "as of", and where the facts came
//! from.

use super::{Entity, PartialDate, Role};

fn role_line(entity: &Entity, role: &Role, date: PartialDate) -> String {
    let mut line = format!("**{}**", role.title);
    if !role.organization.is_empty() && !role.title.contains(&role.organization) {
        line.push_str(&format!(", {}", role.organization));
    }
    let dates = match (role.start.as_str(), role.end.as_str()) {
        ("", "") => String::new(),
        (start, "") => format!(" (since {start})"),
        ("", end) => format!(" (until {end})"),
        (start, end) => format!(" ({start} – {end})"),
    };
    line.push_str(&dates);
    if !role.held_on(date) {
        line.push_str(" — not held on the story's date");
    }
    let as_of = entity.role_as_of(role);
    if !as_of.is_empty() && role.end.is_empty() {
        line.push_str(&format!(" — as of {as_of}"));
    }
    line
}

/// How much a role says about who someone is, so that a prime minister's card leads
/// with "Prime Minister" rather than a newer, lesser post held alongside it.
fn rank(role: &Role) -> u8 {
    const TOP: [&str; 12] = [
        "president",
        "prime minister",
        "chancellor",
        "premier",
        "supreme leader",
        "king",
        "queen",
        "emir",
        "sultan",
        "head of state",
        "head of government",
        "secretary-general",
    ];
    let title = role.title.to_lowercase();
    let dated = u8::from(!role.start.is_empty());
    let top = TOP.iter().any(|t| title.starts_with(t)) && !title.contains("vice");
    let senior = [
        "minister",
        "secretary",
        "chief",
        "commander",
        "director",
        "chair",
    ]
    .iter()
    .any(|t| title.contains(t));
    let level = if top {
        3
    } else if senior {
        2
    } else {
        1
    };
    level * 2 + dated
}

/// The card for `entity` as of `date` (the story's date, or today).
pub fn markdown(entity: &Entity, date: PartialDate) -> String {
    let mut out = format!(
        "**{}** · {} · {}\n",
        entity.name,
        entity.category().as_str(),
        entity.entity_type.replace('-', " ")
    );
    if !entity.description.is_empty() {
        out.push_str(&format!("\n{}\n", entity.description));
    }
    let mut facts = Vec::new();
    let mut current = entity.roles_on(date);
    // `roles_on` is newest first; a stable sort keeps that order within a rank.
    current.sort_by_key(|role| std::cmp::Reverse(rank(role)));
    if let Some(role) = current.first() {
        let mut line = role_line(entity, role, date);
        if !role.source.is_empty() && role.source != entity.source {
            line.push_str(&format!(" — source: {}", role.source));
        }
        facts.push(format!("Role on {date}: {line}"));
    } else if let Some(last) = entity
        .roles
        .iter()
        .max_by_key(|r| r.start_date().map(|d| d.earliest()))
    {
        facts.push(format!(
            "Last known role: {}",
            role_line(entity, last, date)
        ));
    }
    // Other roles held on the date first (by rank), then the rest newest first; an
    // office recorded twice (a dated Wikidata role and an undated 2019 one) once.
    let mut rest: Vec<&Role> = entity
        .roles
        .iter()
        .filter(|r| !current.iter().any(|c| std::ptr::eq(*c, *r)))
        .collect();
    rest.sort_by_key(|r| std::cmp::Reverse(r.start_date().map(|d| d.earliest())));
    let mut shown_titles: Vec<String> = current
        .first()
        .map(|r| r.title.to_lowercase())
        .into_iter()
        .collect();
    let earlier: Vec<String> = current
        .iter()
        .skip(1)
        .copied()
        .chain(rest)
        .filter(|r| {
            let title = r.title.to_lowercase();
            let new = !shown_titles.contains(&title) || !r.held_on(date);
            shown_titles.push(title);
            new
        })
        .take(4)
        .map(|r| role_line(entity, r, date))
        .collect();
    if !earlier.is_empty() && !current.is_empty() {
        facts.push(format!("Other roles: {}", earlier.join("; ")));
    }
    if !entity.country.is_empty() {
        facts.push(format!("Country: {}", entity.country));
    }
    if !entity.born.is_empty() {
        facts.push(format!("Born: {}", entity.born));
    }
    if !entity.died.is_empty() {
        facts.push(format!("Died: {}", entity.died));
    }
    let aliases: Vec<&str> = entity
        .aliases
        .iter()
        .chain(&entity.acronyms)
        .map(String::as_str)
        .take(8)
        .collect();
    if !aliases.is_empty() {
        facts.push(format!("Also: {}", aliases.join(", ")));
    }
    if !entity.wikidata.is_empty() {
        facts.push(format!(
            "Wikidata: [{0}](https://www.wikidata.org/wiki/{0})",
            entity.wikidata
        ));
    }
    let mut source = entity.source.clone();
    if !entity.as_of.is_empty() {
        source.push_str(&format!(", as of {}", entity.as_of));
    }
    if !source.is_empty() {
        facts.push(format!("Source: {source}"));
    }
    out.push('\n');
    for fact in facts {
        out.push_str(&format!("- {fact}\n"));
    }
    out
}
