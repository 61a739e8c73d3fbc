//! Handing a mail to the machine's mail system: a sendmail-compatible
//! command (`git config tk.mail.sendmail`, like `/usr/sbin/sendmail -t
//! -i`) that reads one message on stdin and exits 0 once it accepted it.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `command` through `sh -c` with `message` on its stdin; `Ok` once
/// it exited 0, which is when the mail system took the mail.
pub fn sendmail(command: &str, message: &[u8]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tk.mail.sendmail `{command}`: {e}"))?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(message))
        .transpose();
    let output = child
        .wait_with_output()
        .map_err(|e| format!("tk.mail.sendmail `{command}` failed: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or_default().trim().to_string();
        return Err(format!(
            "tk.mail.sendmail `{command}` refused the mail ({}){}",
            output.status,
            if first.is_empty() {
                String::new()
            } else {
                format!(": {first}")
            }
        ));
    }
    written.map_err(|e| format!("cannot write to tk.mail.sendmail `{command}`: {e}"))?;
    Ok(())
}
