//! Imports of names a package no longer exports that the allowlist serves from another
//! (`moved_exports`: lucide-react's brand logos from react-icons/fa): `import { Github, Menu }
//! from "lucide-react"` becomes `import { Menu } from "lucide-react"` and `import { FaGithub as
//! Github } from "react-icons/fa"`, before the imports are judged, so the app renders and the
//! warning says what to import instead.

use swc_core::common::{Span, DUMMY_SP};
use swc_core::ecma::ast::{
    Ident, ImportDecl, ImportNamedSpecifier, ImportSpecifier, Module, ModuleDecl, ModuleExportName,
    ModuleItem, Str,
};

use crate::catalog::allowlist::Allowlist;
use crate::diagnostics::{Diagnostic, DiagnosticCode};

/// One import moved to the package that serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The imported name as written (`Github`).
    pub name: String,
    /// The package it was imported from (`lucide-react`).
    pub from: String,
    /// Where it is now: specifier and export (`react-icons/fa`, `FaGithub`).
    pub to: (String, String),
    /// The specifier's span in the source.
    pub span: Span,
}

impl Moved {
    /// The `import-aliased` warning (located by the caller).
    pub fn warning(&self) -> Diagnostic {
        let (specifier, export) = &self.to;
        Diagnostic::warning(
            DiagnosticCode::ImportAliased,
            format!(
                "`{}` has no export `{}`: served by `{export}` from `{specifier}`",
                self.from, self.name
            ),
        )
        .with_suggestion(format!(
            "import {{ {export} as {} }} from \"{specifier}\"",
            self.name
        ))
    }
}

fn exported_name(specifier: &ImportNamedSpecifier) -> String {
    match &specifier.imported {
        Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
        Some(ModuleExportName::Str(s)) => s.value.to_string_lossy().into_owned(),
        None => specifier.local.sym.to_string(),
    }
}

/// Rewrites `module`'s imports of moved names; returns what it moved.
pub fn substitute(module: &mut Module, allowlist: &Allowlist) -> Vec<Moved> {
    let mut moved = Vec::new();
    let mut added: Vec<(usize, ModuleItem)> = Vec::new();
    for (index, item) in module.body.iter_mut().enumerate() {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
            continue;
        };
        if import.type_only {
            continue;
        }
        let from = import.src.value.to_string_lossy().into_owned();
        let Some(package) = allowlist
            .package(&from)
            .filter(|p| !p.moved_exports.is_empty())
        else {
            continue;
        };
        import.specifiers.retain(|specifier| {
            let ImportSpecifier::Named(named) = specifier else {
                return true;
            };
            if named.is_type_only {
                return true;
            }
            let name = exported_name(named);
            let Some((to_specifier, to_export)) = package
                .moved_exports
                .get(&name)
                .and_then(|target| target.split_once('#'))
            else {
                return true;
            };
            added.push((
                index,
                moved_import(named.local.clone(), to_specifier, to_export),
            ));
            moved.push(Moved {
                name,
                from: from.clone(),
                to: (to_specifier.to_string(), to_export.to_string()),
                span: named.span,
            });
            false
        });
    }
    // After the import they came from, so the module's import order is kept.
    for (index, item) in added.into_iter().rev() {
        module.body.insert(index + 1, item);
    }
    // An import left with no names would still load the package: drop it.
    if !moved.is_empty() {
        module.body.retain(|item| {
            !matches!(item, ModuleItem::ModuleDecl(ModuleDecl::Import(i))
                if i.specifiers.is_empty() && moved.iter().any(|m| i.src.value.to_string_lossy() == m.from))
        });
    }
    moved
}

fn moved_import(local: Ident, specifier: &str, export: &str) -> ModuleItem {
    ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
        span: DUMMY_SP,
        specifiers: vec![ImportSpecifier::Named(ImportNamedSpecifier {
            span: local.span,
            imported: Some(ModuleExportName::Ident(Ident::new(
                export.into(),
                DUMMY_SP,
                Default::default(),
            ))),
            local,
            is_type_only: false,
        })],
        src: Box::new(Str {
            span: DUMMY_SP,
            value: specifier.into(),
            raw: None,
        }),
        type_only: false,
        with: None,
        phase: Default::default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use swc_core::common::{sync::Lrc, SourceMap};
    use swc_core::ecma::codegen::{text_writer::JsWriter, Emitter};

    fn rewritten(source: &str) -> (String, Vec<Moved>) {
        let mut module = crate::parse::parse_tsx(source);
        let moved = substitute(&mut module, Allowlist::embedded());
        let cm: Lrc<SourceMap> = Default::default();
        let mut out = Vec::new();
        let mut emitter = Emitter {
            cfg: Default::default(),
            cm: cm.clone(),
            comments: None,
            wr: JsWriter::new(cm, "\n", &mut out, None),
        };
        emitter.emit_module(&module).unwrap();
        (String::from_utf8(out).unwrap(), moved)
    }

    #[test]
    fn lucide_brand_logos_come_from_font_awesome() {
        let (code, moved) =
            rewritten("import { Github, Menu, Twitter as Bird } from 'lucide-react';\n");
        assert!(
            code.contains("import { Menu } from 'lucide-react';"),
            "{code}"
        );
        assert!(
            code.contains(r#"import { FaGithub as Github } from "react-icons/fa";"#),
            "{code}"
        );
        assert!(
            code.contains(r#"import { FaTwitter as Bird } from "react-icons/fa";"#),
            "{code}"
        );
        assert_eq!(moved.len(), 2);
        assert_eq!(
            moved[0].warning().message,
            "`lucide-react` has no export `Github`: served by `FaGithub` from `react-icons/fa`"
        );

        let (code, moved) = rewritten("import { GithubIcon } from 'lucide-react';\n");
        assert!(
            !code.contains("lucide-react"),
            "nothing left to load: {code}"
        );
        assert_eq!(moved.len(), 1);

        let (code, moved) = rewritten("import { Heart } from 'lucide-react';\n");
        assert!(moved.is_empty());
        assert!(code.contains("import { Heart } from 'lucide-react';"));
    }
}
