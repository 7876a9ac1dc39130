//! Pinned, script-free install: `deps-builder/npm/package.json` + `package-lock.json` (generated
//! from allowlist.toml, committed) are installed with `npm ci --ignore-scripts` into a cache
//! folder keyed by the lockfile's hash, so no install script of any package ever runs here and a
//! second build reuses the install.

use std::path::{Path, PathBuf};
use std::process::Command;

use appbundle_bundler::Allowlist;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::{io_error, BuildError};

/// `package.json` for the allowlist: every package at its pinned version.
pub fn package_json(allowlist: &Allowlist) -> String {
    let dependencies: serde_json::Map<String, serde_json::Value> = allowlist
        .packages
        .iter()
        .map(|p| (p.name.clone(), json!(p.version)))
        .chain(
            allowlist
                .refresh
                .iter()
                .map(|r| (r.package.clone(), json!(r.version))),
        )
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let manifest = json!({
        "name": "appbundle-runtime-deps",
        "private": true,
        "description": "Generated from allowlist.toml by `appbundle build-deps`; do not edit.",
        "dependencies": dependencies,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks the committed `package.json` against the allowlist, so a version changed in one place
/// is never silently built from the other.
pub fn check_package_json(npm_dir: &Path, allowlist: &Allowlist) -> Result<(), BuildError> {
    let path = npm_dir.join("package.json");
    let committed = std::fs::read_to_string(&path).map_err(|e| io_error(path.display(), e))?;
    if committed != package_json(allowlist) {
        return Err(BuildError::Stale(format!(
            "{} does not match allowlist.toml: run `appbundle build-deps --sync-lockfile` and commit it with package-lock.json",
            path.display()
        )));
    }
    Ok(())
}

/// Rewrites `package.json` from the allowlist and refreshes the lockfile (needs the registry).
pub fn sync_lockfile(npm_dir: &Path, allowlist: &Allowlist) -> Result<(), BuildError> {
    // An operator's allowlist starts with a folder of its own.
    std::fs::create_dir_all(npm_dir).map_err(|e| io_error(npm_dir.display(), e))?;
    let path = npm_dir.join("package.json");
    std::fs::write(&path, package_json(allowlist)).map_err(|e| io_error(path.display(), e))?;
    run_npm(
        npm_dir,
        &[
            "install",
            "--package-lock-only",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
        ],
    )
}

fn run_npm(dir: &Path, args: &[&str]) -> Result<(), BuildError> {
    let output = Command::new("npm")
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| BuildError::Npm(format!("cannot run npm (is it installed?): {e}")))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    // npm's network error codes: say so first, and what is kept.
    let unreachable = [
        "ECONNREFUSED",
        "ENOTFOUND",
        "ETIMEDOUT",
        "EAI_AGAIN",
        "ECONNRESET",
    ]
    .iter()
    .find(|code| stderr.contains(*code));
    let reason = match unreachable {
        Some(code) => format!(
            "the npm registry is unreachable ({code}); nothing was written, the runtime deps built before are kept: build again when it answers. "
        ),
        None => String::new(),
    };
    Err(BuildError::Npm(format!(
        "{reason}npm {} in {}: {stderr}",
        args.join(" "),
        dir.display(),
    )))
}

/// Installs the lockfile into `<cache>/npm-<lock hash>/` (once) and returns that folder.
pub fn install(npm_dir: &Path, cache_dir: &Path) -> Result<PathBuf, BuildError> {
    let lock_path = npm_dir.join("package-lock.json");
    let lock = std::fs::read(&lock_path).map_err(|e| io_error(lock_path.display(), e))?;
    let target = cache_dir.join(format!("npm-{}", &sha256_hex(&lock)[..16]));
    let done = target.join(".installed");
    if done.exists() {
        return Ok(target);
    }
    std::fs::create_dir_all(&target).map_err(|e| io_error(target.display(), e))?;
    for name in ["package.json", "package-lock.json"] {
        std::fs::copy(npm_dir.join(name), target.join(name)).map_err(|e| io_error(name, e))?;
    }
    run_npm(
        &target,
        &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
    )?;
    std::fs::write(&done, b"").map_err(|e| io_error(done.display(), e))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_package_json_and_lockfile_pin_exactly_the_allowlist() {
        let npm_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm");
        let allowlist = Allowlist::embedded();
        check_package_json(&npm_dir, allowlist).expect("package.json matches allowlist.toml");
        let lock: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(npm_dir.join("package-lock.json")).unwrap(),
        )
        .unwrap();
        for package in &allowlist.packages {
            let locked = &lock["packages"][format!("node_modules/{}", package.name)]["version"];
            assert_eq!(
                locked,
                package.version.as_str(),
                "{} in package-lock.json",
                package.name
            );
        }
        let refresh = allowlist.refresh.as_ref().expect("a refresh section");
        assert_eq!(
            lock["packages"][format!("node_modules/{}", refresh.package)]["version"],
            refresh.version.as_str()
        );
    }
}
