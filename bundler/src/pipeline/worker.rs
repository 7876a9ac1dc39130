//! The workers the pipeline runs on: threads with a large stack (swc recurses), each job inside
//! fresh swc globals, where a panic becomes an `internal-error` diagnostic instead of taking the
//! caller down.
//!
//! The threads are kept (a rayon pool made on first use) instead of one new thread per bundle:
//! a new thread costs its creation and, on every bundle, page faults on the fresh stack pages
//! the recursion touches; a kept thread has them already.

use std::panic::AssertUnwindSafe;
use std::sync::LazyLock;

use swc_core::common::{Globals, GLOBALS};

use crate::diagnostics::{Diagnostic, DiagnosticCode};

/// Stack for a worker thread: swc's parser and transforms recurse, and the input guards
/// (`crate::guards`) keep the depth they see well within this.
const WORKER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// Twice the cores, as the service's bundling slots: a caller waits for a free worker only when
/// more bundles run than that.
static WORKERS: LazyLock<Result<rayon::ThreadPool, String>> = LazyLock::new(|| {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) * 2;
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(2))
        .stack_size(WORKER_STACK_BYTES)
        .thread_name(|i| format!("appbundle-bundler-{i}"))
        .build()
        .map_err(|e| e.to_string())
});

/// Runs `work` on a worker thread and waits for it.
pub(super) fn on_worker<T: Send>(
    work: impl FnOnce() -> Result<T, Vec<Diagnostic>> + Send,
) -> Result<T, Vec<Diagnostic>> {
    let pool = match &*WORKERS {
        Ok(pool) => pool,
        Err(e) => return Err(vec![internal_error(&format!("no worker threads: {e}"))]),
    };
    pool.install(|| {
        std::panic::catch_unwind(AssertUnwindSafe(|| GLOBALS.set(&Globals::new(), work)))
            .unwrap_or_else(|_| Err(vec![internal_error("the bundler panicked")]))
    })
}

/// A failure of appbundle's own, not of the app.
pub(super) fn internal_error(what: &str) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::InternalError,
        format!("internal error in appbundle ({what}); this is a bug in appbundle, not in the app"),
    )
}
