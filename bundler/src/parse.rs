//! Parsing one app file with swc, with every recoverable syntax error reported, and positions
//! turned into 1-based line/column diagnostics with a code frame.

use swc_core::common::{
    comments::SingleThreadedComments, sync::Lrc, BytePos, FileName, SourceFile, SourceMap, Span,
};
use swc_core::ecma::ast::{EsVersion, Expr, Module};
use swc_core::ecma::parser::{EsSyntax, Parser, StringInput, Syntax, TsSyntax};

use crate::diagnostics::{code_frame, Diagnostic, DiagnosticCode, Location};
use crate::files::FileKind;
use crate::guards::nesting;

/// Turns swc spans into [`Location`]s and code frames.
#[derive(Clone)]
pub struct Locator {
    cm: Lrc<SourceMap>,
}

impl Locator {
    pub fn new(cm: Lrc<SourceMap>) -> Self {
        Locator { cm }
    }

    /// Location of a span in one of the app's files (`None` for synthetic spans).
    pub fn locate(&self, span: Span) -> Option<(Location, String)> {
        if span.lo.is_dummy() || span.hi < span.lo {
            return None;
        }
        let lo = self.cm.lookup_char_pos(span.lo);
        let hi = self.cm.lookup_char_pos(span.hi.max(span.lo));
        let file = match &*lo.file.name {
            FileName::Custom(name) => name.clone(),
            _ => return None,
        };
        let location = Location {
            file,
            line: lo.line as u32,
            column: lo.col.0 as u32 + 1,
            end_line: hi.line as u32,
            end_column: hi.col.0 as u32 + 1,
        };
        let frame = code_frame(&lo.file.src, &location);
        Some((location, frame))
    }

    /// Attaches the span's position and frame to `diagnostic`.
    pub fn attach(&self, diagnostic: Diagnostic, span: Span) -> Diagnostic {
        match self.locate(span) {
            Some((location, frame)) => diagnostic.at(location, Some(frame)),
            None => diagnostic,
        }
    }
}

/// Registers `text` under `path` in the shared source map (spans of all files live there).
pub fn add_file(cm: &Lrc<SourceMap>, path: &str, text: &str) -> Lrc<SourceFile> {
    cm.new_source_file(
        Lrc::new(FileName::Custom(path.to_string())),
        text.to_string(),
    )
}

/// A parsed script file.
pub struct ParsedScript {
    pub module: Module,
    pub comments: SingleThreadedComments,
}

fn syntax_for(kind: FileKind) -> Syntax {
    match kind {
        FileKind::TypeScript => Syntax::Typescript(TsSyntax {
            tsx: false,
            decorators: true,
            ..Default::default()
        }),
        FileKind::JavaScript => Syntax::Es(EsSyntax {
            jsx: true,
            decorators: true,
            ..Default::default()
        }),
        _ => Syntax::Typescript(TsSyntax {
            tsx: true,
            decorators: true,
            ..Default::default()
        }),
    }
}

/// Parses a script file. All recoverable errors are reported, not only the first.
pub fn parse_script(
    locator: &Locator,
    file: &Lrc<SourceFile>,
    kind: FileKind,
) -> Result<ParsedScript, Vec<Diagnostic>> {
    if let Some(offset) = nesting::find_excessive_nesting(&file.src) {
        let at = file.start_pos + BytePos(offset as u32);
        let diagnostic = Diagnostic::error(
            DiagnosticCode::TooDeep,
            format!(
                "brackets or JSX elements are nested more than {} levels deep here",
                nesting::MAX_NESTING
            ),
        )
        .with_suggestion(
            "split the deeply nested expression or markup into smaller components or variables",
        );
        return Err(vec![
            locator.attach(diagnostic, Span::new(at, at + BytePos(1)))
        ]);
    }
    let comments = SingleThreadedComments::default();
    let mut parser = Parser::new(
        syntax_for(kind),
        StringInput::new(&file.src, file.start_pos, file.end_pos),
        Some(&comments),
    );
    // swc's parser has `unreachable!`s that some invalid input reaches (`<a:b.c />` in 47.0):
    // the app gets a syntax error where the parser stopped, not an internal error.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse_module()));
    let result = match parsed {
        Ok(result) => result,
        Err(payload) => return Err(vec![parser_panic(locator, &parser, &*payload)]),
    };
    let mut errors: Vec<Diagnostic> = parser
        .take_errors()
        .into_iter()
        .map(|e| syntax_diagnostic(locator, e))
        .collect();
    match result {
        Ok(module) if errors.is_empty() => Ok(ParsedScript { module, comments }),
        Ok(_) => Err(errors),
        Err(fatal) => {
            errors.push(syntax_diagnostic(locator, fatal));
            errors.sort_by_key(|d| (d.line, d.column));
            errors.dedup();
            Err(errors)
        }
    }
}

/// Parses a JSON file as a JS expression (so its value keeps source positions), after checking
/// it is strict JSON.
/// `source` parsed as an `App.tsx` (for the unit tests of passes over a module).
#[cfg(test)]
pub fn parse_tsx(source: &str) -> Module {
    let cm: Lrc<SourceMap> = Default::default();
    let file = add_file(&cm, "App.tsx", source);
    match parse_script(&Locator::new(cm), &file, FileKind::of("App.tsx")) {
        Ok(parsed) => parsed.module,
        Err(diagnostics) => panic!("{source}: {diagnostics:?}"),
    }
}

pub fn parse_json(locator: &Locator, file: &Lrc<SourceFile>) -> Result<Box<Expr>, Vec<Diagnostic>> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&file.src) {
        let name = match &*file.name {
            FileName::Custom(n) => n.clone(),
            other => other.to_string(),
        };
        let location = Location {
            file: name,
            line: e.line() as u32,
            column: e.column() as u32,
            end_line: e.line() as u32,
            end_column: e.column() as u32 + 1,
        };
        let frame = code_frame(&file.src, &location);
        return Err(vec![Diagnostic::error(
            DiagnosticCode::SyntaxError,
            format!("invalid JSON: {e}"),
        )
        .at(location, Some(frame))]);
    }
    if let Some(offset) = nesting::find_excessive_nesting(&file.src) {
        let at = file.start_pos + BytePos(offset as u32);
        return Err(vec![locator.attach(
            Diagnostic::error(
                DiagnosticCode::TooDeep,
                "the JSON value is nested too deeply",
            ),
            Span::new(at, at + BytePos(1)),
        )]);
    }
    let mut parser = Parser::new(
        Syntax::Es(Default::default()),
        StringInput::new(&file.src, file.start_pos, file.end_pos),
        None,
    );
    parser
        .parse_expr()
        .map_err(|e| vec![syntax_diagnostic(locator, e)])
}

/// The diagnostic for a panic inside swc's parser: at the token it read last (its state is
/// only read, to find where it was), with the panic's own words.
fn parser_panic(
    locator: &Locator,
    parser: &Parser<swc_core::ecma::parser::Lexer<'_>>,
    payload: &(dyn std::any::Any + Send),
) -> Diagnostic {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into());
    // Its words for `unreachable!` would read as appbundle's failure.
    let why = why
        .trim_start_matches("internal error: entered unreachable code")
        .trim_start_matches(": ");
    let why = if why.is_empty() {
        "unreachable code"
    } else {
        why
    };
    let input = parser.input();
    let span = [input.prev_span(), input.cur_span()]
        .into_iter()
        .find(|span| !span.lo.is_dummy() && span.hi >= span.lo)
        .unwrap_or_default();
    let diagnostic = Diagnostic::error(
        DiagnosticCode::SyntaxError,
        format!("the parser cannot read the code here (swc_ecma_parser stopped: {why})"),
    )
    .with_suggestion("write this expression or JSX tag in a plainer form");
    locator.attach(diagnostic, span)
}

fn syntax_diagnostic(locator: &Locator, error: swc_core::ecma::parser::error::Error) -> Diagnostic {
    let span = swc_core::common::Spanned::span(&error);
    let message = error.kind().msg().to_string();
    locator.attach(
        Diagnostic::error(DiagnosticCode::SyntaxError, message),
        span,
    )
}

/// The ECMAScript version the output targets (evergreen browsers).
pub const TARGET: EsVersion = EsVersion::Es2020;
