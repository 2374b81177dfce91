//! The entity model shared by every loader and by the analysis.
//!
//! One `Entity` describes a person, organisation, place or other named thing, with the
//! provenance of its facts: every role and the entity itself say where the fact came
//! from and as of when it was known to be true.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// The coarse class of an entity; it picks the semantic-token colour.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Person,
    Organization,
    Location,
    #[default]
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Person => "person",
            Category::Organization => "organization",
            Category::Location => "location",
            Category::Other => "other",
        }
    }

    /// The finer types a category allows; loaders reject others so typos surface.
    pub fn allowed_types(self) -> &'static [&'static str] {
        match self {
            Category::Person => &[
                "head-of-state",
                "head-of-government",
                "minister",
                "military-officer",
                "official",
                "legislator",
                "diplomat",
                "politician",
                "journalist",
                "militant",
                "person",
            ],
            Category::Organization => &[
                "news-agency",
                "broadcaster",
                "newspaper",
                "outlet",
                "armed-forces",
                "military-unit",
                "general-staff",
                "intelligence-agency",
                "security-service",
                "police",
                "ministry",
                "government-body",
                "intergovernmental",
                "un-body",
                "armed-group",
                "party",
                "company",
                "court",
                "organization",
            ],
            Category::Location => &[
                "country", "city", "region", "capital", "landmark", "location",
            ],
            Category::Other => &["nationality", "event", "other"],
        }
    }
}

/// A position a person held, with its dates and provenance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub start: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub end: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_of: String,
}

impl Role {
    pub fn start_date(&self) -> Option<PartialDate> {
        PartialDate::parse(&self.start)
    }

    pub fn end_date(&self) -> Option<PartialDate> {
        PartialDate::parse(&self.end)
    }

    /// Whether the role was held on `date`, as far as the dates tell. A role with no
    /// end is taken as held from its start on; one with no start as held up to its end.
    pub fn held_on(&self, date: PartialDate) -> bool {
        let started = self
            .start_date()
            .is_none_or(|start| start.earliest() <= date.latest());
        let not_ended = self
            .end_date()
            .is_none_or(|end| end.latest() >= date.earliest());
        started && not_ended
    }
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wikidata: String,
    pub kind: Category,
    #[serde(rename = "type")]
    pub entity_type: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acronyms: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub born: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub died: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prominence: Option<f32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub banned: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
}

impl Entity {
    pub fn category(&self) -> Category {
        self.kind
    }

    /// The matching prior: the file's value, else a default by type so that a head of
    /// state outranks a provincial legislator of the same surname.
    pub fn prominence(&self) -> f32 {
        if let Some(p) = self.prominence {
            return p.clamp(0.0, 1.0);
        }
        match self.entity_type.as_str() {
            "head-of-state" | "head-of-government" | "country" => 0.8,
            "minister" | "military-officer" | "capital" | "intergovernmental" | "un-body" => 0.6,
            "legislator" | "city" => 0.3,
            _ => 0.4,
        }
    }

    /// The roles held on `date`, newest first.
    pub fn roles_on(&self, date: PartialDate) -> Vec<&Role> {
        let mut roles: Vec<&Role> = self.roles.iter().filter(|r| r.held_on(date)).collect();
        roles.sort_by_key(|r| std::cmp::Reverse(r.start_date().map(|d| d.earliest())));
        roles
    }

    /// The source of a role, falling back to the entity's.
    pub fn role_source<'a>(&'a self, role: &'a Role) -> &'a str {
        if role.source.is_empty() {
            &self.source
        } else {
            &role.source
        }
    }

    /// The as-of date of a role, falling back to the entity's.
    pub fn role_as_of<'a>(&'a self, role: &'a Role) -> &'a str {
        if role.as_of.is_empty() {
            &self.as_of
        } else {
            &role.as_of
        }
    }

    /// Every surface form the entity may be written as, canonical name first.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(start: &str, end: &str) -> Role {
        Role {
            title: "Minister".into(),
            start: start.into(),
            end: end.into(),
            ..Role::default()
        }
    }

    #[test]
    fn open_role_is_held_after_its_start_only() {
        let r = role("2012-11-06", "");
        assert!(r.held_on(PartialDate::parse("2021-10-21").unwrap()));
        assert!(!r.held_on(PartialDate::parse("2010-01-01").unwrap()));
    }

    #[test]
    fn ended_role_is_not_held_after_its_end() {
        let r = role("2000-05-07", "2008-05-07");
        assert!(!r.held_on(PartialDate::parse("2010").unwrap()));
        assert!(r.held_on(PartialDate::parse("2008").unwrap()));
    }
}
