//! Gradient stop positions (`from-10% via-30% to-90%`), which encre-css does not generate: each
//! sets a position variable (registered with `@property`, not inherited, defaulting to where the
//! stop sits anyway), and when an app uses one, the stop lists its `from-*` and `via-*` rules
//! build read those positions.

use encre_css::prelude::build_plugin::*;

/// A stop position: `10%`, `0%`, `100%`.
fn position(context: &ContextCanHandle) -> bool {
    matches!(context.modifier, Modifier::Builtin { value, .. } if percent(value).is_some())
}

fn percent(value: &str) -> Option<u8> {
    value
        .strip_suffix('%')?
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= 100)
}

macro_rules! position_utilities {
    ($($name:ident: $namespace:literal => $variable:literal),+ $(,)?) => {
        $(
            const $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $namespace,
                can_handle: position,
                handle: |context| {
                    if let Modifier::Builtin { value, .. } = context.modifier {
                        if let Some(n) = percent(value) {
                            generate_wrapper(context, |context| {
                                context.buffer.line(format_args!("{}: {n}%;", $variable));
                            });
                        }
                    }
                },
            });
        )+
        const UTILITIES: &[&StaticPlugin] = &[$(&$name),+];
    };
}

position_utilities! {
    FROM: "from" => "--en-gradient-from-position",
    VIA: "via" => "--en-gradient-via-position",
    TO: "to" => "--en-gradient-to-position",
}

/// Adds the position utilities to `config`.
pub fn register(config: &mut encre_css::Config) {
    for plugin in UTILITIES {
        config.register_plugin(plugin);
    }
}

const PROPERTIES: &str = "@property --en-gradient-from-position {
  syntax: \"<length-percentage>\";
  inherits: false;
  initial-value: 0%;
}

@property --en-gradient-via-position {
  syntax: \"<length-percentage>\";
  inherits: false;
  initial-value: 50%;
}

@property --en-gradient-to-position {
  syntax: \"<length-percentage>\";
  inherits: false;
  initial-value: 100%;
}

";

const FROM_STOPS: &str = "var(--en-gradient-from), var(--en-gradient-to, transparent);";
const POSITIONED_FROM_STOPS: &str = "var(--en-gradient-from) var(--en-gradient-from-position), var(--en-gradient-to, transparent) var(--en-gradient-to-position);";

/// Makes the stop lists of `utilities` read the positions, when a source uses one.
pub fn apply(utilities: String, sources: &[&str]) -> String {
    let uses_positions = ["from-", "via-", "to-"].iter().any(|prefix| {
        sources.iter().any(|source| {
            source.match_indices(prefix).any(|(at, _)| {
                let rest = &source[at + prefix.len()..];
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                digits > 0 && rest[digits..].starts_with('%')
            })
        })
    });
    if !uses_positions {
        return utilities;
    }
    super::edit_declarations(&utilities, String::from(PROPERTIES), |_, declaration| {
        let stops = declaration.strip_prefix("--en-gradient-stops: ")?;
        if stops == FROM_STOPS {
            return Some(vec![format!(
                "--en-gradient-stops: {POSITIONED_FROM_STOPS}"
            )]);
        }
        // A `via-*` rule: from, the via color, to.
        let via = stops
            .strip_prefix("var(--en-gradient-from), ")?
            .strip_suffix(", var(--en-gradient-to, transparent);")?;
        Some(vec![format!(
            "--en-gradient-stops: var(--en-gradient-from) var(--en-gradient-from-position), {via} var(--en-gradient-via-position), var(--en-gradient-to, transparent) var(--en-gradient-to-position);"
        )])
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn stops_take_their_positions() {
        let css = crate::css::stylesheet([
            r#"<div className="bg-gradient-to-r from-sky-500 from-10% via-indigo-500 via-30% to-emerald-500 to-90%" />"#,
        ]);
        for expected in [
            ".from-10\\% {\n  --en-gradient-from-position: 10%;\n}",
            ".via-30\\% {\n  --en-gradient-via-position: 30%;\n}",
            ".to-90\\% {\n  --en-gradient-to-position: 90%;\n}",
            "@property --en-gradient-via-position {",
            "--en-gradient-stops: var(--en-gradient-from) var(--en-gradient-from-position), var(--en-gradient-to, transparent) var(--en-gradient-to-position);",
            "--en-gradient-stops: var(--en-gradient-from) var(--en-gradient-from-position), oklch(58.5% .233 277.117) var(--en-gradient-via-position), var(--en-gradient-to, transparent) var(--en-gradient-to-position);",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
        let plain = crate::css::stylesheet([r#"<div className="from-sky-500 to-emerald-500" />"#]);
        assert!(!plain.contains("gradient-from-position"));
    }
}
