//! Which component of the entry the runtime mounts. Generated entries usually
//! `export default function App`, but some export only a named component
//! (`export function LoginForm`): that one is mounted, and an entry with nothing to mount that
//! does not render itself is refused with `no-component` instead of showing a blank page.

use swc_core::ecma::ast::{
    Decl, DefaultDecl, ExportSpecifier, Module, ModuleDecl, ModuleExportName, ModuleItem, Pat,
};

use crate::diagnostics::{Diagnostic, DiagnosticCode};

/// What the entry exports, as far as mounting goes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct EntryExports {
    /// It has a default export.
    pub default: bool,
    /// Exported value names that look like components (PascalCase), in source order.
    pub components: Vec<String>,
    /// It re-exports everything of another module (`export * from`): names unknown here.
    pub star: bool,
}

/// `LoginForm` yes; `API_URL`, `useTheme`, `formatDate` no.
fn looks_like_component(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().any(|c| c.is_lowercase())
}

/// Reads the exports of the entry module (before any transform).
pub fn entry_exports(module: &Module) -> EntryExports {
    let mut found = EntryExports::default();
    let named = |name: String, found: &mut EntryExports| {
        if name == "default" {
            found.default = true;
        } else if looks_like_component(&name) {
            found.components.push(name);
        }
    };
    for item in &module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::ExportDefaultDecl(d)
                if !matches!(d.decl, DefaultDecl::TsInterfaceDecl(_)) =>
            {
                found.default = true
            }
            ModuleDecl::ExportDefaultExpr(_) => found.default = true,
            ModuleDecl::ExportDecl(d) => match &d.decl {
                Decl::Fn(f) => named(f.ident.sym.to_string(), &mut found),
                Decl::Class(c) => named(c.ident.sym.to_string(), &mut found),
                Decl::Var(v) => {
                    for declarator in &v.decls {
                        if let Pat::Ident(binding) = &declarator.name {
                            named(binding.id.sym.to_string(), &mut found);
                        }
                    }
                }
                // Types, interfaces, enums and namespaces are not components.
                _ => {}
            },
            ModuleDecl::ExportNamed(e) if !e.type_only => {
                for specifier in &e.specifiers {
                    let exported = match specifier {
                        ExportSpecifier::Named(n) if !n.is_type_only => {
                            n.exported.as_ref().unwrap_or(&n.orig)
                        }
                        // `export v from "mod"` (a proposal): the binding `v`.
                        ExportSpecifier::Default(d) => {
                            named(d.exported.sym.to_string(), &mut found);
                            continue;
                        }
                        _ => continue,
                    };
                    let name = match exported {
                        ModuleExportName::Ident(i) => i.sym.to_string(),
                        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
                    };
                    named(name, &mut found);
                }
            }
            ModuleDecl::ExportAll(e) if !e.type_only => found.star = true,
            _ => {}
        }
    }
    found
}

/// The named export to mount when the entry has no default one: `App` if exported, else the
/// last component-like export. `None` when the default is mounted (or, after `export *`, the
/// runtime looks for `App`).
pub fn component_to_mount(
    entry: &str,
    exports: &EntryExports,
    renders_itself: bool,
) -> Result<Option<String>, Box<Diagnostic>> {
    if exports.default {
        return Ok(None);
    }
    if let Some(name) = exports
        .components
        .iter()
        .find(|n| *n == "App")
        .or(exports.components.last())
    {
        return Ok(Some(name.clone()));
    }
    if exports.star || renders_itself {
        return Ok(None);
    }
    Err(Box::new(
        Diagnostic::error(
            DiagnosticCode::NoComponent,
            format!("`{entry}` exports no component to render, and does not render itself"),
        )
        .in_file(entry)
        .with_suggestion(
            "export the app's root component as the default: `export default function App() { … }`",
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::FileKind;
    use crate::parse::{add_file, parse_script, Locator};
    use swc_core::common::{sync::Lrc, SourceMap};

    fn exports(source: &str) -> EntryExports {
        let cm: Lrc<SourceMap> = Default::default();
        let locator = Locator::new(cm.clone());
        let file = add_file(&cm, "App.tsx", source);
        entry_exports(
            &parse_script(&locator, &file, FileKind::Tsx)
                .expect("parses")
                .module,
        )
    }

    fn mounted(source: &str, renders_itself: bool) -> Result<Option<String>, DiagnosticCode> {
        component_to_mount("App.tsx", &exports(source), renders_itself).map_err(|d| d.code)
    }

    #[test]
    fn the_default_export_wins_then_app_then_the_last_component() {
        assert_eq!(
            mounted("export default function Page() { return null }", false),
            Ok(None)
        );
        assert_eq!(
            mounted("const A = () => null; export default A;", false),
            Ok(None)
        );
        assert_eq!(
            mounted(
                "function A() { return null }\nexport { A as default };",
                false
            ),
            Ok(None)
        );
        assert_eq!(
            mounted("export function LoginForm() { return <form /> }", false),
            Ok(Some("LoginForm".into()))
        );
        assert_eq!(
            mounted(
                "export const Header = () => null;\nexport function App() { return null }\nexport const Footer = () => null;",
                false
            ),
            Ok(Some("App".into()))
        );
        assert_eq!(
            mounted(
                "export const API_URL = '/api';\nexport function useTheme() {}\nexport const Card = () => null;\nexport class Dashboard {}",
                false
            ),
            Ok(Some("Dashboard".into()))
        );
        assert_eq!(
            mounted("function Board() { return null }\nexport { Board };", false),
            Ok(Some("Board".into()))
        );
    }

    #[test]
    fn nothing_to_mount_is_a_diagnostic_unless_the_app_renders_itself() {
        let nothing = "export const API_URL = '/api';\nexport interface Props { a: string }\nexport type T = number;";
        assert_eq!(mounted(nothing, false), Err(DiagnosticCode::NoComponent));
        assert_eq!(
            mounted("console.log('hi')", false),
            Err(DiagnosticCode::NoComponent)
        );
        assert_eq!(mounted(nothing, true), Ok(None));
        assert_eq!(mounted("export * from './Page';", false), Ok(None));
        assert_eq!(
            mounted("export type { Props } from './types';", false),
            Err(DiagnosticCode::NoComponent)
        );
    }
}
