//! The worker the pipeline runs on: a thread with a large stack (swc recurses) inside fresh swc
//! globals, where a panic becomes an `internal-error` diagnostic instead of taking the caller
//! down.

use swc_core::common::{Globals, GLOBALS};

use crate::diagnostics::{Diagnostic, DiagnosticCode};

/// Stack for the worker thread: swc's parser and transforms recurse, and the input guards
/// (`crate::guards`) keep the depth they see well within this.
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `work` on a worker thread and waits for it.
pub(super) fn on_worker<T: Send>(
    work: impl FnOnce() -> Result<T, Vec<Diagnostic>> + Send,
) -> Result<T, Vec<Diagnostic>> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("appbundle-bundler".into())
            .stack_size(WORKER_STACK_BYTES)
            .spawn_scoped(scope, || GLOBALS.set(&Globals::new(), work));
        match handle {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(vec![internal_error("the bundler panicked")])),
            Err(e) => Err(vec![internal_error(&format!("no worker thread: {e}"))]),
        }
    })
}

/// A failure of appbundle's own, not of the app.
pub(super) fn internal_error(what: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::InternalError,
        format!("internal error in appbundle ({what}); this is a bug in appbundle, not in the app"),
    )
}
