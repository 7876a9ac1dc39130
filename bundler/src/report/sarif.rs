use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::Diagnostic;

/// A SARIF 2.1.0 log with one run, one rule per diagnostic code used.
pub fn sarif(diagnostics: &[Diagnostic]) -> String {
    let codes: BTreeSet<_> = diagnostics.iter().map(|d| d.code).collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.as_str(),
                "shortDescription": { "text": code.summary() },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.to_string();
            if let Some(s) = &d.suggestion {
                text.push_str(&format!(" Help: {s}"));
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": if d.is_error() { "error" } else { "warning" },
                "message": { "text": text },
            });
            if let Some(file) = &d.file {
                let mut region = serde_json::Map::new();
                for (key, value) in [
                    ("startLine", d.line),
                    ("startColumn", d.column),
                    ("endLine", d.end_line),
                    ("endColumn", d.end_column),
                ] {
                    if let Some(v) = value {
                        region.insert(key.into(), json!(v.max(1)));
                    }
                }
                let mut physical = json!({ "artifactLocation": { "uri": file } });
                if !region.is_empty() {
                    physical["region"] = Value::Object(region);
                }
                result["locations"] = json!([{ "physicalLocation": physical }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "appbundle",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
