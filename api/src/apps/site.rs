//! A published app's static files: the page, the app's script and CSS, the dependency bundles
//! it loads (copied, so the container needs no network), and the two small scripts that wire
//! `useAppData` to the app server and mount the app.

use std::path::Path;

use appbundle_bundler::Manifest;

use crate::state::CachedBundle;

const HOST_JS: &str = include_str!("../../published/host.js");
const MAIN_JS: &str = include_str!("../../published/main.js");

/// What a published page is made of.
pub struct SiteContent<'a> {
    /// The page title.
    pub title: &'a str,
    /// The app's bundled script.
    pub script: &'a str,
    /// The script's source map: the file name its `sourceMappingURL` gives, and the map.
    pub map: (&'a str, &'a str),
    /// The app's Tailwind CSS.
    pub css: &'a str,
    /// Dependency bundles in load order (`core` first).
    pub bundles: &'a [String],
    /// The bundle whose images, fonts and SVGs go beside the script (`app/assets/<name>`,
    /// where the module runtime looks for them).
    pub assets: &'a CachedBundle,
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Why a site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A file could not be written or copied (a full disk among the causes).
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The app loads a bundle the runtime deps do not have.
    #[error("the manifest has no `{0}` bundle")]
    MissingBundle(String),
}

impl SiteError {
    /// The file system ran out of room (ENOSPC, or a quota).
    pub fn is_storage_full(&self) -> bool {
        matches!(self, SiteError::Io { source, .. }
            if matches!(source.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded))
    }
}

/// Writes the site into `dir` (created; must not exist).
pub fn write_site(
    dir: &Path,
    content: &SiteContent,
    manifest: &Manifest,
    deps_dir: &Path,
) -> Result<(), SiteError> {
    let io = |path: &Path, source: std::io::Error| SiteError::Io {
        path: path.display().to_string(),
        source,
    };
    let deps = dir.join("deps");
    std::fs::create_dir_all(&deps).map_err(|e| io(&deps, e))?;
    let mut tags = String::new();
    for category in content.bundles {
        let bundle = manifest
            .bundles
            .get(category)
            .ok_or_else(|| SiteError::MissingBundle(category.clone()))?;
        // The script and its precompressed copies: the app server serves whichever fits.
        for suffix in ["", ".gz", ".br"] {
            let name = format!("{}{suffix}", bundle.file);
            let from = deps_dir.join(&name);
            let to = deps.join(&name);
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(|e| io(&from, e))?;
            }
        }
        tags.push_str(&format!(
            "<script src=\"deps/{}\" integrity=\"{}\"></script>\n",
            bundle.file, bundle.integrity
        ));
    }
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| io(&path, e))
    };
    write("app.js", content.script)?;
    if !content.assets.assets.is_empty() {
        let assets = dir.join("app").join("assets");
        std::fs::create_dir_all(&assets).map_err(|e| io(&assets, e))?;
        for (entry, bytes) in content.assets.assets_with_bytes() {
            let path = assets.join(&entry.name);
            std::fs::write(&path, &bytes).map_err(|e| io(&path, e))?;
        }
    }
    write(content.map.0, content.map.1)?;
    write("app.css", content.css)?;
    write("host.js", HOST_JS)?;
    write("main.js", MAIN_JS)?;
    write(
        "index.html",
        &format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"app.css\">\n</head>\n\
             <body>\n<div id=\"root\"></div>\n{tags}<script src=\"host.js\"></script>\n\
             <script src=\"app.js\"></script>\n<script src=\"main.js\"></script>\n</body>\n</html>\n",
            title = escape_html(content.title),
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use appbundle_bundler::BundleFile;

    use super::*;
    use crate::state::AssetEntry;

    #[test]
    fn the_apps_assets_go_beside_its_script() {
        let root = std::env::temp_dir().join(format!("appbundle-site-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let deps_dir = root.join("deps-src");
        std::fs::create_dir_all(&deps_dir).unwrap();
        for suffix in ["", ".gz", ".br"] {
            std::fs::write(
                deps_dir.join(format!("core.0123456789ab.js{suffix}")),
                "core",
            )
            .unwrap();
        }
        let core = BundleFile {
            file: "core.0123456789ab.js".into(),
            map: "core.0123456789ab.js.map".into(),
            bytes: 4,
            gzip_bytes: 4,
            brotli_bytes: 4,
            integrity: "sha384-x".into(),
            input_hash: "h".into(),
            specifiers: vec!["react".into()],
            icon_data: BTreeMap::new(),
            refresh: None,
        };
        let manifest = Manifest {
            format: appbundle_bundler::MANIFEST_FORMAT,
            built_at: "2026-12-01T00:00:00Z".into(),
            bundles: BTreeMap::from([("core".to_string(), core)]),
            packages: BTreeMap::new(),
            icon_sets: BTreeMap::new(),
        };
        let png = b"\x89PNG\r\n".as_slice();
        let entry = CachedBundle::new(
            vec!["core".into()],
            b"{}",
            b"{}",
            "console.log(1)",
            "{}",
            "",
            &[(
                AssetEntry {
                    name: "logo.1a2b3c4d.png".into(),
                    mime: "image/png".into(),
                    len: png.len(),
                },
                png,
            )],
        );
        let site = root.join("site");
        let content = SiteContent {
            title: "Logo <app>",
            script: "console.log(1)",
            map: ("h.js.map", "{}"),
            css: "",
            bundles: &entry.bundles,
            assets: &entry,
        };
        write_site(&site, &content, &manifest, &deps_dir).unwrap();
        assert_eq!(
            std::fs::read(site.join("app/assets/logo.1a2b3c4d.png")).unwrap(),
            png
        );
        let page = std::fs::read_to_string(site.join("index.html")).unwrap();
        assert!(page.contains("<script src=\"app.js\"></script>"), "{page}");
        assert!(page.contains("<title>Logo &lt;app&gt;</title>"), "{page}");
        assert!(site.join("deps/core.0123456789ab.js.br").exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
