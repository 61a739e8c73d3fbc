//! The `tk` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    tk::cli::run()
}
