//! Images, fonts and SVGs in a request: the forms they arrive in, the modules they become, the
//! CSS `url()`s that name them, and the diagnostics of bad or oversized ones.

use std::collections::BTreeMap;

use appbundle_bundler::{
    bundle, Allowlist, BundleOutput, BundleRequest, Diagnostic, DiagnosticCode, Encoding,
    FileContent, MAX_ASSETS_BYTES, MAX_ASSET_BYTES,
};

const PNG_1PX: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const ICON: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" stroke-width="2"><path d="M4 12h16"/></svg>"#;

fn run(files: Vec<(&str, FileContent)>) -> Result<BundleOutput, Vec<Diagnostic>> {
    let request = BundleRequest {
        files: files
            .into_iter()
            .map(|(path, content)| (path.to_string(), content))
            .collect::<BTreeMap<_, _>>(),
        ..Default::default()
    };
    bundle(&request, Allowlist::embedded())
}

fn base64(content: &str) -> FileContent {
    FileContent::Encoded {
        content: content.into(),
        encoding: Encoding::Base64,
    }
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<(DiagnosticCode, Option<&str>)> {
    diagnostics
        .iter()
        .map(|d| (d.code, d.file.as_deref()))
        .collect()
}

#[test]
fn imported_assets_become_urls_and_an_svg_a_component() {
    let app = r#"import './styles.css';
import logo from './img/logo.png';
import Icon from './icon.svg?react';
import iconUrl from './icon.svg';
export default function App() { return <p><img src={logo} /><img src={iconUrl} /><Icon /></p>; }
"#;
    let css = ".brand { background: url(img/logo.png); } @font-face { src: url('/fonts/a.woff2') }";
    let output = run(vec![
        ("App.tsx", app.into()),
        ("styles.css", css.into()),
        ("img/logo.png", base64(PNG_1PX)),
        ("icon.svg", ICON.into()),
        (
            "fonts/a.woff2",
            format!("data:font/woff2;base64,{PNG_1PX}").into(),
        ),
        ("unused.png", base64(PNG_1PX)),
    ])
    .expect("bundles");
    let names: Vec<(&str, &str)> = output
        .assets
        .iter()
        .map(|a| (a.path.as_str(), a.mime.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("fonts/a.woff2", "font/woff2"),
            ("icon.svg", "image/svg+xml"),
            ("img/logo.png", "image/png")
        ],
        "only what the app uses"
    );
    let logo = output
        .assets
        .iter()
        .find(|a| a.path == "img/logo.png")
        .unwrap();
    assert_eq!(&logo.bytes[1..4], b"PNG");
    assert!(output
        .code
        .contains(&format!("require.asset(module, \"{}\")", logo.name)));
    assert!(
        output.code.contains("require.svg(module,"),
        "{}",
        output.code
    );
    assert!(
        output.code.contains(r#""strokeWidth":"2""#),
        "{}",
        output.code
    );
    assert!(
        output
            .code
            .contains(&format!("appbundle-asset:{}", logo.name)),
        "{}",
        output.code
    );
    let font = output
        .assets
        .iter()
        .find(|a| a.path == "fonts/a.woff2")
        .unwrap();
    assert!(output
        .code
        .contains(&format!("appbundle-asset:{}", font.name)));
    assert_eq!(output.warnings, []);
}

#[test]
fn a_css_url_of_a_missing_file_is_a_warning() {
    let output = run(vec![
        (
            "App.tsx",
            "import './a.css';\nexport default () => <p />;\n".into(),
        ),
        ("a.css", ".x { background: url(./missing.png) }".into()),
    ])
    .expect("bundles");
    assert_eq!(
        codes(&output.warnings),
        [(DiagnosticCode::FileNotFound, Some("a.css"))]
    );
    assert!(output.warnings[0].message.contains("missing.png"));
}

#[test]
fn bad_and_oversized_assets_are_refused_with_their_file() {
    let app = "import a from './a.png';\nexport default () => <img src={a} />;\n";
    let text_png = run(vec![("App.tsx", app.into()), ("a.png", "PNG?".into())]).unwrap_err();
    assert_eq!(
        codes(&text_png),
        [(DiagnosticCode::InvalidAsset, Some("a.png"))]
    );
    let bad_base64 = run(vec![("App.tsx", app.into()), ("a.png", base64("***"))]).unwrap_err();
    assert_eq!(
        codes(&bad_base64),
        [(DiagnosticCode::InvalidAsset, Some("a.png"))]
    );

    let big = "A".repeat((MAX_ASSET_BYTES + 3) / 3 * 4 + 4);
    let oversized = run(vec![("App.tsx", app.into()), ("a.png", base64(&big))]).unwrap_err();
    assert_eq!(
        codes(&oversized),
        [(DiagnosticCode::TooLarge, Some("a.png"))]
    );
    assert!(oversized[0].message.contains("at most 512 KB"));

    // Each under the limit, together over the app's.
    let each = "A".repeat(MAX_ASSET_BYTES / 3 * 4);
    let count = MAX_ASSETS_BYTES / (MAX_ASSET_BYTES / 3 * 3) + 1;
    let mut files: Vec<(String, FileContent)> = (0..count)
        .map(|i| (format!("p{i}.png"), base64(&each)))
        .collect();
    files.push(("App.tsx".into(), "export default () => <p />;\n".into()));
    let request = BundleRequest {
        files: files.into_iter().collect(),
        ..Default::default()
    };
    let total = bundle(&request, Allowlist::embedded()).unwrap_err();
    assert_eq!(codes(&total), [(DiagnosticCode::TooLarge, None)]);
    assert!(
        total[0].message.contains("add up to"),
        "{}",
        total[0].message
    );
}

#[test]
fn svg_components_need_an_svg_that_parses() {
    let app = "import Icon from './icon.svg?react';\nexport default () => <Icon />;\n";
    let broken = run(vec![
        ("App.tsx", app.into()),
        ("icon.svg", "<svg>\n<path d=\"M0 0\">\n</svg>".into()),
    ])
    .unwrap_err();
    assert_eq!(
        codes(&broken),
        [(DiagnosticCode::InvalidAsset, Some("icon.svg"))]
    );
    assert_eq!(broken[0].line, Some(3));
    let png_component = run(vec![
        (
            "App.tsx",
            "import A from './a.png?react';\nexport default () => <A />;\n".into(),
        ),
        ("a.png", base64(PNG_1PX)),
    ])
    .unwrap_err();
    assert_eq!(
        codes(&png_component),
        [(DiagnosticCode::UnsupportedFile, Some("App.tsx"))]
    );
    assert!(png_component[0].message.contains("?react"));
}
