//! Which bindings a module uses as values. TypeScript lets `import { FC } from "react"` name a
//! type without `import type`; such names vanish when types are stripped, so only names used as
//! values are checked against a package's run-time exports.

use std::collections::HashSet;

use swc_core::ecma::ast::*;
use swc_core::ecma::visit::{Visit, VisitWith};

/// Every identifier referenced outside type positions (by name and resolver context).
pub fn value_references(module: &Module) -> HashSet<Id> {
    let mut collector = Collector::default();
    module.visit_with(&mut collector);
    collector.ids
}

#[derive(Default)]
struct Collector {
    ids: HashSet<Id>,
}

impl Visit for Collector {
    fn visit_ident(&mut self, ident: &Ident) {
        self.ids.insert(ident.to_id());
    }

    // The import's own binding is a declaration, not a use.
    fn visit_import_decl(&mut self, _: &ImportDecl) {}
    fn visit_ts_import_equals_decl(&mut self, _: &TsImportEqualsDecl) {}

    // Type positions.
    fn visit_ts_type(&mut self, _: &TsType) {}
    fn visit_ts_type_ann(&mut self, _: &TsTypeAnn) {}
    fn visit_ts_interface_decl(&mut self, _: &TsInterfaceDecl) {}
    fn visit_ts_type_alias_decl(&mut self, _: &TsTypeAliasDecl) {}
    fn visit_ts_type_param_decl(&mut self, _: &TsTypeParamDecl) {}
    fn visit_ts_type_param_instantiation(&mut self, _: &TsTypeParamInstantiation) {}
    /// `class A implements B`: `B` is a type.
    fn visit_ts_expr_with_type_args(&mut self, _: &TsExprWithTypeArgs) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::FileKind;
    use crate::parse::{add_file, parse_script, Locator};
    use swc_core::common::{sync::Lrc, SourceMap};

    fn names(source: &str) -> Vec<String> {
        let cm: Lrc<SourceMap> = Default::default();
        let locator = Locator::new(cm.clone());
        let file = add_file(&cm, "a.tsx", source);
        let parsed = parse_script(&locator, &file, FileKind::Tsx).expect("parses");
        let mut found: Vec<String> = value_references(&parsed.module)
            .into_iter()
            .map(|(sym, _)| sym.to_string())
            .collect();
        found.sort();
        found
    }

    #[test]
    fn type_positions_are_not_value_uses() {
        let used = names(
            "import { FC, ReactNode, useState, Heart, Base } from 'x';\n\
             interface P { children: ReactNode }\n\
             type T = FC<P>;\n\
             class K implements Base {}\n\
             const A: FC<P> = () => { const [v] = useState<ReactNode>(null); return <Heart />; };",
        );
        assert!(used.contains(&"useState".to_string()));
        assert!(used.contains(&"Heart".to_string()));
        for type_only in ["FC", "ReactNode", "Base"] {
            assert!(
                !used.contains(&type_only.to_string()),
                "{type_only} in {used:?}"
            );
        }
    }
}
