//! Panic isolation. tower-lsp-server polls every handler inside its one serve loop, so
//! a panic that escaped a handler would end the whole server. Every handler therefore
//! runs its synchronous work (all of its state work, see `mod.rs`) through [`catch`]:
//! a panic becomes a [`Panicked`] that the handler logs and, for a request, answers
//! with an internal error; the next message is served as usual.
//!
//! Test hook, compiled only with the `test-hooks` feature (never in the binary users
//! run): when the environment variable `BYLINE_TEST_PANIC` is `1` at start-up,
//! analysing a document that contains [`PANIC_MARKER`] panics, and the hidden command
//! [`DEBUG_PANIC_COMMAND`] panics inside its request. Nothing else reads it; the
//! end-to-end tests use it to prove the isolation.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A caught panic, with its message.
#[derive(Debug)]
pub struct Panicked(pub String);

/// Runs `f`, turning a panic into [`Panicked`]. The panic hook has already printed
/// the panic and its location to stderr by the time this returns.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| Panicked(panic_message(&*payload)))
}

/// The text a panic was raised with (`panic!("...")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Text that makes analysis panic when the test hook is on.
pub const PANIC_MARKER: &str = "BYLINE-TEST-PANIC";

/// A `workspace/executeCommand` command that panics when the test hook is on; it is
/// not advertised.
pub const DEBUG_PANIC_COMMAND: &str = "byline.debug.panic";

/// Whether `BYLINE_TEST_PANIC=1` was set (read once) in a build with `test-hooks`.
#[cfg(feature = "test-hooks")]
pub fn test_hook_enabled() -> bool {
    use std::sync::OnceLock;
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var("BYLINE_TEST_PANIC").as_deref() == Ok("1"))
}

/// Without `test-hooks` the hook is off whatever the environment says.
#[cfg(not(feature = "test-hooks"))]
pub fn test_hook_enabled() -> bool {
    false
}

/// The analysis test hook: panics on the marker text when the hook is on.
pub fn injected_analysis_panic(text: &str) {
    if test_hook_enabled() && text.contains(PANIC_MARKER) {
        panic!("injected test panic: the document contains {PANIC_MARKER}");
    }
}
