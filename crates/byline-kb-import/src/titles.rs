//! What a position title says about its holder: the entity type and the matching
//! prior (prominence) of a person who holds it.
//!
//! Heads of state and government are known from the positions world-leaders-2021
//! lists (Wikidata's head-of-state and head-of-government offices), or from a bare
//! national title in a country list ("President", "Prime Minister"). Everything else
//! is read from the words of the title, conservatively: an unclear title makes an
//! official, never a minister or a general.

use byline_kb::normalize::fold;

/// Entity type and prominence a role gives its holder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Class {
    pub entity_type: &'static str,
    pub prominence: f32,
}

impl Class {
    const fn new(entity_type: &'static str, prominence: f32) -> Class {
        Class {
            entity_type,
            prominence,
        }
    }
}

pub const HEAD_OF_STATE: Class = Class::new("head-of-state", 0.9);
pub const HEAD_OF_GOVERNMENT: Class = Class::new("head-of-government", 0.9);
pub const FOREIGN_OR_DEFENCE_MINISTER: Class = Class::new("minister", 0.75);
pub const MINISTER: Class = Class::new("minister", 0.6);
pub const MILITARY_CHIEF: Class = Class::new("military-officer", 0.75);
pub const MILITARY_DEPUTY: Class = Class::new("military-officer", 0.6);
pub const SECURITY_CHIEF: Class = Class::new("official", 0.6);
pub const SENIOR_OFFICIAL: Class = Class::new("official", 0.6);
pub const OFFICIAL: Class = Class::new("official", 0.4);
pub const DIPLOMAT: Class = Class::new("diplomat", 0.4);

/// Which head a head-of-state-or-government position is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    State,
    Government,
}

/// Words of a title that make its holder the head of government.
const GOVERNMENT_HEAD_WORDS: &[&str] = &[
    "prime minister",
    "premier",
    "chancellor",
    "taoiseach",
    "chairman of the council of ministers",
    "chief minister",
    "minister of state of monaco",
    "president of the executive yuan",
    "president of the government",
    "head of government",
];

/// The head a world-leaders position label names: government for prime ministers and
/// the like, state for presidents and monarchs. A governor-general represents the
/// head of state and is not one, so gets `None`.
pub fn head_of_world_leaders_label(label: &str) -> Option<Head> {
    let t = fold(label);
    if t.contains("governor-general") || t.contains("governor general") {
        return None;
    }
    if GOVERNMENT_HEAD_WORDS.iter().any(|w| t.contains(w))
        && !t.starts_with("deputy")
        && !t.starts_with("vice")
    {
        Some(Head::Government)
    } else {
        Some(Head::State)
    }
}

/// Bare titles that, in a list of one country's offices (CIA World Leaders, a
/// national every-politician repo), can only mean the head of state or government.
pub fn head_of_bare_title(title: &str) -> Option<Head> {
    let t = fold(title.trim());
    match t.as_str() {
        "president" | "king" | "queen" | "emir" | "amir" | "sultan" | "supreme leader"
        | "monarch" | "emperor" | "grand duke" | "pope" | "chief of state" | "head of state"
        | "captain regent" | "co-prince" => Some(Head::State),
        "prime minister" | "premier" | "chancellor" | "federal chancellor"
        | "head of government" | "taoiseach" => Some(Head::Government),
        _ => None,
    }
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| text.starts_with(p))
}

/// Military commands: a chief, commander or head of a service or staff.
fn is_military(t: &str) -> bool {
    const FORCES: &[&str] = &[
        "general staff",
        "army",
        "navy",
        "naval",
        "air force",
        "air staff",
        "defence staff",
        "defense staff",
        "defence force",
        "defense force",
        "armed forces",
        "joint chiefs",
        "chiefs of staff",
        "revolutionary guard",
        "marine corps",
        "land forces",
        "ground forces",
        "joint operations",
        "military",
    ];
    const LEADS: &[&str] = &[
        "chief",
        "commander",
        "chair",
        "head",
        "commandant",
        "director",
    ];
    if contains_any(
        t,
        &[
            "minister",
            "secretary",
            "ministry",
            "attorney",
            "judge",
            "court",
            "advocate",
        ],
    ) {
        return false;
    }
    let exact = matches!(
        t,
        "chief of defence"
            | "chief of defense"
            | "military leader"
            | "chief of staff of the armed forces"
    );
    exact || (contains_any(t, LEADS) && contains_any(t, FORCES))
}

/// Heads of security, intelligence and police services.
fn is_security_chief(t: &str) -> bool {
    const SERVICES: &[&str] = &[
        "security service",
        "intelligence",
        "federal bureau of investigation",
        "fbi",
        "police",
        "state security",
        "national security",
        "security agency",
        "secret service",
        "gendarmerie",
    ];
    const LEADS: &[&str] = &[
        "director",
        "head",
        "chief",
        "chairman",
        "commissioner",
        "adviser",
        "advisor",
        "commander",
    ];
    !t.starts_with("deputy")
        && contains_any(t, SERVICES)
        && contains_any(t, LEADS)
        && !t.contains("minister")
}

fn is_diplomat(t: &str) -> bool {
    t.starts_with("ambassador")
        || contains_any(
            t,
            &[
                "ambassador to",
                "ambassador of",
                "permanent representative",
                "high commissioner to",
                "envoy",
                "consul",
            ],
        )
}

/// Cabinet-level ministers, under the names countries give them.
fn is_minister(t: &str) -> bool {
    const JUNIOR: &[&str] = &[
        "deputy minister",
        "vice minister",
        "vice-minister",
        "assistant minister",
        "minister assisting",
        "parliamentary secretary",
        "parliamentary under",
        "under-secretary",
        "undersecretary",
        "under secretary",
        "assistant secretary",
        "deputy secretary",
        "state secretary",
        "permanent secretary",
        "principal secretary",
    ];
    if contains_any(t, JUNIOR) {
        return false;
    }
    if contains_any(
        t,
        &[
            "deputy prime minister",
            "vice premier",
            "vice prime minister",
            "deputy premier",
        ],
    ) {
        return true;
    }
    if t.contains("minister") && !t.contains("prime minister") {
        return true;
    }
    if matches!(
        t,
        "foreign secretary"
            | "home secretary"
            | "defence secretary"
            | "defense secretary"
            | "treasurer"
            | "lord chancellor"
    ) || t.starts_with("chancellor of the exchequer")
        || t.starts_with("chancellor of the duchy")
    {
        return true;
    }
    // "Secretary of State (for …)", "Secretary of Defense", "Secretary for Education"
    // are cabinet posts; service secretaries and secretaries-general are not.
    if starts_with_any(t, &["secretary of ", "secretary for "]) {
        const NOT_CABINET: &[&str] = &[
            "secretary of the navy",
            "secretary of the army",
            "secretary of the air force",
            "secretary of government",
            "secretary of the government",
            "secretary of the cabinet",
            "secretary of the council",
            "secretary of the senate",
            "secretary of the national",
            "secretary of the president",
            "secretary of the security",
            "secretary of state of ",
        ];
        return !starts_with_any(t, NOT_CABINET);
    }
    false
}

/// Foreign and defence portfolios, which news reports most.
fn is_foreign_or_defence(t: &str) -> bool {
    if contains_any(
        t,
        &[
            "minister of state",
            "minister delegate",
            "deputy",
            "vice",
            "first deputy",
            "for the armed forces",
        ],
    ) {
        return false;
    }
    t == "secretary of state"
        || contains_any(
            t,
            &[
                "foreign",
                "external affairs",
                "external relations",
                "defence",
                "defense",
                "armed forces",
                "national defen",
                "minister of war",
            ],
        )
}

/// The type and prominence a holder of `title` gets. `head` says that the position is
/// a head-of-state or head-of-government office (from world-leaders or a bare
/// national title).
pub fn classify(title: &str, head: Option<Head>) -> Class {
    match head {
        Some(Head::State) => return HEAD_OF_STATE,
        Some(Head::Government) => return HEAD_OF_GOVERNMENT,
        None => {}
    }
    let t = fold(title.trim());
    if is_diplomat(&t) {
        return DIPLOMAT;
    }
    if is_military(&t) {
        return if starts_with_any(&t, &["deputy", "vice", "assistant"]) {
            MILITARY_DEPUTY
        } else {
            MILITARY_CHIEF
        };
    }
    if is_security_chief(&t) {
        return SECURITY_CHIEF;
    }
    if is_minister(&t) {
        return if is_foreign_or_defence(&t) {
            FOREIGN_OR_DEFENCE_MINISTER
        } else {
            MINISTER
        };
    }
    if matches!(
        t.as_str(),
        "vice president" | "vice-president" | "first vice president" | "first vice-president"
    ) || t.starts_with("vice president of")
        || t.starts_with("governor-general")
        || t.starts_with("governor general")
    {
        return SENIOR_OFFICIAL;
    }
    OFFICIAL
}

/// How a description names a type: "Iranian military officer".
pub fn type_phrase(entity_type: &str) -> &'static str {
    match entity_type {
        "head-of-state" => "head of state",
        "head-of-government" => "head of government",
        "minister" => "minister",
        "military-officer" => "military officer",
        "legislator" => "legislator",
        "diplomat" => "diplomat",
        _ => "official",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(title: &str) -> (&'static str, f32) {
        let c = classify(title, None);
        (c.entity_type, c.prominence)
    }

    #[test]
    fn world_leaders_labels_pick_state_or_government() {
        assert_eq!(
            head_of_world_leaders_label("President of Albania"),
            Some(Head::State)
        );
        assert_eq!(
            head_of_world_leaders_label("Prime Minister of Albania"),
            Some(Head::Government)
        );
        assert_eq!(
            head_of_world_leaders_label("Premier of the People's Republic of China"),
            Some(Head::Government)
        );
        assert_eq!(
            head_of_world_leaders_label("Federal Chancellor of Germany"),
            Some(Head::Government)
        );
        assert_eq!(
            head_of_world_leaders_label("King of Jordan"),
            Some(Head::State)
        );
        assert_eq!(
            head_of_world_leaders_label("Governor-General of Canada"),
            None
        );
    }

    #[test]
    fn bare_national_titles_are_heads() {
        assert_eq!(head_of_bare_title("President"), Some(Head::State));
        assert_eq!(head_of_bare_title("Prime Minister"), Some(Head::Government));
        assert_eq!(head_of_bare_title("President of the Senate"), None);
        assert_eq!(head_of_bare_title("Deputy Prime Minister"), None);
    }

    #[test]
    fn military_chiefs_are_officers() {
        for title in [
            "Chief of the General Staff",
            "Chief of General Staff",
            "Chief of Staff of the Army",
            "Chief of Air Staff",
            "Chief of Naval Staff",
            "Chief of the Defence Staff",
            "Chief of Defence",
            "Chairman of the Joint Chiefs of Staff",
            "Commander-in-chief of the Revolutionary Guard",
            "Chief of Navy",
        ] {
            assert_eq!(kind(title), ("military-officer", 0.75), "{title}");
        }
        assert_eq!(
            kind("Deputy Chief of the General Staff"),
            ("military-officer", 0.6)
        );
        assert_eq!(kind("Secretary of the Navy"), ("official", 0.4));
        assert_eq!(
            kind("Chief of Staff (Head of the Office of the President)"),
            ("official", 0.4)
        );
        assert_eq!(kind("White House Chief of Staff"), ("official", 0.4));
    }

    #[test]
    fn ministers_and_their_portfolios() {
        assert_eq!(kind("Minister of Foreign Affairs"), ("minister", 0.75));
        assert_eq!(kind("Minister of Defence"), ("minister", 0.75));
        assert_eq!(kind("Secretary of State for Defence"), ("minister", 0.75));
        assert_eq!(kind("Secretary of State"), ("minister", 0.75));
        assert_eq!(kind("Foreign Minister of Afghanistan"), ("minister", 0.75));
        assert_eq!(kind("Minister of Finance"), ("minister", 0.6));
        assert_eq!(kind("Secretary of Agriculture"), ("minister", 0.6));
        assert_eq!(kind("Deputy Prime Minister"), ("minister", 0.6));
        assert_eq!(
            kind("Minister of State for the Armed Forces"),
            ("minister", 0.6)
        );
        assert_eq!(kind("Deputy Minister of Defence"), ("official", 0.4));
        assert_eq!(kind("State Secretary"), ("official", 0.4));
        assert_eq!(kind("Secretary General"), ("official", 0.4));
        assert_eq!(kind("Secretary of State of Gaza"), ("official", 0.4));
    }

    #[test]
    fn diplomats_security_chiefs_and_the_rest() {
        assert_eq!(kind("ambassador to Hungary"), ("diplomat", 0.4));
        assert_eq!(
            kind("Permanent Representative to the United Nations"),
            ("diplomat", 0.4)
        );
        assert_eq!(kind("Head of the Security Service"), ("official", 0.6));
        assert_eq!(
            kind("Director of the Federal Bureau of Investigation"),
            ("official", 0.6)
        );
        assert_eq!(kind("National Security Advisor"), ("official", 0.6));
        assert_eq!(kind("Vice President"), ("official", 0.6));
        assert_eq!(kind("Speaker of the Parliament"), ("official", 0.4));
        assert_eq!(kind("Governor of Punjab"), ("official", 0.4));
    }

    #[test]
    fn heads_override_the_words() {
        assert_eq!(
            classify("Member of the Swiss Federal Council", Some(Head::State)),
            HEAD_OF_STATE
        );
        assert_eq!(
            classify("Premier", Some(Head::Government)),
            HEAD_OF_GOVERNMENT
        );
    }
}
