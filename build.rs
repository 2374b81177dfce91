//! Embeds every file under `kb/curated/` and `kb/generated/` into the binary, so the
//! default KB works on a fresh machine with no set-up.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("kb");
    let mut files = Vec::new();
    // Generated (imported) files first, curated last: a hand-checked entity replaces an
    // imported one with the same id.
    for dir in ["generated", "curated"] {
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
                files.push(path);
            }
        }
    }
    let mut code = String::from("/// The default KB files, embedded at build time: (name, contents).\npub static EMBEDDED_KB_FILES: &[(&str, &str)] = &[\n");
    for path in files {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_kb.rs");
    std::fs::write(out, code).unwrap();
}
