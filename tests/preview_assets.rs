//! An app's images, fonts and SVGs in real headless Chromium (`tests/node-runtime/assets-e2e.mjs`):
//! a PNG sent as base64 and imported for its URL, a TrueType font named by the app's CSS, an
//! SVG sent as a data URL and imported as a component; and an image over the limit.

mod support;

use serde_json::json;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_fonts_and_svg_components_render_and_an_oversized_asset_is_refused() {
    let (base, _) = start_server(|_| {}).await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let host = format!("http://localhost:{port}");
    let app = repo_root().join("tests/apps/assets-gallery");
    let out = node_script(
        "assets-e2e.mjs",
        vec![host, base.clone(), app.display().to_string()],
    )
    .await;
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
    assert_eq!(out["rendered"], true);
    assert_eq!(out["errors"], json!([]));

    // The PNG: served content-hashed beside the app's script, immutable, at its natural size.
    let image = &out["image"];
    let src = image["src"].as_str().unwrap();
    let path = src.strip_prefix(&base).unwrap();
    let parts: Vec<&str> = path.split('/').collect();
    assert_eq!(parts[..2], ["", "bundle"], "{src}");
    assert_eq!(parts[2].len(), 64, "the bundle's hash: {src}");
    assert_eq!(parts[3], "assets");
    assert!(
        parts[4].starts_with("badge.") && parts[4].ends_with(".png"),
        "{src}"
    );
    assert_eq!(
        (&image["width"], &image["height"]),
        (&json!(24), &json!(16))
    );
    assert_eq!(out["served"]["type"], "image/png");
    assert!(out["served"]["cache"]
        .as_str()
        .unwrap()
        .contains("immutable"));
    assert!(out["served"]["csp"].as_str().unwrap().contains("sandbox"));

    // The font: the CSS url() was rewritten to the served file, which loaded and is used.
    let font = &out["font"];
    assert_eq!(font["status"], "loaded", "{font}");
    assert_eq!(font["check"], true);
    assert!(font["family"].as_str().unwrap().contains("Ledger Blocks"));
    let width = font["width"].as_u64().unwrap();
    assert!(
        (125..=135).contains(&width),
        "six 0.9 em glyphs at 24px: {width}"
    );

    // The SVG component: inline markup, the caller's props over the file's, currentColor from
    // the Tailwind class, and nothing that could run code.
    let svg = &out["svg"];
    assert_eq!(svg["tag"], "svg");
    assert_eq!(svg["className"], "text-indigo-600");
    assert_eq!(svg["width"], "40");
    assert_eq!(svg["viewBox"], "0 0 24 24");
    assert_eq!(svg["title"], "Ledger");
    assert_eq!(svg["pathStroke"], svg["color"], "stroke is currentColor");
    assert_eq!(
        svg["rectFill"], "rgb(238, 242, 255)",
        "style attribute kept"
    );
    assert_eq!((&svg["scripts"], &svg["handlers"]), (&json!(0), &json!(0)));
    assert_eq!(out["documentTitle"], "appbundle preview");

    // 600 KB of PNG: refused with the file and the limit.
    assert_eq!(
        out["oversized"],
        json!([{
            "kind": "build error",
            "code": "too-large",
            "file": "hero.png",
            "message": "`hero.png` is 600 KB; an image, font or SVG may be at most 512 KB (compress it (WebP for images, WOFF2 for fonts, a smaller size), or load it from a URL)",
        }])
    );
}
