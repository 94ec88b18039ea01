//! The `crosscheck` binary: parse the command line, run, map to an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    crosscheck::cli::main()
}
