//! The countries a story names, each with how many of its entities name it. Linking and
//! the slip search both ask "which countries is the story about, apart from what this
//! one name says?": a country only the name being judged gives is no evidence for it.

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// The story's countries and their votes: one per entity of the story that names it.
#[derive(Debug, Default)]
pub struct StoryCountries {
    countries: HashSet<String>,
    votes: HashMap<String, u32>,
}

impl StoryCountries {
    /// Counts one entity's country (the caller counts each entity once).
    pub fn add(&mut self, country: &str) {
        if country.is_empty() {
            return;
        }
        self.countries.insert(country.to_string());
        *self.votes.entry(country.to_string()).or_default() += 1;
    }

    /// Every country the story names.
    pub fn all(&self) -> &HashSet<String> {
        &self.countries
    }

    /// The countries apart from `own` when `own` has only one entity's vote — the
    /// entity being judged.
    pub fn without_sole(&self, own: &str) -> Cow<'_, HashSet<String>> {
        if self.votes.get(own) != Some(&1) {
            return Cow::Borrowed(&self.countries);
        }
        let mut countries = self.countries.clone();
        countries.remove(own);
        Cow::Owned(countries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_only_one_entity_names_is_left_out_for_that_entity() {
        let mut story = StoryCountries::default();
        for country in ["UA", "RU", "RU", ""] {
            story.add(country);
        }
        assert_eq!(story.all().len(), 2);
        assert!(!story.without_sole("UA").contains("UA"));
        assert!(story.without_sole("RU").contains("RU"));
        assert!(story.without_sole("").contains("UA"));
    }
}
