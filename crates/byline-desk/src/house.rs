//! Adding a name to a newsroom's house KB from the editor, safely: the file is locked
//! against a concurrent writer, re-read and validated, and replaced atomically (a
//! temporary file in the same folder, then a rename), so a failure at any point leaves
//! the old file whole and no existing entry is ever lost.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use byline_kb::load::parse_toml;
use byline_kb::{Category, PartialDate};

/// What the editor knows about a name to add.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub name: String,
    pub category: Category,
}

fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in byline_kb::normalize::fold(name).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The TOML block for a new entry; the description asks a person to complete it.
pub fn entry_block(entry: &NewEntry, today: PartialDate) -> String {
    let kind = entry.category.as_str();
    let entity_type = match entry.category {
        Category::Person => "person",
        Category::Organization => "organization",
        Category::Location => "location",
        Category::Other => "other",
    };
    format!(
        "\n[[entity]]\nid = {}\nkind = \"{kind}\"\ntype = \"{entity_type}\"\nname = {}\ndescription = \"Added with Byline; complete this entry.\"\nsource = \"house KB\"\nas_of = \"{today}\"\n",
        toml_string(&format!("house-{}", slug(&entry.name))),
        toml_string(&entry.name),
    )
}

/// Adds `entry` to the house KB at `path` (created when missing, with its folder).
/// Returns `Ok(false)` when an entity with that name is already there.
pub fn add_entry(path: &Path, entry: &NewEntry, today: PartialDate) -> Result<bool, String> {
    let shown = path.display();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    }
    let lock_path: PathBuf = dir.join(format!(
        ".{}.lock",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("house-kb")
    ));
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("{}: cannot lock: {e}", lock_path.display()))?;
    lock.lock()
        .map_err(|e| format!("{}: cannot lock: {e}", lock_path.display()))?;

    let existing = if path.exists() {
        byline_kb::load::read_text(path, byline_kb::load::MAX_KB_FILE_BYTES, "KB")
            .map_err(|e| format!("{e} (nothing was written)"))?
    } else {
        String::new()
    };
    let entities = parse_toml(&shown.to_string(), &existing)
        .map_err(|e| format!("{e} (fix the file first; nothing was written)"))?;
    if entities.iter().any(|e| e.name == entry.name) {
        return Ok(false);
    }
    let mut updated = existing.clone();
    if !updated.is_empty() && !updated.ends_with('\n') {
        updated.push('\n');
    }
    updated.push_str(&entry_block(entry, today));
    let count = parse_toml(&shown.to_string(), &updated)
        .map_err(|e| format!("the new entry would not parse ({e}); nothing was written"))?
        .len();
    debug_assert_eq!(count, entities.len() + 1);

    byline_atomic_file::replace(path, updated.as_bytes(), "house-kb")
        .map_err(|e| format!("{shown}: cannot write: {e}"))?;
    drop::<File>(lock);
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn entry(name: &str) -> NewEntry {
        NewEntry {
            name: name.into(),
            category: Category::Person,
        }
    }

    #[test]
    fn adding_keeps_existing_entries_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("house.toml");
        let today = PartialDate::parse("2026-11-28").unwrap();
        fs::write(&path, "# desk list\n[[entity]]\nid = \"a\"\nkind = \"person\"\ntype = \"person\"\nname = \"Anna Example\"\n").unwrap();
        assert!(add_entry(&path, &entry("Zoë O'Brien \"Jr\""), today).unwrap());
        assert!(!add_entry(&path, &entry("Zoë O'Brien \"Jr\""), today).unwrap());
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# desk list\n"));
        let entities = parse_toml("house.toml", &text).unwrap();
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[1].name, "Zoë O'Brien \"Jr\"");
    }

    #[test]
    fn a_missing_folder_is_created_and_a_file_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".byline/house-kb.toml");
        assert!(add_entry(&path, &entry("Xandor Quillfeather"), PartialDate::today()).unwrap());
        let entities = parse_toml("house.toml", &fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(entities[0].name, "Xandor Quillfeather");
        let blocker = dir.path().join("a-file");
        fs::write(&blocker, "").unwrap();
        let error = add_entry(
            &blocker.join("house.toml"),
            &entry("X"),
            PartialDate::today(),
        )
        .unwrap_err();
        assert!(
            error.contains("a-file: cannot create the folder"),
            "{error}"
        );
    }

    #[test]
    fn a_broken_house_kb_is_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("house.toml");
        fs::write(&path, "[[entity]\nbroken").unwrap();
        let error = add_entry(&path, &entry("X"), PartialDate::today()).unwrap_err();
        assert!(error.contains("nothing was written"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "[[entity]\nbroken");
    }

    #[test]
    fn racing_writers_lose_no_entry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("house.toml");
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || {
                    add_entry(
                        &path,
                        &entry(&format!("Person Number{i}")),
                        PartialDate::today(),
                    )
                    .unwrap()
                })
            })
            .collect();
        for h in handles {
            assert!(h.join().unwrap());
        }
        let entities = parse_toml("house.toml", &fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(entities.len(), 8);
    }
}
