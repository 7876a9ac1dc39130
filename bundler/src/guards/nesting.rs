//! A cheap scan that refuses absurdly deep nesting before the recursive-descent parser sees it,
//! so that 100 000 nested parentheses give a `too-deep` diagnostic instead of a stack overflow.

/// Deepest bracket + JSX nesting accepted. Real generated apps stay far below 200.
pub const MAX_NESTING: usize = 1_000;

/// Returns the byte offset where nesting first exceeds [`MAX_NESTING`], if it does.
///
/// Counts `(`, `[`, `{` and JSX-looking tags (`<Name`, `<>` opens; `</`, `/>` closes), skipping
/// strings and comments. It over-approximates on purpose (a regex literal full of brackets
/// counts), which only matters for input that is pathological anyway.
pub fn find_excessive_nesting(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'<' => {
                let prev_is_operand = i > 0
                    && (bytes[i - 1].is_ascii_alphanumeric()
                        || matches!(bytes[i - 1], b'_' | b')' | b']'));
                match bytes.get(i + 1) {
                    Some(b'/') => depth = depth.saturating_sub(1),
                    Some(c) if !prev_is_operand && (c.is_ascii_alphabetic() || *c == b'>') => {
                        depth += 1
                    }
                    _ => {}
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'>') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_code() {
        let code = "const a = (b < c) ? [1, 2] : { d: '(((' };\nconst x = <div><span>{a}</span><br/></div>;";
        assert_eq!(find_excessive_nesting(code), None);
        let jsx_siblings = "<ul>".to_string() + &"<li>x</li>".repeat(5_000) + "</ul>";
        assert_eq!(find_excessive_nesting(&jsx_siblings), None);
    }

    #[test]
    fn flags_deep_parentheses_and_jsx() {
        let parens = "(".repeat(10_000) + &")".repeat(10_000);
        assert_eq!(find_excessive_nesting(&parens), Some(MAX_NESTING));
        let jsx = "<div>".repeat(10_000) + &"</div>".repeat(10_000);
        assert!(find_excessive_nesting(&jsx).is_some());
    }
}
