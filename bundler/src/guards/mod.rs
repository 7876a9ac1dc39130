//! Input guards that keep hostile input away from swc's recursion: a bracket scan before the
//! parser ([`nesting`]) and an AST depth meter before the transforms ([`depth`]).

pub mod depth;
pub mod nesting;
