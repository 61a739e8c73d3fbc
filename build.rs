//! Links the release `tk` binary as a position-dependent executable on
//! Linux: a PIE binary of this size carries about 34,000 relocations that
//! the dynamic loader applies on every start (about 250 page faults), and
//! `tk` is started once per command. Measured in docs/performance.md.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if linux && release {
        println!("cargo:rustc-link-arg-bin=tk=-no-pie");
        // The start-up benchmark's hello-world is linked the same way.
        println!("cargo:rustc-link-arg-examples=-no-pie");
    }
}
