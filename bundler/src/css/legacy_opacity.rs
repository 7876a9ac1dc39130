//! Tailwind 2 and 3's separate opacity utilities, which generated code still writes for
//! overlays (`bg-black bg-opacity-50`): `bg-opacity-*`, `text-opacity-*`, `border-opacity-*`.
//! Tailwind 3 made each color utility read its opacity variable; encre-css's colors do not, so
//! when an app uses one of these, the stylesheet's color declarations of that kind are made to
//! read a variable (registered with `@property`, not inherited, 1 by default) that the opacity
//! utility sets.

use encre_css::prelude::build_plugin::*;

/// Utility prefix, the variable, and the property of the color utilities it scales.
const KINDS: &[(&str, &str, &str)] = &[
    ("bg", "--en-bg-opacity", "background-color"),
    ("text", "--en-text-opacity", "color"),
    ("border", "--en-border-opacity", "border-color"),
];

fn opacity(context: &ContextCanHandle) -> bool {
    matches!(context.modifier, Modifier::Builtin { value, .. }
        if value.parse::<u8>().is_ok_and(|n| n <= 100))
}

macro_rules! opacity_utilities {
    ($($name:ident: $namespace:literal => $variable:literal),+ $(,)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: opacity,
                handle: |context| {
                    if let Modifier::Builtin { value, .. } = context.modifier {
                        if let Ok(n) = value.parse::<u8>() {
                            generate_wrapper(context, |context| {
                                context
                                    .buffer
                                    .line(format_args!("{}: {};", $variable, f64::from(n) / 100.0));
                            });
                        }
                    }
                },
            });
        )+
        const UTILITIES: &[&StaticPlugin] = &[$(&$name),+];
    };
}

opacity_utilities! {
    BG_OPACITY: "bg-opacity" => "--en-bg-opacity",
    TEXT_OPACITY: "text-opacity" => "--en-text-opacity",
    BORDER_OPACITY: "border-opacity" => "--en-border-opacity",
}

/// Adds the opacity utilities to `config`.
pub fn register(config: &mut encre_css::Config) {
    for plugin in UTILITIES {
        config.register_plugin(plugin);
    }
}

/// Makes the color declarations of `utilities` read the opacity variables the sources use:
/// inside the rules of `bg-*` classes, `background-color: X` becomes a mix of X with transparent
/// by `--en-bg-opacity`, and so on. Unchanged when no source writes such a utility.
pub fn apply(utilities: String, sources: &[&str]) -> String {
    let used: Vec<&(&str, &str, &str)> = KINDS
        .iter()
        .filter(|(prefix, ..)| {
            let name = format!("{prefix}-opacity-");
            sources.iter().any(|s| s.contains(&name))
        })
        .collect();
    if used.is_empty() {
        return utilities;
    }
    let mut out = String::with_capacity(utilities.len() + 512);
    for (_, variable, _) in &used {
        out.push_str(&format!(
            "@property {variable} {{\n  syntax: \"<number>\";\n  inherits: false;\n  initial-value: 1;\n}}\n\n"
        ));
    }
    super::edit_declarations(&utilities, out, |selector, declaration| {
        used.iter().find_map(|(prefix, variable, property)| {
            let value = declaration
                .strip_prefix(&format!("{property}: "))?
                .strip_suffix(';')?;
            let of_kind = selector.starts_with(&format!(".{prefix}-"))
                || selector.contains(&format!("\\:{prefix}-"));
            let is_opacity = selector.contains(&format!("{prefix}-opacity"));
            (of_kind && !is_opacity && !value.starts_with("var(--en-")).then(|| {
                vec![format!(
                    "{property}: color-mix(in oklab, {value} calc(var({variable}) * 100%), transparent);"
                )]
            })
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_overlay_with_bg_opacity_is_see_through() {
        let css = crate::css::stylesheet([
            r#"<div className="fixed inset-0 bg-black bg-opacity-50 hover:bg-gray-900 text-white text-opacity-75 border border-red-500" />"#,
        ]);
        for expected in [
            "@property --en-bg-opacity {\n  syntax: \"<number>\";\n  inherits: false;\n  initial-value: 1;\n}",
            ".bg-opacity-50 {\n  --en-bg-opacity: 0.5;\n}",
            "background-color: color-mix(in oklab, #000 calc(var(--en-bg-opacity) * 100%), transparent);",
            ".text-opacity-75 {\n  --en-text-opacity: 0.75;\n}",
            "color: color-mix(in oklab, #fff calc(var(--en-text-opacity) * 100%), transparent);",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        let hover = css
            .find(".hover\\:bg-gray-900:hover {")
            .expect("hover rule");
        assert!(css[hover..].contains("calc(var(--en-bg-opacity) * 100%)"));
        // Border colors keep their plain value: no border-opacity utility is used.
        assert!(!css.contains("--en-border-opacity"));

        let plain = crate::css::stylesheet([r#"<div className="bg-black text-white" />"#]);
        assert!(
            !plain.contains("@property"),
            "no change without the utilities"
        );
    }
}
