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

#[cfg(test)]
mod tests {
    use crate::analysis::Code;
    use crate::analysis::{analyze, AnalysisOptions};
    use crate::testing::entities::{organisation, person, toml, Entity, GADDAFI, KYIV};
    use crate::testing::{findings, kb, suggestions};
    use byline_kb::{Kb, KbBuilder};

    /// A house KB: entities with the forms it bans.
    const HOUSE: [Entity; 4] = [
        GADDAFI.banned(&["Qadhafi", "Muammar Qadhafi", "Moammar Qadhafi"]),
        KYIV,
        organisation("islamic-state", "Islamic State", "armed-group", "").banned(&["ISIS"]),
        person("lula", "Lula", "head-of-state", "BR").banned(&["Lulla"]),
    ];

    /// The banned-form findings of `text`, each as "written → house form".
    fn banned(text: &str, kb: &Kb) -> Vec<String> {
        suggestions(Code::BannedForm, text, kb)
    }

    #[test]
    fn a_banned_full_name_is_replaced_by_the_house_name() {
        let kb = kb(&HOUSE);
        assert_eq!(
            banned("Moammar Qadhafi spoke.", &kb),
            ["Moammar Qadhafi → Muammar Gaddafi"]
        );
    }

    #[test]
    fn a_banned_surname_alone_is_replaced_by_the_house_surname() {
        let kb = kb(&HOUSE);
        assert_eq!(
            banned("Muammar Qadhafi spoke. Later Qadhafi left.", &kb),
            ["Muammar Qadhafi → Muammar Gaddafi", "Qadhafi → Gaddafi"]
        );
    }

    #[test]
    fn a_banned_word_for_a_place_or_organisation_is_replaced_by_its_whole_name() {
        let kb = kb(&HOUSE);
        assert_eq!(
            banned("ISIS fighters left Kiev.", &kb),
            ["ISIS → Islamic State", "Kiev → Kyiv"]
        );
    }

    #[test]
    fn a_person_known_by_one_name_keeps_it_whole() {
        let kb = kb(&HOUSE);
        assert_eq!(banned("Officials said Lulla spoke.", &kb), ["Lulla → Lula"]);
    }

    #[test]
    fn the_house_form_is_not_a_finding() {
        let kb = kb(&HOUSE);
        assert!(findings("Muammar Gaddafi spoke in Kyiv. Later Gaddafi left.", &kb).is_empty());
    }

    #[test]
    fn a_banned_form_must_be_written_with_its_capitals() {
        let kb = kb(&HOUSE);
        assert!(findings("He praised the qadhafi style.", &kb).is_empty());
    }

    #[test]
    fn a_possessive_is_not_part_of_the_banned_form() {
        let kb = kb(&HOUSE);
        assert_eq!(banned("Kiev's mayor said.", &kb), ["Kiev → Kyiv"]);
    }

    #[test]
    fn the_finding_names_the_house_form_and_is_a_safe_fix() {
        let kb = kb(&HOUSE);
        let analysis = analyze("Officials in Kiev said.", &kb, &AnalysisOptions::default());
        let finding = &analysis.diagnostics[0];
        assert_eq!(finding.message, "'Kiev' is not house style; write 'Kyiv'");
        assert_eq!(finding.safe_fix(), Some("Kyiv"));
        assert_eq!(finding.entity, kb.find_id("kyiv"));
    }

    #[test]
    fn a_banned_form_beats_another_persons_surname() {
        let mut entities = HOUSE.to_vec();
        entities.push(person("ivan-kiev", "Ivan Kiev", "politician", "BG"));
        let kb = kb(&entities);
        assert_eq!(banned("Officials in Kiev said.", &kb), ["Kiev → Kyiv"]);
    }

    #[test]
    fn a_house_layer_bans_a_form_of_an_entity_an_earlier_layer_knows() {
        let default = byline_kb::load::parse_toml(
            "default.toml",
            &toml(&[KYIV.banned(&[]).aliases(&["Kiev"])]),
        )
        .unwrap();
        let mut without_house = KbBuilder::new();
        without_house.add("default.toml", default.clone());
        assert!(findings("Officials in Kiev said.", &without_house.build()).is_empty());
        let mut builder = KbBuilder::new();
        builder.add("default.toml", default);
        let house = byline_kb::load::parse_toml("house.toml", &toml(&[KYIV])).unwrap();
        builder.add("house.toml", house);
        assert_eq!(
            banned("Officials in Kiev said.", &builder.build()),
            ["Kiev → Kyiv"]
        );
    }
}
