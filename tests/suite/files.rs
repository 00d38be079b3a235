//! Reading and writing files: what is read is bounded and never waited on,
//! and what is written keeps what it replaces (permissions, symbolic and
//! hard links, devices, folders that are not ladder's).
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::root;

fn ladder(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A policy without errors but not laid out as `fmt` lays it out.
const UNFORMATTED: &str = r#"// A policy written in a hurry: odd spacing.
policy "Hurried"   board "Example Safeguarding Adults Board" ( ESAB )
days are calendar days
day 1 is the day the concern arose
concern raised by practitioner
actor practitioner "Practitioner"
record case_record "Case record"
stage 1 "Practitioner to practitioner" { start on day 1 // starts at once
conclude    by day 3
record "what was agreed" in case_record by practitioner
resolved : end "Resolved" }
"#;

/// A folder holding an unformatted, otherwise clean policy.
fn unformatted() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = UNFORMATTED.to_owned();
    std::fs::write(dir.path().join("p.ladder"), &text).unwrap();
    (dir, text)
}

#[test]
fn a_fifo_named_ladder_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ladder");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let out = ladder(dir.path(), &["check", "pipe.ladder"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("it is a named pipe (FIFO), not a file"),
        "{}",
        stderr(&out)
    );
    // Found by the folder walk, it is refused the same way.
    let out = ladder(dir.path(), &["check", "."]);
    assert!(stderr(&out).contains("named pipe"), "{}", stderr(&out));
}

#[test]
fn a_device_is_refused_before_it_is_read() {
    let out = ladder(&root(), &["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it is a device"), "{}", stderr(&out));
}

#[test]
fn standard_input_is_read_only_up_to_the_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Endless input: ladder must stop reading and say why; the writer then
    // sees a closed pipe.
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        let block = vec![b' '; 64 * 1024];
        let mut sent = 0usize;
        while stdin.write_all(&block).is_ok() {
            sent += block.len();
            if sent > 64 * 1024 * 1024 {
                break;
            }
        }
        sent
    });
    let out = child.wait_with_output().unwrap();
    let sent = writer.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("longer than the 2097152 bytes"),
        "{}",
        stderr(&out)
    );
    assert!(sent < 16 * 1024 * 1024, "ladder read {sent} bytes");
}

#[test]
fn a_symbolic_link_loop_in_a_folder_is_searched_once() {
    let (dir, _) = unformatted();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    let out = ladder(dir.path(), &["check", ".", "--today", "2026-11-22"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("checked 1 policy"), "{stdout}");
}

#[test]
fn fmt_keeps_permissions_hard_links_and_symbolic_links() {
    let (dir, text) = unformatted();
    let file = dir.path().join("p.ladder");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&file, dir.path().join("hard.ladder")).unwrap();
    std::os::unix::fs::symlink("p.ladder", dir.path().join("link.ladder")).unwrap();
    let out = ladder(dir.path(), &["fmt", "link.ladder"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("link.ladder")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_ne!(formatted, text);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("hard.ladder")).unwrap(),
        formatted,
        "the hard link was broken"
    );
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert_eq!(meta.nlink(), 2);
    // No safety copy is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn fmt_keeps_a_byte_order_mark() {
    let (dir, text) = unformatted();
    let file = dir.path().join("p.ladder");
    std::fs::write(&file, format!("\u{FEFF}{text}")).unwrap();
    let out = ladder(dir.path(), &["fmt", "p.ladder"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let formatted = std::fs::read(&file).unwrap();
    assert!(formatted.starts_with("\u{FEFF}".as_bytes()));
    assert!(!formatted[3..].starts_with("\u{FEFF}".as_bytes()));
    // Formatting again changes nothing: the mark is not text to lay out.
    let out = ladder(dir.path(), &["fmt", "--check", "p.ladder"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn fmt_does_not_rewrite_a_file_with_errors() {
    let (dir, text) = unformatted();
    let file = dir.path().join("p.ladder");
    let broken = text.replacen("in case_record", "in case_file", 1);
    assert_ne!(broken, text, "the fixture changed");
    std::fs::write(&file, &broken).unwrap();
    let out = ladder(dir.path(), &["fmt", "p.ladder"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("so it was not formatted"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn output_onto_a_symbolic_link_or_a_device_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let policy = root().join("policies/halton.ladder");
    let policy = policy.to_str().unwrap();
    std::fs::write(dir.path().join("real.json"), "old").unwrap();
    std::fs::set_permissions(
        dir.path().join("real.json"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    std::os::unix::fs::symlink("real.json", dir.path().join("out.json")).unwrap();
    let out = ladder(dir.path(), &["json", policy, "-o", "out.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(dir.path().join("out.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = std::fs::metadata(dir.path().join("real.json")).unwrap();
    assert!(real.len() > 100);
    assert_eq!(real.permissions().mode() & 0o777, 0o600);
    let out = ladder(dir.path(), &["json", policy, "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn build_refuses_a_folder_that_is_not_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let policy = root().join("policies/halton.ladder");
    let policy = policy.to_str().unwrap();
    std::fs::create_dir(dir.path().join("home")).unwrap();
    std::fs::write(dir.path().join("home/notes.txt"), "mine").unwrap();
    let out = ladder(
        dir.path(),
        &["build", policy, "--out", "home", "--today", "2026-11-22"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not empty and is not an earlier ladder build"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_dir(dir.path().join("home")).unwrap().count(),
        1
    );
    // A new folder is built and marked, and building again is allowed.
    for _ in 0..2 {
        let out = ladder(
            dir.path(),
            &["build", policy, "--out", "site", "--today", "2026-11-22"],
        );
        assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(dir.path().join("site/.ladder-build").is_file());
    }
}

#[test]
fn fmt_of_a_read_only_file_says_so_and_leaves_no_copy() {
    let (dir, text) = unformatted();
    let file = dir.path().join("p.ladder");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = ladder(dir.path(), &["fmt", "p.ladder"]);
    // Root may write to any file; everyone else is refused.
    if out.status.code() == Some(2) {
        assert!(
            stderr(&out).contains("cannot write `p.ladder`"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["p.ladder"]);
}
