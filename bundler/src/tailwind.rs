//! Tailwind CSS for exactly the utility classes an app's files mention, with Tailwind's
//! preflight, generated in process by `encre-css` (no CDN script, no network, no Node).

/// The stylesheet for these source texts (TSX, TS, JS; class names are found anywhere in them,
/// as Tailwind's own scanner does).
pub fn stylesheet<'a>(sources: impl IntoIterator<Item = &'a str>) -> String {
    let config = encre_css::Config::default();
    encre_css::generate(sources, &config)
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
    }
}
