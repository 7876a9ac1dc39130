//! Writing a build's files: each bundle with its content-hashed name, source map, SRI and
//! precompressed `.gz` and `.br` copies (for the server to pick by `Accept-Encoding`); the
//! manifest and types atomically; LICENSES.txt.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use appbundle_bundler::{BundleFile, IconSet};
use base64::Engine;
use sha2::{Digest, Sha384};

use crate::npm::sha256_hex;
use crate::rolldown_build::BuiltChunk;
use crate::{io_error, BuildError};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = writer.write_all(bytes);
    }
    out
}

pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    std::fs::write(path, bytes).map_err(|e| io_error(path.display(), e))
}

/// Writes `<category>.<hash>.js` (+ `.map`, `.gz`, `.br`) into `out_dir`, and the per-app
/// icon data of its packages as `<category>.<hash>.<specifier>.icons.json`. The hash covers
/// both, so a file name never stands for two contents.
pub fn write_bundle(
    out_dir: &Path,
    category: &str,
    chunk: &BuiltChunk,
    input_hash: &str,
    specifiers: Vec<String>,
    icon_sets: &[(String, IconSet)],
) -> Result<BundleFile, BuildError> {
    let icon_json: Vec<(&String, String)> = icon_sets
        .iter()
        .map(|(specifier, set)| Ok((specifier, serde_json::to_string(set)?)))
        .collect::<Result<_, serde_json::Error>>()
        .map_err(|source| BuildError::Json {
            what: format!("icon data of {category}"),
            source,
        })?;
    let mut hashed = chunk.code.clone();
    for (_, json) in &icon_json {
        hashed.push_str(json);
    }
    let hash = &sha256_hex(hashed.as_bytes())[..12];
    let file = format!("{category}.{hash}.js");
    let mut icon_data = BTreeMap::new();
    for (specifier, json) in icon_json {
        let data_file = format!(
            "{category}.{hash}.{}.icons.json",
            crate::entries::file_safe(specifier)
        );
        write(&out_dir.join(&data_file), json.as_bytes())?;
        icon_data.insert(specifier.clone(), data_file);
    }
    let map = format!("{file}.map");
    let code = format!("{}\n//# sourceMappingURL={map}\n", chunk.code.trim_end());
    let bytes = code.as_bytes();
    // Brotli at quality 11 is the slow part of a build; gzip runs beside it.
    let (gz, br) = std::thread::scope(|scope| {
        let gz = scope.spawn(|| gzip(bytes));
        let br = brotli(bytes);
        (gz.join().unwrap_or_default(), br)
    });
    write(&out_dir.join(&file), bytes)?;
    write(&out_dir.join(&map), chunk.map.as_bytes())?;
    write(&out_dir.join(format!("{file}.gz")), &gz)?;
    write(&out_dir.join(format!("{file}.br")), &br)?;
    Ok(BundleFile {
        file,
        map,
        bytes: bytes.len() as u64,
        gzip_bytes: gz.len() as u64,
        brotli_bytes: br.len() as u64,
        integrity: integrity(bytes),
        input_hash: input_hash.to_string(),
        specifiers,
        icon_data,
        refresh: None,
    })
}

/// Removes files of earlier builds of `category` that the manifest no longer names.
pub fn remove_stale(out_dir: &Path, category: &str, keep: &str) {
    let Ok(entries) = std::fs::read_dir(out_dir) else {
        return;
    };
    let prefix = format!("{category}.");
    // `<category>.<hash>.` starts every file of the kept build (bundle, map, icon data).
    let keep = keep.strip_suffix(".js").unwrap_or(keep).to_string() + ".";
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_bundle_file = name.starts_with(&prefix)
            && name[prefix.len()..]
                .split('.')
                .next()
                .is_some_and(|h| h.len() == 12 && h.chars().all(|c| c.is_ascii_hexdigit()));
        if is_bundle_file && !name.starts_with(&keep) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Readers (the service, a test) never see half a manifest: write beside it, then rename.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(|e| io_error(partial.display(), e))?;
    std::fs::rename(&partial, path).map_err(|e| io_error(path.display(), e))
}

/// LICENSES.txt: the licence of every package whose code is in a rebuilt bundle (they are kept
/// out of the bundles themselves).
pub(super) fn write_licences(
    out_dir: &Path,
    package_dirs: &BTreeSet<String>,
) -> Result<(), BuildError> {
    let path = out_dir.join("LICENSES.txt");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    for dir in package_dirs {
        let name = dir
            .rsplit_once("node_modules/")
            .map(|(_, n)| n)
            .unwrap_or(dir);
        let header = format!("==== {name} ====\n");
        if text.contains(&header) {
            continue;
        }
        let licence = std::fs::read_dir(dir).ok().and_then(|entries| {
            entries.flatten().find_map(|e| {
                let file = e.file_name().to_string_lossy().to_ascii_lowercase();
                (file.starts_with("license") || file.starts_with("licence"))
                    .then(|| std::fs::read_to_string(e.path()).ok())
                    .flatten()
            })
        });
        text.push_str(&header);
        text.push_str(
            licence
                .as_deref()
                .unwrap_or("(no licence file in the package; see its package.json)\n"),
        );
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|e| io_error(path.display(), e))
}
