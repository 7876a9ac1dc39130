//! Request checks, before any parsing: file count, names and total size, and which file is the
//! entry.

use std::collections::BTreeMap;

use crate::assets::{decode, Decoded, FileContent, MAX_ASSETS_BYTES, MAX_ASSET_BYTES};
use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::files::{normalize_path, FileKind, SourceFiles};

/// Largest total input accepted.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;
/// Most files in one request.
pub const MAX_FILES: usize = 500;

/// The request's files with normalized names, assets decoded, or every reason they are refused.
pub(super) fn validated_files(
    raw: &BTreeMap<String, FileContent>,
) -> Result<SourceFiles, Vec<Diagnostic>> {
    if raw.is_empty() {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::EntryNotFound,
            "the request has no files",
        )]);
    }
    if raw.len() > MAX_FILES {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::TooLarge,
            format!(
                "the request has {} files; at most {MAX_FILES} are accepted",
                raw.len()
            ),
        )]);
    }
    let mut diagnostics = Vec::new();
    let mut files = BTreeMap::new();
    let mut assets = BTreeMap::new();
    for (name, content) in raw {
        match normalize_path(name) {
            Ok(path) => {
                let again = files.contains_key(&path) || assets.contains_key(&path);
                if again {
                    diagnostics.push(
                        Diagnostic::error(
                            DiagnosticCode::InvalidPath,
                            format!("`{name}` names the same file as another entry: `{path}`"),
                        )
                        .in_file(path),
                    );
                    continue;
                }
                match decode(&path, content) {
                    Ok(Decoded::Text(text)) => {
                        files.insert(path, text);
                    }
                    Ok(Decoded::Asset(asset)) => {
                        if asset.bytes.len() > MAX_ASSET_BYTES {
                            diagnostics.push(asset_too_large(&path, asset.bytes.len()));
                        }
                        assets.insert(path, asset);
                    }
                    Err(reason) => diagnostics.push(
                        Diagnostic::error(
                            DiagnosticCode::InvalidAsset,
                            format!("`{path}` {reason}"),
                        )
                        .in_file(path),
                    ),
                }
            }
            Err(reason) => diagnostics.push(Diagnostic::error(
                DiagnosticCode::InvalidPath,
                format!(
                    "`{}` is not a valid file name: {reason}",
                    name.chars().take(200).collect::<String>()
                ),
            )),
        }
    }
    let asset_bytes: usize = assets.values().map(|a| a.bytes.len()).sum();
    if asset_bytes > MAX_ASSETS_BYTES {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticCode::TooLarge,
                format!(
                    "the app's images, fonts and SVGs add up to {} KB; at most {} KB are accepted",
                    asset_bytes / 1024,
                    MAX_ASSETS_BYTES / 1024
                ),
            )
            .with_suggestion(
                "compress them (WebP, WOFF2, smaller sizes), or load the large ones from a URL",
            ),
        );
    }
    let files = SourceFiles::with_assets(files, assets);
    if files.total_bytes() > MAX_INPUT_BYTES {
        diagnostics.push(Diagnostic::error(
            DiagnosticCode::TooLarge,
            format!(
                "the files add up to {} bytes; at most {MAX_INPUT_BYTES} are accepted",
                files.total_bytes()
            ),
        ));
    }
    if diagnostics.is_empty() {
        Ok(files)
    } else {
        Err(diagnostics)
    }
}

fn asset_too_large(path: &str, bytes: usize) -> Diagnostic {
    Diagnostic::error(
        DiagnosticCode::TooLarge,
        format!(
            "`{path}` is {} KB; an image, font or SVG may be at most {} KB",
            bytes / 1024,
            MAX_ASSET_BYTES / 1024
        ),
    )
    .in_file(path)
    .with_suggestion(
        "compress it (WebP for images, WOFF2 for fonts, a smaller size), or load it from a URL",
    )
}

/// The entry file: the one asked for, or the guessed one (`App.tsx`, `index.tsx`, the only
/// script). It must be a script.
pub(super) fn entry_of(
    files: &SourceFiles,
    asked: Option<&str>,
) -> Result<String, Vec<Diagnostic>> {
    let entry = match asked {
        Some(raw) => {
            let path = normalize_path(raw).map_err(|reason| {
                vec![Diagnostic::error(
                    DiagnosticCode::EntryNotFound,
                    format!("the entry `{raw}` is not a valid file name: {reason}"),
                )]
            })?;
            if files.get(&path).is_none() {
                return Err(vec![missing_entry(files, Some(&path))]);
            }
            path
        }
        None => files
            .guess_entry()
            .ok_or_else(|| vec![missing_entry(files, None)])?,
    };
    if !FileKind::of(&entry).is_script() {
        return Err(vec![Diagnostic::error(
            DiagnosticCode::EntryNotFound,
            format!("the entry `{entry}` is not a script (.tsx, .ts, .jsx or .js)"),
        )]);
    }
    Ok(entry)
}

fn missing_entry(files: &SourceFiles, asked: Option<&str>) -> Diagnostic {
    let listed: Vec<&str> = files.paths().take(20).collect();
    let message = match asked {
        Some(path) => format!("the entry `{path}` is not among the files"),
        None => {
            "no entry file: give `entry`, or name the entry `App.tsx` or `index.tsx`".to_string()
        }
    };
    Diagnostic::error(DiagnosticCode::EntryNotFound, message)
        .with_suggestion(format!("the files are: {}", listed.join(", ")))
}
