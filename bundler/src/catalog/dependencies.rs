//! What the bundler knows of the prebuilt packages: the allowlist says what may be imported;
//! the manifest, once `appbundle build-deps` has run, says what each package exports.

use super::allowlist::Allowlist;
use super::manifest::Manifest;

#[derive(Debug, Clone, Copy)]
/// What the bundler judges imports against.
pub struct Dependencies<'a> {
    /// What may be imported.
    pub allowlist: &'a Allowlist,
    /// Without it, imported names are not checked (`unknown-export` needs the export lists).
    pub manifest: Option<&'a Manifest>,
}

impl<'a> Dependencies<'a> {
    /// The allowlist, with the manifest when there is one.
    pub fn new(allowlist: &'a Allowlist, manifest: Option<&'a Manifest>) -> Self {
        Dependencies {
            allowlist,
            manifest,
        }
    }
}

impl<'a> From<&'a Allowlist> for Dependencies<'a> {
    fn from(allowlist: &'a Allowlist) -> Self {
        Dependencies::new(allowlist, None)
    }
}
