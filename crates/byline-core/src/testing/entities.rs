//! The entities the analysis tests name, written once: a constant for each one several
//! tests share (`GERASIMOV`, `PUTIN`, `MOSCOW`, …) and a builder for a one-off
//! (`person("browne", "Des Browne", "minister", "GB")`), so that a test states only the
//! facts that matter to it and composes its KB from them:
//! `kb(&[GERASIMOV, MOSCOW, person(…).aliases(&[…])])`.
//!
//! An [`Entity`] is written out as an `[[entity]]` table in the KB's TOML format
//! (`docs/kb-format.md`) and read by the loader a house KB goes through, so a test KB
//! is checked as strictly as a real one.

use std::fmt::{self, Write};

/// One KB entity, as the `[[entity]]` table of the KB's TOML format. Build it with
/// [`person`], [`organisation`], [`place`] or [`other`] and the setters (`.aliases(…)`,
/// `.banned(…)`, `.roles(…)`, …); all are `const`, so shared entities are constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entity<'a> {
    id: &'a str,
    kind: &'a str,
    kind_type: &'a str,
    name: &'a str,
    /// ISO 3166-1 alpha-2; empty: none written.
    country: &'a str,
    aliases: &'a [&'a str],
    acronyms: &'a [&'a str],
    banned: &'a [&'a str],
    prominence: Option<f64>,
    /// The date the entity's record is known to (YYYY[-MM[-DD]]); empty: none written.
    as_of: &'a str,
    roles: &'a [Tenure<'a>],
}

/// A position a person held: `[[entity.roles]]`. An empty date is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenure<'a> {
    title: &'a str,
    start: &'a str,
    end: &'a str,
}

/// A role held from `start` to `end` (YYYY[-MM[-DD]]; `end` empty: still held).
pub const fn role<'a>(title: &'a str, start: &'a str, end: &'a str) -> Tenure<'a> {
    Tenure { title, start, end }
}

/// The constructors, one a kind: `person("browne", "Des Browne", "minister", "GB")`.
macro_rules! kinds {
    ($($(#[doc = $doc:literal])* $function:ident: $kind:literal),* $(,)?) => {$(
        $(#[doc = $doc])*
        pub const fn $function<'a>(
            id: &'a str,
            name: &'a str,
            kind_type: &'a str,
            country: &'a str,
        ) -> Entity<'a> {
            Entity {
                id,
                kind: $kind,
                kind_type,
                name,
                country,
                aliases: &[],
                acronyms: &[],
                banned: &[],
                prominence: None,
                as_of: "",
                roles: &[],
            }
        }
    )*};
}

kinds! {
    /// A person of a type (`minister`, `military-officer`, …) from a country ("" for
    /// none).
    person: "person",
    /// An organisation of a type (`news-agency`, `armed-group`, …) from a country (""
    /// for none, as for an international body).
    organisation: "organization",
    /// A place of a type (`capital`, `country`, `city`, …) in a country.
    place: "location",
    /// Any other named thing (`nationality`, `other`, …) of a country ("" for none).
    other: "other",
}

/// The setters, one a fact, each replacing what the entity had:
/// `KYIV.banned(&[])`, `person(…).aliases(&["…"])`.
macro_rules! setters {
    ($($(#[doc = $doc:literal])* $field:ident: $type:ty),* $(,)?) => {
        impl<'a> Entity<'a> {$(
            $(#[doc = $doc])*
            pub const fn $field(mut self, $field: $type) -> Self {
                self.$field = $field;
                self
            }
        )*}
    };
}

setters! {
    /// The canonical name.
    name: &'a str,
    /// Other accepted spellings.
    aliases: &'a [&'a str],
    /// Acronyms that stand for the entity, matched case-sensitively.
    acronyms: &'a [&'a str],
    /// Forms the house does not allow.
    banned: &'a [&'a str],
    /// The positions held, oldest first.
    roles: &'a [Tenure<'a>],
    /// The date the record is known complete to: a role with no end was still held
    /// then, and the title checks may say "no longer" or "does not fit" up to it.
    as_of: &'a str,
}

impl Entity<'_> {
    /// The same entity with no country, so no country's script or story speaks for it.
    pub const fn without_country(mut self) -> Self {
        self.country = "";
        self
    }

    /// The prior for matching, 0..1, instead of the type's default.
    pub const fn prominence(mut self, prominence: f64) -> Self {
        self.prominence = Some(prominence);
        self
    }
}

/// A TOML basic string: the text in quotes, with quotes, backslashes and control
/// characters escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quoted_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

impl fmt::Display for Entity<'_> {
    /// The entity's `[[entity]]` table, and one `[[entity.roles]]` table a role.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "[[entity]]")?;
        writeln!(f, "id = {}", quoted(self.id))?;
        writeln!(f, "kind = {}", quoted(self.kind))?;
        writeln!(f, "type = {}", quoted(self.kind_type))?;
        writeln!(f, "name = {}", quoted(self.name))?;
        for (key, list) in [
            ("aliases", self.aliases),
            ("acronyms", self.acronyms),
            ("banned", self.banned),
        ] {
            if !list.is_empty() {
                writeln!(f, "{key} = {}", quoted_list(list))?;
            }
        }
        if !self.country.is_empty() {
            writeln!(f, "country = {}", quoted(self.country))?;
        }
        if let Some(prominence) = self.prominence {
            writeln!(f, "prominence = {prominence:?}")?;
        }
        if !self.as_of.is_empty() {
            writeln!(f, "as_of = {}", quoted(self.as_of))?;
        }
        for role in self.roles {
            writeln!(f, "\n[[entity.roles]]")?;
            writeln!(f, "title = {}", quoted(role.title))?;
            for (key, date) in [("start", role.start), ("end", role.end)] {
                if !date.is_empty() {
                    writeln!(f, "{key} = {}", quoted(date))?;
                }
            }
        }
        Ok(())
    }
}

/// The entities as one KB file in TOML, in order.
pub fn toml(entities: &[Entity]) -> String {
    let mut out = String::new();
    for entity in entities {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{entity}");
    }
    out
}

// Persons.

pub const GERASIMOV: Entity = person("gerasimov", "Valery Gerasimov", "military-officer", "RU");

pub const PUTIN: Entity = person("putin", "Vladimir Putin", "head-of-state", "RU").roles(&[role(
    "President of Russia",
    "2012-05-07",
    "",
)]);

pub const SHOIGU: Entity = person("shoigu", "Sergei Shoigu", "minister", "RU").roles(&[
    role("Minister of Defence", "2012-11-06", "2024-05-12"),
    role("Secretary of the Security Council", "2024-05-12", ""),
]);

pub const BLINKEN: Entity = person("blinken", "Antony Blinken", "minister", "US");

/// A second minister whose surname is one edit from Blinken's.
pub const BLINKOV: Entity = person("blinkov", "Pavel Blinkov", "minister", "RU");

/// An Arabic-script name with many romanisations; a house may ban some of them.
pub const GADDAFI: Entity = person("gaddafi", "Muammar Gaddafi", "head-of-state", "LY");

/// A person whose surname other persons share.
pub const CINDY_MCCAIN: Entity = person("cindy-mccain", "Cindy McCain", "politician", "US");

// Organisations.

pub const IRNA: Entity =
    organisation("irna", "Islamic Republic News Agency", "news-agency", "IR").acronyms(&["IRNA"]);

pub const SDF: Entity = organisation("sdf", "Syrian Democratic Forces", "armed-group", "SY");

/// An international body: no country.
pub const IMF: Entity = organisation(
    "imf",
    "International Monetary Fund",
    "intergovernmental",
    "",
);

// Places.

pub const MOSCOW: Entity = place("moscow", "Moscow", "capital", "RU");

/// With the spelling the house style bans.
pub const KYIV: Entity = place("kyiv", "Kyiv", "capital", "UA").banned(&["Kiev"]);

pub const IRAN: Entity = place("iran", "Iran", "country", "IR");
