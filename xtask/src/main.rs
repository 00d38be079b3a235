//! Build tasks for ladder, run as `cargo xtask TASK` (the alias is in
//! `.cargo/config.toml`).
//!
//! `cargo xtask editor --out DIR` builds the browser editor into DIR: a
//! folder with nothing to install and nothing fetched from the network,
//! for any static web host or opened straight from the disk. It builds
//! the library for `wasm32-unknown-unknown` in release (`--features wasm`),
//! runs `wasm-bindgen` (it must be the exact version of the `wasm-bindgen`
//! crate in `Cargo.lock`, or the two do not fit), installs the page's npm
//! packages from `xtask/editor/package-lock.json` with `npm ci`, and
//! bundles the page with esbuild, the five shipped policies embedded as
//! examples.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("editor") => parse_out(&args[1..]).and_then(|out| editor(&out)),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: cargo xtask editor --out DIR\n\n  editor   build the browser editor (WebAssembly, wasm-bindgen, esbuild) into DIR";

fn parse_out(args: &[String]) -> Result<PathBuf, String> {
    match args {
        [flag, dir] if flag == "--out" => Ok(PathBuf::from(dir)),
        [flag] if flag.starts_with("--out=") => Ok(PathBuf::from(&flag["--out=".len()..])),
        _ => Err(USAGE.to_owned()),
    }
}

/// The repository: the folder above this crate.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// Runs a program, failing with what it was when it does not succeed.
fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(OsStr::to_string_lossy)
            .collect::<Vec<_>>()
            .join(" ")
    );
    eprintln!("running {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn editor(out: &Path) -> Result<(), String> {
    let started = Instant::now();
    let root = root();
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let version = locked_version(&root, "wasm-bindgen")?;
    check_wasm_bindgen(&version)?;

    // The library alone, as a cdylib, without the command line. Checking
    // after every keystroke must fit in a frame, so the code is optimised
    // for speed (opt-level 3 checked the largest policy about twice as fast
    // as "s", for a module still far under the size budget), and LTO with
    // one codegen unit makes it smaller.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    run(Command::new(&cargo)
        .current_dir(&root)
        .args([
            "rustc",
            "--release",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--no-default-features",
            "--features",
            "wasm",
            "--crate-type",
            "cdylib",
        ])
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "3")
        .env("CARGO_PROFILE_RELEASE_LTO", "true")
        .env("CARGO_PROFILE_RELEASE_PANIC", "abort")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "1"))?;
    let wasm = target.join("wasm32-unknown-unknown/release/ladder.wasm");

    let generated = target.join("editor-gen");
    if generated.exists() {
        std::fs::remove_dir_all(&generated)
            .map_err(|e| format!("cannot clear `{}`: {e}", generated.display()))?;
    }
    run(Command::new("wasm-bindgen")
        .arg(&wasm)
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "ladder",
            "--out-dir",
        ])
        .arg(&generated))?;
    write(&generated.join("examples.json"), &examples(&root)?)?;

    let page = root.join("xtask/editor");
    if !page.join("node_modules/.package-lock.json").exists() {
        run(Command::new("npm")
            .current_dir(&page)
            .args(["ci", "--no-audit", "--no-fund"])
            .env("PUPPETEER_SKIP_DOWNLOAD", "1"))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    run(Command::new("node")
        .current_dir(&page)
        .arg("build.mjs")
        .arg(&generated)
        .arg(absolute(out)?))?;
    for file in ["index.html", "editor.css"] {
        std::fs::copy(page.join("src").join(file), out.join(file))
            .map_err(|e| format!("cannot copy `{file}` into `{}`: {e}", out.display()))?;
    }
    report_size("ladder's WebAssembly", &generated.join("ladder_bg.wasm"));
    report_size("the page's script (everything)", &out.join("editor.js"));
    eprintln!(
        "built the editor into {} in {:.0} s: open index.html, or put the folder on any web host",
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Prints a file's size, raw and as a web server would send it gzipped
/// (when `gzip` is there to ask).
fn report_size(what: &str, path: &Path) {
    let raw = std::fs::metadata(path).map_or(0, |m| m.len());
    let gzipped = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout.len());
    let kib = |n: u64| format!("{} KiB", n.div_ceil(1024));
    match gzipped {
        Some(z) => eprintln!("{what}: {} ({} gzipped)", kib(raw), kib(z as u64)),
        None => eprintln!("{what}: {}", kib(raw)),
    }
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path).map_err(|e| format!("cannot find `{}`: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// The version of a package in `Cargo.lock`.
fn locked_version(root: &Path, name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == wanted
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err(format!("`{name}` is not in Cargo.lock"))
}

/// `wasm-bindgen` must be the same version as the crate, or its output
/// does not fit the module.
fn check_wasm_bindgen(version: &str) -> Result<(), String> {
    let install = format!(
        "install it with `cargo install --locked wasm-bindgen-cli --version {version}` (or run `bash .ci/setup-editor.sh`)"
    );
    let output = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .map_err(|_| format!("`wasm-bindgen` is not on the PATH: {install}"))?;
    let found = String::from_utf8_lossy(&output.stdout);
    let found = found.trim();
    if found == format!("wasm-bindgen {version}") {
        Ok(())
    } else {
        Err(format!(
            "`wasm-bindgen --version` says `{found}`, but the crate in Cargo.lock is {version}: {install}"
        ))
    }
}

/// The shipped policies as the page's example menu: name, title, text.
fn examples(root: &Path) -> Result<String, String> {
    let dir = root.join("policies");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ladder"))
        .collect();
    paths.sort();
    let mut items = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let title = board(&text).unwrap_or_else(|| name.clone());
        items.push(format!(
            "{{\"name\":{},\"title\":{},\"text\":{}}}",
            json_string(&name),
            json_string(&title),
            json_string(&text)
        ));
    }
    Ok(format!("[{}]\n", items.join(",\n")))
}

/// The board a policy names on its `board "..."` line, for the menu.
fn board(text: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix("board \""))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
