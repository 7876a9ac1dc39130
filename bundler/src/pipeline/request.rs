//! Request checks, before any parsing: file count, names and total size, and which file is the
//! entry.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, DiagnosticCode};
use crate::files::{normalize_path, FileKind, SourceFiles};

/// Largest total input accepted.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;
/// Most files in one request.
pub const MAX_FILES: usize = 500;

/// The request's files with normalized names, or every reason they are refused.
pub(super) fn validated_files(
    raw: &BTreeMap<String, String>,
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
    for (name, text) in raw {
        match normalize_path(name) {
            Ok(path) => {
                if files.insert(path.clone(), text.clone()).is_some() {
                    diagnostics.push(
                        Diagnostic::error(
                            DiagnosticCode::InvalidPath,
                            format!("`{name}` names the same file as another entry: `{path}`"),
                        )
                        .in_file(path),
                    );
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
    let files = SourceFiles::new(files);
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
