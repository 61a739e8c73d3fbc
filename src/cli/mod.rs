//! The command-line interface: arguments, dispatch, prompts, rendering and
//! exit codes. clap, comfy-table and dialoguer are used here and nowhere
//! else. Handlers stay thin: they parse, call one operation of
//! [`crate::ops`] and render; all human output goes through a sanitizing
//! `Doc` (`ui/doc.rs`). Nothing here imports git2.

mod args;
mod commands;
mod config_table;
mod context;
mod error;
mod ids;
mod in_order;
mod input;
mod json;
mod listing;
mod render;
mod ui;
mod written;

pub use error::{CliError, Kind};

use clap::{CommandFactory, FromArgMatches, Parser};
use context::Ctx;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use ui::{ColorChoice, Ui};

/// A git-backed ticket tracker for IT support teams
///
/// Tickets are TOML files committed to a dedicated git ref
/// (refs/heads/tk/tickets), so the history is `git log` and sync is git
/// push and pull. Run `tk new "Printer on 3rd floor jams"` in any git
/// repository to start.
#[derive(Parser, Debug)]
#[command(name = "tk", version, propagate_version = true, max_term_width = 100)]
pub struct Cli<C: clap::Subcommand = commands::Command> {
    #[command(subcommand)]
    command: C,
    /// Print one JSON document on stdout instead of human output
    #[arg(long, global = true)]
    json: bool,
    /// When to use colours
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Never prompt or open an editor; a missing value is an error
    #[arg(long, global = true)]
    no_input: bool,
    /// Print no status messages on stderr
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Run as if tk was started in DIR
    #[arg(short = 'C', global = true, value_name = "DIR")]
    directory: Option<PathBuf>,
}

/// Returns the clap definition, for help, completions, man pages and tests.
pub fn command() -> clap::Command {
    Cli::<commands::Command>::command()
}

/// Parses the process's arguments. When they name a subcommand after
/// nothing but global options, clap is given only that subcommand, with
/// its arguments defined only when it runs (`commands::LazyCommand`,
/// through [`OnlyCommand`]), and no subcommand for `tk --version`:
/// defining all of them, and copying the global options into each, took a
/// large part of every command's start-up. Anything that can print more
/// than that one subcommand's usage (help, an error before a subcommand,
/// suggestions for an unknown one, `tk` alone) parses with the full tree,
/// so every output is the full definition's.
fn parse() -> Result<Cli, clap::Error> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let Some(only) = lazy_subcommand(&args) else {
        return Cli::try_parse_from(args);
    };
    let _ = ONLY.set(only);
    let mut lazy = Cli::<OnlyCommand>::command();
    let mut matches = lazy.try_get_matches_from_mut(args)?;
    let cli =
        Cli::<OnlyCommand>::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut lazy))?;
    Ok(Cli {
        command: cli.command.0.into(),
        json: cli.json,
        color: cli.color,
        no_input: cli.no_input,
        quiet: cli.quiet,
        directory: cli.directory,
    })
}

/// Returns what [`OnlyCommand`] defines for `args` (argv[0] first): the
/// subcommand they name ([`named_subcommand`]), or none for a final
/// `--version`; `None` when they take the full tree. Help lists the
/// global options where the full tree does only when they were copied
/// into every subcommand, so anything that may ask for help takes the
/// full tree.
fn lazy_subcommand(args: &[OsString]) -> Option<Option<clap::Command>> {
    match named_subcommand(args).filter(|_| !asks_for_help(args))? {
        "" => Some(None),
        name => commands::one_subcommand(name).map(Some),
    }
}

/// Returns the name of the subcommand that `args` (argv[0] first) name
/// after nothing but tk's global options, each in a form whose extent is
/// plain, when it is not `help`; or `""` for a final `--version`. Then
/// clap prints nothing about any other subcommand.
fn named_subcommand(args: &[OsString]) -> Option<&str> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let arg = arg.to_str()?;
        match arg {
            "--json" | "--no-input" | "--quiet" | "-q" => {}
            "--color" | "-C" => match rest.next().and_then(|value| value.to_str()) {
                Some(value) if !value.starts_with('-') => {}
                _ => return None,
            },
            _ if arg.starts_with("--color=") || (arg.starts_with("-C") && arg.len() > 2) => {}
            "--version" | "-V" => return rest.next().is_none().then_some(""),
            _ if arg.starts_with('-') => return None,
            name => {
                return (name != "help").then_some(name);
            }
        }
    }
    None
}

/// Returns whether any argument may ask for help: `--help`, `help` (a
/// nested command's), or a cluster of short options with an `h` (a value
/// that looks like one only costs the full tree's time).
fn asks_for_help(args: &[OsString]) -> bool {
    args.iter().skip(1).any(|arg| {
        let arg = arg.as_encoded_bytes();
        let short = arg.first() == Some(&b'-') && arg.get(1) != Some(&b'-');
        arg == b"--help" || arg == b"help" || (short && arg.contains(&b'h'))
    })
}

/// The subcommand [`OnlyCommand`] defines (none for `tk --version`).
static ONLY: std::sync::OnceLock<Option<clap::Command>> = std::sync::OnceLock::new();

/// tk's subcommands as clap sees them when the arguments name one
/// ([`named_subcommand`]): only that one is defined, deferred
/// ([`commands::one_subcommand`]), so clap neither builds the others nor
/// copies the global options into each of them.
#[derive(Debug)]
struct OnlyCommand(commands::LazyCommand);

impl clap::Subcommand for OnlyCommand {
    fn augment_subcommands(root: clap::Command) -> clap::Command {
        match ONLY.get() {
            Some(Some(only)) => root.subcommand(only.clone()),
            _ => root,
        }
    }

    fn augment_subcommands_for_update(root: clap::Command) -> clap::Command {
        Self::augment_subcommands(root)
    }

    fn has_subcommand(name: &str) -> bool {
        commands::LazyCommand::has_subcommand(name)
    }
}

impl FromArgMatches for OnlyCommand {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        commands::LazyCommand::from_arg_matches(matches).map(OnlyCommand)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

/// Runs tk with the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    install_panic_hook();
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => {
            let ui = Ui::new(ColorChoice::Auto, false, false, true);
            // A ticket prefix is typed (`TicketPrefix`), so clap checks it;
            // its errors keep tk's own message and exit code (2 for too
            // short, 3 for a prefix no ticket can match).
            if let Some(id_error) = id_error(&e) {
                return error::report(&ui, &CliError::from(id_error.clone()));
            }
            // clap prints help and version on stdout with exit 0, and usage
            // errors on stderr with exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let ui = Ui::new(cli.color, cli.quiet, cli.json, cli.no_input);
    match execute(&ui, &cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => error::report(&ui, &error),
    }
}

/// Returns the ticket id error behind a clap error, if that is what it is.
fn id_error(error: &clap::Error) -> Option<&crate::model::IdError> {
    if error.kind() != clap::error::ErrorKind::ValueValidation {
        return None;
    }
    std::error::Error::source(error)?.downcast_ref()
}

/// Makes a panic end the process the documented way: `internal error:`
/// on stderr with a request to report it, and exit code 255 (not Rust's
/// 101 with a backtrace), so scripts can tell a bug from a failure.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        ui::panic_report(&internal_error_text(&info.to_string()));
        std::process::exit(255);
    }));
}

/// Returns what a panic prints: the panic on one line, control characters
/// neutralized (it may quote ticket text), then the request to report it.
fn internal_error_text(panic: &str) -> String {
    let line: String = panic
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "internal error: {line}\nhint: this is a bug in tk; please report it with the command you ran and this message\n"
    )
}

fn execute(ui: &Ui, cli: &Cli) -> Result<(), CliError> {
    let settings = crate::config::Settings::from_env()?;
    let dir = match &cli.directory {
        Some(dir) => dir.clone(),
        None => std::env::current_dir()?,
    };
    let ctx = Ctx::new(dir, settings);
    commands::dispatch(ui, &ctx, &cli.command)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_prints_internal_error_on_one_line_and_asks_for_a_report() {
        let text = super::internal_error_text("panicked at src/merge.rs:51:10:\nboom\x1b[31m");
        assert_eq!(
            text,
            "internal error: panicked at src/merge.rs:51:10: boom [31m\n\
             hint: this is a bug in tk; please report it with the command you ran and this message\n"
        );
    }

    #[test]
    fn verify_cli() {
        super::command().debug_assert();
    }

    #[test]
    fn verify_lazy_cli() {
        use clap::CommandFactory;
        super::Cli::<super::commands::LazyCommand>::command().debug_assert();
        let _ = super::ONLY.set(super::commands::one_subcommand("list"));
        super::Cli::<super::OnlyCommand>::command().debug_assert();
    }

    #[test]
    fn one_subcommand_is_the_lazy_trees_own_for_each_name_and_alias() {
        let all = <super::commands::LazyCommand as clap::Subcommand>::augment_subcommands(
            clap::Command::new("tk"),
        );
        let text = |s: Option<&clap::builder::StyledStr>| s.map(ToString::to_string);
        for lazy in all.get_subcommands() {
            let names = std::iter::once(lazy.get_name()).chain(lazy.get_all_aliases());
            for name in names {
                let one = super::commands::one_subcommand(name).expect("every name defines one");
                assert_eq!(one.get_name(), lazy.get_name(), "{name}");
                assert_eq!(text(one.get_about()), text(lazy.get_about()), "{name}");
                assert_eq!(
                    text(one.get_long_about()),
                    text(lazy.get_long_about()),
                    "{name}"
                );
                let aliases =
                    |c: &clap::Command| c.get_all_aliases().map(str::to_owned).collect::<Vec<_>>();
                assert_eq!(aliases(&one), aliases(lazy), "{name}");
                let subcommands = |c: &clap::Command| {
                    c.get_subcommands()
                        .map(|s| s.get_name().to_owned())
                        .collect::<Vec<_>>()
                };
                assert_eq!(subcommands(&one), subcommands(lazy), "{name}");
            }
        }
        assert!(super::commands::one_subcommand("").is_none());
        assert!(super::commands::one_subcommand("lst").is_none());
    }

    #[test]
    fn only_a_named_subcommand_or_the_version_after_global_options_takes_the_lazy_tree() {
        let names = |args: &str| {
            let args: Vec<_> = std::iter::once("tk")
                .chain(args.split_whitespace())
                .map(std::ffi::OsString::from)
                .collect();
            super::named_subcommand(&args).is_some_and(|name| {
                name.is_empty() || super::commands::one_subcommand(name).is_some()
            })
        };
        for lazy in [
            "list",
            "ls --all",
            "team add x",
            "--json show 1",
            "-q --no-input --quiet new t",
            "-C dir list",
            "-Cdir list",
            "--color never list",
            "--color=never list --help",
            "--version",
            "-V",
            "--json -C dir --version",
        ] {
            assert!(names(lazy), "tk {lazy} names a subcommand");
        }
        for full in [
            "",
            "--help",
            "-h",
            "--version list",
            "-V --help",
            "help",
            "help list",
            "lst",
            "-- list",
            "-C",
            "-C --help list",
            "--color",
            "--color -h list",
            "-qC dir list",
            "--no-such-flag list",
        ] {
            assert!(!names(full), "tk {full} takes the full tree");
        }
    }
}
