//! Pins everything clap prints: the help of every command (`--help`, `-h`,
//! `tk help …`), usage errors and their exit codes, suggestions for
//! unknown commands, and the version. The binary builds only the
//! subcommand it runs (start-up), so each output is compared with what the
//! full command tree (`tk::cli::command()`) renders for the same
//! arguments, and all of them with one snapshot.

use crate::common::TestEnv;

/// Returns the path of names of every command below `cmd`, `cmd` first.
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    out.push(prefix.to_vec());
    for sub in cmd.get_subcommands() {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        command_paths(sub, &path, out);
    }
}

/// Returns every argument list the surface is checked with.
fn cases() -> Vec<Vec<String>> {
    let mut full = tk::cli::command();
    full.build();
    let mut paths = Vec::new();
    command_paths(&full, &[], &mut paths);
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let mut cases = Vec::new();
    for path in &paths {
        let with = |extra: &[&str]| {
            let mut args = path.clone();
            args.extend(owned(extra));
            args
        };
        // clap's own `help` subcommands have no `help` of their own.
        let is_help = path.last().is_some_and(|name| name == "help");
        cases.push(with(&["--help"]));
        cases.push(with(&["-h"]));
        cases.push(with(&["--no-such-flag"]));
        if !is_help && !path.is_empty() {
            let (parent, name) = path.split_at(path.len() - 1);
            let mut help = parent.to_vec();
            help.push("help".to_string());
            help.extend(name.iter().cloned());
            cases.push(help);
        }
        let has_subcommands = find(&full, path).is_some_and(|c| c.has_subcommands());
        if has_subcommands && !path.is_empty() {
            cases.push(path.clone());
            cases.push(with(&["nosuch"]));
        }
    }
    for extra in [
        &[][..],
        &["lst"],
        &["lis"],
        &["--json", "shw", "1"],
        &["-C"],
        &["--color", "sometimes", "list"],
        &["--version"],
        &["-V"],
        &["--json", "--version"],
        &["-q", "-C", "somewhere", "-V"],
        &["--version", "list"],
        &["-V", "--help"],
        &["--no-such-flag", "--version"],
        &["list", "--version"],
        &["team", "add", "--version"],
        &["help"],
        &["help", "nosuch"],
        &["help", "team", "nosuch"],
        &["ls", "--help"],
        &["show"],
        &["comment"],
        &["rate"],
        &["set"],
        &["completions"],
        &["completions", "tcsh"],
        &["list", "--status", "sideways"],
        &["list", "--since", "yesterday-ish"],
        &["--", "list"],
    ] {
        cases.push(owned(extra));
    }
    cases
}

/// Returns the command at `path` below `cmd`.
fn find<'a>(cmd: &'a clap::Command, path: &[String]) -> Option<&'a clap::Command> {
    path.iter()
        .try_fold(cmd, |cmd, name| cmd.find_subcommand(name))
}

#[test]
fn every_help_and_usage_error_matches_the_full_command_tree() {
    let env = TestEnv::without_repo();
    let mut surface = String::new();
    // An output already shown (`help X` is `X --help`) is named, not repeated.
    let mut seen = std::collections::HashMap::new();
    for args in cases() {
        let out = env.tk(&args);
        let mut argv = vec!["tk".to_string()];
        argv.extend(args.iter().cloned());
        let full = tk::cli::command().try_get_matches_from(&argv);
        // Arguments clap accepts run the command; only what clap itself
        // prints is compared with the full tree.
        if let Err(error) = full {
            let expected = error.to_string();
            let (printed, other) = if error.use_stderr() {
                (&out.stderr, &out.stdout)
            } else {
                (&out.stdout, &out.stderr)
            };
            assert_eq!(printed, &expected, "tk {args:?} differs from the full tree");
            assert_eq!(other, "", "tk {args:?} printed on both streams");
            assert_eq!(out.status, error.exit_code(), "exit code of tk {args:?}");
        }
        let line = format!("tk {}", args.join(" "));
        let text = out.to_string();
        match seen.get(&text) {
            Some(first) => surface.push_str(&format!("$ {line}\n(as `{first}`)\n\n")),
            None => {
                surface.push_str(&format!("$ {line}\n{text}\n\n"));
                seen.insert(text, line);
            }
        }
    }
    insta::assert_snapshot!("cli_surface", surface);
}
