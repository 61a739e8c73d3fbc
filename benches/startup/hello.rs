//! A hello-world built with tk's release profile and link flags (see
//! `build.rs`), the yardstick of `cargo bench --bench startup`.

fn main() {
    println!("hello, world");
}
