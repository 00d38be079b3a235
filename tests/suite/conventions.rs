//! The conventions of a command-line tool: `check --watch` checks again on
//! save, and `completions` and `man` print what shells and `man` read.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::root;

#[test]
fn watch_checks_again_when_a_policy_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ladder");
    let text = std::fs::read_to_string(root().join("policies/halton.ladder")).unwrap();
    std::fs::write(&path, &text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args([
            "check",
            "--watch",
            "p.ladder",
            "--today",
            "2026-11-22",
            "--color",
            "never",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (send, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if send.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let summary = |lines: &mpsc::Receiver<String>| loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("no summary within 30 s");
        if line.starts_with("checked ") {
            return line;
        }
    };
    let first = summary(&lines);
    assert_eq!(first, "checked 1 policy: 0 errors, 2 warnings");
    // Save the policy with a misspelt name: the watch reports it.
    std::fs::write(
        &path,
        text.replacen("led by practitioner", "led by practitoner", 1),
    )
    .unwrap();
    let second = summary(&lines);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(second, "checked 1 policy: 1 error, 2 warnings");
}

#[test]
fn watch_refuses_standard_input() {
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["check", "--watch", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot watch standard input"));
}

#[test]
fn completions_and_the_manual_page_cover_every_command() {
    for (shell, marker) in [
        ("bash", "_ladder()"),
        ("zsh", "#compdef ladder"),
        ("fish", "complete -c ladder"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        for command in ["check", "explain", "timeline", "diff", "completions", "man"] {
            assert!(script.contains(command), "{shell} completes no `{command}`");
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .arg("man")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    assert!(page.contains(".TH ladder 1"));
    for command in ["check", "explain", "completions"] {
        assert!(
            page.contains(&format!("ladder\\-{command}")),
            "the manual names no `{command}`"
        );
    }
    // `man` itself reads it, when it is installed.
    if let Ok(rendered) = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        use std::io::Write as _;
        let mut rendered = rendered;
        rendered
            .stdin
            .take()
            .unwrap()
            .write_all(page.as_bytes())
            .unwrap();
        let out = rendered.wait_with_output().unwrap();
        if out.status.success() {
            assert!(String::from_utf8_lossy(&out.stdout).contains("escalation procedures"));
        }
    }
}

#[test]
fn explain_prints_text_on_a_terminal_and_markdown_into_a_pipe() {
    let ladder = env!("CARGO_BIN_EXE_ladder");
    let piped = Command::new(ladder)
        .args(["explain", "L070"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&piped.stdout).starts_with("## L070 stale-acceptance\n"));
    // `script` gives the command a terminal (util-linux; present on Debian).
    let Ok(on_terminal) = Command::new("script")
        .args(["-qec", &format!("{ladder} explain L070"), "/dev/null"])
        .stdin(Stdio::null())
        .output()
    else {
        eprintln!("note: no `script` here to give ladder a terminal; skipped");
        return;
    };
    let text = String::from_utf8_lossy(&on_terminal.stdout).replace('\r', "");
    assert!(
        text.starts_with("L070 stale-acceptance\n=====================\n"),
        "{text}"
    );
    assert!(!text.contains("```") && !text.contains("**"), "{text}");
}
