//! Measures AST nesting without overflowing the stack, so that trees too deep for swc's
//! recursive transforms are refused with `too-deep` before they reach them.
//!
//! The bracket scan in `nesting` stops most deep input before parsing; this catches what it
//! cannot see, such as 100 000 chained `a + a + …` (a left-deep tree with no brackets).

use swc_core::common::Span;
use swc_core::ecma::ast::{Expr, JSXElement, Module, Stmt};
use swc_core::ecma::visit::{Visit, VisitWith};

/// Deepest expression/statement/JSX nesting handed to the transforms.
pub const MAX_AST_DEPTH: usize = 2_000;

/// Returns the span of the first node nested deeper than [`MAX_AST_DEPTH`].
pub fn find_too_deep(module: &Module) -> Option<Span> {
    let mut meter = DepthMeter {
        depth: 0,
        found: None,
    };
    module.visit_with(&mut meter);
    meter.found
}

struct DepthMeter {
    depth: usize,
    found: Option<Span>,
}

impl DepthMeter {
    fn enter<N: VisitWith<Self>>(&mut self, node: &N, span: impl FnOnce() -> Span) {
        if self.found.is_some() {
            return;
        }
        if self.depth >= MAX_AST_DEPTH {
            self.found = Some(span());
            return;
        }
        self.depth += 1;
        // The meter itself recurses; grow the stack on demand instead of overflowing it.
        stacker::maybe_grow(256 * 1024, 4 * 1024 * 1024, || {
            node.visit_children_with(self)
        });
        self.depth -= 1;
    }
}

impl Visit for DepthMeter {
    fn visit_expr(&mut self, expr: &Expr) {
        self.enter(expr, || swc_core::common::Spanned::span(expr));
    }

    fn visit_stmt(&mut self, stmt: &Stmt) {
        self.enter(stmt, || swc_core::common::Spanned::span(stmt));
    }

    fn visit_jsx_element(&mut self, element: &JSXElement) {
        self.enter(element, || element.span);
    }
}
