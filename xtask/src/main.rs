//! Build tasks for ladder; see `cargo xtask editor`.

fn main() {}
