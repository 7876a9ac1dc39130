//! Tailwind on its own: class extraction from any text, and the stylesheet for it. Every
//! candidate is a piece of the text, and the stylesheet is the same when asked twice.

#![no_main]

use appbundle_bundler::{tailwind_candidates, tailwind_stylesheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for candidate in tailwind_candidates(&text) {
        assert!(
            !candidate.is_empty() && text.contains(candidate),
            "{candidate:?}"
        );
    }
    let css = tailwind_stylesheet([text.as_ref()]);
    assert_eq!(
        css,
        tailwind_stylesheet([text.as_ref()]),
        "not deterministic"
    );
});
