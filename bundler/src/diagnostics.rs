//! One diagnostic type for everything the bundler reports. Reporters (`crate::report`) only
//! render it; the HTTP API returns it as JSON unchanged.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Stable machine-readable codes. Renaming one is a breaking change for API clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticCode {
    /// The file does not parse.
    SyntaxError,
    /// An import of a package (or subpath, or URL) that is not on the allowlist.
    ImportNotAllowed,
    /// An import of a package that is blocked on purpose, or of a Node built-in.
    ImportBlocked,
    /// A named or default import that the package does not export (per the manifest).
    UnknownExport,
    /// `import(x)` / `require(x)` with a computed specifier: it cannot be checked.
    NonLiteralImport,
    /// `eval`, `Function`, string timers: code built from strings at run time.
    DangerousPattern,
    /// A relative import that matches none of the given files.
    FileNotFound,
    /// An import of a file type the bundler does not handle (markdown, ...).
    UnsupportedFile,
    /// A file name in the request that is not a clean relative path.
    InvalidPath,
    /// The entry file is missing, or could not be guessed.
    EntryNotFound,
    /// The entry exports no component to mount and does not render itself.
    NoComponent,
    /// A warning: a stylesheet no file imports, applied to the whole app.
    UnimportedStylesheet,
    /// A warning: an import of a package served by another with the same API (`lodash`).
    ImportAliased,
    /// An image, font or SVG that cannot be read (bad base64, binary sent as text, bad SVG).
    InvalidAsset,
    /// Input or output over the size limit.
    TooLarge,
    /// Nesting deeper than the bundler accepts.
    TooDeep,
    /// A defect in appbundle itself; the message says so.
    InternalError,
}

impl DiagnosticCode {
    /// The code as it is written in JSON and text (`import-blocked`).
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticCode::SyntaxError => "syntax-error",
            DiagnosticCode::ImportNotAllowed => "import-not-allowed",
            DiagnosticCode::ImportBlocked => "import-blocked",
            DiagnosticCode::UnknownExport => "unknown-export",
            DiagnosticCode::NonLiteralImport => "non-literal-import",
            DiagnosticCode::DangerousPattern => "dangerous-pattern",
            DiagnosticCode::FileNotFound => "file-not-found",
            DiagnosticCode::UnsupportedFile => "unsupported-file",
            DiagnosticCode::InvalidPath => "invalid-path",
            DiagnosticCode::EntryNotFound => "entry-not-found",
            DiagnosticCode::NoComponent => "no-component",
            DiagnosticCode::UnimportedStylesheet => "unimported-stylesheet",
            DiagnosticCode::ImportAliased => "import-aliased",
            DiagnosticCode::InvalidAsset => "invalid-asset",
            DiagnosticCode::TooLarge => "too-large",
            DiagnosticCode::TooDeep => "too-deep",
            DiagnosticCode::InternalError => "internal-error",
        }
    }

    /// One line on what the code means, for SARIF rule descriptions and docs.
    pub fn summary(self) -> &'static str {
        match self {
            DiagnosticCode::SyntaxError => "The file does not parse as TypeScript/JSX.",
            DiagnosticCode::ImportNotAllowed => "Import of a package that is not on the allowlist.",
            DiagnosticCode::ImportBlocked => "Import of a blocked package or a Node.js built-in.",
            DiagnosticCode::UnknownExport => "Import of a name the package does not export.",
            DiagnosticCode::NonLiteralImport => "import()/require() with a computed specifier.",
            DiagnosticCode::DangerousPattern => "Code evaluated from strings at run time.",
            DiagnosticCode::FileNotFound => "A relative import matches none of the app's files.",
            DiagnosticCode::UnsupportedFile => "Import of a file type the bundler cannot load.",
            DiagnosticCode::InvalidPath => "A file name that is not a clean relative path.",
            DiagnosticCode::EntryNotFound => "The entry file is missing.",
            DiagnosticCode::NoComponent => {
                "The entry exports no component and does not render itself."
            }
            DiagnosticCode::UnimportedStylesheet => {
                "A stylesheet no file imports, applied to the whole app."
            }
            DiagnosticCode::ImportAliased => "An import served by a package with the same API.",
            DiagnosticCode::InvalidAsset => "An image, font or SVG that cannot be read.",
            DiagnosticCode::TooLarge => "Input or output over the size limit.",
            DiagnosticCode::TooDeep => "Nesting deeper than the bundler accepts.",
            DiagnosticCode::InternalError => "A defect in appbundle.",
        }
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
/// How bad a diagnostic is.
pub enum Severity {
    /// The app is rejected.
    Error,
    /// The app bundles; something deserves a look.
    Warning,
}

/// A position in one of the app's files. Lines and columns are 1-based; columns count Unicode
/// characters, as editors show them. `end_*` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The app file.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Line where it ends.
    pub end_line: u32,
    /// Column where it ends (exclusive).
    pub end_column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
/// One finding about the app: what, where, and what to do instead.
pub struct Diagnostic {
    /// What kind of problem.
    pub code: DiagnosticCode,
    /// Error (the app is rejected) or warning.
    pub severity: Severity,
    /// What is wrong, phrased for a person and a model.
    pub message: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The app file it is in.
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// 1-based line.
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// 1-based column, in characters.
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Line where it ends.
    pub end_line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Column where it ends (exclusive).
    pub end_column: Option<u32>,
    /// The offending lines with a caret underline, as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<String>,
    /// What to do instead, phrased so it can be pasted back to the code generator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// An error with `code` and `message`, not located yet.
    pub fn error(code: DiagnosticCode, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            frame: None,
            suggestion: None,
        }
    }

    /// A warning with `code` and `message`: the app bundles.
    pub fn warning(code: DiagnosticCode, message: impl Into<Cow<'static, str>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Adds what to do instead.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Names the file without a position.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Places it at `location`, with the code frame.
    pub fn at(mut self, location: Location, frame: Option<String>) -> Self {
        self.file = Some(location.file);
        self.line = Some(location.line);
        self.column = Some(location.column);
        self.end_line = Some(location.end_line);
        self.end_column = Some(location.end_column);
        self.frame = frame;
        self
    }

    /// It rejects the app.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `App.tsx:3:14`, or as much of it as is known.
    pub fn position(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        Some(match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_string(),
        })
    }
}

/// Renders lines `line - 1 ..= end_line + 1` of `source` with a `^^^` underline under the
/// columns `column..end_column` (1-based, in characters), like rustc and Babel do.
pub fn code_frame(source: &str, location: &Location) -> String {
    const MAX_LINE_CHARS: usize = 160;
    let lines: Vec<&str> = source.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let first = location.line.saturating_sub(1).max(1) as usize;
    let last = (location.end_line as usize + 1).min(lines.len());
    let width = last.to_string().len();
    // Long lines are shown as a window around the start column, so the caret stays in view.
    let shift = (location.column as usize).saturating_sub(MAX_LINE_CHARS / 2);
    let ellipsis = if shift > 0 { "…" } else { "" };
    let mut out = String::new();
    for number in first..=last {
        let Some(text) = lines.get(number - 1) else {
            break;
        };
        let text: String = text.chars().skip(shift).take(MAX_LINE_CHARS).collect();
        let text = text.replace('\t', " ");
        let marked = (location.line as usize..=location.end_line as usize).contains(&number);
        let marker = if marked { ">" } else { " " };
        out.push_str(&format!("{marker} {number:>width$} | {ellipsis}{text}\n"));
        if marked {
            let len = text.chars().count() as u32;
            let start = if number as u32 == location.line {
                (location.column as usize - shift) as u32
            } else {
                1
            };
            let end = if number as u32 == location.end_line {
                (location.end_column as usize).saturating_sub(shift) as u32
            } else {
                len + 1
            };
            let start = start.clamp(1, len + 1);
            let end = end.clamp(start + 1, (len + 2).max(start + 1));
            out.push_str(&format!(
                "  {:>width$} | {}{}{}\n",
                "",
                " ".repeat(ellipsis.chars().count()),
                " ".repeat(start as usize - 1),
                "^".repeat((end - start) as usize)
            ));
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_underlines_the_span() {
        let src = "import a from 'a';\nimport fs from 'fs';\nconsole.log(fs);\n";
        let loc = Location {
            file: "App.tsx".into(),
            line: 2,
            column: 16,
            end_line: 2,
            end_column: 20,
        };
        let frame = code_frame(src, &loc);
        assert_eq!(
            frame,
            "  1 | import a from 'a';\n> 2 | import fs from 'fs';\n    |                ^^^^\n  3 | console.log(fs);"
        );
    }

    #[test]
    fn codes_serialize_as_kebab_case() {
        let json = serde_json::to_string(&DiagnosticCode::ImportNotAllowed).unwrap();
        assert_eq!(json, "\"import-not-allowed\"");
        assert_eq!(
            DiagnosticCode::ImportNotAllowed.as_str(),
            "import-not-allowed"
        );
    }
}
