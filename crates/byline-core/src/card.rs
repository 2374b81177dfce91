//! The Markdown card shown on hover, in the HTML report and by `byline kb lookup`: who
//! or what an entity is, its role on the story's date with dates and "as of", which
//! date that is and where it came from, and where the facts came from.
//!
//! Pure: the caller says which date to use ([`CardDate`]) and how to name a country
//! from its ISO code ([`country_names`] reads them from a KB).

use byline_kb::{Category, Entity, Kb, PartialDate, Role};

/// The date a card shows roles on, and why that date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardDate<'a> {
    /// The story's date, and where it came from when known ("front matter",
    /// "settings", ".byline.toml", "--date").
    Story(PartialDate, Option<&'a str>),
    /// No story date: today's roles (the date given is today).
    Today(PartialDate),
}

impl CardDate<'_> {
    /// The date roles are shown on.
    pub fn date(&self) -> PartialDate {
        match *self {
            CardDate::Story(date, _) | CardDate::Today(date) => date,
        }
    }

    /// "Roles as of 2021-10-21 (front matter)", "Roles as of today, 2026-12-03 — no
    /// story date set".
    pub fn roles_line(&self) -> String {
        match self {
            CardDate::Story(date, Some(source)) => format!("Roles as of {date} ({source})"),
            CardDate::Story(date, None) => format!("Roles as of {date} (the story's date)"),
            CardDate::Today(date) => {
                format!("Roles as of today, {date} — no story date set")
            }
        }
    }
}

/// Names a country from its ISO 3166-1 alpha-2 code through the KB's country entities
/// (`country-ir` → "Iran"); `None` for a code the KB has no country for.
pub fn country_names(kb: &Kb) -> impl Fn(&str) -> Option<String> + '_ {
    |code| {
        kb.country_entity(code)
            .map(|id| kb.entity(id))
            .filter(|entity| entity.entity_type == "country")
            .map(|entity| entity.name.clone())
    }
}

/// "once", "twice", "3 times".
pub fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// The card of a name the KB does not know: what kind of name, and how often the story
/// uses it.
pub fn unknown_markdown(name: &str, category: Category, mentions: usize) -> String {
    format!(
        "**{name}** · {} · not in the knowledge base\n\nMentioned {} in this story.\n",
        category.as_str(),
        times(mentions)
    )
}

/// An open role whose source is more than two years older than `date`: it was held when
/// the source was written, but nothing since confirms it, so the card must not present
/// it as the role on the story's date (an imported 2022 cabinet list still "holds" a
/// prime minister's companion offices years after he left).
fn unconfirmed_on(entity: &Entity, role: &Role, date: PartialDate) -> bool {
    role.end.is_empty()
        && PartialDate::parse(entity.role_as_of(role))
            .is_some_and(|as_of| date.earliest() >= as_of.latest() + 20_000)
}

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

/// The card for `entity` as of `date` (the story's date, or today); `country_name`
/// names a country from its ISO code ([`country_names`]), else the code is shown.
pub fn markdown(
    entity: &Entity,
    card_date: &CardDate,
    country_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let date = card_date.date();
    // The type only when it says more than the category ("person · minister"): many
    // entries have the category as their type, and "person · person" reads as a slip.
    let category = entity.category().as_str();
    let entity_type = entity.entity_type.replace('-', " ");
    let mut out = if entity_type.is_empty() || entity_type == category {
        format!("**{}** · {category}\n", entity.name)
    } else {
        format!("**{}** · {category} · {entity_type}\n", entity.name)
    };
    if !entity.description.is_empty() {
        out.push_str(&format!("\n{}\n", entity.description));
    }
    let mut facts = Vec::new();
    if !entity.roles.is_empty() {
        // Which date "held" and "not held" below refer to, and why that one.
        facts.push(card_date.roles_line());
    }
    let mut current = entity.roles_on(date);
    // `roles_on` is newest first; a stable sort keeps that order within a rank.
    current.sort_by_key(|role| std::cmp::Reverse(rank(role)));
    if let Some(role) = current.first() {
        let mut line = role_line(entity, role, date);
        if !role.source.is_empty() && role.source != entity.source {
            line.push_str(&format!(" — source: {}", role.source));
        }
        if unconfirmed_on(entity, role, date) {
            facts.push(format!(
                "Last recorded role: {line}; no record confirms it on {date}"
            ));
        } else {
            facts.push(format!("Role on {date}: {line}"));
        }
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
        match country_name(&entity.country) {
            // A country's own card need not name it twice.
            Some(name) if name == entity.name => {}
            Some(name) => facts.push(format!("Country: {name}")),
            None => facts.push(format!("Country: {}", entity.country)),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn on(date: &str) -> CardDate<'static> {
        CardDate::Story(PartialDate::parse(date).unwrap(), None)
    }

    fn no_countries(_: &str) -> Option<String> {
        None
    }

    fn minister(as_of: &str) -> Entity {
        Entity {
            id: "Q1".into(),
            kind: Category::Person,
            entity_type: "minister".into(),
            name: "Ann Example".into(),
            source: "a cabinet list".into(),
            as_of: as_of.into(),
            roles: vec![Role {
                title: "Minister for the Union".into(),
                start: "2019-07-26".into(),
                ..Role::default()
            }],
            ..Entity::default()
        }
    }

    #[test]
    fn an_open_role_from_a_years_old_source_is_not_shown_as_held_on_the_story_date() {
        let card = markdown(&minister("2022-07-23"), &on("2026-11-28"), &no_countries);
        assert!(
            card.contains("Last recorded role: **Minister for the Union** (since 2019-07-26) — as of 2022-07-23; no record confirms it on 2026-11-28"),
            "{card}"
        );
        assert!(!card.contains("Role on"), "{card}");
    }

    #[test]
    fn an_open_role_from_a_recent_source_is_the_role_on_the_story_date() {
        let card = markdown(&minister("2026-03"), &on("2026-11-28"), &no_countries);
        assert!(
            card.contains(
                "Role on 2026-11-28: **Minister for the Union** (since 2019-07-26) — as of 2026-03"
            ),
            "{card}"
        );
    }

    #[test]
    fn the_country_is_named_through_the_resolver_and_its_code_kept_when_unknown() {
        let mut entity = minister("2026-03");
        entity.country = "IR".into();
        let names = |code: &str| (code == "IR").then(|| "Iran".to_string());
        let card = markdown(&entity, &on("2026-11-28"), &names);
        assert!(card.contains("- Country: Iran\n"), "{card}");
        entity.country = "XX".into();
        let card = markdown(&entity, &on("2026-11-28"), &names);
        assert!(card.contains("- Country: XX\n"), "{card}");
        // The card of Iran itself does not say "Country: Iran".
        let iran = Entity {
            name: "Iran".into(),
            country: "IR".into(),
            ..Entity::default()
        };
        assert!(!markdown(&iran, &on("2026-11-28"), &names).contains("Country:"));
    }

    #[test]
    fn country_names_come_from_the_kbs_country_entities() {
        let kb = one_country_kb();
        let names = country_names(&kb);
        assert_eq!(names("IR").as_deref(), Some("Iran"));
        assert_eq!(names("ir").as_deref(), Some("Iran"));
        assert_eq!(names("ZZ"), None);
    }

    /// A KB of one country entity, as kb/generated/countries.jsonl stores them.
    fn one_country_kb() -> Kb {
        let mut builder = byline_kb::KbBuilder::new();
        builder.add(
            "countries.jsonl",
            vec![Entity {
                id: "country-ir".into(),
                kind: Category::Location,
                entity_type: "country".into(),
                name: "Iran".into(),
                country: "IR".into(),
                ..Entity::default()
            }],
        );
        builder.build()
    }

    #[test]
    fn the_card_says_which_date_its_roles_are_on_and_where_that_date_came_from() {
        let entity = minister("2026-03");
        let date = PartialDate::parse("2021-10-21").unwrap();
        let card = markdown(
            &entity,
            &CardDate::Story(date, Some("front matter")),
            &no_countries,
        );
        assert!(
            card.contains("- Roles as of 2021-10-21 (front matter)\n"),
            "{card}"
        );
        let today = PartialDate::parse("2026-12-03").unwrap();
        let card = markdown(&entity, &CardDate::Today(today), &no_countries);
        assert!(
            card.contains("- Roles as of today, 2026-12-03 — no story date set\n"),
            "{card}"
        );
        // Without roles there is nothing the date changes: no line.
        let place = Entity {
            name: "Moscow".into(),
            ..Entity::default()
        };
        assert!(!markdown(&place, &CardDate::Today(today), &no_countries).contains("Roles as of"));
    }

    #[test]
    fn the_header_shows_the_type_only_when_it_differs_from_the_category() {
        let header = |entity: &Entity| {
            markdown(entity, &on("2026-11-28"), &no_countries)
                .lines()
                .next()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            header(&minister("2026-01-01")),
            "**Ann Example** · person · minister"
        );
        let mut plain = minister("2026-01-01");
        plain.entity_type = "person".into();
        assert_eq!(header(&plain), "**Ann Example** · person");
        plain.entity_type = String::new();
        assert_eq!(header(&plain), "**Ann Example** · person");
        plain.entity_type = "head-of-state".into();
        assert_eq!(header(&plain), "**Ann Example** · person · head of state");
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(
            [1, 2, 3, 10].map(times),
            ["once", "twice", "3 times", "10 times"]
        );
        assert_eq!(
            unknown_markdown("Xandor Quillfeather", Category::Person, 2),
            "**Xandor Quillfeather** · person · not in the knowledge base\n\nMentioned twice in this story.\n"
        );
    }
}
