//! The docs' shell examples run: every ```` ```sh ```` block of README.md
//! and docs/*.md is executed by bash in a scratch repository, so a doc
//! cannot promise what tk does not do.
//!
//! Each file gets its own scratch repository (with an `origin` that is a
//! local bare repository, so `tk sync` and plain `git fetch` work) and one
//! bash process: its blocks run in order with `set -euo pipefail`, each
//! starting in the repository, so a variable like `$id` set by one block
//! is there for the next, as it would be for a reader typing them in. A
//! `tk` wrapper first on `PATH` pins the clock: command N runs at
//! `TK_NOW` = 2026-11-23T09:00Z plus N minutes with `TK_ID_SEED` = N,
//! unless the example sets `TK_NOW` or `TK_ID_SEED` itself.
//!
//! Markers, HTML comments on the lines right before a block (visible in
//! the doc's source, invisible on a rendered page):
//! - `<!-- not run: REASON -->` skips the block; the reason is required.
//! - `<!-- setup: COMMAND -->` runs COMMAND first (a file the example
//!   reads, say).
//! - `<!-- args: ARGS -->` marks a block that is a script (it starts with
//!   `#!`): it is saved to a file and run with ARGS, like a reader would.
//! - `<!-- output: next block -->` says the block prints exactly what the
//!   next fenced block of the doc shows (a whole file, say).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The doc files whose examples run; a test below keeps the list whole.
const DOCS: &[&str] = &[
    "README.md",
    "docs/architecture.md",
    "docs/contributing.md",
    "docs/environment.md",
    "docs/exit-codes.md",
    "docs/file-format.md",
    "docs/first-day.md",
    "docs/json.md",
    "docs/links-attachments.md",
    "docs/mail.md",
    "docs/performance.md",
    "docs/reliability.md",
    "docs/reports.md",
    "docs/search.md",
    "docs/service-desk.md",
    "docs/sync.md",
];

/// What to do with one block.
#[derive(Debug, PartialEq)]
enum Mode {
    /// Run it inline in the file's shell.
    Run,
    /// Save it as a script and run it with these arguments.
    Script(String),
    /// Skip it, for this reason.
    NotRun(String),
}

/// One ```` ```sh ```` block.
#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    mode: Mode,
    setup: Vec<String>,
    code: String,
    /// What the block must print, from an `output:` marker.
    expected: Option<String>,
}

fn marker<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    inner.strip_prefix(name).map(str::trim)
}

/// Returns the sh blocks of a markdown text with their markers.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut mode = Mode::Run;
    let mut setup = Vec::new();
    let mut expect_output = false;
    let mut lines = text.lines().enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        if let Some(reason) = marker(line, "not run:") {
            mode = Mode::NotRun(reason.to_string());
        } else if let Some(command) = marker(line, "setup:") {
            setup.push(command.to_string());
        } else if let Some(args) = marker(line, "args:") {
            mode = Mode::Script(args.to_string());
        } else if marker(line, "output: next block").is_some() {
            expect_output = true;
        } else if line.trim_end() == "```sh" {
            let mut code = String::new();
            for (_, body) in lines.by_ref() {
                if body.trim_end() == "```" {
                    break;
                }
                code.push_str(body);
                code.push('\n');
            }
            let expected = std::mem::take(&mut expect_output).then(|| {
                // The next fenced block, of any kind, after prose.
                let mut shown = String::new();
                let mut inside = false;
                for (_, body) in lines.by_ref() {
                    if body.starts_with("```") {
                        if inside {
                            break;
                        }
                        inside = true;
                    } else if inside {
                        shown.push_str(body);
                        shown.push('\n');
                    }
                }
                shown
            });
            out.push(Block {
                line: index + 1,
                mode: std::mem::replace(&mut mode, Mode::Run),
                setup: std::mem::take(&mut setup),
                code,
                expected,
            });
        } else if line.starts_with("```") {
            // Another kind of block: skip its body, so a ```` ```sh ````
            // shown inside it is not taken for an example.
            for (_, body) in lines.by_ref() {
                if body.trim_end() == "```" {
                    break;
                }
            }
            mode = Mode::Run;
            setup.clear();
            expect_output = false;
        } else if !line.trim().is_empty() {
            // A marker belongs to the block right after it.
            mode = Mode::Run;
            setup.clear();
            expect_output = false;
        }
    }
    out
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed in {}", dir.display());
}

/// Returns bash's single-quoted form of `text`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The `tk` wrapper: the real binary with the next pinned clock and seed.
const WRAPPER: &str = r#"#!/bin/sh
# Two tk in one pipeline start together: the counter moves under a lock,
# so no two commands share a seed (and so a ticket id).
exec 9>>"$TK_DOC_COUNTER.lock"
flock 9
n=$(( $(cat "$TK_DOC_COUNTER") + 1 ))
echo "$n" > "$TK_DOC_COUNTER"
flock -u 9
exec 9>&-
if [ -z "${TK_NOW:-}" ]; then
  TK_NOW=$(date -u -d "@$(( 1795424400 + n * 60 ))" +%Y-%m-%dT%H:%M:%SZ)
  export TK_NOW
fi
if [ -z "${TK_ID_SEED:-}" ]; then
  TK_ID_SEED=$n
  export TK_ID_SEED
fi
exec "$TK_DOC_BIN" "$@"
"#;

/// Runs the examples of one doc file and panics with the failing block's
/// line and output when one fails.
fn run_doc(doc: &str) {
    let text = std::fs::read_to_string(repo_root().join(doc)).expect("the doc exists");
    let blocks = blocks(&text);
    let temp = tempfile::Builder::new()
        .prefix("tk-docs-")
        .tempdir()
        .expect("can create a temp dir");
    let root = temp.path().canonicalize().expect("temp dir has a path");
    let (home, bin, repo, remote) = (
        root.join("home"),
        root.join("bin"),
        root.join("repo"),
        root.join("remote.git"),
    );
    for dir in [&home, &bin, &repo, &root.join("tmp")] {
        std::fs::create_dir_all(dir).expect("can create dirs in the temp dir");
    }
    git(&root, &["init", "-q", "--bare", "remote.git"]);
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["config", "user.name", "Test User"]);
    git(&repo, &["config", "user.email", "test.user@example.com"]);
    let remote_path = remote.to_str().expect("the temp dir path is UTF-8");
    git(&repo, &["remote", "add", "origin", remote_path]);
    std::fs::write(bin.join("tk"), WRAPPER).expect("can write the wrapper");
    {
        use std::os::unix::fs::PermissionsExt;
        let mut perms = std::fs::metadata(bin.join("tk")).unwrap().permissions();
        perms.set_mode(0o755);
        std::fs::set_permissions(bin.join("tk"), perms).unwrap();
    }
    std::fs::write(root.join("counter"), "0\n").unwrap();

    let mut script = String::from("set -euo pipefail\n");
    script.push_str("trap 'echo \"doc-test: failed at $TK_DOC_BLOCK (status $?)\" >&2' ERR\n");
    let mut ran = 0;
    for (number, block) in blocks.iter().enumerate() {
        let label = format!("{doc}:{}", block.line);
        if let Mode::NotRun(reason) = &block.mode {
            assert!(!reason.is_empty(), "{label}: `not run:` needs a reason");
            continue;
        }
        ran += 1;
        script.push_str(&format!(
            "TK_DOC_BLOCK={}\ncd \"$TK_DOC_REPO\"\necho \"doc-test: running $TK_DOC_BLOCK\" >&2\n",
            quote(&label)
        ));
        for command in &block.setup {
            script.push_str(command);
            script.push('\n');
        }
        let output_file = root.join(format!("output-{number}.txt"));
        if block.expected.is_some() {
            script.push_str("{\n");
        }
        match &block.mode {
            Mode::Run => script.push_str(&block.code),
            Mode::Script(args) => {
                assert!(
                    block.code.starts_with("#!"),
                    "{label}: `args:` marks a script, which starts with #!"
                );
                let path = root.join(format!("script-{number}.sh"));
                std::fs::write(&path, &block.code).unwrap();
                script.push_str(&format!(
                    "sh {} {args}\n",
                    quote(path.to_str().expect("the temp dir path is UTF-8"))
                ));
            }
            Mode::NotRun(_) => unreachable!("skipped above"),
        }
        if block.expected.is_some() {
            script.push_str(&format!(
                "}} > {}\n",
                quote(output_file.to_str().expect("the temp dir path is UTF-8"))
            ));
        }
        script.push('\n');
    }
    if ran == 0 {
        return;
    }
    script.push_str("echo 'doc-test: all blocks ran' >&2\n");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut paths = vec![bin.clone()];
    paths.extend(std::env::split_paths(&path));
    let output = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(&repo)
        .env_clear()
        .env("PATH", std::env::join_paths(paths).unwrap())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("TMPDIR", root.join("tmp"))
        .env("TZ", "UTC")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CEILING_DIRECTORIES", &root)
        .env("EDITOR", "true")
        .env("TK_DOC_BIN", env!("CARGO_BIN_EXE_tk"))
        .env("TK_DOC_COUNTER", root.join("counter"))
        .env("TK_DOC_REPO", &repo)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.contains("doc-test: all blocks ran"),
        "an example of {doc} failed ({}):\n--- stdout ---\n{}\n--- stderr ---\n{stderr}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
    );
    for (number, block) in blocks.iter().enumerate() {
        if let Some(expected) = &block.expected {
            let printed = std::fs::read_to_string(root.join(format!("output-{number}.txt")))
                .expect("the block ran and its output was saved");
            assert_eq!(
                printed, *expected,
                "{doc}:{}: the example prints something else than the doc shows",
                block.line
            );
        }
    }
}

#[test]
fn every_doc_is_checked() {
    let mut found = vec!["README.md".to_string()];
    for entry in std::fs::read_dir(repo_root().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            found.push(format!("docs/{name}"));
        }
    }
    found.sort();
    let mut listed: Vec<String> = DOCS.iter().map(|d| d.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "add the new doc to DOCS in test_docs.rs");
}

#[test]
fn markers_belong_to_the_block_after_them() {
    let text = "<!-- not run: needs a host -->\n```sh\ntk sync\n```\n\ntext\n<!-- setup: touch f -->\n\n```sh\ncat f\n```\n<!-- not run: x -->\nprose\n```sh\ntrue\n```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].mode, Mode::NotRun("needs a host".into()));
    assert_eq!(found[0].code, "tk sync\n");
    assert_eq!(found[1].setup, ["touch f"]);
    assert_eq!(found[2].mode, Mode::Run, "prose between cancels a marker");
}

#[test]
fn docs_cite_no_file_outside_the_repository() {
    for doc in DOCS {
        let text = std::fs::read_to_string(repo_root().join(doc)).unwrap();
        for needle in ["../shared", "DESIGN.md", "STYLE.md", "/work/"] {
            assert!(!text.contains(needle), "{doc} cites `{needle}`");
        }
    }
}

macro_rules! doc_tests {
    ($($name:ident => $doc:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_doc($doc);
            }
        )*
    };
}

doc_tests! {
    readme_examples_run => "README.md",
    environment_examples_run => "docs/environment.md",
    exit_codes_examples_run => "docs/exit-codes.md",
    file_format_examples_run => "docs/file-format.md",
    first_day_examples_run => "docs/first-day.md",
    json_examples_run => "docs/json.md",
    performance_examples_run => "docs/performance.md",
    contributing_examples_run => "docs/contributing.md",
    reliability_examples_run => "docs/reliability.md",
    search_examples_run => "docs/search.md",
    reports_examples_run => "docs/reports.md",
    service_desk_examples_run => "docs/service-desk.md",
    sync_examples_run => "docs/sync.md",
}

// Regression tests for what the docs promised and tk did not do (or did
// differently); each is named for the promise.

/// docs/sync.md and docs/links-attachments.md promise a note, printed as a
/// `warning:` line and written in the merge commit, when two clones attach
/// different bytes under one name.
#[test]
fn same_name_attachment_on_two_clones_is_a_sync_warning() {
    let (_env, clones) = crate::common::TestEnv::with_clones(&["alice", "bob"]);
    let (alice, bob) = (&clones[0], &clones[1]);
    let id = alice.new_ticket("VPN drops", &[]);
    alice.tk(["sync"]).success();
    bob.tk(["sync"]).success();
    std::fs::write(alice.path().join("router.log"), "alice's log\n").unwrap();
    std::fs::write(bob.path().join("router.log"), "bob's log\n").unwrap();
    alice.tk(["attach", &id, "router.log"]).success();
    bob.tk(["attach", &id, "router.log"]).success();
    alice.tk(["sync"]).success();
    let out = bob.tk(["sync"]);
    let note = format!(
        "attachments/{id}/router.log was attached on both sides; kept the later attachment"
    );
    assert!(out.stderr.contains(&format!("warning: {note}")), "{out}");
    let message = bob.git(["log", "-1", "--format=%B", crate::common::TICKETS_REF]);
    assert!(message.contains(&note), "{message}");
}
