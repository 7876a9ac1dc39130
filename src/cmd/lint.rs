//! `appbundle lint`: every file judged as `bundle` would, without linking.

use std::path::PathBuf;
use std::process::ExitCode;

use appbundle_bundler::{check, Allowlist, Dependencies, Diagnostic, Manifest};

use super::reporting::{render, Format};
use crate::cli_files;

/// Runs the command.
pub fn run(
    paths: Vec<PathBuf>,
    format: Format,
    manifest: Option<&Manifest>,
    allowlist: &Allowlist,
) -> anyhow::Result<ExitCode> {
    let deps = Dependencies::new(allowlist, manifest);
    let mut diagnostics = Vec::new();
    for group in cli_files::lint_groups(&paths)? {
        let mut found = check(&group.files, deps);
        if let Some(named) = &group.only {
            found.retain(|d| d.file.as_ref().is_none_or(|f| named.contains(f)));
        }
        diagnostics.extend(group.root.prefix(found));
    }
    let rejected = diagnostics.iter().any(Diagnostic::is_error);
    let rendered = render(format, &diagnostics);
    match format {
        Format::Text if diagnostics.is_empty() => eprintln!("no problems found"),
        Format::Text => eprint!("{rendered}"),
        _ => println!("{rendered}"),
    }
    Ok(if rejected {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
