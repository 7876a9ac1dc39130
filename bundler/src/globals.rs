//! Apps written for React from script tags: no imports, the globals `React` and `ReactDOM`
//! (`const { useState } = React`, `ReactDOM.createRoot(…).render(…)`, the legacy
//! `ReactDOM.render`). A module that uses either global without binding it gets them bound to
//! core's React and ReactDOM, with `render`, `hydrate` and `unmountComponentAtNode` mapped onto
//! `createRoot` (React 19 removed them).

use std::collections::BTreeSet;

use swc_core::common::{sync::Lrc, FileName, SourceMap, Span, DUMMY_SP};
use swc_core::ecma::ast::{
    Decl, EsVersion, Expr, ImportSpecifier, JSXObject, Module, ModuleDecl, ModuleItem, Pat, Stmt,
    TsTypeRef,
};
use swc_core::ecma::parser::{parse_file_as_module, Syntax, TsSyntax};
use swc_core::ecma::visit::{Visit, VisitMut, VisitMutWith, VisitWith};

/// `React` as script tags provide it: the namespace of core's `react`.
const REACT: &str = r#"import * as React from "react";"#;

/// `ReactDOM` as script tags provided it (React 18's UMD build), on React 19.
const REACT_DOM: &str = r#"
import * as __appbundleReactDOM from "react-dom";
import * as __appbundleReactDOMClient from "react-dom/client";
const __appbundleRoots = new WeakMap();
const ReactDOM = {
  ...__appbundleReactDOM,
  ...__appbundleReactDOMClient,
  render(element, container, callback) {
    let root = __appbundleRoots.get(container);
    if (!root) {
      root = __appbundleReactDOMClient.createRoot(container);
      __appbundleRoots.set(container, root);
    }
    root.render(element);
    if (typeof callback === "function") setTimeout(callback, 0);
  },
  hydrate(element, container, callback) {
    ReactDOM.render(element, container, callback);
  },
  unmountComponentAtNode(container) {
    const root = __appbundleRoots.get(container);
    if (!root) return false;
    root.unmount();
    __appbundleRoots.delete(container);
    return true;
  },
};
"#;

/// The globals a module uses and does not bind, among `React` and `ReactDOM`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScriptGlobals {
    /// It uses `React` unbound.
    pub react: bool,
    /// It uses `ReactDOM` unbound.
    pub react_dom: bool,
}

/// Finds the uses of the two globals (before the resolver: names bound at the top level or
/// imported do not count; shadowing in inner scopes is not followed, which at worst binds a
/// name the module never reads).
pub fn script_globals(module: &Module) -> ScriptGlobals {
    let mut bound = BTreeSet::new();
    for item in &module.body {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                for specifier in &import.specifiers {
                    let local = match specifier {
                        ImportSpecifier::Named(n) => &n.local,
                        ImportSpecifier::Default(d) => &d.local,
                        ImportSpecifier::Namespace(n) => &n.local,
                    };
                    bound.insert(local.sym.to_string());
                }
            }
            ModuleItem::Stmt(Stmt::Decl(decl))
            | ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(swc_core::ecma::ast::ExportDecl {
                decl,
                ..
            })) => match decl {
                Decl::Fn(f) => {
                    bound.insert(f.ident.sym.to_string());
                }
                Decl::Class(c) => {
                    bound.insert(c.ident.sym.to_string());
                }
                Decl::Var(v) => {
                    for d in &v.decls {
                        if let Pat::Ident(i) = &d.name {
                            bound.insert(i.id.sym.to_string());
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    let mut uses = Uses::default();
    module.visit_with(&mut uses);
    ScriptGlobals {
        react: uses.names.contains("React") && !bound.contains("React"),
        react_dom: uses.names.contains("ReactDOM") && !bound.contains("ReactDOM"),
    }
}

#[derive(Default)]
struct Uses {
    names: BTreeSet<String>,
}

impl Visit for Uses {
    fn visit_expr(&mut self, expr: &Expr) {
        if let Expr::Ident(i) = expr {
            if &*i.sym == "React" || &*i.sym == "ReactDOM" {
                self.names.insert(i.sym.to_string());
            }
        }
        expr.visit_children_with(self);
    }

    fn visit_jsx_object(&mut self, object: &JSXObject) {
        if let JSXObject::Ident(i) = object {
            self.names.insert(i.sym.to_string());
        }
        object.visit_children_with(self);
    }

    // `React.FC` in a type binds nothing at run time.
    fn visit_ts_type_ref(&mut self, _: &TsTypeRef) {}
}

/// Binds the globals `module` uses: prepends the imports (and the `ReactDOM` object). `true`
/// when it did.
pub fn bind_script_globals(module: &mut Module) -> bool {
    let globals = script_globals(module);
    let mut source = String::new();
    if globals.react {
        source.push_str(REACT);
    }
    if globals.react_dom {
        source.push_str(REACT_DOM);
    }
    if source.is_empty() {
        return false;
    }
    let mut items = parse_internal(source);
    items.append(&mut module.body);
    module.body = items;
    true
}

/// Parses code of appbundle's own, with every span cleared: it has no place in the app's files
/// (nor in their source maps and diagnostics).
fn parse_internal(source: String) -> Vec<ModuleItem> {
    let cm: Lrc<SourceMap> = Default::default();
    let file = cm.new_source_file(
        Lrc::new(FileName::Internal("appbundle-globals".into())),
        source,
    );
    let mut errors = Vec::new();
    let syntax = Syntax::Typescript(TsSyntax {
        tsx: true,
        ..Default::default()
    });
    let Ok(mut module) =
        parse_file_as_module(&file, syntax, EsVersion::latest(), None, &mut errors)
    else {
        return Vec::new();
    };
    module.visit_mut_with(&mut ClearSpans);
    module.body
}

struct ClearSpans;

impl VisitMut for ClearSpans {
    fn visit_mut_span(&mut self, span: &mut Span) {
        *span = DUMMY_SP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::FileKind;
    use crate::parse::{add_file, parse_script, Locator};

    fn parsed(source: &str) -> Module {
        let cm: Lrc<SourceMap> = Default::default();
        let locator = Locator::new(cm.clone());
        let file = add_file(&cm, "App.tsx", source);
        parse_script(&locator, &file, FileKind::Tsx)
            .expect("parses")
            .module
    }

    fn globals(source: &str) -> (bool, bool) {
        let found = script_globals(&parsed(source));
        (found.react, found.react_dom)
    }

    #[test]
    fn unbound_uses_of_react_and_react_dom_are_found() {
        assert_eq!(
            globals("const { useState } = React;\nReactDOM.createRoot(document.getElementById('root')).render(<p />);"),
            (true, true)
        );
        assert_eq!(
            globals("function App() { return <React.Fragment /> }"),
            (true, false)
        );
        assert_eq!(
            globals("import React from 'react';\nconst App = () => React.createElement('p');"),
            (false, false)
        );
        assert_eq!(
            globals("import * as ReactDOM from 'react-dom/client';\nReactDOM.createRoot(el);"),
            (false, false)
        );
        assert_eq!(globals("const App: React.FC = () => null;"), (false, false));
        assert_eq!(globals("const React = { x: 1 }; React.x;"), (false, false));
    }

    #[test]
    fn binding_prepends_imports_without_spans() {
        let mut module = parsed("ReactDOM.render(React.createElement('p'), document.body);");
        assert!(bind_script_globals(&mut module));
        let imports: Vec<String> = module
            .body
            .iter()
            .filter_map(|item| match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(i)) => {
                    assert_eq!(i.span, DUMMY_SP);
                    Some(i.src.value.to_string_lossy().into_owned())
                }
                _ => None,
            })
            .collect();
        assert_eq!(imports, ["react", "react-dom", "react-dom/client"]);
        assert!(!bind_script_globals(&mut module), "bound once");
    }
}
