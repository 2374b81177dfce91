//! Compiles the default KB — every file under `kb/generated/` (written by `byline kb
//! import`), then `kb/script-generated/` (JSONL written by the importers in
//! `scripts/kb/`), then `kb/curated/` (a curated entity with the id of an imported one
//! amends it: see `Entity::amend`) — into the binary format of `byline-kb`, so the
//! binary embeds it and loads it without parsing. Files load in name order within each
//! folder; subfolders (`kb/script-generated/alias-kinds/`) are not KB files.
//! A KB file with an error fails the build with the file, line and column, and so does
//! an id in `kb/script-generated/` that an earlier file already defines: a script adds
//! entities there and amends existing ones only through `kb/curated/`.

use std::collections::HashMap;
use std::path::Path;

use byline_kb::{load, Entity, KbBuilder};

fn main() {
    // The KB data lives at the top of the repository, beside the code that reads it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../kb");
    let mut entities: Vec<Entity> = Vec::new();
    let mut slot_of_id: HashMap<String, usize> = HashMap::new();
    for dir in ["generated", "script-generated", "curated"] {
        let dir_path = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir_path.display());
        let Ok(entries) = std::fs::read_dir(&dir_path) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "toml" || ext == "jsonl" {
                println!("cargo:rerun-if-changed={}", path.display());
                match load::load_file(&path) {
                    Ok(found) => {
                        for entity in found {
                            match slot_of_id.get(&entity.id) {
                                Some(&slot) if dir == "curated" => entities[slot].amend(entity),
                                Some(_) if dir == "script-generated" => panic!(
                                    "default KB: {}: id {} is already defined; a script \
                                     amends an existing entity through kb/curated/",
                                    path.display(),
                                    entity.id
                                ),
                                Some(&slot) => entities[slot] = entity,
                                None => {
                                    slot_of_id.insert(entity.id.clone(), entities.len());
                                    entities.push(entity);
                                }
                            }
                        }
                    }
                    Err(error) => panic!("default KB: {error}"),
                }
            }
        }
    }
    let mut builder = KbBuilder::new();
    builder.add("default", entities);
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default.kb");
    std::fs::write(out, builder.compile()).unwrap();
}
