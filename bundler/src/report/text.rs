use crate::Diagnostic;

/// rustc-style text:
///
/// ```text
/// error[import-blocked]: `moment` is blocked: deprecated and large
///   --> App.tsx:2:20
///   1 | …
///   = help: use date-fns or dayjs instead
/// ```
pub fn text(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let severity = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!("{severity}[{}]: {}\n", d.code, d.message));
        if let Some(position) = d.position() {
            out.push_str(&format!("  --> {position}\n"));
        }
        if let Some(frame) = &d.frame {
            for line in frame.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        if let Some(suggestion) = &d.suggestion {
            out.push_str(&format!("  = help: {suggestion}\n"));
        }
        out.push('\n');
    }
    out
}
