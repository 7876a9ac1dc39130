//! What every bundling target checks of an answer, beyond "it did not crash": a bundle's source
//! map is valid and points inside the files it names, and a diagnostic's position is inside the
//! file it names.

use appbundle_bundler::{bundle, Allowlist, BundleRequest, Diagnostic, FileContent};

/// Panics of swc that appbundle catches and answers with a located diagnostic (a regression
/// test in `bundler/tests/robustness.rs` each): the file the panic is raised in and its message.
/// libFuzzer's hook aborts on every panic, even a caught one; these are let through to the
/// bundler's handler instead, so a run does not stop on a known upstream bug. Any other panic
/// still aborts: a finding.
const HANDLED_UPSTREAM_PANICS: &[(&str, &str)] = &[(
    // swc_ecma_parser 47.0.0, on `<a:b.c />`: a syntax error at the tag.
    "swc_ecma_parser-47.0.0/src/parser/jsx.rs",
    "JSXNamespacedName -> JSXObject",
)];

fn is_handled_upstream_panic(info: &std::panic::PanicHookInfo<'_>) -> bool {
    let Some(location) = info.location() else {
        return false;
    };
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    HANDLED_UPSTREAM_PANICS
        .iter()
        .any(|(file, words)| location.file().ends_with(file) && message.contains(words))
}

/// Wraps libFuzzer's aborting panic hook (set before the first input) once.
fn let_handled_upstream_panics_through() {
    static WRAPPED: std::sync::Once = std::sync::Once::new();
    WRAPPED.call_once(|| {
        let aborting = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !is_handled_upstream_panic(info) {
                aborting(info);
            }
        }));
    });
}

/// Bundles `request` and checks the answer; panics (a finding) when it breaks a rule.
pub fn bundle_and_check(request: &BundleRequest, allowlist: &Allowlist) {
    let_handled_upstream_panics_through();
    match bundle(request, allowlist) {
        Ok(output) => check_map(&output.code, &output.map),
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refusal without a diagnostic");
            for diagnostic in &diagnostics {
                check_position(request, diagnostic);
            }
        }
    }
}

/// The map parses, and each mapping goes from a line of the code to a line of a source it
/// carries.
pub fn check_map(code: &str, map: &str) {
    let parsed = sourcemap::SourceMap::from_slice(map.as_bytes())
        .unwrap_or_else(|e| panic!("the source map does not parse: {e}"));
    let code_lines = code.lines().count().max(1) as u32;
    for token in parsed.tokens() {
        assert!(
            token.get_dst_line() < code_lines,
            "a mapping from line {} of {code_lines}",
            token.get_dst_line() + 1
        );
        if !token.has_source() {
            continue;
        }
        let id = token.get_src_id();
        assert!(id < parsed.get_source_count(), "a mapping to source {id}");
        if let Some(content) = parsed.get_source_contents(id) {
            // A line past the last is allowed: an end position after a final newline.
            let lines = js_lines(content);
            assert!(
                token.get_src_line() < lines + 1,
                "a mapping to line {} of {lines} in {:?}",
                token.get_src_line() + 1,
                parsed.get_source(id)
            );
        }
    }
}

/// Lines as JavaScript counts them: `\n`, `\r\n`, a lone `\r`, U+2028 and U+2029 each end one
/// (a finding of the fuzzer: swc, rightly, counts a lone `\r`).
fn js_lines(text: &str) -> u32 {
    let mut lines = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines += 1;
            }
            '\n' | '\u{2028}' | '\u{2029}' => lines += 1,
            _ => {}
        }
    }
    lines
}

/// A diagnostic that names a file names one of the request, at a line it has.
fn check_position(request: &BundleRequest, diagnostic: &Diagnostic) {
    let (Some(file), Some(line)) = (&diagnostic.file, diagnostic.line) else {
        return;
    };
    let Some(FileContent::Text(text)) = request.files.get(file) else {
        return;
    };
    let lines = js_lines(text);
    assert!(
        (1..=lines + 1).contains(&line),
        "{:?} at {file}:{line}, which has {lines} lines: {}\nthe files: {:#?}",
        diagnostic.code,
        diagnostic.message,
        request.files
    );
}
