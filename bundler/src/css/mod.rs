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

pub use tailwind::stylesheet;
