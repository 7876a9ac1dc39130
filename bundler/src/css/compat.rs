//! Tailwind 3 class names that encre-css (which follows Tailwind 4) does not generate, and that
//! generated apps and shadcn/ui code use all the time: `size-4`, a bare `shadow`,
//! `outline-none` with its Tailwind 3 meaning (a transparent outline that keeps focus rings
//! visible in forced-colors mode), bare `rounded`, `flex-shrink-0`, `flex-grow`, `blur`,
//! `overflow-ellipsis`, arbitrary `z-[60]`, `ring-inset`, `placeholder-gray-400`, and a few
//! Tailwind 4 names encre-css lacks (`rounded-4xl`, `wrap-break-word`, `scheme-dark`, the line
//! heights of `text-sm/6`, …). Registered as encre-css plugins, so
//! variants (`hover:`, `[&_svg]:`) work on them like on any utility.

use encre_css::prelude::build_plugin::*;

/// `size-4` → width and height 1rem, with `size-full`, `size-auto`, `size-px`.
const SIZE: StaticPlugin = Plugin::Spacing(Spacing {
    namespace: "size",
    prop: MultipleProps(&["width", "height"]),
    has_auto: Some(true),
    has_full: Some(true),
    ..Spacing::default()
});

/// `size-[18px]`.
const SIZE_ARBITRARY: StaticPlugin = Plugin::Arbitrary(Arbitrary {
    namespace: "size",
    prop: MultipleProps(&["width", "height"]),
    ..Arbitrary::default()
});

/// The box-shadow encre-css composes from its shadow variables (as its `shadow-*` do).
const BOX_SHADOW: &str = "box-shadow: var(--en-inset-shadow, 0 0 #0000), var(--en-inset-ring-shadow, 0 0 #0000), var(--en-ring-offset-shadow, 0 0 #0000), var(--en-ring-shadow, 0 0 #0000), var(--en-shadow);";

/// Tailwind 3's bare `shadow` (Tailwind 4 calls it `shadow-sm`).
const SHADOW: StaticPlugin = Plugin::ListValues(ListValues {
    prop: SingleProp("--en-shadow"),
    values: map! {
        "shadow" => "0 1px 3px 0 var(--en-shadow-color, rgb(0 0 0 / 0.1)), 0 1px 2px -1px var(--en-shadow-color, rgb(0 0 0 / 0.1))",
    },
    extra_rule_css: Some(&[BOX_SHADOW]),
    ..ListValues::default()
});

/// Tailwind 3's `outline-none` (Tailwind 4 calls it `outline-hidden`).
const OUTLINE_NONE: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "outline-none" => &["outline: 2px solid transparent;", "outline-offset: 2px;"],
    },
    ..ListProperties::default()
});

/// Tailwind 3's bare radius names: `rounded` is 0.25rem, on all corners or on one side.
const ROUNDED: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "rounded" => &["border-radius: 0.25rem;"],
        "rounded-t" => &["border-top-left-radius: 0.25rem;", "border-top-right-radius: 0.25rem;"],
        "rounded-r" => &["border-top-right-radius: 0.25rem;", "border-bottom-right-radius: 0.25rem;"],
        "rounded-b" => &["border-bottom-right-radius: 0.25rem;", "border-bottom-left-radius: 0.25rem;"],
        "rounded-l" => &["border-top-left-radius: 0.25rem;", "border-bottom-left-radius: 0.25rem;"],
        "rounded-tl" => &["border-top-left-radius: 0.25rem;"],
        "rounded-tr" => &["border-top-right-radius: 0.25rem;"],
        "rounded-br" => &["border-bottom-right-radius: 0.25rem;"],
        "rounded-bl" => &["border-bottom-left-radius: 0.25rem;"],
        "rounded-4xl" => &["border-radius: 2rem;"],
    },
    ..ListProperties::default()
});

/// Tailwind 3's `flex-grow` / `flex-shrink` names (Tailwind 4 keeps only `grow` / `shrink`).
const FLEX_GROW_SHRINK: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "flex-grow" => &["flex-grow: 1;"],
        "flex-grow-0" => &["flex-grow: 0;"],
        "flex-shrink" => &["flex-shrink: 1;"],
        "flex-shrink-0" => &["flex-shrink: 0;"],
    },
    ..ListProperties::default()
});

/// The filter encre-css composes from its filter variables (as its `blur-*` do).
const FILTER: &str = "filter: var(--en-blur) var(--en-brightness) var(--en-contrast) var(--en-grayscale) var(--en-hue-rotate) var(--en-invert) var(--en-saturate) var(--en-sepia) var(--en-drop-shadow);";
/// The backdrop filter, likewise.
const BACKDROP_FILTER: &str = "backdrop-filter: var(--en-backdrop-blur) var(--en-backdrop-brightness) var(--en-backdrop-contrast) var(--en-backdrop-grayscale) var(--en-backdrop-hue-rotate) var(--en-backdrop-invert) var(--en-backdrop-opacity) var(--en-backdrop-saturate) var(--en-backdrop-sepia);";
const WEBKIT_BACKDROP_FILTER: &str = "-webkit-backdrop-filter: var(--en-backdrop-blur) var(--en-backdrop-brightness) var(--en-backdrop-contrast) var(--en-backdrop-grayscale) var(--en-backdrop-hue-rotate) var(--en-backdrop-invert) var(--en-backdrop-opacity) var(--en-backdrop-saturate) var(--en-backdrop-sepia);";

/// Tailwind 3's bare filter names: `blur` and `backdrop-blur` are 8px, `drop-shadow` the small
/// one.
const BARE_FILTERS: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "blur" => &["--en-blur: blur(8px);", FILTER],
        "drop-shadow" => &["--en-drop-shadow: drop-shadow(0 1px 2px rgb(0 0 0 / 0.1)) drop-shadow(0 1px 1px rgb(0 0 0 / 0.06));", FILTER],
        "backdrop-blur" => &["--en-backdrop-blur: blur(8px);", WEBKIT_BACKDROP_FILTER, BACKDROP_FILTER],
    },
    ..ListProperties::default()
});

/// Single-declaration names from Tailwind 3 (`overflow-ellipsis`, `collapse`,
/// `decoration-clone`) and Tailwind 4 (`wrap-break-word`, `field-sizing-content`,
/// `transform-3d`, `backface-hidden`, `scheme-*`) that encre-css does not know.
const SINGLE_DECLARATIONS: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "overflow-ellipsis" => &["text-overflow: ellipsis;"],
        "collapse" => &["visibility: collapse;"],
        "decoration-clone" => &["-webkit-box-decoration-break: clone;", "box-decoration-break: clone;"],
        "decoration-slice" => &["-webkit-box-decoration-break: slice;", "box-decoration-break: slice;"],
        "wrap-break-word" => &["overflow-wrap: break-word;"],
        "wrap-anywhere" => &["overflow-wrap: anywhere;"],
        "wrap-normal" => &["overflow-wrap: normal;"],
        "field-sizing-content" => &["field-sizing: content;"],
        "field-sizing-fixed" => &["field-sizing: fixed;"],
        "transform-3d" => &["transform-style: preserve-3d;"],
        "transform-flat" => &["transform-style: flat;"],
        "backface-hidden" => &["backface-visibility: hidden;"],
        "backface-visible" => &["backface-visibility: visible;"],
        "scheme-dark" => &["color-scheme: dark;"],
        "scheme-light" => &["color-scheme: light;"],
        "scheme-normal" => &["color-scheme: normal;"],
    },
    ..ListProperties::default()
});

/// `z-[60]`.
const Z_ARBITRARY: StaticPlugin = Plugin::Arbitrary(Arbitrary {
    namespace: "z",
    prop: SingleProp("z-index"),
    ..Arbitrary::default()
});

/// The custom property a Tailwind 4 `(--var)` value names: `(--brand)` → `--brand`.
fn css_variable(value: &str) -> Option<&str> {
    let name = value.strip_prefix('(')?.strip_suffix(')')?;
    (name.starts_with("--")
        && name.len() > 2
        && name[2..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(name)
}

fn names_a_variable(context: &ContextCanHandle) -> bool {
    matches!(context.modifier, Modifier::Builtin { value, .. } if css_variable(value).is_some())
}

/// Tailwind 4's `<utility>-(--var)`: the property reads the custom property (shadcn's sidebar
/// writes `w-(--sidebar-width)`), one plugin per utility since a plugin has one namespace.
macro_rules! variable_utilities {
    ($($name:ident: $namespace:literal => [$($property:literal),+]),+ $(,)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: names_a_variable,
                handle: |context| {
                    if let Modifier::Builtin { value, .. } = context.modifier {
                        if let Some(variable) = css_variable(value) {
                            generate_wrapper(context, |context| {
                                $(context.buffer.line(format_args!("{}: var({variable});", $property));)+
                            });
                        }
                    }
                },
            });
        )+
        /// Every `(--var)` utility.
        const VARIABLE_UTILITIES: &[&StaticPlugin] = &[$(&$name),+];
    };
}

variable_utilities! {
    VAR_BG: "bg" => ["background-color"],
    VAR_TEXT: "text" => ["color"],
    VAR_BORDER: "border" => ["border-color"],
    VAR_FILL: "fill" => ["fill"],
    VAR_STROKE: "stroke" => ["stroke"],
    VAR_W: "w" => ["width"],
    VAR_H: "h" => ["height"],
    VAR_SIZE: "size" => ["width", "height"],
    VAR_MIN_W: "min-w" => ["min-width"],
    VAR_MAX_W: "max-w" => ["max-width"],
    VAR_MIN_H: "min-h" => ["min-height"],
    VAR_MAX_H: "max-h" => ["max-height"],
    VAR_P: "p" => ["padding"],
    VAR_PX: "px" => ["padding-inline"],
    VAR_PY: "py" => ["padding-block"],
    VAR_M: "m" => ["margin"],
    VAR_GAP: "gap" => ["gap"],
    VAR_ROUNDED: "rounded" => ["border-radius"],
    VAR_TOP: "top" => ["top"],
    VAR_LEFT: "left" => ["left"],
    VAR_Z: "z" => ["z-index"],
}

/// Tailwind 3's `ring-inset`: the element's ring drawn inside its border. encre-css's `ring-<n>`
/// leave no place for it in the ring's shadow, so this draws that shadow inset (a `focus:ring-2`
/// rule still draws its ring outside). encre-css writes its own rules after this one, so the
/// selector carries `[class]` to outweigh `.ring-1`.
const RING_INSET: StaticPlugin = Plugin::Functional(Functional {
    namespace: "ring",
    can_handle: |context| matches!(context.modifier, Modifier::Builtin { value: "inset", .. }),
    handle: |context| {
        generate_at_rules(context, |context| {
            generate_class(
                context,
                |context| {
                    context.buffer.line("box-shadow: var(--en-inset-shadow, 0 0 #0000), var(--en-inset-ring-shadow, 0 0 #0000), var(--en-ring-offset-shadow, 0 0 #0000), inset var(--en-ring-shadow, 0 0 #0000), var(--en-shadow, 0 0 #0000);");
                },
                "[class]",
            );
        });
    },
});

/// `text-sm/6`, `text-lg/relaxed`, `text-base/[1.7]`: a font size with its line height (a
/// spacing step, a named leading, or an arbitrary value). encre-css gives a class to the
/// longest name it knows, `text-sm`, so there is one plugin per size, taking `/<leading>`.
fn leading(value: &str) -> Option<String> {
    let leading = value.strip_prefix('/')?;
    let named = match leading {
        "none" => "1",
        "tight" => "1.25",
        "snug" => "1.375",
        "normal" => "1.5",
        "relaxed" => "1.625",
        "loose" => "2",
        _ => "",
    };
    if !named.is_empty() {
        return Some(named.to_string());
    }
    if let Some(inner) = leading.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
        let plain = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".%-".contains(c));
        return plain.then(|| inner.to_string());
    }
    let steps: f64 = leading.parse().ok()?;
    Some(format!("{}rem", steps * 0.25))
}

fn has_leading(context: &ContextCanHandle) -> bool {
    matches!(context.modifier, Modifier::Builtin { value, .. } if leading(value).is_some())
}

macro_rules! font_sizes_with_leading {
    ($($name:ident: $namespace:literal => $size:literal),+ $(,)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: has_leading,
                handle: |context| {
                    if let Modifier::Builtin { value, .. } = context.modifier {
                        if let Some(line_height) = leading(value) {
                            generate_wrapper(context, |context| {
                                context.buffer.line(format_args!("font-size: {};", $size));
                                context.buffer.line(format_args!("line-height: {line_height};"));
                            });
                        }
                    }
                },
            });
        )+
        /// Every `text-<size>/<leading>`.
        const TEXT_WITH_LEADING: &[&StaticPlugin] = &[$(&$name),+];
    };
}

font_sizes_with_leading! {
    TEXT_XS: "text-xs" => "0.75rem",
    TEXT_SM: "text-sm" => "0.875rem",
    TEXT_BASE: "text-base" => "1rem",
    TEXT_LG: "text-lg" => "1.125rem",
    TEXT_XL: "text-xl" => "1.25rem",
    TEXT_2XL: "text-2xl" => "1.5rem",
    TEXT_3XL: "text-3xl" => "1.875rem",
    TEXT_4XL: "text-4xl" => "2.25rem",
    TEXT_5XL: "text-5xl" => "3rem",
    TEXT_6XL: "text-6xl" => "3.75rem",
    TEXT_7XL: "text-7xl" => "4.5rem",
    TEXT_8XL: "text-8xl" => "6rem",
    TEXT_9XL: "text-9xl" => "8rem",
}

/// Tailwind 3's `placeholder-gray-400` (Tailwind 4 writes `placeholder:text-gray-400`).
const PLACEHOLDER_COLOR: StaticPlugin = Plugin::Functional(Functional {
    namespace: "placeholder",
    can_handle: |context| {
        matches!(context.modifier, Modifier::Builtin { value, .. }
            if color::get(context.config, value).is_some())
    },
    handle: |context| {
        if let Modifier::Builtin { value, .. } = context.modifier {
            if let Some(color) = color::get(context.config, value) {
                let color = color.into_owned();
                generate_at_rules(context, |context| {
                    generate_class(
                        context,
                        |context| context.buffer.line(format_args!("color: {color};")),
                        "::placeholder",
                    );
                });
            }
        }
    },
});

/// A color with an arbitrary opacity, `red-500/[.3]` or `white/[80%]`: the color mixed with
/// transparent (encre-css takes only `/30`).
fn color_with_arbitrary_opacity(config: &encre_css::Config, value: &str) -> Option<String> {
    let (color, opacity) = value.split_once("/[")?;
    let opacity = opacity.strip_suffix(']')?;
    let percent = match opacity.strip_suffix('%') {
        Some(p) => p.parse::<f64>().ok()?,
        None => opacity.parse::<f64>().ok()? * 100.0,
    };
    if !(0.0..=100.0).contains(&percent) {
        return None;
    }
    let color = color::get(config, color)?;
    Some(format!(
        "color-mix(in oklab, {color} {percent}%, transparent)"
    ))
}

macro_rules! arbitrary_opacity_colors {
    ($($name:ident: $namespace:literal => $property:literal),+ $(,)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: |context| {
                    matches!(context.modifier, Modifier::Builtin { value, .. }
                        if color_with_arbitrary_opacity(context.config, value).is_some())
                },
                handle: |context| {
                    if let Modifier::Builtin { value, .. } = context.modifier {
                        if let Some(color) = color_with_arbitrary_opacity(context.config, value) {
                            generate_wrapper(context, |context| {
                                context.buffer.line(format_args!("{}: {color};", $property));
                            });
                        }
                    }
                },
            });
        )+
        /// Every `<utility>-<color>/[opacity]`.
        const ARBITRARY_OPACITY_COLORS: &[&StaticPlugin] = &[$(&$name),+];
    };
}

arbitrary_opacity_colors! {
    BG_ARBITRARY_OPACITY: "bg" => "background-color",
    TEXT_ARBITRARY_OPACITY: "text" => "color",
    BORDER_ARBITRARY_OPACITY: "border" => "border-color",
}

/// Tailwind 4's edge masks, one edge at a time: `mask-b-from-50%` fades the element out towards
/// its bottom from half its height, `mask-t-to-80%` sets where the fade ends; `mask-none`.
/// (Tailwind composes several edges into one mask; here the last edge class wins.)
fn mask_edge(value: &str) -> Option<(&'static str, &'static str, String)> {
    let (edge, rest) = value.split_once('-')?;
    let (direction, variable) = match edge {
        "t" => ("to top", "t"),
        "b" => ("to bottom", "b"),
        "l" => ("to left", "l"),
        "r" => ("to right", "r"),
        _ => return None,
    };
    let (end, amount) = rest.split_once('-')?;
    let percent: u8 = amount
        .strip_suffix('%')?
        .parse()
        .ok()
        .filter(|n| *n <= 100)?;
    let end = match end {
        "from" => "from",
        "to" => "to",
        _ => return None,
    };
    Some((
        direction,
        variable,
        format!("--en-mask-{variable}-{end}: {percent}%;"),
    ))
}

const MASK_EDGES: StaticPlugin = Plugin::Functional(Functional {
    namespace: "mask",
    can_handle: |context| matches!(context.modifier, Modifier::Builtin { value, .. } if mask_edge(value).is_some()),
    handle: |context| {
        if let Modifier::Builtin { value, .. } = context.modifier {
            if let Some((direction, edge, variable)) = mask_edge(value) {
                let image = format!(
                    "linear-gradient({direction}, black var(--en-mask-{edge}-from, 0%), transparent var(--en-mask-{edge}-to, 100%))"
                );
                generate_wrapper(context, |context| {
                    context.buffer.line(variable.as_str());
                    context
                        .buffer
                        .line(format_args!("-webkit-mask-image: {image};"));
                    context.buffer.line(format_args!("mask-image: {image};"));
                });
            }
        }
    },
});

const MASK_NONE: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "mask-none" => &["-webkit-mask-image: none;", "mask-image: none;"],
    },
    ..ListProperties::default()
});

/// Adds the Tailwind 3 names to `config`.
pub fn register(config: &mut encre_css::Config) {
    for plugin in [
        &SIZE,
        &SIZE_ARBITRARY,
        &SHADOW,
        &OUTLINE_NONE,
        &ROUNDED,
        &FLEX_GROW_SHRINK,
        &BARE_FILTERS,
        &SINGLE_DECLARATIONS,
        &Z_ARBITRARY,
        &RING_INSET,
        &PLACEHOLDER_COLOR,
    ] {
        config.register_plugin(plugin);
    }
    for plugin in TEXT_WITH_LEADING
        .iter()
        .chain(ARBITRARY_OPACITY_COLORS)
        .copied()
        .chain([&MASK_EDGES, &MASK_NONE])
    {
        config.register_plugin(plugin);
    }
    for plugin in VARIABLE_UTILITIES {
        config.register_plugin(plugin);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tailwind_4_variable_values_read_the_custom_property() {
        let css = crate::css::stylesheet([
            r#"<div className="bg-(--brand) w-(--sidebar-width) md:h-(--header-height) text-(--ink) size-(--icon) bg-(not-a-var)" />"#,
        ]);
        for expected in [
            ".bg-\\(--brand\\) {\n  background-color: var(--brand);\n}",
            ".w-\\(--sidebar-width\\) {\n  width: var(--sidebar-width);\n}",
            "height: var(--header-height);",
            ".text-\\(--ink\\) {\n  color: var(--ink);\n}",
            "width: var(--icon);\n  height: var(--icon);",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        assert!(
            !css.contains("not-a-var"),
            "only custom properties are read"
        );
    }

    #[test]
    fn leading_modifiers_ring_inset_and_placeholder_colors() {
        let css = crate::css::stylesheet([
            r#"<input className="text-sm/6 md:text-lg/relaxed text-base/[1.7] ring-1 ring-inset placeholder-gray-400 focus:placeholder-primary text-sm/bogus" />"#,
        ]);
        for expected in [
            ".text-sm\\/6 {\n  font-size: 0.875rem;\n  line-height: 1.5rem;\n}",
            ".md\\:text-lg\\/relaxed {\n    font-size: 1.125rem;\n    line-height: 1.625;",
            ".text-base\\/\\[1\\.7\\] {\n  font-size: 1rem;\n  line-height: 1.7;\n}",
            ".ring-inset[class] {\n  box-shadow: var(--en-inset-shadow, 0 0 #0000), var(--en-inset-ring-shadow, 0 0 #0000), var(--en-ring-offset-shadow, 0 0 #0000), inset var(--en-ring-shadow",
            ".placeholder-gray-400::placeholder {\n  color: oklch(",
            ".focus\\:placeholder-primary:focus::placeholder {\n  color: var(--primary);",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        assert!(!css.contains("bogus"));
    }

    #[test]
    fn arbitrary_opacities_and_edge_masks() {
        let css = crate::css::stylesheet([
            r#"<div className="bg-red-500/[.3] text-white/[80%] hover:border-black/[0.5] mask-b-from-50% mask-b-to-90% mask-none bg-red-500/[3]" />"#,
        ]);
        for expected in [
            ".bg-red-500\\/\\[\\.3\\] {\n  background-color: color-mix(in oklab, oklch(63.7% .237 25.331) 30%, transparent);",
            ".text-white\\/\\[80\\%\\] {\n  color: color-mix(in oklab, #fff 80%, transparent);",
            "border-color: color-mix(in oklab, #000 50%, transparent);",
            ".mask-b-from-50\\% {\n  --en-mask-b-from: 50%;\n  -webkit-mask-image: linear-gradient(to bottom, black var(--en-mask-b-from, 0%), transparent var(--en-mask-b-to, 100%));",
            ".mask-b-to-90\\% {\n  --en-mask-b-to: 90%;",
            ".mask-none {\n  -webkit-mask-image: none;",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        assert!(!css.contains("\\[3\\]"), "an opacity over 1 is not one");
    }

    #[test]
    fn tailwind_3_names_generate_css_with_variants() {
        let css = crate::css::stylesheet([
            "<a className=\"size-4 hover:size-6 [&_svg]:size-3 size-full size-[18px] shadow hover:shadow outline-none focus-visible:outline-none\" />",
        ]);
        for expected in [
            ".size-4 {\n  width: 1rem;\n  height: 1rem;\n}",
            ".hover\\:size-6:hover {\n  width: 1.5rem;\n  height: 1.5rem;\n}",
            ".\\[\\&_svg\\]\\:size-3 svg {\n  width: 0.75rem;\n  height: 0.75rem;\n}",
            ".size-full {\n  width: 100%;\n  height: 100%;\n}",
            ".size-\\[18px\\] {\n  width: 18px;\n  height: 18px;\n}",
            ".outline-none {\n  outline: 2px solid transparent;\n  outline-offset: 2px;\n}",
            ".focus-visible\\:outline-none:focus-visible {",
            ".shadow {\n  --en-shadow: 0 1px 3px 0",
            ".hover\\:shadow:hover {",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
    }

    #[test]
    fn the_names_generated_apps_use_most_that_encre_css_lacks() {
        let css = crate::css::stylesheet([
            r#"<div className="rounded md:rounded rounded-l rounded-tr rounded-4xl flex-shrink-0 flex-grow flex-grow-0 flex-shrink blur backdrop-blur drop-shadow overflow-ellipsis collapse wrap-break-word field-sizing-content transform-3d backface-hidden scheme-dark decoration-clone z-[60]" />"#,
        ]);
        for expected in [
            ".rounded {\n  border-radius: 0.25rem;\n}",
            ".md\\:rounded {\n    border-radius: 0.25rem;",
            ".rounded-l {\n  border-top-left-radius: 0.25rem;\n  border-bottom-left-radius: 0.25rem;\n}",
            ".rounded-tr {\n  border-top-right-radius: 0.25rem;\n}",
            ".rounded-4xl {\n  border-radius: 2rem;\n}",
            ".flex-shrink-0 {\n  flex-shrink: 0;\n}",
            ".flex-grow {\n  flex-grow: 1;\n}",
            ".flex-grow-0 {\n  flex-grow: 0;\n}",
            ".flex-shrink {\n  flex-shrink: 1;\n}",
            ".blur {\n  --en-blur: blur(8px);\n  filter: var(--en-blur)",
            ".backdrop-blur {\n  --en-backdrop-blur: blur(8px);",
            ".drop-shadow {\n  --en-drop-shadow: drop-shadow(0 1px 2px",
            ".overflow-ellipsis {\n  text-overflow: ellipsis;\n}",
            ".collapse {\n  visibility: collapse;\n}",
            ".wrap-break-word {\n  overflow-wrap: break-word;\n}",
            ".field-sizing-content {\n  field-sizing: content;\n}",
            ".transform-3d {\n  transform-style: preserve-3d;\n}",
            ".backface-hidden {\n  backface-visibility: hidden;\n}",
            ".scheme-dark {\n  color-scheme: dark;\n}",
            ".decoration-clone {\n  -webkit-box-decoration-break: clone;",
            ".z-\\[60\\] {\n  z-index: 60;\n}",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
    }
}
