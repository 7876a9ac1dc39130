//! `appbundle prompts`: `prompts/available-imports.md` rendered from allowlist.toml.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use appbundle_bundler::Allowlist;

/// Runs the command.
pub fn run(out: PathBuf, check: bool, allowlist: &Allowlist) -> anyhow::Result<ExitCode> {
    let rendered = appbundle_deps_builder::prompts::available_imports(allowlist);
    if check {
        let current = std::fs::read_to_string(&out).unwrap_or_default();
        if current != rendered {
            eprintln!("{} is stale: run `appbundle prompts`", out.display());
            return Ok(ExitCode::from(1));
        }
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::write(&out, rendered).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}
