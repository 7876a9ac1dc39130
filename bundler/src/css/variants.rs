//! Tailwind 4's bare variant names that encre-css only knows in their bracketed form: boolean data
//! attributes (`data-disabled:` for `[data-disabled]`), `nth-3:`, `in-focus:`, `has-checked:`,
//! `user-invalid:`. shadcn/ui's current components and newer models write them.

use encre_css::selector::Variant;

/// Boolean data attributes components set (radix, vaul, cmdk, shadcn's own `data-inset`).
const DATA_ATTRIBUTES: &[&str] = &[
    "active",
    "checked",
    "closed",
    "current",
    "disabled",
    "expanded",
    "highlighted",
    "inset",
    "invalid",
    "open",
    "placeholder",
    "pressed",
    "selected",
    "swipe",
];

/// Pseudo-classes `in-*:` (an ancestor in that state) and `has-*:` (a descendant in it) take.
const STATES: &[&str] = &[
    "active",
    "checked",
    "disabled",
    "focus",
    "focus-visible",
    "focus-within",
    "hover",
    "invalid",
    "required",
];

/// Adds the bare variants to `config`.
pub fn register(config: &mut encre_css::Config) {
    let mut variants: Vec<(String, String)> = Vec::new();
    for name in DATA_ATTRIBUTES {
        variants.push((format!("data-{name}"), format!("&[data-{name}]")));
    }
    for n in 1..=12 {
        variants.push((format!("nth-{n}"), format!("&:nth-child({n})")));
        variants.push((format!("nth-last-{n}"), format!("&:nth-last-child({n})")));
        variants.push((format!("nth-of-type-{n}"), format!("&:nth-of-type({n})")));
    }
    for state in STATES {
        variants.push((format!("in-{state}"), format!(":where(*:{state}) &")));
        variants.push((format!("has-{state}"), format!("&:has(*:{state})")));
    }
    for name in ["user-valid", "user-invalid"] {
        variants.push((name.to_string(), format!("&:{name}")));
    }
    for (name, template) in variants {
        let order = config.last_variant_order();
        config.register_variant(name, Variant::new(order, template));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tailwind_4_bare_variants() {
        let css = crate::css::stylesheet([
            r#"<div className="data-disabled:opacity-50 data-inset:pl-8 nth-3:font-bold in-focus:ring-2 has-checked:bg-blue-500 user-invalid:border-red-500 group-data-disabled:hidden" />"#,
        ]);
        for expected in [
            ".data-disabled\\:opacity-50[data-disabled] {",
            ".data-inset\\:pl-8[data-inset] {",
            ".nth-3\\:font-bold:nth-child(3) {",
            ":where(*:focus) .in-focus\\:ring-2 {",
            ".has-checked\\:bg-blue-500:has(*:checked) {",
            ".user-invalid\\:border-red-500:user-invalid {",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
    }
}
