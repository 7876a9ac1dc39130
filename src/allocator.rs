//! The process's allocator, and what it gives back to the system.
//!
//! mimalloc was chosen by measurement (BENCHMARKS.md, "POST /bundle against esbuild and Bun"):
//! the bundler allocates and frees many small AST nodes per request. It returns a freed page to
//! the system once the page has been free for its purge delay (1 s), but only when some thread
//! allocates after that: a server that goes quiet after a burst of bundles keeps the burst's
//! pages, hundreds of MB over what it holds (BENCHMARKS.md, "Memory"). So `serve` runs a
//! thread that asks mimalloc every second to purge what has been free long enough.

use std::time::Duration;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How often free memory is handed back when nothing else makes mimalloc do it.
const PURGE_INTERVAL: Duration = Duration::from_secs(1);

/// Starts the thread that returns free memory to the system while the process runs.
pub fn return_free_memory() -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("appbundle-purge".into())
        .spawn(|| {
            // mimalloc's collect works through the calling thread's heap, which exists once
            // the thread has allocated.
            std::hint::black_box(Box::new(0u64));
            loop {
                std::thread::sleep(PURGE_INTERVAL);
                // SAFETY: takes no pointers; collects this thread's (empty) heap and purges
                // the arenas' pages whose purge delay has passed.
                unsafe { libmimalloc_sys::mi_collect(false) };
            }
        })
        .map(|_| ())
}
