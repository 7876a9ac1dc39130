//! The app's stylesheet: Tailwind CSS for the classes its files use ([`tailwind`]), with the
//! Tailwind 3 names encre-css lacks added as plugins ([`compat`]).

mod compat;
mod tailwind;

pub use tailwind::stylesheet;
