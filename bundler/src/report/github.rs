use crate::Diagnostic;

/// GitHub Actions workflow commands: one `::error file=…,line=…::message` per diagnostic.
pub fn github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        let mut props = Vec::new();
        if let Some(file) = &d.file {
            props.push(format!("file={}", escape_property(file)));
        }
        if let (Some(line), Some(col)) = (d.line, d.column) {
            props.push(format!("line={line},col={col}"));
        }
        if let (Some(line), Some(col)) = (d.end_line, d.end_column) {
            props.push(format!("endLine={line},endColumn={col}"));
        }
        props.push(format!("title={}", d.code));
        let mut message = d.message.to_string();
        if let Some(s) = &d.suggestion {
            message.push_str(&format!("\n{s}"));
        }
        out.push_str(&format!(
            "::{level} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
