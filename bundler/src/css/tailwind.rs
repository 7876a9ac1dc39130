//! Tailwind CSS for exactly the utility classes an app's files mention, with Tailwind's
//! preflight, generated in process by `encre-css` (no CDN script, no network, no Node).
//!
//! shadcn/ui-style code uses theme tokens (`bg-primary`, `text-muted-foreground`,
//! `border-input`, `ring-ring`, …): each is a color that reads a CSS variable, and an app that
//! uses any of them also gets the variables with shadcn's default light theme on `:root` and
//! dark theme on `.dark`, plus shadcn's base layer (border and outline colors, page colors).
//! `rounded-sm` … `rounded-xl` follow the theme's `--radius` when the theme is there, and such
//! an app's `dark:` variants follow the `.dark` class.

/// Token name → the CSS variable it reads.
const TOKENS: &[&str] = &[
    "background",
    "foreground",
    "card",
    "card-foreground",
    "popover",
    "popover-foreground",
    "primary",
    "primary-foreground",
    "secondary",
    "secondary-foreground",
    "muted",
    "muted-foreground",
    "accent",
    "accent-foreground",
    "destructive",
    "destructive-foreground",
    "border",
    "input",
    "ring",
    "chart-1",
    "chart-2",
    "chart-3",
    "chart-4",
    "chart-5",
    "sidebar",
    "sidebar-foreground",
    "sidebar-primary",
    "sidebar-primary-foreground",
    "sidebar-accent",
    "sidebar-accent-foreground",
    "sidebar-border",
    "sidebar-ring",
];

/// shadcn/ui's default ("neutral") theme values, light then dark.
const THEME: &str = ":root {
  --radius: 0.625rem;
  --radius-sm: calc(var(--radius) - 4px);
  --radius-md: calc(var(--radius) - 2px);
  --radius-lg: var(--radius);
  --radius-xl: calc(var(--radius) + 4px);
  --background: oklch(1 0 0);
  --foreground: oklch(0.145 0 0);
  --card: oklch(1 0 0);
  --card-foreground: oklch(0.145 0 0);
  --popover: oklch(1 0 0);
  --popover-foreground: oklch(0.145 0 0);
  --primary: oklch(0.205 0 0);
  --primary-foreground: oklch(0.985 0 0);
  --secondary: oklch(0.97 0 0);
  --secondary-foreground: oklch(0.205 0 0);
  --muted: oklch(0.97 0 0);
  --muted-foreground: oklch(0.556 0 0);
  --accent: oklch(0.97 0 0);
  --accent-foreground: oklch(0.205 0 0);
  --destructive: oklch(0.577 0.245 27.325);
  --destructive-foreground: oklch(0.985 0 0);
  --border: oklch(0.922 0 0);
  --input: oklch(0.922 0 0);
  --ring: oklch(0.708 0 0);
  --chart-1: oklch(0.646 0.222 41.116);
  --chart-2: oklch(0.6 0.118 184.704);
  --chart-3: oklch(0.398 0.07 227.392);
  --chart-4: oklch(0.828 0.189 84.429);
  --chart-5: oklch(0.769 0.188 70.08);
  --sidebar: oklch(0.985 0 0);
  --sidebar-foreground: oklch(0.145 0 0);
  --sidebar-primary: oklch(0.205 0 0);
  --sidebar-primary-foreground: oklch(0.985 0 0);
  --sidebar-accent: oklch(0.97 0 0);
  --sidebar-accent-foreground: oklch(0.205 0 0);
  --sidebar-border: oklch(0.922 0 0);
  --sidebar-ring: oklch(0.708 0 0);
}

.dark {
  --background: oklch(0.145 0 0);
  --foreground: oklch(0.985 0 0);
  --card: oklch(0.205 0 0);
  --card-foreground: oklch(0.985 0 0);
  --popover: oklch(0.205 0 0);
  --popover-foreground: oklch(0.985 0 0);
  --primary: oklch(0.922 0 0);
  --primary-foreground: oklch(0.205 0 0);
  --secondary: oklch(0.269 0 0);
  --secondary-foreground: oklch(0.985 0 0);
  --muted: oklch(0.269 0 0);
  --muted-foreground: oklch(0.708 0 0);
  --accent: oklch(0.269 0 0);
  --accent-foreground: oklch(0.985 0 0);
  --destructive: oklch(0.704 0.191 22.216);
  --destructive-foreground: oklch(0.985 0 0);
  --border: oklch(1 0 0 / 10%);
  --input: oklch(1 0 0 / 15%);
  --ring: oklch(0.556 0 0);
  --chart-1: oklch(0.488 0.243 264.376);
  --chart-2: oklch(0.696 0.17 162.48);
  --chart-3: oklch(0.769 0.188 70.08);
  --chart-4: oklch(0.627 0.265 303.9);
  --chart-5: oklch(0.645 0.246 16.439);
  --sidebar: oklch(0.205 0 0);
  --sidebar-foreground: oklch(0.985 0 0);
  --sidebar-primary: oklch(0.488 0.243 264.376);
  --sidebar-primary-foreground: oklch(0.985 0 0);
  --sidebar-accent: oklch(0.269 0 0);
  --sidebar-accent-foreground: oklch(0.985 0 0);
  --sidebar-border: oklch(1 0 0 / 10%);
  --sidebar-ring: oklch(0.556 0 0);
}

*, ::before, ::after {
  border-color: var(--border);
  outline-color: color-mix(in oklab, var(--ring) 50%, transparent);
}

body {
  background-color: var(--background);
  color: var(--foreground);
}
";

/// shadcn's radius scale: `rounded-lg` is the theme's `--radius`, the other sizes steps from it.
/// Without the theme, Tailwind's own sizes apply (the fallbacks).
const RADIUS: encre_css::prelude::build_plugin::StaticPlugin = {
    use encre_css::prelude::build_plugin::*;
    Plugin::ListProperties(ListProperties {
        props: map! {
            "rounded-sm" => &["border-radius: var(--radius-sm, 0.25rem);"],
            "rounded-md" => &["border-radius: var(--radius-md, 0.375rem);"],
            "rounded-lg" => &["border-radius: var(--radius-lg, 0.5rem);"],
            "rounded-xl" => &["border-radius: var(--radius-xl, 0.75rem);"],
        },
        ..ListProperties::default()
    })
};

/// Utilities only: the preflight is added apart, so the theme's base layer can sit between.
fn utilities_config() -> encre_css::Config {
    let mut config = encre_css::Config::default();
    config.preflight = encre_css::Preflight::new_none();
    super::compat::register(&mut config);
    super::animate::register(&mut config);
    super::variants::register(&mut config);
    super::legacy_opacity::register(&mut config);
    super::gradient_positions::register(&mut config);
    config.scanner = super::scanner::scanner();
    config.register_plugin(&RADIUS);
    for token in TOKENS {
        config.theme.colors.add(*token, format!("var(--{token})"));
    }
    config
}

/// The stylesheet for these source texts (TSX, TS, JS; class names are found anywhere in them,
/// as Tailwind's own scanner does).
pub fn stylesheet<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    static PREFLIGHT: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| encre_css::generate([], &encre_css::Config::default()));
    static UTILITIES: std::sync::LazyLock<encre_css::Config> =
        std::sync::LazyLock::new(utilities_config);
    static UTILITIES_DARK_CLASS: std::sync::LazyLock<encre_css::Config> =
        std::sync::LazyLock::new(|| {
            let mut config = utilities_config();
            config.theme.dark_mode = encre_css::config::DarkMode::new_class(".dark");
            config
        });
    let sources: Vec<&str> = sources.into_iter().collect();
    let mut utilities = encre_css::generate(sources.iter().copied(), &UTILITIES);
    let uses_tokens = TOKENS
        .iter()
        .any(|token| utilities.contains(&format!("var(--{token})")));
    // An app on the theme switches to dark with the `.dark` class, as shadcn's do: its `dark:`
    // variants follow that class, like the theme's variables, not the system setting.
    if uses_tokens && utilities.contains("prefers-color-scheme: dark") {
        utilities = encre_css::generate(sources.iter().copied(), &UTILITIES_DARK_CLASS);
    }
    let utilities = super::legacy_opacity::apply(utilities, &sources);
    let utilities = super::gradient_positions::apply(utilities, &sources);
    let utilities = super::animate::apply(utilities, &sources);
    // Preflight, then the theme (its base layer must follow the preflight's `border: 0 solid`),
    // then the utilities, which win by coming last.
    let theme = if uses_tokens { THEME } else { "" };
    format!(
        "{}
{theme}
{utilities}",
        PREFLIGHT.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_used_utilities_and_the_preflight_only() {
        let css = stylesheet(["<div className=\"flex p-4 rounded-lg\">x</div>"]);
        assert!(css.contains(".flex {"), "{css}");
        assert!(css.contains(".p-4 {"));
        assert!(css.contains(".rounded-lg {"));
        assert!(!css.contains(".grid {"), "unused utilities are not emitted");
        assert!(
            css.contains("box-sizing: border-box"),
            "preflight is included"
        );
        assert!(!css.contains("--primary"), "no theme without tokens");
    }

    #[test]
    fn dark_variants_follow_the_dark_class_in_apps_on_the_theme_and_the_system_elsewhere() {
        let themed = stylesheet(["<p className=\"bg-background dark:text-muted-foreground\" />"]);
        assert!(
            themed.contains(".dark .dark\\:text-muted-foreground {"),
            "{themed}"
        );
        assert!(!themed.contains("prefers-color-scheme"));
        let plain = stylesheet(["<p className=\"bg-white dark:text-white\" />"]);
        assert!(
            plain.contains("@media (prefers-color-scheme: dark)"),
            "{plain}"
        );
    }

    #[test]
    fn radius_sizes_read_the_theme_radius_with_tailwind_s_as_fallback() {
        let css = stylesheet([
            "<div className=\"rounded-lg hover:rounded-md rounded-xl rounded-full\" />",
        ]);
        assert!(
            css.contains(".rounded-lg {\n  border-radius: var(--radius-lg, 0.5rem);\n}"),
            "{css}"
        );
        assert!(css
            .contains(".hover\\:rounded-md:hover {\n  border-radius: var(--radius-md, 0.375rem);"));
        assert!(css.contains(".rounded-xl {\n  border-radius: var(--radius-xl, 0.75rem);\n}"));
        assert!(css.contains(".rounded-full {\n  border-radius: 9999px;"));
        assert_eq!(
            css.matches(".rounded-lg {").count(),
            1,
            "one rule per class"
        );
        assert!(
            !css.contains("--primary"),
            "radius alone does not pull in the theme"
        );
    }

    #[test]
    fn theme_tokens_read_the_shadcn_variables() {
        let css = stylesheet([
            "<button className=\"bg-primary text-primary-foreground hover:bg-primary/90 border-input ring-ring text-muted-foreground\" />",
        ]);
        assert!(css.contains("background-color: var(--primary)"), "{css}");
        assert!(css.contains("color: var(--muted-foreground)"));
        assert!(css.contains("border-color: var(--input)"));
        assert!(css.contains("color-mix(in oklab, var(--primary) 90%, transparent)"));
        assert!(css.contains(":root {\n  --radius: 0.625rem;"));
        assert!(css.contains("--radius-lg: var(--radius);"));
        assert!(css.contains(".dark {\n  --background: oklch(0.145 0 0);"));
        let preflight = css.find("box-sizing: border-box").unwrap();
        let base = css.find("border-color: var(--border)").unwrap();
        let utility = css.find(".bg-primary {").unwrap();
        assert!(
            preflight < base && base < utility,
            "preflight, theme, utilities"
        );
    }
}
