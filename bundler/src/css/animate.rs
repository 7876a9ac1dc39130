//! The `tailwindcss-animate` classes shadcn/ui components are written with (`animate-in fade-in-0
//! zoom-in-95`, `data-[state=closed]:animate-out slide-out-to-top-2`, `running`, `paused`): an
//! `enter` / `exit` keyframe pair read from custom properties that each modifier class sets, as
//! the plugin defines them. Registered as encre-css plugins, so variants work on them.

use encre_css::prelude::build_plugin::*;

const ENTER: &str = "@keyframes enter {
  from {
    opacity: var(--en-enter-opacity, 1);
    transform: translate3d(var(--en-enter-translate-x, 0), var(--en-enter-translate-y, 0), 0) scale3d(var(--en-enter-scale, 1), var(--en-enter-scale, 1), var(--en-enter-scale, 1)) rotate(var(--en-enter-rotate, 0));
  }
}\n\n";

const EXIT: &str = "@keyframes exit {
  to {
    opacity: var(--en-exit-opacity, 1);
    transform: translate3d(var(--en-exit-translate-x, 0), var(--en-exit-translate-y, 0), 0) scale3d(var(--en-exit-scale, 1), var(--en-exit-scale, 1), var(--en-exit-scale, 1)) rotate(var(--en-exit-rotate, 0));
  }
}\n\n";

/// `animate-in` / `animate-out`: the keyframes, 150 ms (the plugin's default duration), and the
/// modifiers reset so that only the element's own classes apply.
const ENTER_EXIT: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "animate-in" => &[
            "animation-name: enter;",
            "animation-duration: 150ms;",
            "--en-enter-opacity: initial;",
            "--en-enter-scale: initial;",
            "--en-enter-rotate: initial;",
            "--en-enter-translate-x: initial;",
            "--en-enter-translate-y: initial;",
        ],
        "animate-out" => &[
            "animation-name: exit;",
            "animation-duration: 150ms;",
            "--en-exit-opacity: initial;",
            "--en-exit-scale: initial;",
            "--en-exit-rotate: initial;",
            "--en-exit-translate-x: initial;",
            "--en-exit-translate-y: initial;",
        ],
    },
    extra_css: Some(map! {
        "animate-in" => ENTER,
        "animate-out" => EXIT,
    }),
    ..ListProperties::default()
});

/// The bare names: `fade-in` from transparent, `zoom-in` from nothing, `spin-in` by 30°, and the
/// slides by the element's whole size.
const BARE: StaticPlugin = Plugin::ListProperties(ListProperties {
    props: map! {
        "fade-in" => &["--en-enter-opacity: 0;"],
        "fade-out" => &["--en-exit-opacity: 0;"],
        "zoom-in" => &["--en-enter-scale: 0;"],
        "zoom-out" => &["--en-exit-scale: 0;"],
        "spin-in" => &["--en-enter-rotate: 30deg;"],
        "spin-out" => &["--en-exit-rotate: 30deg;"],
        "slide-in-from-top" => &["--en-enter-translate-y: -100%;"],
        "slide-in-from-bottom" => &["--en-enter-translate-y: 100%;"],
        "slide-in-from-left" => &["--en-enter-translate-x: -100%;"],
        "slide-in-from-right" => &["--en-enter-translate-x: 100%;"],
        "slide-out-to-top" => &["--en-exit-translate-y: -100%;"],
        "slide-out-to-bottom" => &["--en-exit-translate-y: 100%;"],
        "slide-out-to-left" => &["--en-exit-translate-x: -100%;"],
        "slide-out-to-right" => &["--en-exit-translate-x: 100%;"],
        "running" => &["animation-play-state: running;"],
        "paused" => &["animation-play-state: paused;"],
        "fill-mode-none" => &["animation-fill-mode: none;"],
        "fill-mode-forwards" => &["animation-fill-mode: forwards;"],
        "fill-mode-backwards" => &["animation-fill-mode: backwards;"],
        "fill-mode-both" => &["animation-fill-mode: both;"],
        "repeat-infinite" => &["animation-iteration-count: infinite;"],
    },
    ..ListProperties::default()
});

/// A percentage scale value (`95` → `0.95`), as opacity and scale modifiers take them.
fn fraction(value: &str) -> Option<String> {
    let n: u32 = value.parse().ok()?;
    (n <= 200).then(|| format!("{}", f64::from(n) / 100.0))
}

/// A slide distance: a spacing step (`2` → `0.5rem`), `px`, `full`, a fraction (`1/2` → `50%`),
/// or an arbitrary length (`[48%]`).
fn distance(modifier: &Modifier) -> Option<String> {
    match modifier {
        Modifier::Builtin { value, .. } => {
            if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                let plain = !inner.is_empty()
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".%-_".contains(c));
                return plain.then(|| inner.replace('_', " "));
            }
            if *value == "px" {
                return Some("1px".into());
            }
            if *value == "full" {
                return Some("100%".into());
            }
            if let Some((a, b)) = value.split_once('/') {
                let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
                return (b > 0.0).then(|| format!("{}%", a / b * 100.0));
            }
            let steps: f64 = value.parse().ok()?;
            (steps >= 0.0).then(|| format!("{}rem", steps * 0.25))
        }
        Modifier::Arbitrary { value, .. } => Some(value.to_string()),
    }
}

fn degrees(value: &str) -> Option<String> {
    let n: u32 = value.parse().ok()?;
    (n <= 360).then(|| format!("{n}deg"))
}

macro_rules! modifier_utilities {
    ($($name:ident: $namespace:literal => $variable:literal, $value:expr, $sign:literal);+ $(;)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: |context| ($value)(context.modifier).is_some(),
                handle: |context| {
                    if let Some(value) = ($value)(context.modifier) {
                        generate_wrapper(context, |context| {
                            context.buffer.line(format_args!("{}: {}{value};", $variable, $sign));
                        });
                    }
                },
            });
        )+
        /// Every modifier with a value.
        const MODIFIERS: &[&StaticPlugin] = &[$(&$name),+];
    };
}

fn builtin<'a>(modifier: &Modifier<'a>) -> Option<&'a str> {
    match modifier {
        Modifier::Builtin { value, .. } => Some(value),
        Modifier::Arbitrary { .. } => None,
    }
}

modifier_utilities! {
    FADE_IN: "fade-in" => "--en-enter-opacity", |m| builtin(m).and_then(fraction), "";
    FADE_OUT: "fade-out" => "--en-exit-opacity", |m| builtin(m).and_then(fraction), "";
    ZOOM_IN: "zoom-in" => "--en-enter-scale", |m| builtin(m).and_then(fraction), "";
    ZOOM_OUT: "zoom-out" => "--en-exit-scale", |m| builtin(m).and_then(fraction), "";
    SPIN_IN: "spin-in" => "--en-enter-rotate", |m| builtin(m).and_then(degrees), "";
    SPIN_OUT: "spin-out" => "--en-exit-rotate", |m| builtin(m).and_then(degrees), "";
    SLIDE_IN_TOP: "slide-in-from-top" => "--en-enter-translate-y", distance, "-";
    SLIDE_IN_BOTTOM: "slide-in-from-bottom" => "--en-enter-translate-y", distance, "";
    SLIDE_IN_LEFT: "slide-in-from-left" => "--en-enter-translate-x", distance, "-";
    SLIDE_IN_RIGHT: "slide-in-from-right" => "--en-enter-translate-x", distance, "";
    SLIDE_OUT_TOP: "slide-out-to-top" => "--en-exit-translate-y", distance, "-";
    SLIDE_OUT_BOTTOM: "slide-out-to-bottom" => "--en-exit-translate-y", distance, "";
    SLIDE_OUT_LEFT: "slide-out-to-left" => "--en-exit-translate-x", distance, "-";
    SLIDE_OUT_RIGHT: "slide-out-to-right" => "--en-exit-translate-x", distance, "";
}

/// Adds the animation classes to `config`.
pub fn register(config: &mut encre_css::Config) {
    config.register_plugin(&ENTER_EXIT);
    config.register_plugin(&BARE);
    for plugin in MODIFIERS {
        config.register_plugin(plugin);
    }
}

/// The timing utilities that also time tailwindcss-animate's animations: a class with the
/// name, the transition property encre-css writes, and the animation property it also sets.
const TIMINGS: &[(&str, &str, &str)] = &[
    ("duration-", "transition-duration", "animation-duration"),
    ("delay-", "transition-delay", "animation-delay"),
    (
        "ease-",
        "transition-timing-function",
        "animation-timing-function",
    ),
];

/// In an app that animates with `animate-in` / `animate-out`, `duration-200` (and `delay-*`,
/// `ease-*`) time the animation as well as transitions, as the plugin makes them: shadcn's
/// dialogs write `duration-200` next to `animate-in`.
pub fn apply(utilities: String, sources: &[&str]) -> String {
    let animates = sources
        .iter()
        .any(|s| s.contains("animate-in") || s.contains("animate-out"));
    if !animates {
        return utilities;
    }
    super::edit_declarations(&utilities, String::new(), |selector, declaration| {
        TIMINGS.iter().find_map(|(class, transition, animation)| {
            let value = declaration.strip_prefix(&format!("{transition}: "))?;
            selector
                .contains(class)
                .then(|| vec![declaration.to_string(), format!("{animation}: {value}")])
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_time_the_animations_of_an_app_that_animates() {
        let css = crate::css::stylesheet([
            r#"<div className="data-[state=open]:animate-in duration-200 delay-75 ease-out" />"#,
        ]);
        for expected in [
            "transition-duration: 200ms;\n  animation-duration: 200ms;",
            "animation-delay: 75ms;",
            "animation-timing-function: ",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        let plain = crate::css::stylesheet([r#"<div className="transition duration-200" />"#]);
        assert!(!plain.contains("animation-duration"));
    }

    #[test]
    fn shadcn_enter_and_exit_animations() {
        let css = crate::css::stylesheet([
            r#"<div className="data-[state=open]:animate-in data-[state=closed]:animate-out fade-in-0 fade-out-0 zoom-in-95 zoom-out-95 slide-in-from-top-2 slide-in-from-left-1/2 slide-out-to-right-full slide-in-from-bottom-[48%] spin-in-90 fade-in slide-in-from-top paused" />"#,
        ]);
        for expected in [
            ".data-\\[state\\=open\\]\\:animate-in[data-state=open] {\n  animation-name: enter;\n  animation-duration: 150ms;",
            ".data-\\[state\\=closed\\]\\:animate-out[data-state=closed] {\n  animation-name: exit;",
            "@keyframes enter {\n  from {\n    opacity: var(--en-enter-opacity, 1);",
            "@keyframes exit {\n  to {",
            ".fade-in-0 {\n  --en-enter-opacity: 0;\n}",
            ".fade-out-0 {\n  --en-exit-opacity: 0;\n}",
            ".zoom-in-95 {\n  --en-enter-scale: 0.95;\n}",
            ".zoom-out-95 {\n  --en-exit-scale: 0.95;\n}",
            ".slide-in-from-top-2 {\n  --en-enter-translate-y: -0.5rem;\n}",
            ".slide-in-from-left-1\\/2 {\n  --en-enter-translate-x: -50%;\n}",
            ".slide-out-to-right-full {\n  --en-exit-translate-x: 100%;\n}",
            "--en-enter-translate-y: 48%;",
            ".spin-in-90 {\n  --en-enter-rotate: 90deg;\n}",
            ".fade-in {\n  --en-enter-opacity: 0;\n}",
            ".slide-in-from-top {\n  --en-enter-translate-y: -100%;\n}",
            ".paused {\n  animation-play-state: paused;\n}",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        assert_eq!(css.matches("@keyframes enter").count(), 1, "once");
        assert_eq!(css.matches("@keyframes exit").count(), 1, "once");
    }
}
