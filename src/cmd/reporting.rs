//! What the CLI commands share: the allowlist, the manifest to check imported names against,
//! and the format diagnostics are printed in.

use std::path::PathBuf;

use anyhow::Context;
use appbundle_bundler::{report, Allowlist, Diagnostic, Manifest};
use clap::ValueEnum;

#[derive(clap::Args)]
pub struct AllowlistArg {
    /// An operator's allowlist.toml (more packages, a lifted block) [default: the one built in]
    #[arg(long, env = "APPBUNDLE_ALLOWLIST")]
    pub allowlist: Option<PathBuf>,
}

impl AllowlistArg {
    /// The allowlist named, checked, for the rest of the process; else the embedded one.
    pub fn load(&self) -> anyhow::Result<&'static Allowlist> {
        let Some(path) = &self.allowlist else {
            return Ok(Allowlist::embedded());
        };
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let allowlist =
            Allowlist::from_toml(&text).with_context(|| format!("{}", path.display()))?;
        // Read once per process and shared by every request, like the embedded one.
        Ok(Box::leak(Box::new(allowlist)))
    }
}

#[derive(clap::Args)]
pub struct ManifestArg {
    /// manifest.json of the prebuilt packages, to check imported names against their exports
    /// [default: public/runtime-deps/manifest.json when it exists]
    #[arg(long, env = "APPBUNDLE_MANIFEST")]
    pub manifest: Option<PathBuf>,
}

const DEFAULT_MANIFEST: &str = "public/runtime-deps/manifest.json";

impl ManifestArg {
    /// The manifest, if one was named or `build-deps` has written the default one.
    pub fn load(&self, format: Format) -> anyhow::Result<Option<Manifest>> {
        let path = match &self.manifest {
            Some(path) => path.clone(),
            None if std::path::Path::new(DEFAULT_MANIFEST).exists() => DEFAULT_MANIFEST.into(),
            None => {
                if matches!(format, Format::Text) {
                    eprintln!("note: no {DEFAULT_MANIFEST} (run `appbundle build-deps`): imported names are not checked");
                }
                return Ok(None);
            }
        };
        Ok(Some(Manifest::load(&path)?))
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

/// `diagnostics` in `format`.
pub fn render(format: Format, diagnostics: &[Diagnostic]) -> String {
    match format {
        Format::Text => report::text(diagnostics),
        Format::Json => report::json(diagnostics),
        Format::Sarif => report::sarif(diagnostics),
        Format::Github => report::github(diagnostics),
    }
}
