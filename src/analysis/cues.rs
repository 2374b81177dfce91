//! Words that type a capitalised name the KB does not know: titles before a person,
//! organisation words inside a name, place words before a place.

/// Titles and ranks that stand before a person's name. Folded, single words.
pub const PERSON_TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "secretary", "general", "gen", "admiral", "adm",
    "colonel", "col", "major", "maj", "lieutenant", "lt", "captain", "capt", "brigadier", "brig",
    "sergeant", "sgt", "commander", "marshal", "field", "chancellor", "premier", "king", "queen",
    "prince", "princess", "sheikh", "emir", "sultan", "ayatollah", "imam", "pope", "cardinal",
    "bishop", "senator", "sen", "governor", "gov", "mayor", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "chief", "director", "deputy", "foreign", "defence", "defense",
    "interior", "mr", "mrs", "ms", "dr", "prof", "professor", "judge", "justice", "speaker",
    "representative", "rep", "sir", "dame", "lord", "lady", "supreme", "leader", "chairman",
    "chairwoman", "chair", "commissioner", "attorney", "first", "hojatoleslam", "sardar", "rear",
    "staff", "army", "air", "naval", "navy", "head", "acting", "former", "late", "crown",
    "economy", "finance", "trade", "health", "justice", "energy", "oil", "security", "national",
];

/// Words that make a capitalised chunk an organisation.
pub const ORGANIZATION_WORDS: &[&str] = &[
    "agency", "ministry", "corps", "staff", "council", "committee", "commission", "organisation",
    "organization", "army", "navy", "forces", "force", "guard", "guards", "bank", "party", "front",
    "university", "service", "services", "office", "department", "news", "union", "assembly",
    "parliament", "court", "tribunal", "institute", "association", "federation", "company",
    "corporation", "group", "brigade", "brigades", "battalion", "regiment", "division", "fleet",
    "command", "directorate", "bureau", "authority", "administration", "secretariat", "league",
    "alliance", "movement", "network", "television", "radio", "times", "post", "press", "channel",
    "inc", "ltd", "llc", "plc", "foundation", "fund", "programme", "program", "coalition",
    "militia", "police", "gendarmerie", "cabinet", "government", "senate", "congress", "duma",
    "majlis", "knesset", "unit", "center", "centre", "school", "academy", "hospital", "club",
];

/// Words that make a capitalised chunk a place ("Gulf of Oman", "Red Sea").
pub const LOCATION_WORDS: &[&str] = &[
    "province", "region", "city", "district", "county", "state", "river", "sea", "gulf", "bay",
    "island", "islands", "mountains", "mount", "valley", "strait", "lake", "ocean", "peninsula",
    "oblast", "governorate", "prefecture", "square", "street", "airport", "port", "base",
    "desert", "border", "coast", "canal",
];

/// Lowercase words allowed inside a capitalised chunk ("Ministry of Defence").
pub const CHUNK_CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "de", "del", "la", "le", "von", "van", "der", "den", "al", "el",
    "bin", "ibn", "da", "di", "du", "des", "on",
];

/// Capitalised words that are never names by themselves.
pub const NOT_NAMES: &[&str] = &[
    "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "the", "a", "an", "he", "she", "it", "they",
    "we", "you", "his", "her", "its", "their", "our", "this", "that", "these", "those", "in",
    "on", "at", "by", "for", "with", "from", "to", "of", "and", "but", "or", "as", "if", "when",
    "while", "after", "before", "during", "since", "until", "also", "however", "meanwhile",
    "there", "here", "what", "who", "which", "where", "why", "how", "all", "some", "many",
    "most", "more", "no", "not", "yes", "one", "two", "three", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "am", "pm", "ok", "tv", "s",
];

pub fn is_person_title(folded: &str) -> bool {
    PERSON_TITLES.contains(&folded)
}

pub fn is_organization_word(folded: &str) -> bool {
    ORGANIZATION_WORDS.contains(&folded)
}

pub fn is_location_word(folded: &str) -> bool {
    LOCATION_WORDS.contains(&folded)
}

pub fn is_connector(folded: &str) -> bool {
    CHUNK_CONNECTORS.contains(&folded)
}

pub fn is_not_name(folded: &str) -> bool {
    NOT_NAMES.contains(&folded)
}
