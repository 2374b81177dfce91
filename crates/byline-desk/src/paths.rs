//! Path settings as people write them: `~/desk/house-kb.toml`, `$DESK/kb.toml`,
//! `${HOME}/kb.toml`. Every path setting (the editor's `kb` and `houseKb`, `kb` in
//! `.byline.toml`) goes through [`expand`], so a path means the same wherever it is
//! written. Nothing else is interpreted: no globs, no `~user`, no command substitution.

use std::path::PathBuf;

/// Expands a leading `~` (alone or before `/`) to the home folder and every `$VAR` or
/// `${VAR}` to that environment variable. `setting` names the setting in errors
/// ("byline.houseKb"). A `$` not followed by a variable name is kept as written.
pub fn expand(text: &str, setting: &str) -> Result<PathBuf, String> {
    expand_with(text, setting, |name| {
        std::env::var_os(name).map(PathBuf::from)
    })
}

/// [`expand`] with the environment given: `lookup("HOME")` is the home folder.
pub fn expand_with(
    text: &str,
    setting: &str,
    lookup: impl Fn(&str) -> Option<PathBuf>,
) -> Result<PathBuf, String> {
    let unset = |name: &str| {
        format!("{setting}: ${name} is not set (in `{text}`); set it or write the path in full")
    };
    let mut out = std::ffi::OsString::new();
    let mut rest = text;
    if rest == "~" || rest.starts_with("~/") || rest.starts_with("~\\") {
        let home = home(&lookup).ok_or_else(|| {
            format!("{setting}: `~` needs a home folder, and $HOME is not set (in `{text}`)")
        })?;
        out.push(home);
        rest = &rest[1..];
    }
    while let Some(dollar) = rest.find('$') {
        out.push(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, used) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) if is_name(&braced[..end]) => (&braced[..end], end + 2),
                _ => {
                    return Err(format!(
                    "{setting}: `${{` must be followed by a variable name and `}}` (in `{text}`)"
                ))
                }
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], end)
        };
        if !is_name(name) {
            // A lone `$` ("cost$.toml") is a character like any other.
            out.push("$");
            rest = after;
            continue;
        }
        let value = lookup(name).ok_or_else(|| unset(name))?;
        out.push(value);
        rest = &after[used..];
    }
    out.push(rest);
    Ok(PathBuf::from(out))
}

fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn home(lookup: &impl Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    let found = lookup("HOME").or_else(|| {
        if cfg!(windows) {
            lookup("USERPROFILE")
        } else {
            None
        }
    });
    found.filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<PathBuf> {
        match name {
            "HOME" => Some(PathBuf::from("/home/ana")),
            "DESK" => Some(PathBuf::from("/srv/desk")),
            "EMPTY" => Some(PathBuf::new()),
            _ => None,
        }
    }

    fn expanded(text: &str) -> Result<PathBuf, String> {
        expand_with(text, "byline.kb", env)
    }

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        assert_eq!(
            expanded("~/kb.toml").unwrap(),
            PathBuf::from("/home/ana/kb.toml")
        );
        assert_eq!(expanded("~").unwrap(), PathBuf::from("/home/ana"));
        // Only a leading `~` alone or before a separator: not `~ana`, not inside.
        assert_eq!(
            expanded("~ana/kb.toml").unwrap(),
            PathBuf::from("~ana/kb.toml")
        );
        assert_eq!(
            expanded("a/~/kb.toml").unwrap(),
            PathBuf::from("a/~/kb.toml")
        );
    }

    #[test]
    fn variables_are_expanded_bare_and_braced() {
        assert_eq!(
            expanded("$HOME/kb.toml").unwrap(),
            PathBuf::from("/home/ana/kb.toml")
        );
        assert_eq!(
            expanded("${DESK}/house-${DESK}x").unwrap(),
            PathBuf::from("/srv/desk/house-/srv/deskx")
        );
        assert_eq!(
            expanded("$DESK.toml").unwrap(),
            PathBuf::from("/srv/desk.toml")
        );
        assert_eq!(
            expanded("${EMPTY}kb.toml").unwrap(),
            PathBuf::from("kb.toml")
        );
        assert_eq!(
            expanded("plain/kb.toml").unwrap(),
            PathBuf::from("plain/kb.toml")
        );
        // A `$` that starts no variable name stays.
        assert_eq!(
            expanded("cost$/$1.toml").unwrap(),
            PathBuf::from("cost$/$1.toml")
        );
    }

    #[test]
    fn a_missing_variable_is_an_error_naming_the_setting_and_the_variable() {
        let error = expand_with("$NOPE/kb.toml", "byline.houseKb", env).unwrap_err();
        assert_eq!(
            error,
            "byline.houseKb: $NOPE is not set (in `$NOPE/kb.toml`); set it or write the path in full"
        );
        let error = expanded("${NOPE}/kb.toml").unwrap_err();
        assert!(error.starts_with("byline.kb: $NOPE is not set"), "{error}");
        let error = expanded("${/kb.toml").unwrap_err();
        assert!(
            error.starts_with("byline.kb: `${` must be followed"),
            "{error}"
        );
        let error = expand_with("~/kb.toml", "kb", |_| None).unwrap_err();
        assert!(error.contains("$HOME is not set"), "{error}");
    }
}
