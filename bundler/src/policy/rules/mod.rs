//! One file per rule. Import rules build the diagnostic for a judged specifier; pattern rules
//! implement [`super::PatternRule`].

pub mod eval;
pub mod file_not_found;
pub mod function_constructor;
pub mod import_aliased;
pub mod import_blocked;
pub mod import_not_allowed;
pub mod node_builtin;
pub mod non_literal_import;
pub mod string_timer;
pub mod unknown_export;
pub mod url_import;

use super::PatternRule;

/// Every pattern rule, in reporting order.
pub fn pattern_rules() -> Vec<Box<dyn PatternRule>> {
    vec![
        Box::new(eval::NoEval),
        Box::new(function_constructor::NoFunctionConstructor),
        Box::new(string_timer::NoStringTimer),
    ]
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
