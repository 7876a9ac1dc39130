//! The app's stylesheet: Tailwind CSS for the classes its files use ([`tailwind`]), with the
//! Tailwind 3 names encre-css lacks added as plugins ([`compat`]) and the `tailwindcss-animate`
//! classes shadcn/ui uses ([`animate`]), Tailwind 4's bare variant names ([`variants`]), Tailwind
//! 3's `bg-opacity-*` ([`legacy_opacity`]), gradient stop positions ([`gradient_positions`]),
//! and a class scanner that keeps quotes inside
//! arbitrary values ([`scanner`]).

mod animate;
mod compat;
mod gradient_positions;
mod legacy_opacity;
mod scanner;
mod tailwind;
mod variants;

pub use scanner::candidates;
pub use tailwind::stylesheet;

/// Rewrites generated CSS one declaration at a time, for the compat modules whose utilities
/// change how encre-css's own rules read (`bg-opacity-*`, stop positions, animation timing):
/// `edit(selector, declaration)` sees each declaration with its rule's selector and returns the
/// declarations to write instead (indented as the original), or `None` to keep it. `out` holds
/// what goes before the rules (`@property` blocks).
fn edit_declarations(
    css: &str,
    mut out: String,
    mut edit: impl FnMut(&str, &str) -> Option<Vec<String>>,
) -> String {
    let mut selector = "";
    for line in css.lines() {
        let trimmed = line.trim_start();
        if trimmed.ends_with('{') && !trimmed.starts_with('@') {
            selector = trimmed;
        }
        match edit(selector, trimmed) {
            Some(declarations) => {
                let indent = &line[..line.len() - trimmed.len()];
                for declaration in declarations {
                    out.push_str(indent);
                    out.push_str(&declaration);
                    out.push('\n');
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
