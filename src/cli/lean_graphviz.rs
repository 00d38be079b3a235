//! A Graphviz that starts in milliseconds, for drawing many charts.
//!
//! Each chart needs a run of `dot` of its own (several graphs in one run are
//! laid out differently depending on the graphs before them), and most of a
//! run's time is Graphviz starting: about 20 ms, nearly all of it loading
//! its pango/cairo plugin and fontconfig to measure text, against about
//! 5 ms for the layout and the SVG of a whole policy. Without that plugin
//! Graphviz measures text with its own built-in font metrics, so the
//! drawing no longer depends on which fonts the machine has: the same
//! policy gives the same SVG on a council laptop and in CI.
//!
//! `LeanGraphviz` is a private plugin folder (in the system's temporary
//! folder, removed when dropped) holding links to only the two plugins an
//! SVG needs, the dot layout and the core renderers, with their own
//! configuration written by `dot -c`; `dot` is pointed at it through
//! `GVBINDIR`. Where that cannot be made (no symbolic links, an unusual
//! installation), `build` runs the ordinary `dot`, only slower.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The plugin libraries an SVG needs: the `dot` layout and the renderers
/// written in Graphviz itself (SVG among them).
const PLUGINS: [&str; 2] = ["libgvplugin_core", "libgvplugin_dot_layout"];

pub(super) struct LeanGraphviz {
    dir: PathBuf,
}

impl LeanGraphviz {
    /// Makes the plugin folder, or `None` when this Graphviz cannot have
    /// one (the caller then runs the ordinary `dot`).
    pub(super) fn new() -> Option<Self> {
        let libdir = libdir()?;
        let dir = std::env::temp_dir().join(format!("ladder-graphviz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir(&dir).ok()?;
        // From here on, dropping `lean` removes the folder.
        let lean = LeanGraphviz { dir };
        let mut linked = 0;
        for entry in std::fs::read_dir(&libdir).ok()?.flatten() {
            let name = entry.file_name();
            let text = name.to_string_lossy();
            if PLUGINS.iter().any(|p| text.starts_with(&format!("{p}."))) {
                link(&entry.path(), &lean.dir.join(&name)).ok()?;
                linked += 1;
            }
        }
        if linked < PLUGINS.len() {
            return None;
        }
        // `dot -c` writes the configuration of the plugins in GVBINDIR.
        let configured = lean.command().arg("-c").status().ok()?.success();
        // A drawing that works, with nothing said on stderr.
        let probe = lean.dir.join("probe.dot");
        std::fs::write(&probe, "digraph { a -> b }").ok()?;
        let out = lean
            .command()
            .args(["-Tsvg", "-o", "/dev/null"])
            .arg(&probe)
            .stderr(Stdio::piped())
            .output()
            .ok()?;
        (configured && out.status.success() && out.stderr.is_empty()).then_some(lean)
    }

    /// `dot`, pointed at the plugin folder.
    pub(super) fn command(&self) -> Command {
        let mut command = Command::new("dot");
        command.env("GVBINDIR", &self.dir);
        command
    }
}

impl Drop for LeanGraphviz {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Where this Graphviz keeps its plugins, as `dot -v` says (`libdir =
/// "/usr/lib/x86_64-linux-gnu/graphviz"`).
fn libdir() -> Option<PathBuf> {
    let out = Command::new("dot")
        .args(["-v", "-Tsvg"])
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("libdir = "))?;
    let dir = PathBuf::from(line.trim().trim_matches('"'));
    dir.is_dir().then_some(dir)
}

#[cfg(unix)]
fn link(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(from, to)
}

#[cfg(not(unix))]
fn link(_from: &Path, _to: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no symbolic links here"))
}
