//! The `tk` binary: everything lives in the library.

// Listing 100k tickets allocates and frees millions of small strings;
// mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tk::cli::run()
}
