//! Icon packages whose icons reach each app one by one (allowlist `per_app_icons`).
//!
//! lucide-react holds ~1 900 icons: as one prebuilt bundle it is 300 KB of gzip for an app that
//! draws five of them. Its bundle therefore registers only the package's machinery
//! (`createLucideIcon`, `Icon`, …), and deps-builder writes every icon's data beside it (an
//! [`IconSet`]). The bundler puts the data of the icons an app imports into the app's own
//! script, where the runtime turns them into components with the package's own factory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::imports::ImportedName;

/// The icon data of one package, written by deps-builder next to its bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IconSet {
    /// The base export that makes a component of one icon's data (`createLucideIcon`).
    pub factory: String,
    /// The specifier whose namespace holds `factory`, when it is not the package's own
    /// (react-icons' sets take `GenIcon` from `react-icons`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factory_from: Option<String>,
    /// Icon key (`heart`) → the argument passed to `factory`.
    pub icons: BTreeMap<String, serde_json::Value>,
    /// Every export name that is an icon, aliases included (`Heart`, `HeartIcon`,
    /// `LucideHeart`) → its icon key.
    pub exports: BTreeMap<String, String>,
    /// The export that is an object of all icons (lucide's `icons`), and its keys.
    #[serde(default)]
    pub index_export: Option<String>,
    #[serde(default)]
    /// The `icons` index export: name → icon key.
    pub index: BTreeMap<String, String>,
}

/// An icon data file, read on first use: react-icons' sets alone are 40 MB of JSON, and a
/// service only ever needs the sets its apps import.
#[derive(Debug)]
pub struct IconData {
    path: PathBuf,
    loaded: OnceLock<Result<IconSet, IconDataError>>,
}

/// An icon data file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum IconDataError {
    /// The file is missing or unreadable.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not icon data.
    #[error("{path} is not valid icon data: {source}")]
    Json {
        /// The file.
        path: String,
        /// Why.
        source: serde_json::Error,
    },
}

/// Reads one icon data file written by deps-builder.
pub fn read_icon_set(path: &Path) -> Result<IconSet, IconDataError> {
    let shown = || path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| IconDataError::Io {
        path: shown(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| IconDataError::Json {
        path: shown(),
        source,
    })
}

impl IconData {
    /// The data file at `path`, not read yet.
    pub fn new(path: PathBuf) -> IconData {
        IconData {
            path,
            loaded: OnceLock::new(),
        }
    }

    /// The set, read from its file the first time.
    pub fn get(&self) -> Result<&IconSet, &IconDataError> {
        self.loaded
            .get_or_init(|| read_icon_set(&self.path))
            .as_ref()
    }
}

/// Two manifests are equal when they name the same files.
impl PartialEq for IconData {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl Eq for IconData {}

/// What one app needs of an [`IconSet`]: the arguments of the runtime's `require.icons`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IconSubset<'a> {
    /// Icon key → its data, for the icons the app uses.
    pub icons: BTreeMap<&'a str, &'a serde_json::Value>,
    /// Export name → icon key, for the names the app imports.
    pub exports: BTreeMap<&'a str, &'a str>,
    /// `Some` when the app uses the index export (or the whole namespace).
    pub index: Option<BTreeMap<&'a str, &'a str>>,
}

impl IconSet {
    /// Names the app can import: the icons, their aliases and the index export (the package's
    /// machinery comes on top, from its bundle).
    pub fn export_names(&self) -> impl Iterator<Item = &str> {
        self.exports
            .keys()
            .map(String::as_str)
            .chain(self.index_export.as_deref())
    }

    /// The icons behind `names` (what an app imports from the package). A namespace import
    /// (`import * as Icons`) or the index export can reach any icon, so it takes them all.
    pub fn subset<'a, 'n>(
        &'a self,
        names: impl IntoIterator<Item = &'n ImportedName>,
    ) -> IconSubset<'a> {
        let mut wanted: Vec<&'n str> = Vec::new();
        let mut everything = false;
        for name in names {
            match name {
                ImportedName::Namespace => everything = true,
                ImportedName::Named(n) if self.index_export.as_deref() == Some(n.as_str()) => {
                    everything = true
                }
                ImportedName::Named(n) => wanted.push(n),
                ImportedName::Default => {}
            }
        }
        let exports: BTreeMap<&str, &str> = if everything {
            self.exports
                .iter()
                .map(|(name, key)| (name.as_str(), key.as_str()))
                .collect()
        } else {
            wanted
                .into_iter()
                .filter_map(|name| self.exports.get_key_value(name))
                .map(|(name, key)| (name.as_str(), key.as_str()))
                .collect()
        };
        let icons = exports
            .values()
            .filter_map(|key| self.icons.get_key_value(*key))
            .map(|(key, data)| (key.as_str(), data))
            .collect();
        let index = (everything && self.index_export.is_some()).then(|| {
            self.index
                .iter()
                .map(|(name, key)| (name.as_str(), key.as_str()))
                .collect()
        });
        IconSubset {
            icons,
            exports,
            index,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> IconSet {
        let json = serde_json::json!({
            "factory": "createLucideIcon",
            "icons": { "heart": { "name": "heart" }, "x": { "name": "x" }, "menu": { "name": "menu" } },
            "exports": { "Heart": "heart", "HeartIcon": "heart", "X": "x", "Menu": "menu" },
            "index_export": "icons",
            "index": { "Heart": "heart", "X": "x", "Menu": "menu" }
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn named_imports_take_only_their_icons() {
        let set = set();
        let names = [
            ImportedName::Named("Heart".into()),
            ImportedName::Named("HeartIcon".into()),
            ImportedName::Named("createLucideIcon".into()),
        ];
        let subset = set.subset(&names);
        assert_eq!(subset.icons.keys().copied().collect::<Vec<_>>(), ["heart"]);
        assert_eq!(
            subset.exports,
            BTreeMap::from([("Heart", "heart"), ("HeartIcon", "heart")])
        );
        assert_eq!(subset.index, None);
    }

    #[test]
    fn namespace_and_index_imports_take_every_icon() {
        let set = set();
        for names in [
            vec![ImportedName::Namespace],
            vec![ImportedName::Named("icons".into())],
        ] {
            let subset = set.subset(&names);
            assert_eq!(subset.icons.len(), 3);
            assert_eq!(subset.exports.len(), 4);
            assert_eq!(subset.index.as_ref().map(BTreeMap::len), Some(3));
        }
    }
}
