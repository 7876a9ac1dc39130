//! Reads the icons of a per-app icon package (allowlist `per_app_icons`) from its installed
//! files: each icon's data for the bundler, and the package's other exports, which its bundle
//! keeps (see `appbundle_bundler::icon_sets`).

use std::collections::BTreeMap;
use std::path::Path;

use appbundle_bundler::IconLayout;
use appbundle_bundler::IconSet;
use swc_core::common::{sync::Lrc, FileName, SourceMap};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_module, Syntax};

use crate::BuildError;

/// What deps-builder takes from a per-app icon package.
pub struct PerAppIcons {
    pub set: IconSet,
    /// Exports that are not icons (`createLucideIcon`, `Icon`, `LucideProvider`, …): the bundle
    /// registers these.
    pub base_exports: Vec<String>,
}

fn error(package_dir: &Path, message: impl std::fmt::Display) -> BuildError {
    BuildError::Icons {
        package: package_dir.display().to_string(),
        message: message.to_string(),
    }
}

/// The icons of `package_dir` (or of its `subpath`, for layouts with one set per subpath).
pub fn read(
    layout: IconLayout,
    package_dir: &Path,
    subpath: Option<&str>,
) -> Result<PerAppIcons, BuildError> {
    match (layout, subpath) {
        (IconLayout::Lucide, None) => read_lucide(package_dir),
        (IconLayout::ReactIcons, Some(set)) => read_react_icons(package_dir, set),
        _ => Err(error(
            package_dir,
            "this icon layout does not fit the specifier",
        )),
    }
}

/// A react-icons set: `<set>/index.mjs` holds `export function FaX(props) { return
/// GenIcon({…})(props); }` for every icon, and nothing else.
fn read_react_icons(package_dir: &Path, set: &str) -> Result<PerAppIcons, BuildError> {
    let cm: Lrc<SourceMap> = Default::default();
    let module = parse(&cm, &package_dir.join(set).join("index.mjs"))?;
    let mut icons = BTreeMap::new();
    let mut exports = BTreeMap::new();
    for item in &module.body {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::Fn(function),
                ..
            })) => {
                let name = function.ident.sym.to_string();
                let data = gen_icon_argument(&function.function).ok_or_else(|| {
                    error(package_dir, format!("{set}: {name} is not GenIcon(…)"))
                })?;
                icons.insert(name.clone(), data);
                exports.insert(name.clone(), name);
            }
            ModuleItem::ModuleDecl(ModuleDecl::Import(_)) | ModuleItem::Stmt(Stmt::Empty(_)) => {}
            _ => return Err(error(package_dir, format!("{set}: unexpected statement"))),
        }
    }
    if icons.is_empty() {
        return Err(error(package_dir, format!("no icons in {set}/index.mjs")));
    }
    Ok(PerAppIcons {
        set: IconSet {
            factory: "GenIcon".into(),
            factory_from: Some("react-icons".into()),
            icons,
            exports,
            index_export: None,
            index: BTreeMap::new(),
        },
        base_exports: Vec::new(),
    })
}

/// The literal in `return GenIcon(<literal>)(props)`.
fn gen_icon_argument(function: &Function) -> Option<serde_json::Value> {
    let [Stmt::Return(ReturnStmt { arg: Some(arg), .. })] =
        function.body.as_ref()?.stmts.as_slice()
    else {
        return None;
    };
    let Expr::Call(outer) = &**arg else {
        return None;
    };
    let Callee::Expr(callee) = &outer.callee else {
        return None;
    };
    let Expr::Call(gen_icon) = &**callee else {
        return None;
    };
    match (&gen_icon.callee, gen_icon.args.as_slice()) {
        (Callee::Expr(f), [data]) if matches!(&**f, Expr::Ident(i) if &*i.sym == "GenIcon") => {
            literal(&data.expr)
        }
        _ => None,
    }
}

/// lucide-react: `dist/esm/lucide-react.mjs` re-exports `default` of `./icons/<key>.mjs` under
/// each icon's names, `./icons/index.mjs` as `icons`, and its machinery from other modules.
fn read_lucide(package_dir: &Path) -> Result<PerAppIcons, BuildError> {
    let esm = package_dir.join("dist/esm");
    let cm: Lrc<SourceMap> = Default::default();
    let root = parse(&cm, &esm.join("lucide-react.mjs"))?;

    let mut namespaces: BTreeMap<String, String> = BTreeMap::new();
    let mut exports = BTreeMap::new();
    let mut base_exports = Vec::new();
    let mut index_export = None;
    for item in &root.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::Import(import) => {
                for specifier in &import.specifiers {
                    if let ImportSpecifier::Namespace(ns) = specifier {
                        namespaces.insert(ns.local.sym.to_string(), string(&import.src));
                    }
                }
            }
            ModuleDecl::ExportNamed(named) => {
                let from = named.src.as_deref().map(string);
                for specifier in &named.specifiers {
                    let ExportSpecifier::Named(spec) = specifier else {
                        return Err(error(package_dir, "unexpected export form"));
                    };
                    let orig = export_name(&spec.orig);
                    let exported = spec.exported.as_ref().map_or(orig.clone(), export_name);
                    match from.as_deref().and_then(icon_key) {
                        Some(key) => {
                            exports.insert(exported, key.to_string());
                        }
                        None if from.is_none()
                            && namespaces.get(&orig).map(String::as_str)
                                == Some("./icons/index.mjs") =>
                        {
                            index_export = Some(exported)
                        }
                        None => base_exports.push(exported),
                    }
                }
            }
            _ => return Err(error(package_dir, "unexpected module declaration")),
        }
    }
    if exports.is_empty() {
        return Err(error(package_dir, "no icons found in lucide-react.mjs"));
    }

    let mut index = BTreeMap::new();
    if index_export.is_some() {
        for item in parse(&cm, &esm.join("icons/index.mjs"))?.body {
            if let ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) = item {
                let from = named.src.as_deref().map(string).unwrap_or_default();
                let key = from
                    .strip_prefix("./")
                    .and_then(|f| f.strip_suffix(".mjs"))
                    .ok_or_else(|| error(package_dir, format!("index entry {from}")))?;
                for specifier in &named.specifiers {
                    if let ExportSpecifier::Named(spec) = specifier {
                        let name = spec.exported.as_ref().unwrap_or(&spec.orig);
                        index.insert(export_name(name), key.to_string());
                    }
                }
            }
        }
    }

    let mut icons = BTreeMap::new();
    for key in exports.values() {
        if icons.contains_key(key) {
            continue;
        }
        let module = parse(&cm, &esm.join(format!("icons/{key}.mjs")))?;
        let data = icon_data(&module)
            .ok_or_else(|| error(package_dir, format!("icons/{key}.mjs has no __iconData")))?;
        icons.insert(key.clone(), data);
    }
    base_exports.sort();
    Ok(PerAppIcons {
        set: IconSet {
            factory: "createLucideIcon".into(),
            factory_from: None,
            icons,
            exports,
            index_export,
            index,
        },
        base_exports,
    })
}

fn parse(cm: &Lrc<SourceMap>, path: &Path) -> Result<Module, BuildError> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::io_error(path.display(), e))?;
    let file = cm.new_source_file(Lrc::new(FileName::Real(path.to_path_buf())), text);
    let mut recovered = Vec::new();
    parse_file_as_module(
        &file,
        Syntax::Es(Default::default()),
        EsVersion::latest(),
        None,
        &mut recovered,
    )
    .ok()
    .filter(|_| recovered.is_empty())
    .ok_or_else(|| BuildError::Unparsable(path.display().to_string()))
}

fn string(s: &Str) -> String {
    s.value.to_string_lossy().into_owned()
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => string(s),
    }
}

/// `./icons/heart.mjs` → `heart` (not the index).
fn icon_key(from: &str) -> Option<&str> {
    from.strip_prefix("./icons/")
        .and_then(|f| f.strip_suffix(".mjs"))
        .filter(|key| *key != "index")
}

/// The literal of `const __iconData = {…}`.
fn icon_data(module: &Module) -> Option<serde_json::Value> {
    module.body.iter().find_map(|item| {
        let ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) = item else {
            return None;
        };
        var.decls
            .iter()
            .find_map(|decl| match (&decl.name, &decl.init) {
                (Pat::Ident(name), Some(init)) if &*name.id.sym == "__iconData" => literal(init),
                _ => None,
            })
    })
}

/// Whole numbers stay integers (`24`, not `24.0`), as in the source.
fn number(value: f64) -> Option<serde_json::Value> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        return Some(serde_json::Value::from(value as i64));
    }
    serde_json::Number::from_f64(value).map(serde_json::Value::Number)
}

/// A JSON value written as a JavaScript literal; `None` for anything else.
fn literal(expr: &Expr) -> Option<serde_json::Value> {
    use serde_json::Value;
    Some(match expr {
        Expr::Lit(Lit::Str(s)) => Value::String(string(s)),
        Expr::Lit(Lit::Num(n)) => number(n.value)?,
        Expr::Lit(Lit::Bool(b)) => Value::Bool(b.value),
        Expr::Lit(Lit::Null(_)) => Value::Null,
        Expr::Unary(UnaryExpr {
            op: UnaryOp::Minus,
            arg,
            ..
        }) => match literal(arg)? {
            Value::Number(n) => number(-n.as_f64()?)?,
            _ => return None,
        },
        Expr::Array(array) => Value::Array(
            array
                .elems
                .iter()
                .map(|e| {
                    e.as_ref()
                        .filter(|e| e.spread.is_none())
                        .and_then(|e| literal(&e.expr))
                })
                .collect::<Option<_>>()?,
        ),
        Expr::Object(object) => {
            let mut map = serde_json::Map::new();
            for prop in &object.props {
                let PropOrSpread::Prop(prop) = prop else {
                    return None;
                };
                let Prop::KeyValue(kv) = &**prop else {
                    return None;
                };
                let key = match &kv.key {
                    PropName::Ident(i) => i.sym.to_string(),
                    PropName::Str(s) => string(s),
                    _ => return None,
                };
                map.insert(key, literal(&kv.value)?);
            }
            Value::Object(map)
        }
        Expr::Paren(p) => literal(&p.expr)?,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lucide_layout() {
        let dir = std::env::temp_dir().join(format!("icon-data-{}", std::process::id()));
        let icons = dir.join("dist/esm/icons");
        std::fs::create_dir_all(&icons).unwrap();
        std::fs::write(
            dir.join("dist/esm/lucide-react.mjs"),
            "import * as index from './icons/index.mjs';\nexport { index as icons };\n\
             export { default as Heart, default as HeartIcon } from './icons/heart.mjs';\n\
             export { default as createLucideIcon } from './createLucideIcon.mjs';\n",
        )
        .unwrap();
        std::fs::write(
            icons.join("index.mjs"),
            "export { default as Heart } from './heart.mjs';\n",
        )
        .unwrap();
        std::fs::write(
            icons.join("heart.mjs"),
            "import c from '../createLucideIcon.mjs';\nconst __iconData = { name: \"heart\", size: 24, node: [[\"path\", { d: \"M1 2\", key: \"k\" }]] };\nconst Heart = c(__iconData);\nexport { __iconData, Heart as default };\n",
        )
        .unwrap();
        let read = read(IconLayout::Lucide, &dir, None).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(read.base_exports, ["createLucideIcon"]);
        assert_eq!(read.set.index_export.as_deref(), Some("icons"));
        assert_eq!(read.set.exports["HeartIcon"], "heart");
        assert_eq!(read.set.index["Heart"], "heart");
        assert_eq!(read.set.factory_from, None);
        assert_eq!(
            read.set.icons["heart"],
            serde_json::json!({ "name": "heart", "size": 24, "node": [["path", { "d": "M1 2", "key": "k" }]] })
        );
    }
}

#[cfg(test)]
mod react_icons_tests {
    use super::*;

    #[test]
    fn reads_a_react_icons_set() {
        let dir = std::env::temp_dir().join(format!("react-icons-data-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("fa")).unwrap();
        std::fs::write(
            dir.join("fa/index.mjs"),
            "// THIS FILE IS AUTO GENERATED\nimport { GenIcon } from '../lib/index.mjs';\n\
             export function FaBeer (props) {\n  return GenIcon({\"tag\":\"svg\",\"attr\":{\"viewBox\":\"0 0 448 512\"},\"child\":[]})(props);\n};\n",
        )
        .unwrap();
        let read = read(IconLayout::ReactIcons, &dir, Some("fa")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(read.base_exports.is_empty());
        assert_eq!(read.set.factory, "GenIcon");
        assert_eq!(read.set.factory_from.as_deref(), Some("react-icons"));
        assert_eq!(read.set.exports["FaBeer"], "FaBeer");
        assert_eq!(
            read.set.icons["FaBeer"],
            serde_json::json!({ "tag": "svg", "attr": { "viewBox": "0 0 448 512" }, "child": [] })
        );
    }
}
