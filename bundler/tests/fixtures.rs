//! Fixture suite: each folder under `tests/fixtures/` is an app (`App.tsx` + its files, optional
//! `options.json`). `ok-*` cases must bundle, `reject-*` cases must be refused with exactly the
//! problems marked `expect: <code>` in their sources. The output (code and source-map summary,
//! or diagnostics) is snapshotted beside the case in `output.snap`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use appbundle_bundler::Manifest;
use appbundle_bundler::{bundle, report, Allowlist, BundleRequest, Dependencies, FileContent};

/// Export lists of the real packages (copied from a build), so `unknown-export` is exercised.
static MANIFEST: std::sync::LazyLock<Manifest> = std::sync::LazyLock::new(|| {
    Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/manifest.json"))
        .expect("bundler/tests/manifest.json")
});

fn run_case(entry: &Path) -> datatest_stable::Result<()> {
    let dir = entry.parent().expect("a case folder");
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let files = support::read_case(dir);
    let request = BundleRequest {
        files: FileContent::texts(files.clone()),
        entry: None,
        options: support::read_options(dir),
    };
    let result = bundle(
        &request,
        Dependencies::new(Allowlist::embedded(), Some(&MANIFEST)),
    );
    let snapshot = match &result {
        Ok(output) => {
            if !name.starts_with("ok-") {
                return Err(format!("{name}: expected to be rejected, but it bundled").into());
            }
            let map = sourcemap::SourceMap::from_slice(output.map.as_bytes())?;
            let sources: BTreeSet<String> = map.sources().map(str::to_string).collect();
            let scripts: BTreeSet<String> = output
                .files
                .iter()
                .filter(|f| !f.ends_with(".css"))
                .cloned()
                .collect();
            if sources != scripts {
                return Err(
                    format!("{name}: map sources {sources:?} != linked files {scripts:?}").into(),
                );
            }
            for (index, source) in map.sources().enumerate() {
                let content = map.get_source_contents(index as u32).unwrap_or_default();
                if content != files[source] {
                    return Err(
                        format!("{name}: sourcesContent of {source} is not the input").into(),
                    );
                }
            }
            let imports: Vec<String> = output
                .imports
                .iter()
                .map(|i| {
                    format!(
                        "{} ({}) {{{}}}",
                        i.specifier,
                        i.category,
                        i.names.join(", ")
                    )
                })
                .collect();
            format!(
                "bundles: {}\nfiles: {}\nimports:\n{}\nmap: {} tokens over {}\n\n{}",
                output.bundles.join(", "),
                output.files.join(", "),
                imports
                    .iter()
                    .map(|i| format!("  {i}\n"))
                    .collect::<String>(),
                map.get_token_count(),
                sources.into_iter().collect::<Vec<_>>().join(", "),
                output.code
            )
        }
        Err(diagnostics) => {
            if !name.starts_with("reject-") {
                return Err(format!(
                    "{name}: expected to bundle, got:\n{}",
                    report::text(diagnostics)
                )
                .into());
            }
            let expected = support::expected_problems(&files);
            if !expected.is_empty() {
                let reported = support::reported_problems(diagnostics);
                let reported_set: BTreeSet<_> = reported.iter().cloned().collect();
                if reported.len() != expected.len() || reported_set != expected {
                    return Err(format!(
                        "{name}: expected one diagnostic per marked problem\nexpected: {expected:#?}\nreported: {reported:#?}"
                    )
                    .into());
                }
            }
            report::text(diagnostics)
        }
    };
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(std::fs::canonicalize(dir)?);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("output", snapshot));
    Ok(())
}

datatest_stable::harness! {
    { test = run_case, root = "tests/fixtures", pattern = r"^[^/]+/App\.tsx$" },
}
