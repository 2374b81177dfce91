//! Replacing a user's file so that no reader, crash or kill ever sees half of it: the
//! new bytes go to a temporary file beside the target, are synced, take the target's
//! permissions, and are renamed over it. Used by `--fix`, house-KB additions,
//! `byline kb compile` and every importer's output.

use std::io::{BufWriter, Write};
use std::path::Path;

/// Replaces (or creates) `path` with `bytes`. The temporary file is named
/// `.byline-<purpose>-*.tmp`, so the one trace a killed process can leave explains itself.
pub fn replace(path: &Path, bytes: &[u8], purpose: &str) -> std::io::Result<()> {
    replace_with(path, purpose, |out| {
        #[cfg(feature = "test-hooks")]
        if std::env::var_os("BYLINE_TEST_ABORT_FIX_WRITE").is_some() {
            // Fault injection for tests/file_safety.rs: die halfway through the write.
            out.write_all(&bytes[..bytes.len() / 2])?;
            out.flush()?;
            std::process::abort();
        }
        out.write_all(bytes)
    })
}

/// Like [`replace`], for output too large to hold as one buffer (an import of millions
/// of entities): `write` streams into the temporary file, which becomes `path` only if
/// it returns `Ok`; on an error the target is untouched and the temporary file removed.
pub fn replace_with(
    path: &Path,
    purpose: &str,
    write: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".byline-{purpose}-"))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    match std::fs::metadata(path) {
        Ok(metadata) => std::fs::set_permissions(temp.path(), metadata.permissions())?,
        // A new file gets the usual rw-r--r--, not the temporary file's private 0600.
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644))?
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
