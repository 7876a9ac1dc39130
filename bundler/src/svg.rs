//! `import Icon from './icon.svg?react'`: an SVG file as a React component. The markup is parsed
//! here (roxmltree) into a tree of elements with React's prop names, which the module runtime
//! turns into `createElement` calls (`require.svg`). What could run code is dropped: `<script>`,
//! `<foreignObject>`, event-handler attributes and `javascript:` links.

use serde_json::{json, Map, Value};

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
const XLINK_NAMESPACE: &str = "http://www.w3.org/1999/xlink";
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
/// Deeper markup is refused rather than walked.
const MAX_DEPTH: usize = 128;

/// Why an SVG cannot be a component, and where (1-based).
#[derive(Debug, PartialEq, Eq)]
pub struct SvgError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// The element tree of `markup`: `[tag, props, children]`, text children as strings.
pub fn react_tree(markup: &str) -> Result<Value, SvgError> {
    let document = roxmltree::Document::parse(markup).map_err(|e| {
        let position = e.pos();
        SvgError {
            message: format!("is not well-formed SVG: {e}"),
            line: position.row,
            column: position.col,
        }
    })?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        let position = document.text_pos_at(root.range().start);
        return Err(SvgError {
            message: format!(
                "has `<{}>` at its root, not `<svg>`",
                root.tag_name().name()
            ),
            line: position.row,
            column: position.col,
        });
    }
    element(&document, root, 0)?.ok_or_else(|| SvgError {
        message: "has nothing to draw".into(),
        line: 1,
        column: 1,
    })
}

fn element(
    document: &roxmltree::Document,
    node: roxmltree::Node,
    depth: usize,
) -> Result<Option<Value>, SvgError> {
    if depth > MAX_DEPTH {
        let position = document.text_pos_at(node.range().start);
        return Err(SvgError {
            message: format!("nests elements more than {MAX_DEPTH} deep"),
            line: position.row,
            column: position.col,
        });
    }
    let tag = node.tag_name();
    let foreign = tag.namespace().is_some_and(|ns| ns != SVG_NAMESPACE);
    if foreign || matches!(tag.name(), "script" | "foreignObject") {
        return Ok(None);
    }
    let mut props = Map::new();
    for attribute in node.attributes() {
        if let Some((name, value)) = prop(attribute) {
            props.insert(name, value);
        }
    }
    let mut children = Vec::new();
    for child in node.children() {
        if child.is_element() {
            children.extend(element(document, child, depth + 1)?);
        } else if let Some(text) = child.text().filter(|_| child.is_text()) {
            if !text.trim().is_empty() {
                children.push(Value::String(text.to_string()));
            }
        }
    }
    Ok(Some(json!([tag.name(), props, children])))
}

/// An attribute as a React prop, or `None` when it is dropped.
fn prop(attribute: roxmltree::Attribute) -> Option<(String, Value)> {
    let name = attribute.name();
    let value = attribute.value();
    let react_name = match attribute.namespace() {
        Some(XLINK_NAMESPACE) => format!("xlink{}", capitalize(name)),
        Some(XML_NAMESPACE) => format!("xml{}", capitalize(name)),
        Some(_) => return None,
        None if name.to_ascii_lowercase().starts_with("on") => return None,
        None => match name {
            "class" => "className".to_string(),
            "for" => "htmlFor".to_string(),
            "tabindex" => "tabIndex".to_string(),
            "style" => return Some(("style".into(), style_object(value))),
            _ if name.starts_with("data-") || name.starts_with("aria-") => name.to_string(),
            _ => camel_case(name),
        },
    };
    let is_link = react_name == "href" || react_name == "xlinkHref";
    let scheme: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(11)
        .collect();
    if is_link && scheme.to_ascii_lowercase().starts_with("javascript:") {
        return None;
    }
    Some((react_name, Value::String(value.to_string())))
}

/// `fill: red; stroke-width: 2` → `{ "fill": "red", "strokeWidth": "2" }`.
fn style_object(style: &str) -> Value {
    let mut object = Map::new();
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim();
        if property.is_empty() {
            continue;
        }
        let key = if property.starts_with("--") {
            property.to_string()
        } else {
            camel_case(property)
        };
        object.insert(key, Value::String(value.trim().to_string()));
    }
    Value::Object(object)
}

fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '-' || c == ':' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_a_tree_with_react_prop_names() {
        let tree = react_tree(
            r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24" stroke-width="2" class="icon">
              <title>Ledger</title>
              <rect style="fill: #eee; stroke-opacity: .5" data-part="frame" />
              <use xlink:href="#dot" />
            </svg>"##,
        )
        .unwrap();
        assert_eq!(
            tree,
            json!(["svg", { "viewBox": "0 0 24 24", "strokeWidth": "2", "className": "icon" }, [
                ["title", {}, ["Ledger"]],
                ["rect", { "style": { "fill": "#eee", "strokeOpacity": ".5" }, "data-part": "frame" }, []],
                ["use", { "xlinkHref": "#dot" }, []],
            ]])
        );
    }

    #[test]
    fn what_could_run_code_is_dropped() {
        let tree = react_tree(
            r#"<svg xmlns="http://www.w3.org/2000/svg" onload="steal()">
              <script>steal()</script>
              <a href=" javascript:steal()"><circle r="1" onclick="steal()" /></a>
              <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
            </svg>"#,
        )
        .unwrap();
        assert_eq!(
            tree,
            json!(["svg", {}, [["a", {}, [["circle", { "r": "1" }, []]]]]])
        );
    }

    #[test]
    fn bad_markup_says_where() {
        let error = react_tree("<svg>\n  <path d=\"M0 0\">\n</svg>").unwrap_err();
        assert!(error.message.contains("not well-formed"), "{error:?}");
        assert_eq!(error.line, 3);
        let not_svg = react_tree("<html/>").unwrap_err();
        assert!(not_svg.message.contains("`<html>`"), "{not_svg:?}");
        let deep = format!("<svg>{}{}</svg>", "<g>".repeat(200), "</g>".repeat(200));
        assert!(react_tree(&deep).unwrap_err().message.contains("deep"));
    }
}
