//! Hostile input never crashes the bundler: it answers with diagnostics, whatever the input.

use appbundle_bundler::{bundle, Allowlist, BundleRequest, DiagnosticCode, FileContent};

fn one_file(source: String) -> BundleRequest {
    BundleRequest {
        files: FileContent::texts([("App.tsx", source)]),
        ..Default::default()
    }
}

fn codes(request: &BundleRequest) -> Vec<DiagnosticCode> {
    match bundle(request, Allowlist::embedded()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.code).collect(),
    }
}

#[test]
fn pathological_nesting_is_refused_not_overflowed() {
    let cases = [
        "(".repeat(100_000) + &")".repeat(100_000),
        "[".repeat(300_000),
        "<div>".repeat(50_000) + &"</div>".repeat(50_000),
        format!("export const x = {};", vec!["a"; 400_000].join("+")),
        format!("export const y = x{};", ".b".repeat(300_000)),
        format!("export const z = {}0;", "!".repeat(300_000)),
        format!("export const t = {}0;", "a ? b : ".repeat(100_000)),
    ];
    for source in cases {
        let found = codes(&one_file(source.clone()));
        assert!(
            !found.is_empty(),
            "{} bytes of nesting should be refused",
            source.len()
        );
        assert!(
            found
                .iter()
                .all(|c| matches!(c, DiagnosticCode::TooDeep | DiagnosticCode::SyntaxError)),
            "{found:?}"
        );
    }
}

#[test]
fn moderate_nesting_still_bundles() {
    let source = format!(
        "export default function App() {{ return {}<b>ok</b>{}; }}",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    assert_eq!(codes(&one_file(source)), Vec::<DiagnosticCode>::new());
}

#[test]
fn garbage_input_gives_syntax_errors() {
    for source in [
        "\u{0}\u{1}\u{2}",
        "}}}}{{{{",
        "export default <",
        "import from from from;",
        "\u{feff}@@@",
        "'unterminated",
    ] {
        let found = codes(&one_file(source.to_string()));
        assert!(!found.is_empty(), "{source:?} should not bundle");
    }
}

#[test]
fn output_over_five_megabytes_is_too_large() {
    // Under the input limit, but a 4.5 MB string literal escapes to more than 5 MB of output.
    let source = format!("export default () => \"{}\";", "é".repeat(2_300_000));
    assert!(source.len() < appbundle_bundler::MAX_INPUT_BYTES);
    assert_eq!(codes(&one_file(source)), vec![DiagnosticCode::TooLarge]);
}

#[test]
fn bad_file_names_and_missing_entries_are_reported() {
    let request = BundleRequest {
        files: FileContent::texts([("../escape.tsx", "")]),
        ..Default::default()
    };
    assert_eq!(codes(&request), vec![DiagnosticCode::InvalidPath]);
    let request = BundleRequest {
        files: FileContent::texts([("A.tsx", ""), ("B.tsx", "")]),
        ..Default::default()
    };
    assert_eq!(codes(&request), vec![DiagnosticCode::EntryNotFound]);
}

#[test]
fn an_assertion_inside_the_parser_is_a_diagnostic_not_a_crash() {
    // Found by the files_map fuzz target: swc's parser asserts (debug builds) on this broken
    // enum; a panic in the parser is a syntax error too (release builds report one anyway).
    let source = "import { esuReducer } from 'react';\n\nenum Status { A`p.tsx'idle', Busy = 'busy' }\ncons- enum Direction { Up = 1, Dnow }\n\nabstract class Shape { abstract area(): number; }\nclaeme} {first<number>([1])!}</div>;\n}\n";
    let found = codes(&one_file(source.to_string()));
    assert!(
        found.iter().all(|c| *c == DiagnosticCode::SyntaxError) && !found.is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_class_of_many_variant_groups_does_not_explode_the_stylesheet() {
    // encre-css expands `(hover,focus):` groups into every combination: 24 of them in one
    // 330-byte class were 16 million selectors (20 took 25 s and 2.5 GB). Not Tailwind, so no
    // CSS, and quickly; the Tailwind classes beside it still get theirs.
    let class = format!("{}:m-1", vec!["(hover,focus)"; 24].join(":"));
    let source = format!(
        "export default function App() {{ return <div className=\"{class} p-4\">x</div>; }}"
    );
    let started = std::time::Instant::now();
    let output = bundle(&one_file(source), Allowlist::embedded()).expect("bundles");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(output.css.contains("padding: 1rem"), "{}", output.css);
    assert!(!output.css.contains("margin: 0.25rem"), "{}", output.css);
}

#[test]
fn a_panic_inside_the_jsx_parser_is_a_syntax_error_where_it_stopped() {
    // Found by the files_map fuzz target (built with -O): swc_ecma_parser 47.0.0 reaches an
    // `unreachable!` (jsx.rs:137, "JSXNamespacedName -> JSXObject") on a namespaced JSX name
    // used as an object, in release builds too. The app gets a located syntax error, and the
    // worker goes on.
    let source = "export default function App() {\n  return <a:b.c />;\n}\n";
    let found = bundle(&one_file(source.to_string()), Allowlist::embedded())
        .err()
        .unwrap_or_default();
    let [diagnostic] = found.as_slice() else {
        panic!("{found:?}");
    };
    assert_eq!(
        diagnostic.code,
        DiagnosticCode::SyntaxError,
        "{diagnostic:?}"
    );
    assert_eq!(
        (
            diagnostic.file.as_deref(),
            diagnostic.line,
            diagnostic.column
        ),
        // At `c`, the last token the parser read.
        (Some("App.tsx"), Some(2), Some(15)),
        "{diagnostic:?}"
    );
    assert!(
        diagnostic.message.contains("JSXNamespacedName"),
        "{diagnostic:?}"
    );
    assert!(
        !diagnostic.message.contains("internal error"),
        "{diagnostic:?}"
    );
    let after = codes(&one_file(
        "export default function App() {\n  return <p>fine</p>;\n}\n".to_string(),
    ));
    assert_eq!(after, Vec::<DiagnosticCode>::new());
}
