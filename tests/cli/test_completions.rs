use crate::common::{json, TestEnv};
use std::path::Path;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "tk.bash"),
    ("zsh", "_tk"),
    ("fish", "tk.fish"),
    ("powershell", "_tk.ps1"),
    ("elvish", "tk.elv"),
];

#[test]
fn committed_completion_scripts_are_up_to_date() {
    // Regenerate with: cargo xtask assets
    let env = TestEnv::without_repo();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let out = env.tk(["completions", shell]).success();
        assert_eq!(out.stderr, "");
        assert!(out.stdout.contains("tk"), "{shell} script mentions tk");
        let committed = std::fs::read_to_string(dir.join(file))
            .unwrap_or_else(|e| panic!("completions/{file}: {e}"));
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: run `cargo xtask assets`"
        );
    }
}

#[test]
fn completions_outside_a_repository_and_as_json() {
    let env = TestEnv::without_repo();
    let doc: json::Completions = env.tk(["completions", "fish", "--json"]).json();
    assert_eq!(doc.shell, "fish");
    assert!(doc.script.contains("complete -c tk"));
    insta::assert_snapshot!(env.tk(["completions", "tcsh"]), @r"
        ------- stderr -------
        error: invalid value 'tcsh' for '<SHELL>'
          [possible values: bash, elvish, fish, powershell, zsh]

          tip: a similar value exists: 'zsh'

        For more information, try '--help'.
        [exit status: 2]
        ");
}

#[test]
fn committed_man_pages_are_up_to_date() {
    // Regenerate with: cargo xtask assets
    let env = TestEnv::without_repo();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut names: Vec<Option<String>> = vec![None];
    names.extend(
        tk::cli::command()
            .get_subcommands()
            .map(|c| Some(c.get_name().to_string())),
    );
    for name in &names {
        let (file, args) = match name {
            None => ("tk.1".to_string(), vec!["man".to_string()]),
            Some(n) => (format!("tk-{n}.1"), vec!["man".to_string(), n.clone()]),
        };
        let out = env.tk(&args).success();
        let committed =
            std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|e| panic!("man/{file}: {e}"));
        assert!(
            committed == out.stdout,
            "man/{file} is stale: run cargo xtask assets"
        );
    }
    let committed = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        committed,
        names.len(),
        "man/ holds a page for each command and no other"
    );
    let out = env.tk(["man", "nosuch"]);
    assert_eq!(out.status, 2, "{out}");
}
