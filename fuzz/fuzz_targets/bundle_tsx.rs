//! Structure-aware: the bytes choose a generated-looking app (imports of allowed, blocked and
//! unknown packages, typed components, hooks, JSX with Tailwind classes, the odd `eval`), in
//! one or two files; it is written out as TSX, bundled and checked.

#![no_main]

use appbundle_bundler::{Allowlist, BundleOptions, BundleRequest, FileContent};
use appbundle_fuzz::bundle_and_check;
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const SPECIFIERS: &[&str] = &[
    "react",
    "react-dom/client",
    "lucide-react",
    "date-fns",
    "recharts",
    "framer-motion",
    "zustand",
    "clsx",
    "@/components/ui/button",
    "@/components/ui/card",
    "@/lib/utils",
    "./Helper",
    "./missing",
    "./styles.css",
    "fs",
    "node:child_process",
    "axios",
    "left-pad",
    "https://esm.sh/react",
    "react/jsx-runtime",
    "@appbundle/runtime",
];
const NAMES: &[&str] = &[
    "useState",
    "useEffect",
    "useMemo",
    "useRef",
    "Button",
    "Card",
    "CardHeader",
    "CardTitle",
    "format",
    "addDays",
    "motion",
    "Plus",
    "Trash2",
    "LineChart",
    "Line",
    "create",
    "clsx",
    "cn",
    "useAppData",
    "createRoot",
    "Helper",
    "notExported",
];
const TAGS: &[&str] = &[
    "div",
    "span",
    "button",
    "input",
    "ul",
    "li",
    "h1",
    "p",
    "svg",
    "Button",
    "Card",
    "Plus",
    "motion.div",
    "Helper",
    "React.Fragment",
];
const CLASSES: &[&str] = &[
    "flex",
    "grid",
    "p-4",
    "gap-2",
    "text-sm",
    "font-bold",
    "bg-slate-900",
    "hover:bg-blue-500",
    "dark:text-white",
    "w-[37px]",
    "content-['x']",
    "md:grid-cols-3",
    "animate-in",
    "bg-opacity-50",
    "from-10%",
    "[&_svg]:size-4",
    "!mt-0",
    "-translate-x-1/2",
    "space-y-4",
    "rounded-xl",
];
const IDENTS: &[&str] = &[
    "count", "items", "setCount", "props", "day", "window", "document", "x",
];
const TYPES: &[&str] = &[
    "number",
    "string",
    "Item[]",
    "React.ReactNode",
    "Record<string, unknown>",
    "any",
];

#[derive(Arbitrary, Debug)]
struct App {
    imports: Vec<Import>,
    interfaces: Vec<(u8, Vec<(u8, u8)>)>,
    components: Vec<Component>,
    helper: Option<Vec<Component>>,
    minify: bool,
    refresh: bool,
}

#[derive(Arbitrary, Debug)]
enum Import {
    Named(u8, Vec<u8>),
    Default(u8, u8),
    Namespace(u8),
    SideEffect(u8),
    Dynamic(u8),
}

#[derive(Arbitrary, Debug)]
struct Component {
    name: u8,
    typed_props: bool,
    state: Vec<(u8, Expr)>,
    effect: Option<Expr>,
    body: Node,
    export_default: bool,
}

#[derive(Arbitrary, Debug)]
enum Node {
    Element(u8, Vec<u8>, Vec<(u8, Expr)>, Vec<Node>),
    Text(String),
    Expr(Expr),
    Map(u8, Box<Node>),
    Conditional(Expr, Box<Node>, Box<Node>),
    Fragment(Vec<Node>),
}

#[derive(Arbitrary, Debug)]
enum Expr {
    Ident(u8),
    Str(String),
    Num(i32),
    Call(u8, Vec<Expr>),
    Template(Vec<Expr>),
    Arrow(Box<Expr>),
    Member(Box<Expr>, u8),
    Binary(u8, Box<Expr>, Box<Expr>),
    As(Box<Expr>, u8),
    Eval(String),
    Jsx(Box<Node>),
}

fn pick(list: &[&'static str], at: u8) -> &'static str {
    list[at as usize % list.len()]
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn expr(out: &mut String, e: &Expr) {
    match e {
        Expr::Ident(i) => out.push_str(pick(IDENTS, *i)),
        Expr::Str(s) => out.push_str(&quoted(s)),
        Expr::Num(n) => out.push_str(&n.to_string()),
        Expr::Call(f, args) => {
            out.push_str(pick(NAMES, *f));
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(out, a);
            }
            out.push(')');
        }
        Expr::Template(parts) => {
            out.push('`');
            for p in parts {
                out.push_str("${");
                expr(out, p);
                out.push_str("} ");
            }
            out.push('`');
        }
        Expr::Arrow(body) => {
            out.push_str("(e: any) => ");
            expr(out, body);
        }
        Expr::Member(object, name) => {
            out.push('(');
            expr(out, object);
            out.push_str(").");
            out.push_str(pick(IDENTS, *name));
        }
        Expr::Binary(op, a, b) => {
            out.push('(');
            expr(out, a);
            out.push_str(pick(&[" + ", " && ", " ?? ", " === ", " * "], *op));
            expr(out, b);
            out.push(')');
        }
        Expr::As(inner, ty) => {
            out.push('(');
            expr(out, inner);
            out.push_str(" as ");
            out.push_str(pick(TYPES, *ty));
            out.push(')');
        }
        Expr::Eval(code) => {
            out.push_str(pick(
                &["eval(", "new Function(", "setTimeout("],
                code.len() as u8,
            ));
            out.push_str(&quoted(code));
            out.push(')');
        }
        Expr::Jsx(node) => jsx(out, node),
    }
}

fn jsx(out: &mut String, n: &Node) {
    match n {
        Node::Element(tag, classes, attrs, children) => {
            let tag = pick(TAGS, *tag);
            out.push('<');
            out.push_str(tag);
            if !classes.is_empty() {
                let names: Vec<&str> = classes.iter().map(|c| pick(CLASSES, *c)).collect();
                out.push_str(&format!(" className=\"{}\"", names.join(" ")));
            }
            for (name, value) in attrs {
                out.push_str(&format!(
                    " {}={{",
                    pick(&["onClick", "value", "key", "style", "disabled"], *name)
                ));
                expr(out, value);
                out.push('}');
            }
            out.push('>');
            for child in children {
                jsx(out, child);
            }
            out.push_str(&format!("</{tag}>"));
        }
        Node::Text(text) => out.push_str(&text.replace(['<', '>', '{', '}'], " ")),
        Node::Expr(e) => {
            out.push('{');
            expr(out, e);
            out.push('}');
        }
        Node::Map(list, item) => {
            out.push_str(&format!(
                "{{{}.map((item: any, i: number) => (",
                pick(IDENTS, *list)
            ));
            jsx(out, item);
            out.push_str("))}");
        }
        Node::Conditional(test, yes, no) => {
            out.push('{');
            expr(out, test);
            out.push_str(" ? (");
            jsx(out, yes);
            out.push_str(") : (");
            jsx(out, no);
            out.push_str(")}");
        }
        Node::Fragment(children) => {
            out.push_str("<>");
            for child in children {
                jsx(out, child);
            }
            out.push_str("</>");
        }
    }
}

fn component(out: &mut String, c: &Component, index: usize) {
    let name = format!(
        "{}{index}",
        pick(&["App", "Panel", "Helper", "Row"], c.name)
    );
    if c.export_default {
        out.push_str("export default ");
    } else {
        out.push_str("export ");
    }
    let props = if c.typed_props {
        "props: { title?: string; items: Item[] }"
    } else {
        "props"
    };
    out.push_str(&format!("function {name}({props}) {{\n"));
    for (ident, init) in &c.state {
        let ident = pick(IDENTS, *ident);
        out.push_str(&format!(
            "  const [{ident}S, set{ident}] = useState<number>("
        ));
        expr(out, init);
        out.push_str(");\n");
    }
    if let Some(effect) = &c.effect {
        out.push_str("  useEffect(() => { ");
        expr(out, effect);
        out.push_str("; }, []);\n");
    }
    out.push_str("  return (");
    jsx(out, &c.body);
    out.push_str(");\n}\n\n");
}

fn file(
    imports: &[Import],
    interfaces: &[(u8, Vec<(u8, u8)>)],
    components: &[Component],
) -> String {
    let mut out = String::new();
    for import in imports {
        match import {
            Import::Named(spec, names) => {
                let names: Vec<&str> = names.iter().map(|n| pick(NAMES, *n)).collect();
                out.push_str(&format!(
                    "import {{ {} }} from '{}';\n",
                    names.join(", "),
                    pick(SPECIFIERS, *spec)
                ));
            }
            Import::Default(spec, name) => out.push_str(&format!(
                "import {} from '{}';\n",
                pick(NAMES, *name),
                pick(SPECIFIERS, *spec)
            )),
            Import::Namespace(spec) => out.push_str(&format!(
                "import * as NS from '{}';\n",
                pick(SPECIFIERS, *spec)
            )),
            Import::SideEffect(spec) => {
                out.push_str(&format!("import '{}';\n", pick(SPECIFIERS, *spec)))
            }
            Import::Dynamic(spec) => out.push_str(&format!(
                "const lazy = () => import('{}');\n",
                pick(SPECIFIERS, *spec)
            )),
        }
    }
    out.push_str("\ntype Item = { id: string; done: boolean };\n");
    for (i, (name, fields)) in interfaces.iter().enumerate() {
        out.push_str(&format!(
            "interface {}{i} {{\n",
            pick(&["Props", "State", "Row"], *name)
        ));
        for (field, ty) in fields {
            out.push_str(&format!(
                "  {}?: {};\n",
                pick(IDENTS, *field),
                pick(TYPES, *ty)
            ));
        }
        out.push_str("}\n");
    }
    for (i, c) in components.iter().enumerate() {
        component(&mut out, c, i);
    }
    out
}

fuzz_target!(|app: App| {
    let mut files = vec![(
        "App.tsx".to_string(),
        file(&app.imports, &app.interfaces, &app.components),
    )];
    if let Some(helper) = &app.helper {
        files.push(("Helper.tsx".to_string(), file(&[], &[], helper)));
    }
    let request = BundleRequest {
        files: FileContent::texts(files),
        entry: None,
        options: BundleOptions {
            minify: app.minify,
            refresh: app.refresh,
        },
    };
    bundle_and_check(&request, Allowlist::embedded());
});
