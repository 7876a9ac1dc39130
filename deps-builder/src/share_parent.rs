//! A rolldown plugin for split-off subpath bundles (`icons_fa` = `react-icons/fa`): the set's
//! relative imports of its package's shared code (`../lib/index.mjs`) become imports of the
//! package root, which the parent bundle (`icons`) registers. Without it every set would carry
//! its own `IconContext`, and `<IconContext.Provider>` from `react-icons` would reach no icon.

use std::borrow::Cow;

use rolldown_common::ResolvedExternal;
use rolldown_plugin::{
    HookResolveIdArgs, HookResolveIdOutput, HookResolveIdReturn, HookUsage, Plugin, PluginContext,
};

#[derive(Debug)]
pub struct ShareParentPackage {
    /// `react-icons`.
    pub package: String,
    /// `fa`.
    pub subpath: String,
}

impl ShareParentPackage {
    /// `true` when `specifier`, imported by `importer`, climbs out of the subpath's folder into
    /// the rest of the package.
    fn leaves_subpath(&self, importer: &str, specifier: &str) -> bool {
        let marker = format!("node_modules/{}/", self.package);
        let Some((_, inside)) = importer.rsplit_once(&marker) else {
            return false;
        };
        let Some(within_subpath) = inside.strip_prefix(&format!("{}/", self.subpath)) else {
            return false;
        };
        let depth = within_subpath.matches('/').count() + 1;
        specifier.matches("../").count() >= depth && specifier.starts_with("../")
    }
}

impl Plugin for ShareParentPackage {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("appbundle:share-parent-package")
    }

    fn register_hook_usage(&self) -> HookUsage {
        HookUsage::ResolveId
    }

    async fn resolve_id(
        &self,
        _ctx: &PluginContext,
        args: &HookResolveIdArgs<'_>,
    ) -> HookResolveIdReturn {
        let leaves = args
            .importer
            .is_some_and(|importer| self.leaves_subpath(importer, args.specifier));
        Ok(leaves.then(|| HookResolveIdOutput {
            id: self.package.as_str().into(),
            external: Some(ResolvedExternal::Bool(true)),
            ..Default::default()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_imports_out_of_the_subpath_folder_are_shared() {
        let plugin = ShareParentPackage {
            package: "react-icons".into(),
            subpath: "fa".into(),
        };
        let importer = "/cache/node_modules/react-icons/fa/index.mjs";
        assert!(plugin.leaves_subpath(importer, "../lib/index.mjs"));
        assert!(!plugin.leaves_subpath(importer, "./icons.mjs"));
        assert!(!plugin.leaves_subpath(
            "/cache/node_modules/react-icons/md/index.mjs",
            "../lib/index.mjs"
        ));
        assert!(
            !plugin.leaves_subpath("/cache/node_modules/other/fa/index.mjs", "../lib/index.mjs")
        );
    }
}
