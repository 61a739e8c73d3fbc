//! `tk edit` keeps a refused edit, as `git commit` keeps a message, and an
//! editor that cannot run is named.

use crate::common::TestEnv;

/// An invalid `tk edit` threw the whole edit away.
#[test]
fn invalid_edit_keeps_the_text_and_names_the_file() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env(
        "EDITOR",
        "sed -i -e 's/^urgency = .*/urgency = \"extreme\"/' -e 's/^title = .*/title = \"VPN drops at night\"/'",
    );
    let out = env.run(cmd);
    assert_eq!(out.status, 2, "{out}");
    let kept = env.repo().join(format!(".git/tk/edit-{id}.toml"));
    assert!(out.stderr.contains("invalid edit, nothing saved"), "{out}");
    assert!(
        out.stderr.contains(&format!(".git/tk/edit-{id}.toml")),
        "{out}"
    );
    assert!(out.stderr.contains("--from"), "{out}");
    let text = std::fs::read_to_string(&kept).expect("the edit is kept");
    assert!(text.contains("urgency = \"extreme\""), "{text}");
    assert!(text.contains("VPN drops at night"), "{text}");
    // Starting from the kept text, only the mistake needs fixing.
    let mut again = env.tk_cmd(["edit", &id, "--from", kept.to_str().unwrap(), "--json"]);
    again.env("EDITOR", "sed -i 's/extreme/high/'");
    let fixed: serde_json::Value = env.run(again).json();
    assert_eq!(fixed["title"], "VPN drops at night");
    assert_eq!(fixed["urgency"], "high");
}

/// `EDITOR=nonexistent tk …` said only "No such file or directory".
#[test]
fn missing_editor_is_named() {
    let env = TestEnv::new();
    let id = env.new_ticket("VPN drops", &[]);
    let mut cmd = env.tk_cmd(["edit", &id]);
    cmd.env("EDITOR", "nonexistent-editor --wait");
    let out = env.run(cmd);
    assert_eq!(out.status, 1, "{out}");
    assert!(
        out.stderr
            .contains("error: cannot run the editor `nonexistent-editor --wait`: not found"),
        "{out}"
    );
    assert!(out.stderr.contains("hint: set $VISUAL or $EDITOR"), "{out}");
}
