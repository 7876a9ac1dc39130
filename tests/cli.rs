//! The `appbundle` CLI: `bundle` prints JS + a source map that leads back to the TSX, `lint`
//! exits 1 with one diagnostic per problem and emits valid SARIF.

mod support;

// The fixture suite's own reader and `expect:` marker parser.
#[path = "../bundler/tests/support/mod.rs"]
mod fixture_support;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use support::*;

const INVENTORY_APP: &str = "tests/apps/inventory";

/// Finds `needle` in generated code and returns its 0-based (line, column) in UTF-16 units.
fn position_of(code: &str, needle: &str) -> (u32, u32) {
    for (line_number, line) in code.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (
                line_number as u32,
                line[..byte].encode_utf16().count() as u32,
            );
        }
    }
    panic!("`{needle}` is not in the generated code");
}

fn line_of(source: &str, needle: &str) -> u32 {
    source
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the source")) as u32
}

fn check_map_points_back(minify: bool) {
    let dir = temp_dir(if minify { "map-min" } else { "map" });
    let out = dir.join("app.js");
    let mut command = appbundle();
    command
        .arg("bundle")
        .arg(repo_root().join(INVENTORY_APP))
        .arg("--outfile")
        .arg(&out)
        .arg("--sourcemap");
    if minify {
        command.arg("--minify");
    }
    let result = run(&mut command);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let code = read(&out);
    assert!(code.trim_end().ends_with("//# sourceMappingURL=app.js.map"));
    let map = sourcemap::SourceMap::from_slice(read(&dir.join("app.js.map")).as_bytes()).unwrap();

    let sources: BTreeSet<&str> = map.sources().collect();
    assert_eq!(
        sources,
        BTreeSet::from([
            "App.tsx",
            "components/InventoryTable.tsx",
            "lib/inventory.ts"
        ])
    );

    // A string literal from each of the three files, looked up column-exactly.
    for (file, needle) in [
        (
            "components/InventoryTable.tsx",
            "No products match your filters.",
        ),
        ("App.tsx", "Search by name or SKU"),
        ("lib/inventory.ts", "en-US"),
    ] {
        let source = read(&repo_root().join(INVENTORY_APP).join(file));
        let (line, column) = position_of(&code, needle);
        // The token starts at the opening quote, one column before the text.
        let token = map
            .lookup_token(line, column.saturating_sub(1))
            .expect("a mapping at the string");
        assert_eq!(token.get_source(), Some(file), "{needle}");
        assert_eq!(
            token.get_src_line(),
            line_of(&source, needle),
            "{needle} in {file}"
        );
    }
}

#[test]
fn bundle_prints_js_and_a_map_that_resolves_to_the_tsx_line() {
    let app = repo_root().join(INVENTORY_APP);
    let lines: usize = [
        "App.tsx",
        "components/InventoryTable.tsx",
        "lib/inventory.ts",
    ]
    .iter()
    .map(|f| read(&app.join(f)).lines().count())
    .sum();
    assert!(
        lines >= 300,
        "the sample app should have 300+ lines, has {lines}"
    );
    check_map_points_back(false);
}

#[test]
fn minified_bundle_map_still_resolves_to_the_tsx_line() {
    check_map_points_back(true);
}

#[test]
fn bundle_to_stdout_inlines_the_source_map() {
    let result = run(appbundle()
        .arg("bundle")
        .arg(fixture("ok-counter"))
        .arg("--sourcemap"));
    assert!(result.status.success());
    let code = String::from_utf8(result.stdout).unwrap();
    assert!(code.contains("window.AppDependencies.core[\"react\"]"));
    assert!(code.contains("//# sourceMappingURL=data:application/json;base64,"));
}

#[test]
fn bundle_of_a_rejected_app_exits_1_with_diagnostics_on_stderr() {
    let result = run(appbundle()
        .arg("bundle")
        .arg(fixture("reject-blocked-packages")));
    assert_eq!(result.status.code(), Some(1));
    assert!(result.stdout.is_empty());
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.contains("error[import-blocked]: `moment` is blocked"),
        "{stderr}"
    );
    assert!(
        stderr.contains("reject-blocked-packages/App.tsx:1:20"),
        "{stderr}"
    );
}

fn fixture_dirs(prefix: &str) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(repo_root().join("bundler/tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    dirs.sort();
    dirs
}

/// `(file, line, code)` for each `expect: <code>` marker under `dir`, with paths as `lint`
/// prints them.
fn markers(dir: &std::path::Path) -> BTreeSet<(String, u64, String)> {
    fixture_support::expected_problems(&fixture_support::read_case(dir))
        .into_iter()
        .map(|(file, line, code)| {
            (
                dir.join(file).to_string_lossy().into_owned(),
                u64::from(line),
                code,
            )
        })
        .collect()
}

#[test]
fn lint_reports_one_diagnostic_per_problem_in_adversarial_fixtures() {
    let mut checked = 0;
    for dir in fixture_dirs("reject-") {
        let expected = markers(&dir);
        if expected.is_empty() {
            continue; // syntax and nesting cases: their diagnostics are in the snapshots
        }
        let result = run(appbundle()
            .arg("lint")
            .arg(&dir)
            .arg("--format")
            .arg("json"));
        assert_eq!(result.status.code(), Some(1), "{}", dir.display());
        let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&result.stdout).unwrap();
        // The markers are the problems that reject; warnings beside them are not counted.
        let reported: Vec<(String, u64, String)> = diagnostics
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            reported.len(),
            expected.len(),
            "{}: {reported:#?}",
            dir.display()
        );
        assert_eq!(
            reported.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{}",
            dir.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 15,
        "only {checked} adversarial fixtures carry markers"
    );
}

#[test]
fn lint_passes_every_benign_fixture() {
    let dirs = fixture_dirs("ok-");
    assert!(dirs.len() >= 25);
    let result = run(appbundle().arg("lint").args(&dirs));
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn lint_of_named_files_resolves_siblings_but_reports_only_them() {
    let dir = fixture("reject-problems-across-files");
    let result = run(appbundle()
        .arg("lint")
        .arg(dir.join("App.tsx"))
        .args(["--format", "json"]));
    assert_eq!(
        result.status.code(),
        Some(0),
        "App.tsx imports fine siblings; their problems are theirs"
    );
    let result = run(appbundle()
        .arg("lint")
        .arg(dir.join("secret.ts"))
        .args(["--format", "json"]));
    assert_eq!(result.status.code(), Some(1));
    let diagnostics: Vec<serde_json::Value> = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["code"], "dangerous-pattern");
}

#[test]
fn lint_sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let runtime = node_runtime();
    let result = run(appbundle()
        .arg("lint")
        .args(fixture_dirs("reject-"))
        .args(["--format", "sarif"]));
    assert_eq!(result.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["runs"][0]["results"].as_array().unwrap().len() > 50);

    let validated = validate_sarif(&runtime, &result.stdout);
    assert!(
        validated.status.success(),
        "{}",
        String::from_utf8_lossy(&validated.stderr)
    );

    // And the validator does reject a log that breaks the schema.
    let broken = validate_sarif(&runtime, br#"{"version":"2.1.0","runs":[{"results":[]}]}"#);
    assert!(!broken.status.success());
}

/// Pipes a SARIF log through `tests/node-runtime/validate-sarif.mjs`.
fn validate_sarif(runtime: &std::path::Path, log: &[u8]) -> std::process::Output {
    let mut validator = Command::new("node")
        .arg(runtime.join("validate-sarif.mjs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs the SARIF validator");
    validator.stdin.take().unwrap().write_all(log).unwrap();
    validator.wait_with_output().unwrap()
}

#[test]
fn lint_github_format_emits_workflow_commands() {
    let result = run(appbundle()
        .arg("lint")
        .arg(fixture("reject-eval"))
        .args(["--format", "github"]));
    assert_eq!(result.status.code(), Some(1));
    let out = String::from_utf8(result.stdout).unwrap();
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("::error file="), "{first}");
    assert!(
        first.contains(
            "reject-eval/App.tsx,line=2,col=13,endLine=2,endColumn=17,title=dangerous-pattern::"
        ),
        "{first}"
    );
}

#[test]
fn committed_prompt_is_rendered_from_the_current_allowlist() {
    let result = run(appbundle()
        .current_dir(repo_root())
        .args(["prompts", "--check"]));
    assert!(
        result.status.success(),
        "prompts/available-imports.md is stale; run `appbundle prompts`: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    // --check compares, and fails on a file that differs.
    let stale = temp_dir("stale-prompt").join("available-imports.md");
    std::fs::write(&stale, "AVAILABLE IMPORTS - old\n").unwrap();
    let result = run(appbundle()
        .arg("prompts")
        .arg("--out")
        .arg(&stale)
        .arg("--check"));
    assert_eq!(result.status.code(), Some(1));
}

#[test]
fn an_operator_allowlist_lifts_a_block_for_bundle_and_lint() {
    let dir = temp_dir("operator-allowlist");
    let app = dir.join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(
        app.join("App.tsx"),
        "import * as THREE from 'three';\n\
         export default function App() { return <p>{typeof THREE.Scene}</p>; }\n",
    )
    .unwrap();
    let allowlist = allowlist_3d();

    // The embedded allowlist blocks three.
    let blocked = run(appbundle()
        .arg("bundle")
        .arg(&app)
        .arg("--format")
        .arg("json"));
    assert_eq!(blocked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("import-blocked"));

    // The operator's bundles it, from its own category's bundle.
    let bundled = run(appbundle()
        .arg("bundle")
        .arg(&app)
        .arg("--allowlist")
        .arg(&allowlist));
    let stderr = String::from_utf8_lossy(&bundled.stderr);
    assert!(bundled.status.success(), "{stderr}");
    assert!(stderr.contains("load bundles: core, graphics"), "{stderr}");
    assert!(String::from_utf8_lossy(&bundled.stdout)
        .contains("window.AppDependencies.graphics[\"three\"]"));
    let linted = run(appbundle()
        .arg("lint")
        .arg(&app)
        .env("APPBUNDLE_ALLOWLIST", &allowlist));
    assert!(
        linted.status.success(),
        "{}",
        String::from_utf8_lossy(&linted.stderr)
    );

    // A broken one is refused with its path, before anything runs.
    let broken = dir.join("broken.toml");
    std::fs::write(&broken, "format = 1\n[[packages]]\nname = 3\n").unwrap();
    let refused = run(appbundle()
        .arg("bundle")
        .arg(&app)
        .arg("--allowlist")
        .arg(&broken));
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("broken.toml") && message.contains("not valid"),
        "{message}"
    );
}
