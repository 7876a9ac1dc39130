//! The app image, built without a registry: a single layer holding appbundle's own binary (which
//! runs `appbundle app-server` in the container) and the shared libraries it links, imported
//! into the engine like `docker import`. Built once per appbundle build, then reused.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::engine::EngineError;

/// The numeric user the app runs as (no name needed: the image has no passwd database).
pub const APP_UID: u64 = 10001;
/// Where the binary sits in the image.
pub const BINARY_IN_IMAGE: &str = "/appbundle";
/// The repository app images are tagged in.
pub const IMAGE_REPOSITORY: &str = "appbundle-app";
/// Image label holding [`AppImage::kind`].
pub const KIND_LABEL: &str = "io.appbundle.image-kind";

#[derive(Debug, Clone)]
/// The app image: the appbundle binary, its shared libraries, and any extra files.
pub struct AppImage {
    /// The appbundle binary to put in the image (normally the running one).
    pub binary: PathBuf,
    /// More files (host path → path in the image), and symlinks (path → target): tests add a
    /// static busybox to measure limits from inside.
    pub extra_files: Vec<(PathBuf, String)>,
    /// Symlinks to add (path → target), e.g. busybox applets.
    pub extra_links: Vec<(String, String)>,
}

impl AppImage {
    /// The image of the running binary.
    pub fn current() -> Result<AppImage, EngineError> {
        let binary =
            std::env::current_exe().map_err(|e| EngineError::image("the running binary", e))?;
        Ok(AppImage {
            binary,
            extra_files: Vec::new(),
            extra_links: Vec::new(),
        })
    }

    /// What the image is made of, without the binary's build: images of one kind replace each
    /// other as the binary is rebuilt, images of other kinds (another binary, the tests' image
    /// with busybox) are left alone.
    pub fn kind(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(format!("{}\n", self.binary.display()));
        self.hash_contents(&mut hash);
        short_hex(hash)
    }

    /// `appbundle-app:<version>-<12 hex>`: the hash covers the binary (path, size and
    /// modification time: a rebuilt binary is a new image) and the extra files.
    pub fn tag(&self) -> Result<String, EngineError> {
        let mut hash = Sha256::new();
        for path in std::iter::once(&self.binary).chain(self.extra_files.iter().map(|(p, _)| p)) {
            let meta =
                std::fs::metadata(path).map_err(|e| EngineError::image(path.display(), e))?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            hash.update(format!("{}\n{}\n{modified}\n", path.display(), meta.len()));
        }
        self.hash_contents(&mut hash);
        Ok(format!(
            "{IMAGE_REPOSITORY}:{}-{}",
            env!("CARGO_PKG_VERSION"),
            short_hex(hash)
        ))
    }

    fn hash_contents(&self, hash: &mut Sha256) {
        for (_, name) in &self.extra_files {
            hash.update(format!("{name}\n"));
        }
        for (link, target) in &self.extra_links {
            hash.update(format!("{link} -> {target}\n"));
        }
    }

    /// Writes the image's root file system as a tar file at `out`.
    pub fn write_layer(&self, out: &Path) -> Result<(), EngineError> {
        let error = |e: std::io::Error| EngineError::image(out.display(), e);
        let file = std::fs::File::create(out).map_err(error)?;
        let mut tar = tar::Builder::new(std::io::BufWriter::new(file));
        // The engine's importer does not take GNU sparse entries.
        tar.sparse(false);
        for (dir, mode, uid) in [
            ("app", 0o755, 0),
            ("data", 0o700, APP_UID),
            ("tmp", 0o1777, 0),
            ("etc", 0o755, 0),
        ] {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(tar::EntryType::Directory);
            header.set_mode(mode);
            header.set_uid(uid);
            header.set_gid(uid);
            header.set_size(0);
            tar.append_data(&mut header, dir, std::io::empty())
                .map_err(error)?;
        }
        append_file(&mut tar, &self.binary, BINARY_IN_IMAGE)?;
        for library in shared_libraries(&self.binary)? {
            append_file(&mut tar, Path::new(&library), &library)?;
        }
        for (source, target) in &self.extra_files {
            append_file(&mut tar, source, target)?;
        }
        for (link, target) in &self.extra_links {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(tar::EntryType::Symlink);
            header.set_size(0);
            header.set_mode(0o777);
            tar.append_link(&mut header, link.trim_start_matches('/'), target)
                .map_err(error)?;
        }
        let mut writer = tar.into_inner().map_err(error)?;
        writer.flush().map_err(error)
    }
}

fn short_hex(hash: Sha256) -> String {
    hash.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn append_file(
    tar: &mut tar::Builder<impl Write>,
    source: &Path,
    target: &str,
) -> Result<(), EngineError> {
    let mut file =
        std::fs::File::open(source).map_err(|e| EngineError::image(source.display(), e))?;
    tar.append_file(target.trim_start_matches('/'), &mut file)
        .map_err(|e| EngineError::image(source.display(), e))
}

/// The shared libraries `binary` loads (and its dynamic loader), as `ldd` lists them.
fn shared_libraries(binary: &Path) -> Result<Vec<String>, EngineError> {
    let output = std::process::Command::new("ldd")
        .arg(binary)
        .output()
        .map_err(|e| EngineError::image("ldd", e))?;
    let listing = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        // A static binary needs nothing more.
        return if listing.contains("not a dynamic executable")
            || String::from_utf8_lossy(&output.stderr).contains("not a dynamic executable")
        {
            Ok(Vec::new())
        } else {
            Err(EngineError::image(
                format!("ldd {}", binary.display()),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            ))
        };
    }
    Ok(parse_ldd(&listing))
}

fn parse_ldd(listing: &str) -> Vec<String> {
    listing
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let path = match line.split_once("=>") {
                Some((_, rest)) => rest.trim(),
                None => line,
            };
            let path = path.split(" (").next()?.trim();
            path.starts_with('/').then(|| path.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_leaves_out_the_build_and_tells_extras_apart() {
        let plain = AppImage::current().unwrap();
        let mut with_busybox = plain.clone();
        with_busybox
            .extra_links
            .push(("/bin/sh".into(), "busybox".into()));
        assert_eq!(plain.kind(), AppImage::current().unwrap().kind());
        assert_ne!(plain.kind(), with_busybox.kind());
        assert_ne!(plain.tag().unwrap(), with_busybox.tag().unwrap());
    }

    #[test]
    fn ldd_listing_gives_libraries_and_loader() {
        let listing = "\tlinux-vdso.so.1 (0x00007ffd)\n\
                       \tlibgcc_s.so.1 => /lib/x86_64-linux-gnu/libgcc_s.so.1 (0x00007f37)\n\
                       \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f37)\n\
                       \t/lib64/ld-linux-x86-64.so.2 (0x00007f37)\n";
        assert_eq!(
            parse_ldd(listing),
            [
                "/lib/x86_64-linux-gnu/libgcc_s.so.1",
                "/lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2"
            ]
        );
    }
}
