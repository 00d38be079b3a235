//! `ladder completions SHELL` and `ladder man`: a shell completion script
//! (`clap_complete`) and the manual page (`clap_mangen`), both made from the
//! same argument definitions as `--help`, so they cannot fall out of step.

use std::io::Write as _;

use clap::CommandFactory as _;

use super::{Args, Outcome};

pub(super) fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut command = Args::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "ladder", &mut out);
    write(&out)
}

pub(super) fn man() -> Outcome {
    let mut out = Vec::new();
    if clap_mangen::Man::new(Args::command())
        .render(&mut out)
        .is_err()
    {
        return Outcome::Trouble;
    }
    write(&out)
}

fn write(bytes: &[u8]) -> Outcome {
    // A closed pipe (`ladder man | head`) is not worth a panic.
    if std::io::stdout().lock().write_all(bytes).is_err() {
        return Outcome::Trouble;
    }
    Outcome::Clean
}
