//! The title checks on stories, against a small KB: the two findings of issue 22 and
//! the evidence each check needs before it speaks.

use crate::analysis::{analyze, AnalysisOptions};
use byline_kb::load::parse_toml;
use byline_kb::{Kb, KbBuilder, PartialDate};

const KB: &str = r#"
[[entity]]
id = "nato"
kind = "organization"
type = "intergovernmental"
name = "North Atlantic Treaty Organization"
acronyms = ["NATO"]
source = "test"

[[entity]]
id = "united-nations"
kind = "organization"
type = "intergovernmental"
name = "United Nations"
acronyms = ["UN"]
source = "test"

[[entity]]
id = "country-nl"
kind = "location"
type = "country"
name = "Netherlands"
country = "NL"
source = "test"

[[entity]]
id = "demonym-nl"
kind = "other"
type = "nationality"
name = "Dutch"
country = "NL"
source = "test"

[[entity]]
id = "demonym-hu"
kind = "other"
type = "nationality"
name = "Hungarian"
country = "HU"
source = "test"

[[entity]]
id = "Q57792"
kind = "person"
type = "head-of-government"
name = "Mark Rutte"
country = "NL"
source = "every-politician"
as_of = "2022-08-03"

[[entity.roles]]
title = "State Secretary for Social Affairs and Employment"
country = "NL"
start = "2002-07-22"
end = "2004-06-17"

[[entity.roles]]
title = "Minister of General Affairs"
country = "NL"
start = "2010-10-14"

[[entity.roles]]
title = "Prime Minister"
country = "NL"
start = "2010-10-14"
end = "2024-07-02"

[[entity]]
id = "gunay-uslu"
kind = "person"
type = "minister"
name = "Gunay Uslu"
country = "NL"
source = "test"
as_of = "2027-01"

[[entity.roles]]
title = "State Secretary for Culture and Media"
country = "NL"
start = "2022-01-10"

[[entity]]
id = "jens-stoltenberg"
kind = "person"
type = "official"
name = "Jens Stoltenberg"
country = "NO"
source = "test"
as_of = "2022-07-30"

[[entity.roles]]
title = "Prime Minister"
country = "NO"
start = "2005-10-17"
end = "2013-10-16"

[[entity.roles]]
title = "Secretary General"
organization = "NATO"
start = "2014-10-01"
end = "2024-10-01"
as_of = "2026-11"

[[entity]]
id = "antonio-guterres"
kind = "person"
type = "official"
name = "António Guterres"
source = "test"
as_of = "2026-06"

[[entity.roles]]
title = "Secretary-General of the United Nations"
start = "2017-01-01"

[[entity]]
id = "viktor-orban"
kind = "person"
type = "head-of-government"
name = "Viktor Orbán"
country = "HU"
source = "test"
as_of = "2022-07-24"

[[entity.roles]]
title = "Prime Minister"
country = "HU"
start = "2010-05-29"
end = "2026-05-09"
as_of = "2026-05"

[[entity]]
id = "antal-rogan"
kind = "person"
type = "minister"
name = "Antal Rogán"
country = "HU"
source = "test"
as_of = "2027-01"

[[entity.roles]]
title = "Head of the Prime Minister's Cabinet"
country = "HU"
start = "2015-10-08"

[[entity.roles]]
title = "Chief of Staff of the Prime Minister"
country = "HU"
start = "2015-10-08"

[[entity]]
id = "peter-magyar"
kind = "person"
type = "head-of-government"
name = "Péter Magyar"
country = "HU"
source = "test"
as_of = "2026-06"

[[entity.roles]]
title = "Prime Minister"
country = "HU"
start = "2026-05-09"
as_of = "2026-06"

[[entity]]
id = "antony-blinken"
kind = "person"
type = "minister"
name = "Antony Blinken"
country = "US"
source = "test"
as_of = "2022-08-03"

[[entity.roles]]
title = "Deputy Secretary of State"
country = "US"
start = "2015-01-09"
end = "2017-01-20"

[[entity.roles]]
title = "Secretary of State"
country = "US"
start = "2021-01-26"
end = "2025-01-20"

[[entity]]
id = "lloyd-austin"
kind = "person"
type = "minister"
name = "Lloyd Austin"
country = "US"
source = "test"
as_of = "2022-08-03"

[[entity.roles]]
title = "Secretary of Defence"
country = "US"
start = "2021-01-22"
end = "2025-01-20"

[[entity]]
id = "jane-roe"
kind = "person"
type = "minister"
name = "Jane Roe"
country = "NL"
source = "test"
as_of = "2020-01"

[[entity.roles]]
title = "Minister of Finance"
country = "NL"
start = "2017-10-26"
"#;

fn kb(extra: &str) -> Kb {
    let text = format!("{KB}{extra}");
    let mut builder = KbBuilder::new();
    builder.add(
        "test",
        parse_toml("test.toml", &text).expect("test KB parses"),
    );
    builder.build()
}

/// The title findings of a story dated `date`: code, flagged text and message.
/// One `outdated-title` finding, whose message names `successor` as the holder on the
/// story's date.
fn assert_one_outdated_title_naming(found: &[(String, String, String)], successor: &str) {
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "outdated-title");
    assert!(
        found[0].2.ends_with(&format!("; {successor} held it then")),
        "{found:?}"
    );
}

fn title_findings(kb: &Kb, text: &str, date: &str) -> Vec<(String, String, String)> {
    let options = AnalysisOptions {
        story_date: PartialDate::parse(date),
        ..AnalysisOptions::default()
    };
    analyze(text, kb, &options)
        .diagnostics
        .into_iter()
        .filter(|d| matches!(d.code.as_str(), "title-mismatch" | "outdated-title"))
        .map(|d| {
            (
                d.code.as_str().to_string(),
                text[d.span].to_string(),
                d.message,
            )
        })
        .collect()
}

const RUTTE_AT_NATO: &str = r#"
[[entity]]
id = "Q57792"
kind = "person"
type = "official"
name = "Mark Rutte"
source = "test"

[[entity.roles]]
title = "Secretary General"
organization = "NATO"
start = "2024-10-01"
as_of = "2026-02"
"#;

/// Issue 22: "NATO Secretary General Mark Rutte" drew "no longer State Secretary for
/// Social Affairs and Employment …; Gunay Uslu held it then" — "Secretary" matched an
/// unrelated office, and the KB had no NATO role for him.
#[test]
fn nato_secretary_general_rutte_is_not_his_old_state_secretary_post() {
    let story =
        "NATO Secretary General Mark Rutte said allies would keep up air defence deliveries.";
    let without_the_role = kb("");
    assert_eq!(
        title_findings(&without_the_role, story, "2026-11-21"),
        [],
        "no record of the NATO post is no evidence against it"
    );
    let mut builder = KbBuilder::new();
    builder.add("test", parse_toml("a.toml", KB).unwrap());
    builder.add("amend", parse_toml("b.toml", RUTTE_AT_NATO).unwrap());
    let with_the_role = builder.build();
    assert_eq!(title_findings(&with_the_role, story, "2026-11-21"), []);
    // His predecessor, after he left: the successor named is the one of that office.
    let found = title_findings(
        &with_the_role,
        "NATO Secretary General Jens Stoltenberg opened the meeting.",
        "2025-03-10",
    );
    assert_one_outdated_title_naming(&found, "Mark Rutte");
}

/// Issue 22: "Prime Minister Viktor Orbán" drew "Antal Rogán held it then" — Rogán ran
/// the prime minister's office. On a date Orbán was prime minister there is nothing to
/// say; after he left, no successor is named from another office.
#[test]
fn prime_minister_orban_names_no_head_of_the_prime_ministers_office() {
    let kb = kb("");
    let story = "Prime Minister Viktor Orbán told supporters in Budapest that Hungary would not send troops.";
    assert_eq!(title_findings(&kb, story, "2025-11-21"), []);
    let hungarian = "Hungarian Prime Minister Viktor Orbán spoke.";
    assert_eq!(title_findings(&kb, hungarian, "2025-11-21"), []);
    let after = title_findings(&kb, story, "2026-11-21");
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0].0, "outdated-title");
    assert!(!after[0].2.contains("Rogán"), "{after:?}");
    // Magyar's record is dated to June 2026: evidence for a story of that month only.
    let june = title_findings(&kb, story, "2026-06-01");
    assert!(
        june[0].2.ends_with("; Péter Magyar held it then"),
        "{june:?}"
    );
    assert!(!after[0].2.contains("Magyar"), "{after:?}");
}

/// After main's central-bank newsmakers came in, "ECB President Mario Draghi" (2024)
/// drew "…; Roberto Campos Neto was President of Central Bank then": Brazil's central
/// bank shares two words with the European Central Bank, not the office.
#[test]
fn a_bodys_office_is_not_held_by_a_national_office_sharing_its_words() {
    let kb = kb(r#"
[[entity]]
id = "ecb"
kind = "organization"
type = "intergovernmental"
name = "European Central Bank"
acronyms = ["ECB"]
source = "test"

[[entity]]
id = "mario-draghi"
kind = "person"
type = "head-of-government"
name = "Mario Draghi"
country = "IT"
source = "test"
as_of = "2022-07-23"

[[entity.roles]]
title = "Prime Minister"
country = "IT"
start = "2021-02-13"
end = "2022-10-22"

[[entity]]
id = "roberto-campos-neto"
kind = "person"
type = "official"
name = "Roberto Campos Neto"
country = "BR"
source = "test"
as_of = "2024-12"

[[entity.roles]]
title = "President of the Central Bank"
organization = "Central Bank of Brazil"
country = "BR"
start = "2019-02-28"
end = "2024-12-31"
"#);
    let found = title_findings(
        &kb,
        "ECB President Mario Draghi warned of deflation.",
        "2024-06-15",
    );
    assert!(
        found
            .iter()
            .all(|(_, _, message)| !message.contains("Campos Neto")),
        "{found:?}"
    );
}

#[test]
fn a_title_another_person_held_on_the_date_is_a_mismatch_naming_them() {
    let kb = kb("");
    let found = title_findings(
        &kb,
        "Defence Minister Antony Blinken met his counterparts.",
        "2024-05-14",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "title-mismatch");
    assert_eq!(found[0].1, "Defence Minister");
    assert_eq!(
        found[0].2,
        "'Defence Minister' does not fit Antony Blinken, who is Secretary of State on \
         2024-05-14; Lloyd Austin was Secretary of Defence then"
    );
    // A body's office the person never held, with its holder on the date.
    let found = title_findings(
        &kb,
        "NATO Secretary General António Guterres spoke.",
        "2024-09-24",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .2
            .ends_with("; Jens Stoltenberg was Secretary General then"),
        "{found:?}"
    );
}

#[test]
fn no_record_of_a_role_is_no_finding() {
    let kb = kb("");
    // Nobody is recorded as the Dutch foreign minister, and Jane Roe's record ends in
    // 2020: the KB cannot say she was not.
    assert_eq!(
        title_findings(&kb, "Foreign Minister Jane Roe spoke.", "2024-05-14"),
        []
    );
    // A deputy is another office, but many hold it: no holder rules her out.
    assert_eq!(
        title_findings(&kb, "Deputy Prime Minister Jane Roe spoke.", "2024-05-14"),
        []
    );
}

#[test]
fn a_record_complete_to_the_date_rules_a_title_out() {
    // Guterres's record is known to June 2026 and holds a dated role on the date.
    let found = title_findings(
        &kb(""),
        "Prime Minister António Guterres spoke.",
        "2025-03-01",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .2
            .starts_with("'Prime Minister' does not fit António Guterres, who is Secretary-General of the United Nations on 2025-03-01"),
        "{found:?}"
    );
}

#[test]
fn a_title_the_story_says_is_past_is_not_checked() {
    let kb = kb("");
    for story in [
        "Former Prime Minister Mark Rutte spoke.",
        "The former Dutch Prime Minister Mark Rutte spoke.",
        "Acting Defence Minister Antony Blinken spoke.",
    ] {
        assert_eq!(title_findings(&kb, story, "2025-06-24"), [], "{story}");
    }
    // Without "former", the Dutch premiership is outdated in 2025.
    let found = title_findings(&kb, "Dutch Prime Minister Mark Rutte spoke.", "2025-06-24");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "outdated-title");
}

#[test]
fn a_country_after_a_preposition_is_not_the_titles() {
    let kb = kb("");
    // "the Netherlands Prime Minister" would be the Dutch one; "in the Netherlands
    // Prime Minister …" is whoever the title says.
    let found = title_findings(
        &kb,
        "On a visit to the Netherlands Prime Minister Viktor Orbán spoke.",
        "2025-11-21",
    );
    assert_eq!(found, []);
}

const MORE: &str = r#"
[[entity]]
id = "country-ru"
kind = "location"
type = "country"
name = "Russia"
country = "RU"
source = "test"

[[entity]]
id = "dmitry-medvedev"
kind = "person"
type = "politician"
name = "Dmitry Medvedev"
country = "RU"
source = "test"
as_of = "2022-08-03"

[[entity.roles]]
title = "Prime Minister"
country = "RU"
start = "2012-05-08"
end = "2020-01-16"

[[entity.roles]]
title = "Premier"
country = "RU"
as_of = "2019-06"

[[entity]]
id = "mikhail-mishustin"
kind = "person"
type = "head-of-government"
name = "Mikhail Mishustin"
country = "RU"
source = "test"
as_of = "2022-08-03"

[[entity.roles]]
title = "Prime Minister"
country = "RU"
start = "2020-01-16"
as_of = "2025-10"

[[entity]]
id = "rishi-sunak"
kind = "person"
type = "politician"
name = "Rishi Sunak"
country = "GB"
source = "test"
as_of = "2022-07-23"

[[entity.roles]]
title = "Chancellor of the Exchequer"
country = "GB"
start = "2020-02-13"
end = "2022-07-05"

[[entity]]
id = "keir-starmer"
kind = "person"
type = "head-of-government"
name = "Keir Starmer"
country = "GB"
source = "test"
as_of = "2026-06"

[[entity.roles]]
title = "Prime Minister"
country = "GB"
start = "2024-07-05"
as_of = "2026-06"

[[entity]]
id = "member-of-the-house"
kind = "person"
type = "legislator"
name = "Chuck Member"
country = "US"
source = "test"
as_of = "2026-06-15"

[[entity.roles]]
title = "United States Representative from New York"
organization = "United States House of Representatives"
country = "US"
start = "1981-01-05"
end = "1999-01-03"

[[entity.roles]]
title = "United States Senator from New York"
organization = "United States Senate"
country = "US"
start = "1999-01-06"

[[entity]]
id = "speaker-of-the-house"
kind = "person"
type = "legislator"
name = "Mike Speaker"
country = "US"
source = "test"
as_of = "2026-06-15"

[[entity.roles]]
title = "United States Representative from Louisiana"
organization = "United States House of Representatives"
country = "US"
start = "2017-01-03"
"#;

#[test]
fn an_undated_listing_of_the_office_under_another_name_is_not_held_after_a_dated_end() {
    // "Premier" (listed in 2019) is the prime ministership that ended in 2020.
    let found = title_findings(
        &kb(MORE),
        "Prime Minister Dmitry Medvedev said sanctions had failed.",
        "2024-05-20",
    );
    assert_one_outdated_title_naming(&found, "Mikhail Mishustin");
}

#[test]
fn someone_else_in_the_office_is_no_mismatch_when_the_record_stops_before_them() {
    // Sunak's record ends in 2022 and Starmer took office in 2024: Sunak may have held
    // the office in between (he did), so "never held" would be a guess.
    assert_eq!(
        title_findings(&kb(MORE), "Prime Minister Rishi Sunak spoke.", "2025-02-05"),
        []
    );
}

#[test]
fn a_speaker_sits_in_the_house_on_the_date() {
    let kb = kb(MORE);
    assert_eq!(
        title_findings(&kb, "House Speaker Mike Speaker spoke.", "2024-04-20"),
        []
    );
    let found = title_findings(&kb, "House Speaker Chuck Member spoke.", "2024-04-20");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "title-mismatch");
    assert!(
        found[0]
            .2
            .contains("who is United States Senator from New York"),
        "{found:?}"
    );
}
