//! A certificate authority of the tests' own, made with the `openssl`
//! command: a CA certificate (the PEM file a desk puts in
//! `tk.mail.cafile`) and a server certificate it signed for `127.0.0.1`
//! and `localhost`, with its key, for the mail servers the tests start.
//!
//! Outside CI a missing `openssl` skips the test with a note; with
//! `CI=true` it fails it (`.ci/run` installs `openssl`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The files of a test CA and of the server certificate it signed.
pub struct TestCa {
    /// The CA's certificate (PEM).
    pub ca: PathBuf,
    /// The server's certificate (PEM), for 127.0.0.1 and localhost.
    pub cert: PathBuf,
    /// The server's private key (PEM).
    pub key: PathBuf,
    /// The directory holding them, removed when dropped.
    _dir: tempfile::TempDir,
}

impl TestCa {
    /// Makes the CA and the server certificate in a new temporary
    /// directory, or returns `None` (outside CI) when `openssl` is not
    /// installed.
    pub fn create() -> Option<TestCa> {
        let have = Command::new("openssl")
            .arg("version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !have {
            assert!(
                std::env::var_os("CI").is_none(),
                "openssl is missing: .ci/run installs it with apt-get install -y openssl"
            );
            eprintln!("skipping: openssl is not installed (apt-get install openssl)");
            return None;
        }
        let tempdir = tempfile::Builder::new().prefix("tk-ca-").tempdir().unwrap();
        let dir = tempdir.path();
        let path = |name: &str| dir.join(name);
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        openssl(
            dir,
            &[
                &["req", "-x509"],
                &ec[..],
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=tk test CA",
                    "-addext",
                    "basicConstraints=critical,CA:TRUE",
                    "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign",
                ],
            ]
            .concat(),
        );
        openssl(
            dir,
            &[
                &["req"],
                &ec[..],
                &[
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr",
                    "-subj",
                    "/CN=127.0.0.1",
                ],
            ]
            .concat(),
        );
        std::fs::write(
            path("server.ext"),
            "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n",
        )
        .unwrap();
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "server.ext",
            ],
        );
        Some(TestCa {
            ca: path("ca.pem"),
            cert: path("server.pem"),
            key: path("server.key"),
            _dir: tempdir,
        })
    }
}

/// Runs `openssl ARGS` in `dir` and checks that it succeeded.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("can run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
