//! Links the app's transformed modules into one script: a small module runtime (`runtime.js`)
//! called with a table of module functions and the entry id.
//!
//! ```js
//! (function (modules, entry) { /* runtime.js */ })({
//!   "App.tsx": function (module, exports, require) { … },
//!   "components/Chart.tsx": function (module, exports, require) { … },
//! }, "App.tsx");
//! ```
//!
//! Modules run on first `require`, so import cycles behave as in CommonJS (with the live
//! bindings swc's transform keeps through `exports` getters). The entry's exports end up on
//! `window.AppBundle.exports` for the preview runtime.

use swc_core::common::{sync::Lrc, FileName, SourceMap, DUMMY_SP};
use swc_core::ecma::ast::*;
use swc_core::ecma::parser::{parse_file_as_expr, Syntax};
use swc_core::ecma::transforms::base::fixer::fixer;

use crate::catalog::icon_sets::{IconSet, IconSubset};

const RUNTIME_SOURCE: &str = include_str!("runtime.js");

/// A linked module's body.
pub enum ModuleBody {
    /// Statements from `transform::transform_module`.
    Script(Vec<Stmt>),
    /// A stylesheet, injected as a `<style>` element when the module runs.
    Css(String),
    /// A JSON value: `default` export, plus each top-level key as a named export.
    Json(Box<Expr>),
    /// The arguments of `require.icons` after `module` (see [`icons_body`]).
    Icons(Vec<Expr>),
    /// An image, font or SVG: `default` is its URL beside the script (`crate::assets`).
    Asset(String),
    /// An SVG as a component: its element tree as JSON (`crate::svg`).
    Svg(String),
}

pub struct LinkedModule {
    pub id: String,
    pub body: ModuleBody,
}

/// Parses code appbundle generates, as an internal file so it stays out of the source map.
fn internal_expr(cm: &Lrc<SourceMap>, name: &str, source: String) -> Option<Box<Expr>> {
    let file = cm.new_source_file(Lrc::new(FileName::Internal(name.into())), source);
    let mut errors = Vec::new();
    parse_file_as_expr(
        &file,
        Syntax::Es(Default::default()),
        EsVersion::Es2020,
        None,
        &mut errors,
    )
    .ok()
    .filter(|_| errors.is_empty())
}

fn runtime_expr(cm: &Lrc<SourceMap>) -> Box<Expr> {
    internal_expr(cm, "appbundle-runtime.js", RUNTIME_SOURCE.to_string())
        .expect("runtime.js is valid JavaScript (checked by tests)")
}

/// The module of a per-app icon package (`crate::catalog::icon_sets`): its machinery from
/// `window.AppDependencies.<category>["<key>"]`, the namespace holding the icon factory (`host`,
/// when another specifier's: react-icons' `GenIcon`), and the data of the icons the app imports
/// as one JSON string (compact, and `JSON.parse` reads it faster than a literal).
pub fn icons_body(
    cm: &Lrc<SourceMap>,
    package: (&str, &str),
    host: Option<(&str, &str)>,
    set: &IconSet,
    subset: &IconSubset,
) -> Result<ModuleBody, serde_json::Error> {
    let registered = |(category, key): (&str, &str)| -> Result<Box<Expr>, serde_json::Error> {
        let source = format!(
            "window.AppDependencies[{}][{}]",
            serde_json::to_string(category)?,
            serde_json::to_string(key)?
        );
        internal_expr(cm, &format!("{key} icons"), source)
            .ok_or_else(|| serde::de::Error::custom("unexpected package key"))
    };
    let base = registered(package)?;
    let host = registered(host.unwrap_or(package))?;
    // A struct, not `json!`: its field order does not depend on serde_json's features.
    #[derive(serde::Serialize)]
    struct Data<'a> {
        factory: &'a str,
        icons: &'a std::collections::BTreeMap<&'a str, &'a serde_json::Value>,
        exports: &'a std::collections::BTreeMap<&'a str, &'a str>,
        index_export: Option<&'a str>,
        index: Option<&'a std::collections::BTreeMap<&'a str, &'a str>>,
    }
    let data = Data {
        factory: &set.factory,
        icons: &subset.icons,
        exports: &subset.exports,
        index_export: set.index_export.as_deref(),
        index: subset.index.as_ref(),
    };
    Ok(ModuleBody::Icons(vec![
        *base,
        *host,
        *string(&serde_json::to_string(&data)?),
    ]))
}

fn ident(name: &str) -> Ident {
    Ident::new_no_ctxt(name.into(), DUMMY_SP)
}

fn string(value: &str) -> Box<Expr> {
    Box::new(Expr::Lit(Lit::Str(Str {
        span: DUMMY_SP,
        value: value.into(),
        raw: None,
    })))
}

/// `require.<helper>(args…);`
fn runtime_call(helper: &str, args: Vec<Expr>) -> Stmt {
    let callee = MemberExpr {
        span: DUMMY_SP,
        obj: Box::new(Expr::Ident(ident("require"))),
        prop: MemberProp::Ident(IdentName::new(helper.into(), DUMMY_SP)),
    };
    Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Member(callee))),
            args: args
                .into_iter()
                .map(|expr| ExprOrSpread {
                    spread: None,
                    expr: Box::new(expr),
                })
                .collect(),
            ..Default::default()
        })),
    })
}

/// The parameters of a module function; with React Fast Refresh, also the two functions the
/// refresh transform calls (`$RefreshReg$`, `$RefreshSig$`), bound to the module by the runtime.
fn wrapper_params(refresh: bool) -> &'static [&'static str] {
    if refresh {
        &[
            "module",
            "exports",
            "require",
            "$RefreshReg$",
            "$RefreshSig$",
        ]
    } else {
        &["module", "exports", "require"]
    }
}

fn wrapper(id: &str, body: ModuleBody, refresh: bool) -> Function {
    let stmts = match body {
        ModuleBody::Script(stmts) => stmts,
        ModuleBody::Css(text) => vec![runtime_call("css", vec![*string(id), *string(&text)])],
        ModuleBody::Json(value) => vec![runtime_call(
            "json",
            vec![Expr::Ident(ident("module")), *value],
        )],
        ModuleBody::Asset(name) => vec![runtime_call(
            "asset",
            vec![Expr::Ident(ident("module")), *string(&name)],
        )],
        ModuleBody::Svg(tree) => vec![runtime_call(
            "svg",
            vec![Expr::Ident(ident("module")), *string(&tree)],
        )],
        ModuleBody::Icons(args) => vec![runtime_call(
            "icons",
            std::iter::once(Expr::Ident(ident("module")))
                .chain(args)
                .collect(),
        )],
    };
    Function {
        params: wrapper_params(refresh)
            .iter()
            .map(|name| Param {
                span: DUMMY_SP,
                decorators: Vec::new(),
                pat: Pat::Ident(ident(name).into()),
            })
            .collect(),
        body: Some(FunctionBody {
            span: DUMMY_SP,
            stmts,
        }),
        ..Default::default()
    }
}

/// How the script mounts, besides its modules.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions<'a> {
    /// For an entry without a default export: the export `window.AppBundle.component` names.
    pub component: Option<&'a str>,
    /// The modules were transformed for React Fast Refresh.
    pub refresh: bool,
    /// The app mounts React itself (`createRoot`). With `refresh`, the script says so before
    /// its modules run (`window.AppBundle.rendersItself`): the preview must clear the root first.
    pub renders_itself: bool,
}

/// The script: the runtime called with the module table and the entry, as `options` say.
pub fn link(
    cm: &Lrc<SourceMap>,
    modules: Vec<LinkedModule>,
    entry: &str,
    options: LinkOptions,
) -> Script {
    let LinkOptions {
        component,
        refresh,
        renders_itself,
    } = options;
    let table = ObjectLit {
        span: DUMMY_SP,
        props: modules
            .into_iter()
            .map(|m| {
                let function = wrapper(&m.id, m.body, refresh);
                PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                    key: PropName::Str(Str {
                        span: DUMMY_SP,
                        value: m.id.into(),
                        raw: None,
                    }),
                    value: Box::new(Expr::Fn(FnExpr {
                        ident: None,
                        function: Box::new(function),
                    })),
                })))
            })
            .collect(),
    };
    let call = CallExpr {
        span: DUMMY_SP,
        callee: Callee::Expr(runtime_expr(cm)),
        args: vec![
            ExprOrSpread {
                spread: None,
                expr: Box::new(Expr::Object(table)),
            },
            ExprOrSpread {
                spread: None,
                expr: string(entry),
            },
        ],
        ..Default::default()
    };
    let mut body = Vec::new();
    let announced = (refresh && renders_itself).then(|| {
        let source = "(window.AppBundle = { rendersItself: true })".to_string();
        internal_expr(cm, "appbundle-renders-itself.js", source)
    });
    if let Some(expr) = announced.flatten() {
        body.push(Stmt::Expr(ExprStmt {
            span: DUMMY_SP,
            expr,
        }));
    }
    body.push(Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Call(call)),
    }));
    let named = component.and_then(|name| {
        let source = format!(
            "window.AppBundle.component = {}",
            serde_json::to_string(name).ok()?
        );
        internal_expr(cm, "appbundle-component.js", source)
    });
    if let Some(expr) = named {
        body.push(Stmt::Expr(ExprStmt {
            span: DUMMY_SP,
            expr,
        }));
    }
    let script = Script {
        span: DUMMY_SP,
        body,
        shebang: None,
    };
    // Adds the parentheses a function expression needs in callee position.
    Program::Script(script).apply(fixer(None)).expect_script()
}
