//! The `tk` binary: everything lives in the library.

// Listing 100k tickets allocates and frees millions of small strings;
// mimalloc does that markedly faster than the system allocator (19 % less
// CPU for `tk list` at 100k), which would start every command about
// 0.35 ms sooner: docs/performance.md, start-up.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tk::cli::run()
}
