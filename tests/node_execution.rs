//! Runs bundled apps in Node with real React (from npm) behind `window.AppDependencies` and
//! checks what they render. Needs node + npm (CI installs them).

mod support;

use std::process::Command;

use support::*;

/// Bundles a fixture with the CLI and server-renders its default export in Node.
fn render(fixture_name: &str, extra_args: &[&str]) -> serde_json::Value {
    let runtime = node_runtime();
    let out = temp_dir(&format!("node-{fixture_name}")).join("bundle.js");
    let bundled = run(appbundle()
        .arg("bundle")
        .arg(fixture(fixture_name))
        .arg("--outfile")
        .arg(&out)
        .args(extra_args));
    assert!(
        bundled.status.success(),
        "bundle failed: {}",
        String::from_utf8_lossy(&bundled.stderr)
    );
    let ran = run(Command::new("node")
        .arg(runtime.join("run-bundle.mjs"))
        .arg(&out));
    assert!(
        ran.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    serde_json::from_slice(&ran.stdout).expect("run-bundle prints JSON")
}

fn html(fixture_name: &str, extra_args: &[&str]) -> String {
    render(fixture_name, extra_args)["html"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn counter_renders_its_initial_state() {
    assert_eq!(
        html("ok-counter", &[]),
        "<div class=\"flex flex-col items-center gap-4 p-8\"><h1 class=\"text-2xl font-bold\">Counter</h1><p data-testid=\"count\">0</p><button>Increment</button></div>"
    );
}

#[test]
fn minified_output_renders_the_same() {
    assert_eq!(html("ok-counter", &["--minify"]), html("ok-counter", &[]));
}

#[test]
fn refresh_output_runs_without_a_refresh_runtime_and_renders_the_same() {
    // Compiled for React Fast Refresh (registrations, development JSX), then run where nothing
    // updates apps in place: the registrations do nothing.
    let expected = "<main class=\"p-6\"><h1 class=\"text-lg font-semibold\">Reading list</h1><p>Books read: <span class=\"rounded bg-emerald-100 px-2 text-emerald-800\">2</span></p><button type=\"button\">Finished one</button></main>";
    assert_eq!(html("ok-refresh", &["--refresh"]), expected);
    assert_eq!(html("ok-refresh", &[]), expected);
}

#[test]
fn multi_file_app_links_components_hooks_and_packages() {
    assert_eq!(
        html("ok-multifile", &[]),
        "<main><h1>Todos (0 items)</h1><ul></ul><button>Add</button></main>"
    );
}

#[test]
fn at_alias_imports_resolve_from_the_app_root() {
    assert_eq!(
        html("ok-at-alias", &[]),
        "<main><h1>HELLO ADA!</h1><button>count is 1</button></main>"
    );
}

#[test]
fn import_cycles_resolve_at_call_time() {
    assert_eq!(html("ok-import-cycle", &[]), "<p>true</p>");
}

#[test]
fn css_is_injected_and_json_gives_default_and_named_exports() {
    let result = render("ok-css-json-imports", &[]);
    assert_eq!(
        result["html"],
        "<div class=\"card\"><h1>Groceries</h1><p>2 items</p><ul><li>milk</li><li>eggs</li></ul></div>"
    );
    assert_eq!(result["styles"][0][0], "styles.css");
    assert!(result["styles"][0][1]
        .as_str()
        .unwrap()
        .contains("padding: 1rem"));
}

#[test]
fn re_exports_of_packages_and_index_files_work() {
    assert_eq!(
        html("ok-export-from-packages", &[]),
        "<div class=\"p-4 m-2\">ok</div>"
    );
    assert_eq!(
        html("ok-index-resolution", &[]),
        "<div class=\"card\"><button>Go</button></div>"
    );
}

#[test]
fn typescript_only_constructs_are_compiled_away() {
    assert_eq!(
        html("ok-typescript-features", &[]),
        "<div>idle 4 dark 1</div>"
    );
}
