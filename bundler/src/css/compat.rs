//! Tailwind 3 class names that encre-css (which follows Tailwind 4) does not generate, and that
//! generated apps and shadcn/ui code use all the time: `size-4`, a bare `shadow`,
//! `outline-none` with its Tailwind 3 meaning (a transparent outline that keeps focus rings
//! visible in forced-colors mode). Registered as encre-css plugins, so variants
//! (`hover:`, `[&_svg]:`) work on them like on any utility.

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

/// Adds the Tailwind 3 names to `config`.
pub fn register(config: &mut encre_css::Config) {
    for plugin in [&SIZE, &SIZE_ARBITRARY, &SHADOW, &OUTLINE_NONE] {
        config.register_plugin(plugin);
    }
}

#[cfg(test)]
mod tests {
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
}
