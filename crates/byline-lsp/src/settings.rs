//! Settings a client sends (initializationOptions, workspace/didChangeConfiguration):
//! `{"byline": {"kb": [...], "storyDate": "...", "checks": {"misspelled-name": "off"}}}`
//! (the `byline` wrapper is optional). Paths (`kb`, `houseKb`) have `~` and `$VARS`
//! expanded here, so every client may send them as the user wrote them.

use std::path::PathBuf;

use serde_json::Value;

use byline_core::analysis::{CheckSettings, Code, Severity};
use byline_desk::paths::expand;
use byline_kb::PartialDate;

/// A date as a client writes one: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `today` (the
/// server's date when it reads it).
pub fn parse_date(text: &str) -> Option<PartialDate> {
    match text.trim() {
        "today" => Some(PartialDate::today()),
        other => PartialDate::parse(other),
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientSettings {
    pub kb_files: Vec<PathBuf>,
    /// Where "Add to house KB" writes; else the first KB file of `.byline.toml`.
    pub house_kb: Option<PathBuf>,
    pub story_date: Option<PartialDate>,
    pub checks: Vec<(Code, Option<Severity>)>,
    /// `maxDocumentBytes`: documents larger than this are not analysed.
    pub max_document_bytes: Option<usize>,
}

impl ClientSettings {
    /// Reads settings leniently: a wrong value is reported and skipped, the rest kept.
    pub fn from_json(value: &Value) -> (ClientSettings, Vec<String>) {
        let root = value.get("byline").unwrap_or(value);
        let mut settings = ClientSettings::default();
        let mut problems = Vec::new();
        if let Some(kb) = root.get("kb").and_then(Value::as_array) {
            for path in kb.iter().filter_map(Value::as_str) {
                match expand(path, "byline.kb") {
                    Ok(path) => settings.kb_files.push(path),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        if let Some(house) = root
            .get("houseKb")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
        {
            match expand(house, "byline.houseKb") {
                Ok(path) => settings.house_kb = Some(path),
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(date) = root.get("storyDate").and_then(Value::as_str) {
            let date = date.trim();
            if !date.is_empty() {
                match parse_date(date) {
                    Some(d) => settings.story_date = Some(d),
                    None => problems.push(format!(
                        "byline.storyDate must be YYYY-MM-DD or today, got `{date}`"
                    )),
                }
            }
        }
        if let Some(limit) = root.get("maxDocumentBytes") {
            match limit.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(n) => settings.max_document_bytes = Some(n),
                None => problems.push(format!(
                    "byline.maxDocumentBytes must be a whole number of bytes, got `{limit}`"
                )),
            }
        }
        if let Some(checks) = root.get("checks").and_then(Value::as_object) {
            for (name, value) in checks {
                let Some(code) = Code::parse(name) else {
                    problems.push(format!("byline.checks: unknown check `{name}`"));
                    continue;
                };
                let severity = match value {
                    Value::Bool(false) => None,
                    Value::Bool(true) => Some(code.default_severity()),
                    Value::String(s) if s == "off" => None,
                    Value::String(s) => match Severity::parse(s) {
                        Some(level) => Some(level),
                        None => {
                            problems.push(format!("byline.checks.{name}: unknown severity `{s}`"));
                            continue;
                        }
                    },
                    _ => continue,
                };
                settings.checks.push((code, severity));
            }
        }
        (settings, problems)
    }

    /// Applies these settings over a configuration's check settings.
    pub fn apply_to(&self, checks: &mut CheckSettings) {
        for (code, severity) in &self.checks {
            checks.overrides.insert(*code, *severity);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_and_bare_settings_are_read_and_bad_values_reported() {
        let json = serde_json::json!({"byline": {"storyDate": "2021-10-21", "checks": {"misspelled-name": "off", "nope": "error"}}});
        let (settings, problems) = ClientSettings::from_json(&json);
        assert_eq!(settings.story_date.unwrap().to_string(), "2021-10-21");
        assert_eq!(settings.checks, [(Code::MisspelledName, None)]);
        assert_eq!(problems.len(), 1);
        let (bare, _) = ClientSettings::from_json(&serde_json::json!({"kb": ["house.toml"]}));
        assert_eq!(bare.kb_files, [PathBuf::from("house.toml")]);
        let (limited, problems) =
            ClientSettings::from_json(&serde_json::json!({"maxDocumentBytes": 1000}));
        assert_eq!(
            (limited.max_document_bytes, problems.len()),
            (Some(1000), 0)
        );
        let (_, problems) = ClientSettings::from_json(&serde_json::json!({"maxDocumentBytes": -1}));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn story_date_today_is_the_servers_date_and_a_bad_date_is_named() {
        let (settings, problems) =
            ClientSettings::from_json(&serde_json::json!({"byline": {"storyDate": "today"}}));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(settings.story_date, Some(PartialDate::today()));
        let (settings, problems) =
            ClientSettings::from_json(&serde_json::json!({"storyDate": "21-10-2021"}));
        assert_eq!(settings.story_date, None);
        assert_eq!(
            problems,
            ["byline.storyDate must be YYYY-MM-DD or today, got `21-10-2021`"]
        );
    }

    #[test]
    fn kb_and_house_kb_expand_home_and_variables_and_name_the_setting_when_they_cannot() {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap();
        let (settings, problems) = ClientSettings::from_json(&serde_json::json!({"byline": {
            "kb": ["~/desk/kb.toml", "${HOME}/b.toml", "/abs/c.toml"],
            "houseKb": "~/house-kb.toml",
        }}));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            settings.kb_files,
            [
                home.join("desk/kb.toml"),
                home.join("b.toml"),
                PathBuf::from("/abs/c.toml")
            ]
        );
        assert_eq!(settings.house_kb, Some(home.join("house-kb.toml")));
        let (settings, problems) = ClientSettings::from_json(&serde_json::json!({
            "kb": ["$BYLINE_TEST_SURELY_UNSET_VAR/kb.toml", "/abs/c.toml"],
            "houseKb": "${BYLINE_TEST_SURELY_UNSET_VAR}/house.toml",
        }));
        assert_eq!(settings.kb_files, [PathBuf::from("/abs/c.toml")]);
        assert_eq!(settings.house_kb, None);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("byline.kb: $BYLINE_TEST_SURELY_UNSET_VAR is not set"));
        assert!(problems[1].starts_with("byline.houseKb: $BYLINE_TEST_SURELY_UNSET_VAR is not set"));
    }
}
