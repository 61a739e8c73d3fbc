//! Regression tests for "terminal injection through diagnostics": text
//! from other people's clones (tree entry names, `tk.toml` keys, titles in
//! errors, attachment names) reaches stdout and stderr only sanitized.
//! Control characters become U+FFFD; bidi and zero-width characters are
//! shown as `<U+202E>`.

use crate::common::{CommandOutput, TestEnv};

const TEAMMATE: (&str, &str) = ("Mallory", "mallory@example.com");

/// Fails when any stream of `out` holds a raw ESC, BEL or bidi override.
fn assert_no_raw_controls(out: &CommandOutput) {
    for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}', '\u{200b}'] {
            assert!(!text.contains(bad), "{name} holds a raw {:?}:\n{out}", bad);
        }
    }
}

#[test]
fn regression_terminal_injection_tree_entry_name_in_a_warning() {
    let env = TestEnv::new();
    env.new_ticket("Printer jams", &[]);
    env.commit_with_git("tickets/zz/a\x1b]0;owned\x07b.toml", "junk", TEAMMATE);
    let out = env.tk(["list"]).success();
    assert_no_raw_controls(&out);
    assert!(
        out.stderr
            .contains("warning: skipping tickets/zz/a\u{fffd}]0;owned\u{fffd}b.toml"),
        "{out}"
    );
}

#[test]
fn regression_terminal_injection_tk_toml_key_in_a_warning() {
    let env = TestEnv::new();
    let id = env.new_ticket("Printer jams", &[]);
    let config = env.file_on_ref("tk.toml");
    let hostile = format!("{config}\n\"x\\u001b[2Jy\\u0007\u{202e}\" = 1\n");
    env.commit_with_git("tk.toml", &hostile, TEAMMATE);
    for args in [vec!["list"], vec!["show", &id]] {
        let out = env.tk(&args).success();
        assert_no_raw_controls(&out);
        assert!(
            out.stderr.contains("x\u{fffd}[2Jy\u{fffd}<U+202E>"),
            "tk {args:?}:\n{out}"
        );
    }
}

#[test]
fn regression_terminal_injection_titles_in_the_ambiguous_id_error() {
    let env = TestEnv::new();
    let (a, b) = crate::test_show::colliding_seeds();
    let mut ids = Vec::new();
    for (seed, title) in [(a, "First \x1b[2J\x07"), (b, "Second \u{202e}gnp.exe")] {
        let mut cmd = env.tk_cmd(["new", title]);
        cmd.env("TK_ID_SEED", seed.to_string());
        let out = env.run(cmd).success();
        assert_no_raw_controls(&out);
        ids.push(out.stdout.trim_end().to_string());
    }
    let out = env.tk(["show", &ids[0][..4]]);
    assert_eq!(out.status, 4, "{out}");
    assert_no_raw_controls(&out);
    assert!(
        out.stderr.contains("\"First \u{fffd}[2J\u{fffd}\""),
        "{out}"
    );
    assert!(out.stderr.contains("\"Second <U+202E>gnp.exe\""), "{out}");
}

#[test]
fn regression_terminal_injection_bidi_attachment_name_is_shown_escaped() {
    let env = TestEnv::new();
    let id = env.new_ticket("Invoice", &[]);
    let path = env.root().join("a\u{202e}txt.exe");
    std::fs::write(&path, "MZ").unwrap();
    let attached = env.tk(["attach", &id, path.to_str().unwrap()]).success();
    assert_no_raw_controls(&attached);
    assert!(
        attached.stderr.contains("Attached a<U+202E>txt.exe (2 B)"),
        "{attached}"
    );
    for args in [vec!["attachments", &id], vec!["show", &id]] {
        let out = env.tk(&args).success();
        assert_no_raw_controls(&out);
        assert!(
            out.stdout.contains("a<U+202E>txt.exe"),
            "tk {args:?}:\n{out}"
        );
    }
    // The stored name is unchanged: only its display is escaped.
    let out = env
        .tk(["attachment", "get", &id, "a\u{202e}txt.exe"])
        .success();
    assert_eq!(out.stdout, "MZ");
}

#[test]
fn regression_terminal_injection_colour_survives_sanitizing() {
    let env = TestEnv::new();
    env.new_ticket("Evil \x1b[8mhidden", &["--priority", "critical"]);
    let out = env.tk(["list", "--color=always"]).success();
    // tk's own colour codes stay; the title's escape does not.
    assert!(out.stdout.contains("\x1b["), "{out}");
    assert!(!out.stdout.contains("\x1b[8m"), "{out}");
    assert!(out.stdout.contains("Evil \u{fffd}[8mhidden"), "{out}");
}
