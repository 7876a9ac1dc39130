//! Tailwind on its own: class extraction from any text, and the stylesheet for it. Every
//! candidate is a piece of the text, and the stylesheet is the same when asked twice.

#![no_main]

use appbundle_bundler::{tailwind_candidates, tailwind_stylesheet};
use libfuzzer_sys::fuzz_target;

/// The pipeline makes stylesheets on its workers' 256 MB stacks; so does this target. On
/// libFuzzer's 8 MB main thread one input overflowed the stack (a SIGSEGV libFuzzer could not
/// report: its handler ran on the overflowed stack); here an overflow is reported with its input.
const STACK_BYTES: usize = 256 * 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let checked = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            for candidate in tailwind_candidates(&text) {
                assert!(
                    !candidate.is_empty() && text.contains(candidate),
                    "{candidate:?}"
                );
            }
            let css = tailwind_stylesheet([text.as_str()]);
            assert_eq!(
                css,
                tailwind_stylesheet([text.as_str()]),
                "not deterministic"
            );
        })
        .expect("a thread")
        .join();
    if let Err(panic) = checked {
        std::panic::resume_unwind(panic);
    }
});
