//! `tk new` on a real terminal: the prompts for title, type, impact,
//! urgency, category, requester and description, driven through a
//! detached tmux session (its pane is the terminal; keys are sent with
//! `tmux send-keys` once each prompt shows).
//!
//! With `CI=true` a missing tmux fails these tests; elsewhere they are
//! skipped with a note on stderr.

use crate::common::{json, TestEnv};
use std::path::PathBuf;
use std::process::Command;

/// One tmux server on a private socket, running one `tk` command in a
/// detached session; killed when dropped.
struct Tmux {
    socket: PathBuf,
    done: PathBuf,
    stdout: PathBuf,
}

/// Returns whether tmux can be used, or panics in CI when it cannot.
fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tmux is not installed, and CI=true: install it (.ci/run does)"
        );
        eprintln!("note: tmux is not installed; skipping the interactive tk new test");
    }
    found
}

/// Quotes `text` for sh.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

impl Tmux {
    /// Starts `cmd` (a prepared `tk` command: program, arguments,
    /// environment and directory) in a detached 100×30 session, with
    /// stdin and stderr on the pane and stdout in a file.
    fn start(env: &TestEnv, name: &str, cmd: &Command) -> Tmux {
        let root = env.root();
        let socket = root.join(format!("{name}.sock"));
        let done = root.join(format!("{name}.rc"));
        let stdout = root.join(format!("{name}.out"));
        let mut line = String::from("exec env -i TERM=\"$TERM\"");
        for (key, value) in cmd.get_envs() {
            if let Some(value) = value {
                line.push_str(&format!(
                    " {}={}",
                    key.to_string_lossy(),
                    quote(&value.to_string_lossy())
                ));
            }
        }
        line.push(' ');
        line.push_str(&quote(&cmd.get_program().to_string_lossy()));
        for arg in cmd.get_args() {
            line.push(' ');
            line.push_str(&quote(&arg.to_string_lossy()));
        }
        let dir = cmd
            .get_current_dir()
            .expect("tk commands run in a directory");
        let script = env.write_script(
            &format!("{name}.sh"),
            &format!(
                "cd {}\nset +e\n( {line} ) >{}\necho $? >{}.tmp\nmv {}.tmp {}",
                quote(&dir.to_string_lossy()),
                quote(&stdout.to_string_lossy()),
                quote(&done.to_string_lossy()),
                quote(&done.to_string_lossy()),
                quote(&done.to_string_lossy()),
            ),
        );
        let tmux = Tmux {
            socket,
            done,
            stdout,
        };
        let status = tmux
            .command()
            .args(["new-session", "-d", "-s", "tk", "-x", "100", "-y", "30"])
            .arg(format!(
                "sh {}; sleep 600",
                quote(&script.to_string_lossy())
            ))
            .status()
            .expect("can run tmux");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S").arg(&self.socket).args(["-f", "/dev/null"]);
        cmd
    }

    /// Returns what the pane shows.
    fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "tk"])
            .output()
            .expect("can run tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the pane shows `text` (bounded: a prompt that never
    /// comes fails with the screen).
    fn wait_for(&self, text: &str) {
        for _ in 0..600 {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the terminal never showed {text:?}:\n{}", self.screen());
    }

    /// Sends keys (tmux key names like `Enter` and `Down`, or literal
    /// text).
    fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "tk"])
            .args(keys)
            .status()
            .expect("can run tmux send-keys");
        assert!(status.success(), "tmux send-keys failed");
    }

    /// Waits for the command to exit; returns its exit code and stdout.
    fn finish(&self) -> (i32, String) {
        for _ in 0..600 {
            if let Ok(rc) = std::fs::read_to_string(&self.done) {
                let stdout = std::fs::read_to_string(&self.stdout).unwrap_or_default();
                return (rc.trim().parse().expect("an exit code"), stdout);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("tk never exited:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

fn editor(env: &TestEnv, text: &str) -> PathBuf {
    env.write_script("editor.sh", &format!("printf '{text}' > \"$1\""))
}

fn show(env: &TestEnv, id: &str) -> json::Shown {
    env.tk(["show", id, "--json"]).json()
}

#[test]
fn interactive_new_asks_for_everything_then_creates_the_ticket() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    let script = editor(
        &env,
        "Paper jam in tray 2\\n# a comment line\\nsince Monday\\n",
    );
    let mut cmd = env.tk_cmd(["new"]);
    cmd.env("EDITOR", &script);
    let tmux = Tmux::start(&env, "full", &cmd);
    tmux.wait_for("Title");
    tmux.keys(&["Printer on floor 2 jams", "Enter"]);
    tmux.wait_for("Type");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Impact");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Urgency");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Category");
    tmux.keys(&["Down", "Down", "Enter"]);
    tmux.wait_for("Requester (Name <email>) [Test User <test.user@example.com>]");
    tmux.keys(&["Carla Diaz <carla@example.com>", "Enter"]);
    tmux.wait_for("Write a description in the editor?");
    tmux.keys(&["y"]);
    let (rc, stdout) = tmux.finish();
    assert_eq!(rc, 0, "tk new failed:\n{}", tmux.screen());
    let shown = show(&env, stdout.trim());
    assert_eq!(shown.title, "Printer on floor 2 jams");
    assert_eq!(shown.ticket_type, "incident");
    assert_eq!(shown.impact, "high");
    assert_eq!(shown.urgency, "medium");
    assert_eq!(shown.priority, "high");
    assert_eq!(shown.category.as_deref(), Some("hardware"));
    let requester = shown.requester.expect("a requester");
    assert_eq!(requester.email, "carla@example.com");
    assert_eq!(requester.name, "Carla Diaz");
    assert_eq!(
        shown.description.as_deref(),
        Some("Paper jam in tray 2\nsince Monday")
    );
}

#[test]
fn interactive_new_skips_category_and_description_and_enter_takes_you_as_requester() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    let tmux = Tmux::start(&env, "skip", &env.tk_cmd(["new", "--type", "request"]));
    tmux.wait_for("Title");
    tmux.keys(&["Monitor for Fay", "Enter"]);
    tmux.wait_for("Impact");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Urgency");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Category");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Requester");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Write a description in the editor?");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = tmux.finish();
    assert_eq!(rc, 0, "tk new failed:\n{}", tmux.screen());
    let shown = show(&env, stdout.trim());
    assert_eq!(shown.title, "Monitor for Fay");
    assert_eq!(shown.ticket_type, "request", "a given flag is not asked");
    assert_eq!(shown.category, None);
    assert_eq!(shown.description, None);
    assert_eq!(
        shown.requester.expect("a requester").email,
        "test.user@example.com"
    );
}

/// A title given on a terminal still asks for the requester; `--no-input`
/// never asks.
#[test]
fn regression_the_requester_silently_defaulted_to_the_technician_on_a_terminal() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    let tmux = Tmux::start(&env, "titled", &env.tk_cmd(["new", "VPN drops"]));
    tmux.wait_for("Requester (Name <email>) [Test User <test.user@example.com>]");
    tmux.keys(&["dee@example.com", "Enter"]);
    let (rc, stdout) = tmux.finish();
    assert_eq!(rc, 0, "tk new failed:\n{}", tmux.screen());
    let shown = show(&env, stdout.trim());
    assert_eq!(
        shown.requester.expect("a requester").email,
        "dee@example.com"
    );
    assert!(
        !tmux.screen().contains("Category"),
        "only the requester is asked when the title is given"
    );
    drop(tmux);

    let tmux = Tmux::start(
        &env,
        "no-input",
        &env.tk_cmd(["new", "Printer", "--no-input"]),
    );
    let (rc, stdout) = tmux.finish();
    assert_eq!(rc, 0, "tk new --no-input failed:\n{}", tmux.screen());
    assert!(!tmux.screen().contains("Requester"), "{}", tmux.screen());
    let shown = show(&env, stdout.trim());
    assert_eq!(
        shown.requester.expect("a requester").email,
        "test.user@example.com"
    );
}

#[test]
fn new_from_a_template_on_a_terminal_asks_only_for_the_requester() {
    if !tmux_available() {
        return;
    }
    let env = TestEnv::new();
    env.tk(["init", "-q"]).success();
    let tmux = Tmux::start(
        &env,
        "missing",
        &env.tk_cmd(["new", "--template", "onboarding"]),
    );
    let (rc, _) = tmux.finish();
    assert_eq!(
        rc,
        3,
        "an unknown template is not found:\n{}",
        tmux.screen()
    );
    assert!(
        !tmux.screen().contains("Requester"),
        "nothing is asked before the template is found:\n{}",
        tmux.screen()
    );
    drop(tmux);
    env.tk([
        "template",
        "add",
        "onboarding",
        "--title",
        "Onboarding",
        "--child",
        "Laptop",
    ])
    .success();
    let commits = env.commit_count();
    let tmux = Tmux::start(
        &env,
        "template",
        &env.tk_cmd(["new", "--template", "onboarding", "Onboard Fay"]),
    );
    tmux.wait_for("Requester (Name <email>) [Test User <test.user@example.com>]");
    tmux.keys(&["Fay Wong <fay@example.com>", "Enter"]);
    let (rc, stdout) = tmux.finish();
    assert_eq!(rc, 0, "tk new --template failed:\n{}", tmux.screen());
    assert_eq!(env.commit_count(), commits + 1);
    let parent = show(&env, stdout.trim());
    assert_eq!(parent.title, "Onboard Fay");
    assert_eq!(
        parent.requester.expect("a requester").email,
        "fay@example.com"
    );
    let child = show(&env, &parent.linked_from[0].source);
    assert_eq!(child.title, "Laptop");
    assert_eq!(
        child.requester.expect("a requester").email,
        "fay@example.com"
    );
}
