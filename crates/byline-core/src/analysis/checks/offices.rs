//! Offices: what a title names, read the same way from a title written before a name
//! ("Defence Minister", "NATO Secretary General") and from a KB role ("Minister of
//! Defence", "Secretary General" of NATO), so the title checks compare offices, not
//! words.
//!
//! An [`Office`] is a kind (prime minister, foreign minister, secretary-general …), a
//! qualifier that makes another office of it (deputy, state, assistant …) and a scope:
//! the country, the body ("NATO", "the Bank of England") or the place ("California")
//! it is an office of. `office_of` reads a title; `offices_of` reads a role title that
//! may name several offices ("Prime Minister, First Lord of the Treasury, & Minister for
//! the Civil Service"). [`same_office`] compares a title as written with a role:
//! `Same`, `Different`, or `Unknown` when the two cannot be told apart or apart for
//! sure. A role naming another office as its object — "Head of the Prime Minister's
//! Office", "Senior Advisor to the President", "President of the Senate" — is not that
//! office.

use byline_kb::normalize::fold;

/// What an office is, whatever the words: "Foreign Secretary", "Minister of Foreign
/// Affairs", "Secretary of State" (US) and "External Affairs Minister" are all
/// `Foreign`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Prime minister, premier, taoiseach, president of the government.
    PrimeMinister,
    /// A president: of a country, or of a body named in the scope.
    President,
    /// The head of government so called (Germany, Austria); the UK's Chancellor of the
    /// Exchequer is `Finance` and answers to "Chancellor" too.
    Chancellor,
    Foreign,
    Defence,
    Finance,
    Interior,
    HomelandSecurity,
    Justice,
    Economy,
    SecretaryGeneral,
    DirectorGeneral,
    ManagingDirector,
    HighRepresentative,
    AttorneyGeneral,
    Governor,
    Mayor,
    Senator,
    /// A member of a lower house: representative, congressman, MP.
    Legislator,
    Speaker,
    /// King, queen, emir, sultan.
    Monarch,
    CrownPrince,
    CommanderInChief,
    ChiefOfGeneralStaff,
    Chair,
    ChiefExecutive,
    Leader,
    Ambassador,
    Judge,
    /// A minister or secretary of another portfolio, by its words ("transport").
    Portfolio(Vec<String>),
    /// Another office, by its head word ("head", "advisor", "chief of staff").
    Other(String),
}

impl Kind {
    /// Whether a title of this kind is checked at all. The others are too loosely
    /// written ("leader", "chairman", "Industry Minister") for a finding to be sure.
    pub fn checked(&self) -> bool {
        !matches!(
            self,
            Kind::Chair
                | Kind::ChiefExecutive
                | Kind::Leader
                | Kind::Ambassador
                | Kind::Judge
                | Kind::Economy
                | Kind::Portfolio(_)
                | Kind::Other(_)
        )
    }

    /// An office of a country, of which a body named as its object makes another
    /// office: "President" is not the "President of the Senate".
    pub fn national(&self) -> bool {
        matches!(
            self,
            Kind::PrimeMinister
                | Kind::President
                | Kind::Chancellor
                | Kind::Foreign
                | Kind::Defence
                | Kind::Finance
                | Kind::Interior
                | Kind::HomelandSecurity
                | Kind::Justice
                | Kind::Economy
                | Kind::Monarch
                | Kind::CrownPrince
                | Kind::Portfolio(_)
        )
    }

    /// An office one person holds at a time in its scope (unqualified), so that
    /// another holder on a date rules out the person a title names.
    pub fn single_holder(&self) -> bool {
        matches!(
            self,
            Kind::PrimeMinister
                | Kind::President
                | Kind::Chancellor
                | Kind::Foreign
                | Kind::Defence
                | Kind::Finance
                | Kind::Interior
                | Kind::HomelandSecurity
                | Kind::Justice
                | Kind::SecretaryGeneral
                | Kind::DirectorGeneral
                | Kind::ManagingDirector
                | Kind::HighRepresentative
                | Kind::Governor
                | Kind::Mayor
                | Kind::Speaker
        )
    }
}

/// What makes an office another one than its kind alone: a deputy prime minister is
/// not the prime minister.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// Deputy, vice, first deputy, lieutenant.
    Deputy,
    /// State secretary, minister of state.
    State,
    Assistant,
    Alternate,
    /// Under-secretary, parliamentary secretary, junior minister, minister delegate.
    Junior,
    Shadow,
}

/// Where an office is: a country (ISO code), a body (alternative names, each as folded
/// words without "the", "of" …) and a place (likewise). Empty when not said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub country: Option<String>,
    pub body: Vec<Vec<String>>,
    pub place: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub scope: Scope,
}

/// Whether two offices are one, as far as their descriptions tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    Different,
    Unknown,
    Same,
}

/// The office a title written before a name names, or `None` when it names none the
/// checks can read: a rank ("Major General"), an honorific ("Sir"), a bare "Minister",
/// a title not yet held ("President-elect", "Minister-designate").
pub fn office_of(text: &str) -> Option<Office> {
    offices_of(text).into_iter().next()
}

/// Every office a role title names, in order; a role title may join several
/// ("Deputy Prime Minister and Minister of Finance").
pub fn offices_of(text: &str) -> Vec<Office> {
    let words = title_words(text);
    if words
        .iter()
        .any(|w| matches!(w.text.as_str(), "elect" | "designate" | "former" | "ex"))
    {
        return Vec::new();
    }
    let mut offices = Vec::new();
    for segment in segments(&words) {
        offices.extend(read_segment(&segment));
    }
    offices
}

/// A word of a title, folded and spelt one way ("defense" → "defence").
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    /// Written with 's: "the Prime Minister's Office".
    possessive: bool,
}

const SEPARATOR: &str = ",";

fn title_words(text: &str) -> Vec<Word> {
    let folded = fold(text);
    let mut words = Vec::new();
    let mut current = String::new();
    let push = |current: &mut String, words: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let mut text = std::mem::take(current);
        let mut possessive = false;
        for suffix in ["'s", "’s", "'", "’"] {
            if let Some(stem) = text.strip_suffix(suffix) {
                if !stem.is_empty() {
                    possessive = suffix.ends_with('s') || stem.ends_with('s');
                    text = stem.to_string();
                    break;
                }
            }
        }
        text.retain(|c| c != '\'' && c != '’');
        if text.is_empty() {
            return;
        }
        words.push(Word {
            text: normal_spelling(&text).to_string(),
            possessive,
        });
    };
    for c in folded.chars() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            current.push(c);
        } else {
            push(&mut current, &mut words);
            if matches!(c, ',' | ';' | '&' | '/' | '(' | ')') {
                words.push(Word {
                    text: SEPARATOR.into(),
                    possessive: false,
                });
            }
        }
    }
    push(&mut current, &mut words);
    for word in &mut words {
        if word.text == "and" {
            word.text = SEPARATOR.into();
        }
    }
    join_phrases(words)
}

fn normal_spelling(word: &str) -> &str {
    match word {
        "defense" => "defence",
        "organisation" => "organization",
        "finances" => "finance",
        "councillor" | "counsellor" => "councilor",
        "adviser" => "advisor",
        "chairwoman" | "chairperson" | "chairman" => "chair",
        "govt" => "government",
        _ => word,
    }
}

/// Phrases that are one office word, replaced by a single word before the title is
/// read: the prepositions inside them are not the title's object.
const PHRASES: &[(&[&str], &str)] = &[
    (&["chancellor", "of", "the", "exchequer"], "+exchequer"),
    (&["chancellor", "of", "exchequer"], "+exchequer"),
    (&["chief", "of", "the", "general", "staff"], "+cogs"),
    (&["chief", "of", "general", "staff"], "+cogs"),
    (&["chief", "of", "the", "defence", "staff"], "+cogs"),
    (&["chief", "of", "defence", "staff"], "+cogs"),
    (&["chief", "of", "staff"], "+cos"),
    (&["commander", "in", "chief"], "+cinc"),
    (&["head", "of", "state"], "+hos"),
    (&["head", "of", "government"], "+pm"),
    (&["president", "of", "the", "government"], "+pm"),
    (
        &["president", "of", "the", "council", "of", "ministers"],
        "+pm",
    ),
    (&["chair", "of", "the", "council", "of", "ministers"], "+pm"),
    (&["first", "lord", "of", "the", "treasury"], "+flott"),
    (&["lord", "chancellor"], "+lordchancellor"),
    (&["secretary", "of", "state"], "+sos"),
    (&["minister", "of", "state"], "+mos"),
    (&["attorney", "general"], "+ag"),
    (&["secretary", "general"], "+sg"),
    (&["general", "secretary"], "+sg"),
    (&["director", "general"], "+dg"),
    (&["managing", "director"], "+md"),
    (&["chief", "executive", "officer"], "+ce"),
    (&["chief", "executive"], "+ce"),
    (&["ceo"], "+ce"),
    (&["high", "representative"], "+hr"),
    (&["prime", "minister"], "+pm"),
    (&["premier"], "+pm"),
    (&["taoiseach"], "+pm"),
    (&["crown", "prince"], "+cp"),
    (&["national", "security", "advisor"], "+nsa"),
];

fn join_phrases(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    'outer: while i < words.len() {
        for (phrase, symbol) in PHRASES {
            let end = i + phrase.len();
            if end <= words.len()
                && phrase.iter().zip(&words[i..end]).all(|(p, w)| *p == w.text)
                && words[i..end - 1].iter().all(|w| !w.possessive)
            {
                out.push(Word {
                    text: (*symbol).to_string(),
                    possessive: words[end - 1].possessive,
                });
                i = end;
                continue 'outer;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// Words that head an office phrase ("Foreign *Minister*", "*Governor* of …").
fn is_head(word: &str) -> bool {
    word.starts_with('+')
        || matches!(
            word,
            "president"
                | "chancellor"
                | "minister"
                | "secretary"
                | "governor"
                | "mayor"
                | "senator"
                | "representative"
                | "congressman"
                | "congresswoman"
                | "congressperson"
                | "mp"
                | "speaker"
                | "chair"
                | "director"
                | "leader"
                | "ambassador"
                | "envoy"
                | "judge"
                | "justice"
                | "king"
                | "queen"
                | "emir"
                | "sultan"
                | "monarch"
                | "prince"
                | "head"
                | "chief"
                | "commander"
                | "advisor"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "commissioner"
                | "councilor"
                | "officer"
                | "marshal"
                | "member"
                | "lord"
        )
}

const PREPOSITIONS: &[&str] = &["of", "for", "to", "from", "at", "in", "on", "without"];

/// Splits a title at commas, ampersands and "and" into the phrases that name one
/// office each. A piece with no head word before its object continues the previous
/// office's object ("Minister of Economy, Industry and Digital"), or, before the first
/// head, describes the next ("National Security and Defence Council Secretary").
fn segments(words: &[Word]) -> Vec<Vec<Word>> {
    let mut pieces: Vec<Vec<Word>> = vec![Vec::new()];
    for word in words {
        if word.text == SEPARATOR {
            pieces.push(Vec::new());
        } else {
            pieces.last_mut().expect("one piece").push(word.clone());
        }
    }
    let has_head = |piece: &[Word]| {
        piece
            .iter()
            .take_while(|w| !PREPOSITIONS.contains(&w.text.as_str()))
            .any(|w| is_head(&w.text))
            || piece.last().is_some_and(|w| is_head(&w.text))
    };
    let mut segments: Vec<Vec<Word>> = Vec::new();
    let mut pending: Vec<Word> = Vec::new();
    for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
        if has_head(&piece) {
            let mut segment = std::mem::take(&mut pending);
            if !segment.is_empty() {
                segment.push(Word {
                    text: "and".into(),
                    possessive: false,
                });
            }
            segment.extend(piece);
            segments.push(segment);
        } else if let Some(last) = segments.last_mut() {
            last.push(Word {
                text: SEPARATOR.into(),
                possessive: false,
            });
            last.extend(piece);
        } else {
            if !pending.is_empty() {
                pending.push(Word {
                    text: "and".into(),
                    possessive: false,
                });
            }
            pending.extend(piece);
        }
    }
    segments
}

/// Words that make an organisation of a phrase: "the *Bank* of England", "the Security
/// *Council*".
const BODY_WORDS: &[&str] = &[
    "bank",
    "council",
    "commission",
    "senate",
    "assembly",
    "house",
    "parliament",
    "congress",
    "court",
    "union",
    "nations",
    "organization",
    "fund",
    "reserve",
    "board",
    "committee",
    "party",
    "league",
    "alliance",
    "ministry",
    "office",
    "department",
    "agency",
    "corporation",
    "company",
    "bureau",
    "authority",
    "forces",
    "army",
    "navy",
    "staff",
    "chiefs",
    "cabinet",
    "sejm",
    "duma",
    "knesset",
    "service",
    "institute",
    "foundation",
    "university",
    "federal",
    "system",
    "treaty",
    "group",
    "secretariat",
    "commonwealth",
    "presidency",
    "administration",
    "caixa",
];

/// Object phrases that name a country's government, not another body: the Premier
/// "of the State Council" is the premier.
fn is_government(words: &[String]) -> bool {
    let joined = words.join(" ");
    matches!(
        joined.as_str(),
        "government" | "state council" | "council of ministers" | "cabinet" | "republic"
    ) || joined.starts_with("government ")
        || joined.ends_with(" government")
        || joined.starts_with("state council ")
        || joined.starts_with("federal government")
}

/// A phrase's words without articles and connectors, for comparing names.
fn content_words(words: &[Word]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.text.clone())
        .filter(|w| !matches!(w.as_str(), "the" | "of" | "and" | "for" | "a" | "an" | ","))
        .collect()
}

fn is_qualifier(word: &str) -> Option<Qualifier> {
    Some(match word {
        "deputy" | "vice" | "lieutenant" => Qualifier::Deputy,
        "state" => Qualifier::State,
        "assistant" => Qualifier::Assistant,
        "alternate" => Qualifier::Alternate,
        "under" | "undersecretary" | "junior" | "parliamentary" | "delegate" | "supporting" => {
            Qualifier::Junior
        }
        "shadow" => Qualifier::Shadow,
        _ => return None,
    })
}

/// Words before a head that are neither qualifier nor portfolio nor body: ignored.
fn is_ignorable(word: &str) -> bool {
    matches!(
        word,
        "acting"
            | "interim"
            | "caretaker"
            | "first"
            | "supreme"
            | "federal"
            | "national"
            | "union"
            | "senior"
            | "co"
            | "principal"
            | "current"
            | "new"
            | "incumbent"
            | "outgoing"
            | "u"
            | "s"
            | "us"
            | "uk"
    )
}

/// Words before "Secretary" or "Minister" that make another office of it: a chief
/// secretary, a press secretary, a first minister.
fn makes_other_secretary(word: &str) -> bool {
    matches!(
        word,
        "chief"
            | "economic"
            | "exchequer"
            | "permanent"
            | "private"
            | "press"
            | "personal"
            | "executive"
            | "special"
            | "first"
            | "cabinet"
            | "principal"
            | "general"
    )
}

/// The department a portfolio phrase names ("foreign affairs", "the interior").
fn department(words: &[String]) -> Kind {
    let has = |w: &str| words.iter().any(|x| x == w);
    let joined = words.join(" ");
    let foreign_other = ["trade", "economic", "investment", "aid", "economy"]
        .iter()
        .any(|w| has(w));
    if (has("foreign") && !foreign_other)
        || joined.contains("external affairs")
        || joined.contains("external relations")
        || joined.contains("foreign relations")
        || joined.contains("international relations")
    {
        return Kind::Foreign;
    }
    if joined.contains("homeland security") {
        return Kind::HomelandSecurity;
    }
    let defence_other = [
        "civil",
        "industry",
        "industries",
        "procurement",
        "production",
    ]
    .iter()
    .any(|w| has(w));
    if ((has("defence") || joined.contains("armed forces")) && !defence_other)
        || (words.len() == 1 && has("war"))
    {
        return Kind::Defence;
    }
    if has("finance") || has("treasury") || has("exchequer") {
        return Kind::Finance;
    }
    if has("interior")
        || joined.contains("home affairs")
        || joined.contains("internal affairs")
        || joined.contains("home department")
        || (words.len() == 1 && has("home"))
    {
        return Kind::Interior;
    }
    if has("justice") {
        return Kind::Justice;
    }
    if words == ["economy"] || joined == "economic affairs" || joined == "economics" {
        return Kind::Economy;
    }
    let mut portfolio = words.to_vec();
    portfolio.sort();
    portfolio.dedup();
    Kind::Portfolio(portfolio)
}

/// The kind a head word names, for heads that are not a minister or secretary.
fn head_kind(head: &str) -> Kind {
    match head {
        "+pm" => Kind::PrimeMinister,
        "president" => Kind::President,
        "chancellor" => Kind::Chancellor,
        "+sg" => Kind::SecretaryGeneral,
        "+dg" => Kind::DirectorGeneral,
        "+md" => Kind::ManagingDirector,
        "+ce" => Kind::ChiefExecutive,
        "+hr" => Kind::HighRepresentative,
        "+ag" => Kind::AttorneyGeneral,
        "+cinc" => Kind::CommanderInChief,
        "+cogs" => Kind::ChiefOfGeneralStaff,
        "+cp" => Kind::CrownPrince,
        "governor" => Kind::Governor,
        "mayor" => Kind::Mayor,
        "senator" => Kind::Senator,
        "representative" | "congressman" | "congresswoman" | "congressperson" | "mp" => {
            Kind::Legislator
        }
        "speaker" => Kind::Speaker,
        "chair" => Kind::Chair,
        "leader" => Kind::Leader,
        "ambassador" | "envoy" => Kind::Ambassador,
        "judge" | "justice" => Kind::Judge,
        "king" | "queen" | "emir" | "sultan" | "monarch" => Kind::Monarch,
        other => Kind::Other(other.trim_start_matches('+').to_string()),
    }
}

/// Reads one office phrase: modifiers, the head word, and an object after the first
/// preposition.
fn read_segment(words: &[Word]) -> Vec<Office> {
    // A possessive makes the words up to it an owner, not the office: "the Prime
    // Minister's chief of staff" is a chief of staff.
    let words = match words.iter().rposition(|w| w.possessive) {
        Some(p) if p + 1 < words.len() => &words[p + 1..],
        Some(_) => return Vec::new(),
        None => words,
    };
    let mut object_at = words
        .iter()
        .position(|w| PREPOSITIONS.contains(&w.text.as_str()))
        .unwrap_or(words.len());
    let head_at = match words[..object_at].iter().rposition(|w| is_head(&w.text)) {
        Some(at) => at,
        // "Bank of England Governor": the head last, an "of" inside its modifiers.
        None if words.last().is_some_and(|w| is_head(&w.text)) => {
            object_at = words.len();
            words.len() - 1
        }
        None => return Vec::new(),
    };
    let head = words[head_at].text.as_str();
    let before = &words[..head_at];
    // Words between the head and the object: "Minister Delegate", "Secretary General".
    let after_head = &words[head_at + 1..object_at];
    let preposition = words.get(object_at).map(|w| w.text.as_str());
    let object = words.get(object_at + 1..).unwrap_or(&[]);

    let mut qualifier = None;
    let mut modifiers: Vec<Word> = Vec::new();
    for (k, word) in before.iter().enumerate() {
        let is_minister_like = matches!(head, "minister" | "secretary" | "+sos");
        match is_qualifier(&word.text) {
            // "State Secretary", "Minister of State"; "state" elsewhere is a modifier
            // ("State Council").
            Some(Qualifier::State)
                if !(is_minister_like
                    && before[k + 1..]
                        .iter()
                        .all(|w| is_qualifier(&w.text).is_some())) =>
            {
                modifiers.push(word.clone())
            }
            Some(q) => qualifier = qualifier.or(Some(q)),
            None if word.text == "first"
                && before.get(k + 1).is_some_and(|w| w.text == "deputy") => {}
            None => modifiers.push(word.clone()),
        }
    }
    for word in after_head {
        if let Some(q) = is_qualifier(&word.text) {
            qualifier = qualifier.or(Some(q));
        }
    }
    if head == "+mos" {
        qualifier = qualifier.or(Some(Qualifier::State));
    }
    let modifier_words: Vec<String> = content_words(&modifiers);
    let is_body_word =
        |w: &String| BODY_WORDS.contains(&w.as_str()) && w != "federal" && w != "union";
    let minister_like = matches!(head, "minister" | "secretary" | "+sos" | "+mos");
    // A minister's modifiers name a body ("Foreign Office Minister") only by an
    // institution's word; "Armed Forces Minister" is the defence minister.
    let military =
        |w: &String| matches!(w.as_str(), "forces" | "army" | "navy" | "staff" | "chiefs");
    let body_modifiers = modifier_words
        .iter()
        .any(|w| is_body_word(w) && !(minister_like && military(w)));
    let object_words = content_words(object);
    // "Governor of the Bank of England": a body word anywhere; a minister's or a
    // secretary's object is a body only when it ends in one ("Secretary of the
    // National Security and Defense Council", not "… for Foreign, Commonwealth and
    // Development Affairs").
    let object_is_body = object_words.iter().any(is_body_word) && !is_government(&object_words);
    let object_ends_in_body =
        object_words.last().is_some_and(is_body_word) && !is_government(&object_words);

    let mut scope = Scope::default();
    if body_modifiers {
        scope.body.push(modifier_words.clone());
    }
    let mut kinds: Vec<Kind> = Vec::new();
    match head {
        "minister" | "secretary" | "+sos" | "+mos" => {
            let other_secretary = modifiers
                .iter()
                .any(|w| makes_other_secretary(&w.text) && !body_modifiers);
            if other_secretary || preposition == Some("to") {
                let words: Vec<String> = content_words(before)
                    .into_iter()
                    .chain([head.trim_start_matches('+').to_string()])
                    .collect();
                kinds.push(Kind::Other(words.join(" ")));
                if !object_words.is_empty() {
                    scope.body.push(object_words.clone());
                }
            } else if matches!(preposition, Some("of" | "for")) && !object_words.is_empty() {
                if object_ends_in_body && head != "minister" && preposition == Some("of") {
                    // "Secretary of the Security Council".
                    kinds.push(Kind::Other(head.trim_start_matches('+').to_string()));
                    scope.body.push(object_words.clone());
                } else {
                    for part in object.split(|w| w.text == SEPARATOR) {
                        let part = content_words(part);
                        if !part.is_empty() {
                            kinds.push(department(&part));
                        }
                    }
                }
            } else if body_modifiers {
                // "Security Council Secretary", "Foreign Office Minister".
                kinds.push(Kind::Other(head.trim_start_matches('+').to_string()));
            } else {
                let portfolio: Vec<String> = modifier_words
                    .iter()
                    .filter(|w| !is_ignorable(w))
                    .cloned()
                    .collect();
                if !portfolio.is_empty() {
                    kinds.push(department(&portfolio));
                } else if head == "+sos" {
                    // "Secretary of State" with no portfolio: the US foreign minister.
                    kinds.push(Kind::Foreign);
                } else if qualifier.is_some() || head == "+mos" {
                    kinds.push(Kind::Other(head.trim_start_matches('+').to_string()));
                }
            }
        }
        "+exchequer" => {
            kinds.push(Kind::Finance);
            kinds.push(Kind::Chancellor);
        }
        "chancellor" => {
            let other = ["duchy", "university"]
                .iter()
                .any(|w| object_words.iter().any(|o| o == w))
                || (object_is_body && !object_words.is_empty());
            if other {
                kinds.push(Kind::Other("chancellor".into()));
            } else {
                kinds.push(Kind::Chancellor);
            }
        }
        "chief" | "head" | "commander" | "director" | "lord" | "member" | "officer" | "prince" => {
            let mut words = content_words(before);
            words.push(head.to_string());
            kinds.push(Kind::Other(words.join(" ")));
        }
        _ => kinds.push(head_kind(head)),
    }
    let Some(first) = kinds.first() else {
        return Vec::new();
    };
    // The object of a head that is not a minister's: a body ("of the Senate") or a
    // place ("of California", "of the United States"); "to" makes it the person
    // served ("Senior Advisor to the President").
    let scoping = matches!(preposition, Some("of" | "from" | "in" | "at"));
    if !minister_like && scoping && !object_words.is_empty() {
        if object_is_body {
            scope.body.push(object_words.clone());
        } else if !is_government(&object_words) {
            scope.place.push(object_words.clone());
        }
    }
    // A body-bound head with unknown words before it: "Fed Chair", "Boeing Chief
    // Executive" name the body.
    let body_bound = matches!(
        first,
        Kind::Chair
            | Kind::ChiefExecutive
            | Kind::SecretaryGeneral
            | Kind::DirectorGeneral
            | Kind::ManagingDirector
            | Kind::Governor
            | Kind::Speaker
            | Kind::Leader
            | Kind::HighRepresentative
    );
    if !body_modifiers && body_bound && !minister_like {
        let unknown: Vec<String> = modifier_words
            .iter()
            .filter(|w| !is_ignorable(w))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            scope.body.push(unknown);
        }
    }
    kinds
        .into_iter()
        .map(|kind| Office {
            kind,
            qualifier,
            scope: scope.clone(),
        })
        .collect()
}

/// Whether two sets of alternative names share one: every word of one in the other
/// ("house" in "house representatives"), or one an acronym of the other ("nato").
pub fn names_overlap(a: &[Vec<String>], b: &[Vec<String>]) -> bool {
    a.iter().any(|x| b.iter().any(|y| name_overlap(x, y)))
}

fn name_overlap(x: &[String], y: &[String]) -> bool {
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let within = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
    let acronym = |a: &[String], b: &[String]| {
        a.len() == 1 && b.len() > 1 && {
            let initials: String = b.iter().filter_map(|w| w.chars().next()).collect();
            initials == a[0]
        }
    };
    within(x, y) || within(y, x) || acronym(x, y) || acronym(y, x)
}

/// Compares a title as written (its scope read from the story) with one office of a
/// person's role (its scope filled from the role and the person).
pub fn same_office(written: &Office, role: &Office) -> Fit {
    let loose = !written.kind.checked();
    let different = if loose { Fit::Unknown } else { Fit::Different };
    if written.kind != role.kind {
        let member_of_house = matches!(
            (&written.kind, &role.kind),
            (Kind::Speaker, Kind::Legislator | Kind::Senator)
                | (Kind::Legislator | Kind::Senator, Kind::Speaker)
        );
        if member_of_house {
            // The speaker of the house the person sits in, or of another one.
            let (a, b) = (&written.scope.body, &role.scope.body);
            return if a.is_empty() || b.is_empty() || names_overlap(a, b) {
                Fit::Unknown
            } else {
                different
            };
        }
        let portfolios = match (&written.kind, &role.kind) {
            (Kind::Portfolio(a), Kind::Portfolio(b)) => {
                a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w))
            }
            _ => false,
        };
        if !portfolios {
            return different;
        }
    }
    if written.qualifier != role.qualifier {
        return different;
    }
    let (w, r) = (&written.scope, &role.scope);
    if !w.body.is_empty() {
        if !r.body.is_empty() {
            let countries_differ = matches!((&w.country, &r.country), (Some(a), Some(b)) if a != b);
            return if names_overlap(&w.body, &r.body) && !countries_differ {
                Fit::Same
            } else {
                different
            };
        }
        if w.country.is_some() && w.country == r.country {
            return Fit::Unknown;
        }
        return if r.country.is_some() {
            different
        } else {
            Fit::Unknown
        };
    }
    if let Some(country) = &w.country {
        match &r.country {
            Some(other) if other != country => return different,
            Some(_) => {}
            None if !r.body.is_empty() => return different,
            None => return Fit::Unknown,
        }
    }
    if !w.place.is_empty() {
        if r.place.is_empty() {
            return Fit::Unknown;
        }
        return if names_overlap(&w.place, &r.place) {
            Fit::Same
        } else {
            different
        };
    }
    if written.kind.national() && !r.body.is_empty() {
        return different;
    }
    Fit::Same
}

/// Whether two role offices are one office: a successor holds the same office as the
/// role a person left, in the same country, body and place.
pub fn same_role_office(a: &Office, b: &Office) -> bool {
    let kinds = match (&a.kind, &b.kind) {
        (Kind::Portfolio(x), Kind::Portfolio(y)) => x == y,
        (x, y) => x == y,
    };
    let names = |x: &[Vec<String>], y: &[Vec<String>]| {
        (x.is_empty() && y.is_empty()) || names_overlap(x, y)
    };
    kinds
        && a.qualifier == b.qualifier
        && a.scope.country == b.scope.country
        && names(&a.scope.body, &b.scope.body)
        && names(&a.scope.place, &b.scope.place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<Kind> {
        office_of(text).map(|o| o.kind)
    }

    fn kinds(text: &str) -> Vec<Kind> {
        offices_of(text).into_iter().map(|o| o.kind).collect()
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn each_kind_from_the_ways_news_and_records_write_it() {
        for (text, expected) in [
            ("Prime Minister", Kind::PrimeMinister),
            ("Premier", Kind::PrimeMinister),
            ("Premier of State Council", Kind::PrimeMinister),
            ("Taoiseach", Kind::PrimeMinister),
            ("President of the Govt.", Kind::PrimeMinister),
            ("President", Kind::President),
            ("President of Kenya", Kind::President),
            ("Chancellor", Kind::Chancellor),
            ("Federal Chancellor of Germany", Kind::Chancellor),
            ("Chancellor of the Exchequer", Kind::Finance),
            ("Foreign Minister", Kind::Foreign),
            ("Foreign Secretary", Kind::Foreign),
            ("Minister of Foreign Affairs", Kind::Foreign),
            ("Federal Minister for Foreign Affairs", Kind::Foreign),
            ("External Affairs Minister", Kind::Foreign),
            ("Minister of External Affairs", Kind::Foreign),
            ("Secretary of State", Kind::Foreign),
            (
                "Secretary of State for Foreign, Commonwealth and Development Affairs",
                Kind::Foreign,
            ),
            (
                "Minister for Europe and Foreign Affairs",
                Kind::Portfolio(words("europe")),
            ),
            ("Defence Minister", Kind::Defence),
            ("Defense Secretary", Kind::Defence),
            ("Secretary of Defense", Kind::Defence),
            ("Minister of National Defence", Kind::Defence),
            ("Armed Forces Minister", Kind::Defence),
            ("Minister of the Armed Forces", Kind::Defence),
            ("Secretary of State for Defence", Kind::Defence),
            ("Finance Minister", Kind::Finance),
            ("Treasury Secretary", Kind::Finance),
            ("Secretary of the Treasury", Kind::Finance),
            ("Minister of Finance", Kind::Finance),
            ("Interior Minister", Kind::Interior),
            ("Home Secretary", Kind::Interior),
            ("Secretary of State for the Home Department", Kind::Interior),
            ("Minister of Internal Affairs", Kind::Interior),
            ("Homeland Security Secretary", Kind::HomelandSecurity),
            ("Justice Minister", Kind::Justice),
            ("Secretary General", Kind::SecretaryGeneral),
            (
                "Secretary-General of the United Nations",
                Kind::SecretaryGeneral,
            ),
            (
                "General Secretary of the Chinese Communist Party",
                Kind::SecretaryGeneral,
            ),
            (
                "Director-General of the World Trade Organization",
                Kind::DirectorGeneral,
            ),
            ("Managing Director", Kind::ManagingDirector),
            ("High Representative", Kind::HighRepresentative),
            ("Governor of the Bank of England", Kind::Governor),
            ("Mayor of London", Kind::Mayor),
            ("United States Senator from New York", Kind::Senator),
            ("United States Representative from Texas", Kind::Legislator),
            ("House Speaker", Kind::Speaker),
            (
                "Commander-in-Chief of the Armed Forces of Ukraine",
                Kind::CommanderInChief,
            ),
            ("Chief of the General Staff", Kind::ChiefOfGeneralStaff),
            ("King", Kind::Monarch),
            ("Crown Prince", Kind::CrownPrince),
        ] {
            assert_eq!(kind(text), Some(expected), "{text}");
        }
        let governor = office_of("Bank of England Governor").unwrap();
        assert_eq!(governor.kind, Kind::Governor);
        assert_eq!(governor.scope.body, [words("bank england")]);
        assert!(kinds("Minister of Foreign Affairs and Trade").contains(&Kind::Foreign));
        assert!(kinds("Minister for Europe and Foreign Affairs").contains(&Kind::Foreign));
        assert!(kinds("Minister of the Economy, Finances and Industry").contains(&Kind::Finance));
        assert!(kinds("Chancellor of the Exchequer").contains(&Kind::Chancellor));
        assert_eq!(
            kinds("Prime Minister, First Lord of the Treasury, & Minister for the Civil Service")
                [0],
            Kind::PrimeMinister
        );
    }

    #[test]
    fn a_qualifier_makes_another_office() {
        let q = |text: &str| office_of(text).and_then(|o| o.qualifier);
        assert_eq!(q("Deputy Prime Minister"), Some(Qualifier::Deputy));
        assert_eq!(q("First Deputy Prime Minister"), Some(Qualifier::Deputy));
        assert_eq!(q("Vice President"), Some(Qualifier::Deputy));
        assert_eq!(q("Vice-President"), Some(Qualifier::Deputy));
        assert_eq!(q("Vice Chancellor"), Some(Qualifier::Deputy));
        assert_eq!(q("Deputy Secretary of State"), Some(Qualifier::Deputy));
        assert_eq!(
            q("State Secretary for Social Affairs and Employment"),
            Some(Qualifier::State)
        );
        assert_eq!(
            q("Minister of State for Innovation, Universities and Skills"),
            Some(Qualifier::State)
        );
        assert_eq!(
            q("Assistant Secretary of Defense"),
            Some(Qualifier::Assistant)
        );
        assert_eq!(
            q("Alternate Minister of Foreign Affairs"),
            Some(Qualifier::Alternate)
        );
        assert_eq!(
            q("Parliamentary Under-Secretary of State for Children and Families"),
            Some(Qualifier::Junior)
        );
        assert_eq!(
            q("Minister Delegate for Public Accounts"),
            Some(Qualifier::Junior)
        );
        assert_eq!(
            q("Lieutenant Governor of California"),
            Some(Qualifier::Deputy)
        );
        assert_eq!(q("Prime Minister"), None);
        assert_eq!(q("Acting President"), None);
        let written = office_of("Prime Minister").unwrap();
        let deputy = office_of("Deputy Prime Minister").unwrap();
        assert_eq!(same_office(&written, &deputy), Fit::Different);
        let state = office_of("State Secretary for Social Affairs and Employment").unwrap();
        assert_eq!(
            same_office(&office_of("Secretary General").unwrap(), &state),
            Fit::Different
        );
    }

    #[test]
    fn a_role_naming_an_office_as_its_object_is_not_that_office() {
        let pm = office_of("Prime Minister").unwrap();
        for text in [
            "Head of the Prime Minister's Office",
            "Chief of Staff of the Prime Minister",
            "Head of the Prime Minister's military cabinet",
            "Chief of Staff, Prime Minister's Office",
        ] {
            for role in offices_of(text) {
                assert_eq!(same_office(&pm, &role), Fit::Different, "{text}");
            }
        }
        let president = office_of("President").unwrap();
        for text in [
            "Senior Advisor to the President",
            "President of the Senate",
            "President of Central Bank",
            "President of the European Commission",
        ] {
            let role = office_of(text).unwrap();
            assert_eq!(same_office(&president, &role), Fit::Different, "{text}");
        }
        assert_eq!(
            same_office(
                &president,
                &office_of("President of the United States").unwrap()
            ),
            Fit::Same
        );
        assert_eq!(
            kind("Chief Secretary to the Treasury"),
            Some(Kind::Other("chief secretary".into()))
        );
        assert_eq!(
            kind("Financial Secretary to the Treasury").map(|k| k == Kind::Finance),
            Some(false)
        );
    }

    #[test]
    fn premier_normalises_the_same_on_both_sides() {
        let written = office_of("Premier").unwrap();
        for role in ["Premier", "Prime Minister", "Premier of State Council"] {
            assert_eq!(
                same_office(&written, &office_of(role).unwrap()),
                Fit::Same,
                "{role}"
            );
        }
        let pm = office_of("Prime Minister").unwrap();
        assert_eq!(same_office(&pm, &office_of("Premier").unwrap()), Fit::Same);
    }

    #[test]
    fn scope_a_country_body_or_place() {
        let mut nato_sg = office_of("Secretary General").unwrap();
        nato_sg.scope.body = vec![words("north atlantic treaty organization"), words("nato")];
        let mut role = office_of("Secretary General").unwrap();
        role.scope.body = vec![words("nato")];
        assert_eq!(same_office(&nato_sg, &role), Fit::Same);
        let un_role = office_of("Secretary-General of the United Nations").unwrap();
        assert_eq!(same_office(&nato_sg, &un_role), Fit::Different);
        let mut un_written = office_of("Secretary-General").unwrap();
        un_written.scope.body = vec![words("united nations"), words("un")];
        assert_eq!(same_office(&un_written, &un_role), Fit::Same);

        // A country's office against another country's, or against a body's.
        let mut spanish_pm = office_of("Prime Minister").unwrap();
        spanish_pm.scope.country = Some("ES".into());
        let mut italian_pm = office_of("Prime Minister").unwrap();
        italian_pm.scope.country = Some("IT".into());
        assert_eq!(same_office(&spanish_pm, &italian_pm), Fit::Different);
        let mut spanish_role = office_of("Prime Minister").unwrap();
        spanish_role.scope.country = Some("ES".into());
        assert_eq!(same_office(&spanish_pm, &spanish_role), Fit::Same);
        let mut french_president = office_of("President").unwrap();
        french_president.scope.country = Some("FR".into());
        let commission = office_of("President of the European Commission").unwrap();
        assert_eq!(same_office(&french_president, &commission), Fit::Different);
        // A body the written title names against a country's office.
        let mut ecb_president = office_of("President").unwrap();
        ecb_president.scope.body = vec![words("european central bank"), words("ecb")];
        let mut french_role = office_of("President").unwrap();
        french_role.scope.country = Some("FR".into());
        assert_eq!(same_office(&ecb_president, &french_role), Fit::Different);
        // A place.
        let mut california = office_of("Governor").unwrap();
        california.scope.place = vec![words("california")];
        assert_eq!(
            same_office(&california, &office_of("Governor of California").unwrap()),
            Fit::Same
        );
        assert_eq!(
            same_office(&california, &office_of("Governor of South Dakota").unwrap()),
            Fit::Different
        );
        // Unsaid scope: a short form of the body's office.
        assert_eq!(
            same_office(
                &office_of("Commander-in-Chief").unwrap(),
                &office_of("Commander-in-Chief of the Armed Forces of Ukraine").unwrap()
            ),
            Fit::Same
        );
    }

    #[test]
    fn titles_that_name_no_office_the_checks_read() {
        for text in [
            "Major General",
            "General",
            "Sir",
            "Minister",
            "President-elect",
            "Prime Minister-designate",
            "Foreign Office Minister",
        ] {
            let office = office_of(text);
            assert!(
                office.as_ref().is_none_or(|o| !o.kind.checked()),
                "{text}: {office:?}"
            );
        }
        assert!(office_of("Defence Ministry spokesman").is_some_and(|o| !o.kind.checked()));
    }

    #[test]
    fn speaker_and_members_of_the_house_cannot_be_told_apart() {
        let speaker = office_of("House Speaker").unwrap();
        let member = office_of("United States Representative from Louisiana").unwrap();
        assert_eq!(same_office(&speaker, &member), Fit::Unknown);
    }

    #[test]
    fn a_successor_holds_the_same_office_in_the_same_country() {
        let mut orban = office_of("Prime Minister").unwrap();
        orban.scope.country = Some("HU".into());
        let mut magyar = orban.clone();
        magyar.scope.body.clear();
        assert!(same_role_office(&orban, &magyar));
        let mut rogan = office_of("Head of the Prime Minister's Cabinet");
        if let Some(r) = rogan.as_mut() {
            r.scope.country = Some("HU".into());
        }
        assert!(rogan.is_none_or(|r| !same_role_office(&orban, &r)));
        let mut dutch = orban.clone();
        dutch.scope.country = Some("NL".into());
        assert!(!same_role_office(&orban, &dutch));
    }
}
