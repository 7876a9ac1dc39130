//! Where class names are in a source text. encre-css's own scanner cuts at every quote, which
//! breaks the classes that hold quotes inside their arbitrary value (`content-['✓']`,
//! `before:content-[""]`, shadcn's `[&_svg:not([class*='size-'])]:size-4`). This one cuts at
//! quotes only outside such a value; a bracket opens one when it follows `-`, `:`, `/` or `!`
//! (`w-[`, `hover:[`, `/[.3]`), or starts a name and is not a JavaScript array of strings.
//!
//! encre-css's variant groups (`(hover,focus):m-1`, `hover:(m-1,p-2)`) are not Tailwind, and
//! each group multiplies the selectors one class expands to: 20 groups of two in a 300-byte
//! class took 25 s and 2.5 GB. No Tailwind app writes them, so such names are not candidates.

use std::collections::BTreeSet;

/// The scanner for encre-css's config.
pub fn scanner() -> encre_css::Scanner {
    encre_css::Scanner::from_fn(candidates)
}

/// Every possible class name in `text`.
pub fn candidates(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let cut = c.is_whitespace() || (depth == 0 && matches!(c, '"' | '\'' | '`' | '\\'));
        if cut {
            if at > start {
                insert_class(&mut found, &text[start..at]);
            }
            start = at + c.len_utf8();
            depth = 0;
            previous = None;
            continue;
        }
        match c {
            '[' => {
                let next = chars.peek().map(|&(_, n)| n);
                let opens = match previous {
                    Some(p) => matches!(p, '-' | ':' | '/' | '!') || depth > 0,
                    None => next.is_some_and(|n| {
                        !(n.is_ascii_digit()
                            || n.is_whitespace()
                            || matches!(n, '"' | '\'' | '`' | ']' | '[' | '{' | '(' | ','))
                    }),
                };
                if opens {
                    depth += 1;
                }
            }
            ']' if depth > 0 => depth -= 1,
            _ => {}
        }
        previous = Some(c);
    }
    if start < text.len() {
        insert_class(&mut found, &text[start..]);
    }
    found
}

fn insert_class<'a>(found: &mut BTreeSet<&'a str>, name: &'a str) {
    if !uses_variant_group(name) {
        found.insert(name);
    }
}

/// A `(` outside brackets that starts a part of the name (at its start or after a variant's
/// `:`) opens an encre-css group; Tailwind's own parentheses follow a `-` (`bg-(--brand)`) or sit
/// inside an arbitrary value (`w-[calc(100%-2rem)]`).
fn uses_variant_group(name: &str) -> bool {
    let mut brackets = 0usize;
    let mut previous = None;
    for c in name.chars() {
        match c {
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            '(' if brackets == 0 && matches!(previous, None | Some(':' | '!' | ',' | '(')) => {
                return true;
            }
            _ => {}
        }
        previous = Some(c);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_arbitrary_values_stay_in_the_class() {
        let found = candidates(
            r#"<li className="before:content-['✓'] after:content-[""] [&_svg:not([class*='size-'])]:size-4 p-2">"#,
        );
        for class in [
            "before:content-['✓']",
            r#"after:content-[""]"#,
            "[&_svg:not([class*='size-'])]:size-4",
            "p-2",
        ] {
            assert!(found.contains(class), "{class} in {found:?}");
        }
    }

    #[test]
    fn javascript_around_classes_still_splits_at_quotes() {
        let found = candidates(
            r#"const sizes = ["px-2", "py-1"]; const [open, setOpen] = useState(false); cn({"bg-red-500": on}, items[0] && 'font-bold', `mt-${n}`)"#,
        );
        for class in ["px-2", "py-1", "bg-red-500", "font-bold"] {
            assert!(found.contains(class), "{class} in {found:?}");
        }
    }

    #[test]
    fn encre_variant_groups_are_not_candidates_but_tailwind_parentheses_are() {
        let found = candidates(
            "(hover,focus):m-1 hover:(m-1,p-2) !(m-1) sm:!(p-2) bg-(--brand) w-[calc(100%-2rem)] \
             [&:is(h1,h2)]:font-bold max-[calc(40rem)]:hidden",
        );
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                "[&:is(h1,h2)]:font-bold",
                "bg-(--brand)",
                "max-[calc(40rem)]:hidden",
                "w-[calc(100%-2rem)]",
            ]
        );
    }

    #[test]
    fn generated_css_has_the_quoted_classes() {
        let css = crate::css::stylesheet([
            r#"<p className="before:content-['*'] after:content-[''] [&_svg:not([class*='size-'])]:size-4">x</p>"#,
        ]);
        for expected in [
            "content: '*';",
            ".\\[\\&_svg\\:not\\(\\[class\\*\\=\\'size-\\'\\]\\)\\]\\:size-4 svg:not([class*='size-']) {",
        ] {
            assert!(css.contains(expected), "{expected}\nnot in\n{css}");
        }
    }
}
