//! Loading KB files (TOML by hand, JSONL from importers) with errors that name the
//! file, line and column, so a newsroom can fix its house KB without guessing.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::date::PartialDate;
use crate::model::Entity;

/// Largest KB file we read; a bigger one is refused rather than exhausting memory.
pub const MAX_KB_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A problem in a KB file, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when not known.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (line, 0) => write!(f, "{}:{}: {}", self.file, line, self.message),
            (line, column) => write!(f, "{}:{}:{}: {}", self.file, line, column, self.message),
        }
    }
}

impl std::error::Error for KbError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    #[serde(default)]
    source: String,
    #[serde(default)]
    as_of: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    meta: Meta,
    #[serde(default)]
    entity: Vec<toml::Spanned<Entity>>,
}

/// Reads a text file of at most `limit` bytes. Never reads past the limit (a file
/// that grows while read is still bounded); bytes that are not UTF-8 are reported at
/// their line and column.
pub fn read_text(path: &Path, limit: u64, kind: &str) -> Result<String, KbError> {
    let name = path.display().to_string();
    let whole_file = |message: String| KbError {
        file: name.clone(),
        line: 0,
        column: 0,
        message,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| whole_file(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(whole_file(format!(
            "file is over the {limit}-byte limit for {kind} files"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&e.as_bytes()[..valid]).expect("valid up to here");
        let (line, column) = line_column(before, valid);
        KbError {
            file: name.clone(),
            line,
            column,
            message: "the file is not UTF-8 text".to_string(),
        }
    })
}

/// Reads a KB file from disk, choosing the format by extension.
pub fn load_file(path: &Path) -> Result<Vec<Entity>, KbError> {
    let name = path.display().to_string();
    let text = read_text(path, MAX_KB_FILE_BYTES, "KB")?;
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl") | Some("ndjson") => parse_jsonl(&name, &text),
        Some("toml") => parse_toml(&name, &text),
        _ => Err(KbError {
            file: name,
            line: 0,
            column: 0,
            message: "unknown KB file type: expected a .toml or .jsonl file".to_string(),
        }),
    }
}

/// Parses a hand-written TOML KB; `file` names it in errors.
pub fn parse_toml(file: &str, text: &str) -> Result<Vec<Entity>, KbError> {
    let parsed: TomlFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_column(text, span.start))
            .unwrap_or((0, 0));
        KbError {
            file: file.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let mut entities = Vec::with_capacity(parsed.entity.len());
    for spanned in parsed.entity {
        let (line, column) = line_column(text, spanned.span().start);
        let mut entity = spanned.into_inner();
        apply_defaults(&mut entity, &parsed.meta);
        validate(&entity).map_err(|message| KbError {
            file: file.to_string(),
            line,
            column,
            message,
        })?;
        entities.push(entity);
    }
    Ok(entities)
}

/// Parses a JSONL KB (one entity per line); `file` names it in errors.
pub fn parse_jsonl(file: &str, text: &str) -> Result<Vec<Entity>, KbError> {
    let mut entities = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |column: usize, message: String| KbError {
            file: file.to_string(),
            line: index + 1,
            column,
            message,
        };
        let entity: Entity = serde_json::from_str(line)
            .map_err(|e| error(json_column(line, e.column()), e.to_string()))?;
        validate(&entity).map_err(|message| error(1, message))?;
        entities.push(entity);
    }
    Ok(entities)
}

/// serde_json counts columns in bytes, and gives 0 for an error at the very start;
/// KB errors count characters from 1, as the TOML ones do.
fn json_column(line: &str, byte_column: usize) -> usize {
    let before = byte_column.saturating_sub(1).min(line.len());
    line[..floor_char_boundary(line, before)].chars().count() + 1
}

fn apply_defaults(entity: &mut Entity, meta: &Meta) {
    if entity.source.is_empty() {
        entity.source = meta.source.clone();
    }
    if entity.as_of.is_empty() {
        entity.as_of = meta.as_of.clone();
    }
}

/// Checks what serde cannot: types allowed for the kind, dates well formed.
fn validate(entity: &Entity) -> Result<(), String> {
    let id = &entity.id;
    if id.trim().is_empty() {
        return Err("entity has an empty `id`".into());
    }
    if entity.name.trim().is_empty() {
        return Err(format!("entity `{id}` has an empty `name`"));
    }
    let allowed = entity.kind.allowed_types();
    if !allowed.contains(&entity.entity_type.as_str()) {
        return Err(format!(
            "entity `{id}`: type `{}` is not one of the {} types: {}",
            entity.entity_type,
            entity.kind.as_str(),
            allowed.join(", ")
        ));
    }
    if !entity.wikidata.is_empty() && !is_qid(&entity.wikidata) {
        return Err(format!(
            "entity `{id}`: `wikidata` must be a QID like Q42, got `{}`",
            entity.wikidata
        ));
    }
    // A kind is recorded for a spelling the entry gives, so a typo in a record
    // surfaces instead of classifying nothing.
    for record in &entity.alias_kinds {
        if record.aliases.is_empty() {
            return Err(format!(
                "entity `{id}`: an `alias_kinds` record of kind `{}` names no alias",
                record.kind.as_str()
            ));
        }
        for alias in &record.aliases {
            if *alias != entity.name && !entity.aliases.contains(alias) {
                return Err(format!(
                    "entity `{id}`: `alias_kinds` names `{alias}`, which is not its `name` \
                     or one of its `aliases`"
                ));
            }
        }
    }
    let mut dates = vec![
        ("born", &entity.born),
        ("died", &entity.died),
        ("as_of", &entity.as_of),
    ];
    for role in &entity.roles {
        dates.push(("roles.start", &role.start));
        dates.push(("roles.end", &role.end));
        dates.push(("roles.as_of", &role.as_of));
    }
    for (field, value) in dates {
        if !value.is_empty() && PartialDate::parse(value).is_none() {
            return Err(format!(
                "entity `{id}`: `{field}` must be YYYY, YYYY-MM or YYYY-MM-DD, got `{value}`"
            ));
        }
    }
    Ok(())
}

fn is_qid(text: &str) -> bool {
    text.len() > 1 && text.starts_with('Q') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where a KB file came from, for `kb stats` and error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KbOrigin {
    Embedded(&'static str),
    File(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AliasKind;

    const GOOD: &str = r#"
[meta]
source = "test"
as_of = "2024"

[[entity]]
id = "x"
kind = "person"
type = "minister"
name = "Anna Example"
"#;

    #[test]
    fn toml_entities_inherit_meta_source_and_date() {
        let entities = parse_toml("good.toml", GOOD).unwrap();
        assert_eq!(entities[0].source, "test");
        assert_eq!(entities[0].as_of, "2024");
    }

    #[test]
    fn alias_kinds_load_from_toml_and_jsonl_and_files_without_them_still_load() {
        let toml = format!(
            "{GOOD}aliases = [\"Anna Exemplar\", \"Ana Example\"]\n\
             [[entity.alias_kinds]]\nkind = \"unvetted\"\nsource = \"a list\"\n\
             aliases = [\"Anna Exemplar\"]\n"
        );
        let entity = &parse_toml("kinds.toml", &toml).unwrap()[0];
        assert_eq!(
            entity.alias_kind("Anna Exemplar"),
            Some(AliasKind::Unvetted)
        );
        assert_eq!(entity.alias_kind("Ana Example"), None);
        let jsonl = r#"{"id":"c","kind":"location","type":"city","name":"Tbilisi","aliases":["Tbilsi","Tiflis"],"alias_kinds":[{"kind":"historic","aliases":["Tiflis"]}]}"#;
        let entity = &parse_jsonl("kinds.jsonl", jsonl).unwrap()[0];
        assert_eq!(entity.alias_kind("Tiflis"), Some(AliasKind::Historic));
        assert!(entity.is_accepted_spelling("Tbilsi"), "no record: accepted");
        assert!(parse_toml("plain.toml", GOOD).unwrap()[0]
            .alias_kinds
            .is_empty());
    }

    #[test]
    fn an_alias_kind_record_of_a_spelling_the_entry_lacks_or_an_unknown_kind_is_an_error() {
        let missing = format!(
            "{GOOD}[[entity.alias_kinds]]\nkind = \"historic\"\naliases = [\"Anna Exampel\"]\n"
        );
        let err = parse_toml("kinds.toml", &missing).unwrap_err();
        assert!(err.message.contains("`Anna Exampel`"), "{}", err.message);
        let unknown = format!(
            "{GOOD}[[entity.alias_kinds]]\nkind = \"typo\"\naliases = [\"Anna Example\"]\n"
        );
        assert!(parse_toml("kinds.toml", &unknown).is_err());
    }

    #[test]
    fn toml_syntax_error_names_file_line_and_column() {
        let err = parse_toml(
            "bad.toml",
            "[[entity]]\nid = \"x\"\nname = \"unterminated\n",
        )
        .unwrap_err();
        assert_eq!(err.file, "bad.toml");
        assert_eq!(err.line, 3);
        assert!(err.to_string().starts_with("bad.toml:3:"), "{err}");
    }

    #[test]
    fn toml_unknown_key_is_an_error_on_its_line() {
        let text = format!("{GOOD}nmae = \"typo\"\n");
        let err = parse_toml("typo.toml", &text).unwrap_err();
        assert_eq!(err.line, 11, "{err}");
        assert!(err.message.contains("nmae"), "{err}");
    }

    #[test]
    fn toml_bad_type_is_reported_at_its_entity() {
        let text = GOOD.replace("minister", "wizard");
        let err = parse_toml("t.toml", &text).unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(err.message.contains("wizard"));
    }

    #[test]
    fn invented_looking_qid_and_bad_date_are_rejected() {
        let text = format!("{GOOD}wikidata = \"42\"\n");
        assert!(parse_toml("t.toml", &text)
            .unwrap_err()
            .message
            .contains("QID"));
        let text = format!("{GOOD}born = \"16/03/1959\"\n");
        assert!(parse_toml("t.toml", &text)
            .unwrap_err()
            .message
            .contains("born"));
    }

    #[test]
    fn jsonl_error_columns_count_characters_from_one() {
        let err = parse_jsonl("k.jsonl", "{\"name\":\"Zoë\",,}\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 15), "{err}");
        let err = parse_jsonl("k.jsonl", "\u{feff}\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1), "{err}");
    }

    #[test]
    fn jsonl_error_names_the_line() {
        let text = "{\"id\":\"a\",\"kind\":\"person\",\"type\":\"person\",\"name\":\"A\"}\n\n{\"id\":\"b\",\"kind\":\"persn\"}\n";
        let err = parse_jsonl("k.jsonl", text).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("persn"), "{err}");
    }
}
