//! Placeholder until the extraction benchmark lands.
fn main() {}
