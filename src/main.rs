//! The `ladder` binary: parse the arguments, run, map the outcome to an
//! exit code. Everything else is in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = ladder::cli::Args::parse();
    ladder::cli::run(args).into()
}
