//! The whole request-time pipeline on the 302-line, 3-file sample app in `tests/apps/inventory`:
//! parse, policy, transform, link and emit (with source map), plain and minified; and on the
//! kit fixture app, whose Tailwind CSS also scans the sources of the kit components it uses.

// `criterion_group!` defines a public function without docs.
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::path::Path;

use appbundle_bundler::{bundle, Allowlist, BundleOptions, BundleRequest, FileContent};
use criterion::{criterion_group, criterion_main, Criterion};

fn inventory_app(minify: bool) -> BundleRequest {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/apps/inventory");
    let files: BTreeMap<String, String> = [
        "App.tsx",
        "components/InventoryTable.tsx",
        "lib/inventory.ts",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            std::fs::read_to_string(root.join(f)).expect("sample app file"),
        )
    })
    .collect();
    BundleRequest {
        files: FileContent::texts(files),
        entry: None,
        options: BundleOptions {
            minify,
            ..Default::default()
        },
    }
}

fn pipeline(c: &mut Criterion) {
    let allowlist = Allowlist::embedded();
    let plain = inventory_app(false);
    let minified = inventory_app(true);
    assert!(bundle(&plain, allowlist).is_ok());
    c.bench_function("bundle 300-line app", |b| {
        b.iter(|| bundle(&plain, allowlist).unwrap())
    });
    c.bench_function("bundle 300-line app, minified", |b| {
        b.iter(|| bundle(&minified, allowlist).unwrap())
    });
    let kit_app = BundleRequest {
        files: FileContent::texts([(
            "App.tsx",
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/ok-kit-dashboard/App.tsx"),
            )
            .expect("kit fixture"),
        )]),
        entry: None,
        options: BundleOptions::default(),
    };
    let kit_output = bundle(&kit_app, allowlist).unwrap();
    assert!(kit_output.css.contains("var(--primary)"));
    c.bench_function("bundle kit app (20 components, kit CSS)", |b| {
        b.iter(|| bundle(&kit_app, allowlist).unwrap())
    });
    let mut rejected = inventory_app(false);
    if let Some(FileContent::Text(app)) = rejected.files.get_mut("App.tsx") {
        app.insert_str(0, "import moment from 'moment';\nimport fs from 'fs';\n");
    }
    c.bench_function("reject 300-line app (2 diagnostics)", |b| {
        b.iter(|| bundle(&rejected, allowlist).unwrap_err())
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
