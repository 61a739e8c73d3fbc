//! The layering rules, checked by reading the imports of every file under
//! `src/`: git2 only in `store/`; clap, comfy-table and dialoguer only in
//! `cli/`; the pure modules (model, codec, merge, sla, report, search, team) use no
//! I/O and none of the modules that do it. A rule a machine checks stays
//! true; docs/architecture.md describes the same rules.

use std::path::{Path, PathBuf};

/// One source file: its path relative to `src/`, and its code with
/// comments removed (so prose about git2 does not count as a use of it).
struct Source {
    path: String,
    code: String,
}

fn sources() -> Vec<Source> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let path = file
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            Source {
                path,
                code: strip_comments(&text),
            }
        })
        .collect()
}

/// Removes `//` comments (doc comments included). String literals are
/// kept, so a `"//"` inside one ends the line early: that only hides
/// code, it never invents a use.
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Returns whether `code` uses the path root `name` (`name::…`, `use name`,
/// `extern crate name`) as a whole word.
fn uses(code: &str, name: &str) -> bool {
    let bytes = code.as_bytes();
    code.match_indices(name).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i] as char);
        let after = &code[at + name.len()..];
        let word_start = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let path = after.starts_with("::");
        let imported = after.starts_with(';') || after.starts_with(" as ");
        let preceded_by_use = code[..at].trim_end().ends_with("use")
            || code[..at].trim_end().ends_with("extern crate");
        word_start && (path || (imported && preceded_by_use))
    })
}

/// Returns the files outside the allowed folders that use one of `names`.
fn offenders(names: &[&str], allowed: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources().iter().filter(|s| !allowed(&s.path)) {
        for name in names {
            if uses(&source.code, name) {
                found.push(format!("src/{} uses {name}", source.path));
            }
        }
    }
    found
}

fn is_pure(path: &str) -> bool {
    ["model", "codec", "merge", "sla", "report", "search", "team"]
        .iter()
        .any(|m| path == format!("{m}.rs") || path.starts_with(&format!("{m}/")))
}

#[test]
fn git2_is_used_only_in_store() {
    let found = offenders(&["git2"], |p| p.starts_with("store/"));
    assert!(found.is_empty(), "git2 outside src/store/: {found:#?}");
}

#[test]
fn terminal_crates_are_used_only_in_cli() {
    let terminal = [
        "clap",
        "clap_complete",
        "clap_mangen",
        "comfy_table",
        "dialoguer",
        "maud",
    ];
    let found = offenders(&terminal, |p| p.starts_with("cli/"));
    assert!(
        found.is_empty(),
        "terminal crates outside src/cli/: {found:#?}"
    );
}

#[test]
fn pure_modules_do_no_io() {
    let io = [
        "std::fs",
        "std::process",
        "std::net",
        "std::io::stdin",
        "git2",
        "crate::store",
        "crate::cli",
        "crate::sync",
        "crate::config",
    ];
    let mut found = Vec::new();
    for source in sources().iter().filter(|s| is_pure(&s.path)) {
        for name in io {
            let (root, rest) = name.split_once("::").unwrap_or((name, ""));
            let hit = if rest.is_empty() {
                uses(&source.code, root)
            } else {
                source.code.contains(name)
            };
            if hit {
                found.push(format!("src/{} uses {name}", source.path));
            }
        }
    }
    assert!(found.is_empty(), "I/O in a pure module: {found:#?}");
}

/// Which modules of the crate each module may import: dependencies point
/// inwards only. `cli` may use everything and is not listed; a new
/// top-level module must be added here (and to docs/architecture.md).
const LAYERS: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("search", &[]),
    ("codec", &["model"]),
    ("sla", &["model"]),
    ("config", &["model"]),
    ("team", &["codec", "model", "sla"]),
    ("merge", &["codec", "model"]),
    ("report", &["model", "sla", "team"]),
    ("store", &["codec", "merge", "model", "search", "team"]),
    ("sync", &["model", "store"]),
    ("mail", &["model", "team"]),
    (
        "ops",
        &[
            "codec", "config", "mail", "merge", "model", "report", "search", "sla", "store",
            "sync", "team",
        ],
    ),
];

/// Returns the top-level module a path under `src/` belongs to.
fn module_of(path: &str) -> &str {
    let first = path.split('/').next().unwrap_or(path);
    first.strip_suffix(".rs").unwrap_or(first)
}

#[test]
fn modules_import_only_inner_layers() {
    let mut found = Vec::new();
    for source in sources() {
        let module = module_of(&source.path);
        if ["lib", "main", "cli"].contains(&module) {
            continue;
        }
        let Some((_, allowed)) = LAYERS.iter().find(|(m, _)| *m == module) else {
            found.push(format!(
                "src/{}: module `{module}` has no entry in LAYERS",
                source.path
            ));
            continue;
        };
        for (at, _) in source.code.match_indices("crate::") {
            let rest = &source.code[at + "crate::".len()..];
            let target: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if target != module && !allowed.contains(&target.as_str()) {
                found.push(format!("src/{} imports crate::{target}", source.path));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(found.is_empty(), "imports against the layering: {found:#?}");
}

/// The checker itself: what counts as a use, and what does not.
#[test]
fn the_import_reader_tells_uses_from_mentions() {
    assert!(uses("use git2::Repository;", "git2"));
    assert!(uses("fn f(r: &git2::Repository) {}", "git2"));
    assert!(uses("extern crate git2;", "git2"));
    assert!(uses("#[derive(clap::Args)]", "clap"));
    assert!(!uses("use clap_complete::Shell;", "clap"));
    assert!(!uses("let mygit2 = 1;", "git2"));
    assert!(!uses(&strip_comments("/// Wraps git2::Error."), "git2"));
    assert!(is_pure("model/ticket/apply.rs"));
    assert!(is_pure("sla.rs"));
    assert!(!is_pure("store/mod.rs"));
    assert_eq!(module_of("store/write.rs"), "store");
    assert_eq!(module_of("sla.rs"), "sla");
}

/// Handlers never import each other: what two commands share lives in
/// `ops` or in a shared CLI module, so each handler can change alone.
#[test]
fn handlers_do_not_import_other_handlers() {
    let handlers: Vec<String> = sources()
        .iter()
        .filter_map(|s| s.path.strip_prefix("cli/commands/"))
        .filter(|p| *p != "mod.rs")
        .map(|p| p.trim_end_matches(".rs").to_string())
        .collect();
    let mut found = Vec::new();
    for source in sources() {
        let Some(own) = source.path.strip_prefix("cli/commands/") else {
            continue;
        };
        if own == "mod.rs" {
            continue;
        }
        let own = own.trim_end_matches(".rs");
        // A unit test module's `use super::*` is its own file's items.
        let code = source.code.split("#[cfg(test)]").next().unwrap_or_default();
        for other in handlers.iter().filter(|h| h.as_str() != own) {
            for pattern in [
                format!("super::{other}::"),
                format!("commands::{other}::"),
                format!("use super::{other}"),
            ] {
                if code.contains(&pattern) {
                    found.push(format!("src/{} uses {pattern}", source.path));
                }
            }
        }
        if code.contains("use super::{") || code.contains("use super::*") {
            found.push(format!("src/{} imports from commands/mod.rs", source.path));
        }
    }
    assert!(found.is_empty(), "handlers importing handlers: {found:#?}");
}

/// Human output reaches the streams only through `Ui` (src/cli/ui/), which
/// writes nothing but sanitized `Doc`s, JSON and asked-for attachment
/// bytes: no other file prints or locks stdout or stderr.
#[test]
fn only_the_ui_writes_to_stdout_and_stderr() {
    let writers = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "stdout().lock",
        "stderr().lock",
        "stdout().write",
        "stderr().write",
    ];
    let mut found = Vec::new();
    for source in sources().iter().filter(|s| !s.path.starts_with("cli/ui/")) {
        let code = source.code.split("#[cfg(test)]").next().unwrap_or_default();
        for writer in writers {
            if code.contains(writer) {
                found.push(format!("src/{} uses {writer}", source.path));
            }
        }
    }
    assert!(found.is_empty(), "output that bypasses Ui: {found:#?}");
}
